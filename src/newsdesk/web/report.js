// The report view: "where do things stand on <query>", the situation report of GET /report
// (newsdesk.report/1, built by newsdesk.report). Every line is a sentence as a source wrote it;
// each carries numbered links to the passages behind it, opening the page view with the passage
// highlighted. Figures that disagree are shown side by side, each with its claimant.

import {getJSON} from "./api.js";
import {el, errorBox, originChip, plural, replace, route} from "./dom.js";

/** Render the report for `params` (q, from, to) into `view`. */
export async function showReport(view, params) {
  const filters = {q: params.get("q") || "", from: params.get("from") || "", to: params.get("to") || ""};
  const body = el("div", {class: "report-body"});
  replace(view, el("div", {class: "report-layout"}, reportForm(filters), body));
  if (!filters.q) {
    replace(body, el("p", {class: "hint"}, "Ask where things stand on a subject (a place, a person, an event): "
      + "the desk gathers what the corpus says on it, and every sentence links to the passages it comes from."));
    return;
  }
  replace(body, el("p", {class: "loading"}, "Writing the report…"));
  let report;
  try {
    report = await getJSON("report", filters);
  } catch (error) {
    replace(body, errorBox(error, "the report"));
    return;
  }
  replace(body, renderReport(report));
}

function reportForm(filters) {
  return el("form", {class: "search-form report-form", onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = route("report", {q: (data.get("q") || "").trim(), from: data.get("from"), to: data.get("to")});
  }},
  el("label", {}, "Where do things stand on",
    el("input", {name: "q", type: "search", value: filters.q, class: "wide", placeholder: "a subject"})),
  el("label", {}, "From", el("input", {name: "from", type: "date", value: filters.from})),
  el("label", {}, "To", el("input", {name: "to", type: "date", value: filters.to})),
  el("button", {type: "submit"}, "Report"));
}

/** The report as DOM: counts, then disagreements, places, actors, events and claims. */
export function renderReport(report) {
  const numbering = {next: 1};  // source links are numbered through the whole report, like footnotes
  const window = [report.date_from ? `from ${report.date_from}` : null, report.date_to ? `to ${report.date_to}` : null]
    .filter(Boolean).join(" ");
  const head = [
    el("h1", {}, `Where things stand: ${report.query}`),
    el("p", {class: "meta"}, `${plural(report.pages_matched || 0, "page")} matched, ${report.pages_used || 0} used`,
      window ? `, ${window}` : "", "."),
  ];
  if (report.empty) {
    return el("article", {class: "report"}, head, el("p", {class: "hint"},
      `Nothing to report${report.message ? `: ${report.message}` : ""}.`));
  }
  const list = (items, draw) => el("ul", {class: "report-items"}, items.map((item) => draw(item, numbering)));
  return el("article", {class: "report"}, head,
    section("contradictions", "Figures that disagree", report.contradictions,
      (items) => el("div", {class: "conflicts"}, items.map((item) => contradiction(item, numbering)))),
    section("places", "Where things stand: places", report.places,
      (items) => items.map((subject) => subjectBlock(subject, numbering))),
    section("actors", "Where things stand: actors", report.actors,
      (items) => items.map((subject) => subjectBlock(subject, numbering))),
    section("events", "Events", report.events, (items) => list(items, eventLine)),
    section("claims", "Claims", report.claims, (items) => list(items, claimLine)));
}

function section(key, title, items, draw) {
  if (!Array.isArray(items) || !items.length) return null;
  return el("section", {class: "report-section", dataset: {section: key}},
    el("h2", {}, title, " ", el("span", {class: "count"}, String(items.length))), draw(items));
}

function subjectBlock(subject, numbering) {
  const facet = subject.type === "PLACE" ? {place: subject.label} : {entity: subject.label};
  return el("div", {class: "subject"},
    el("h3", {}, subject.label, " ", el("span", {class: "hint"},
      `${subject.type.toLowerCase()} · ${plural(subject.pages, "page")} · ${plural(subject.mentions, "mention")} · `),
    el("a", {href: route("search", facet), class: "hint"}, "pages"),
    subject.type === "PLACE" ? [el("span", {class: "hint"}, " · "),
      el("a", {href: route("map", {place: subject.label}), class: "hint"}, "map")] : null),
    (subject.sentences || []).length
      ? el("ul", {class: "report-items"}, subject.sentences.map((sentence) => sentenceLine(sentence, numbering)))
      : el("p", {class: "hint"}, "named only in sentences listed under another subject"));
}

function sentenceLine(sentence, numbering, ...before) {
  return el("li", {class: "report-sentence"},
    sentence.date ? el("span", {class: "date"}, `${sentence.date} `) : null,
    before, sentence.text, " ", origins(sentence), confirmed(sentence.confirmations),
    sourceLinks(sentence, numbering));
}

/** How many independent origins carry a line (copies of one passage count once). */
function confirmed(count) {
  return Number.isFinite(count) && count > 1
    ? el("span", {class: "confirmed"}, `confirmed by ${count} independent origins `) : null;
}

function eventLine(event, numbering) {
  const line = sentenceLine(event, numbering);
  const also = Array.isArray(event.also) ? event.also : [];
  if (also.length) {
    line.append(el("ul", {class: "report-also"}, also.map((other) => sentenceLine(other, numbering,
      el("span", {class: "hint"}, "also: ")))));
  }
  return line;
}

function claimLine(claim, numbering) {
  return sentenceLine(claim, numbering, el("strong", {class: "figure"}, claim.figure), " ",
    el("span", {class: "claimant"}, claimantText(claim)), ": ");
}

function claimantText(claim) {
  if (claim.claimant) return `— ${claim.claimant}`;
  return claim.reported_by ? `— reported by ${claim.reported_by}` : "— claimant unknown";
}

function contradiction(item, numbering) {
  const sides = Array.isArray(item.claims) ? item.claims : [];
  return el("div", {class: "conflict"},
    el("p", {class: "conflict-about"}, item.thing,
      Number.isFinite(item.difference) ? el("span", {class: "hint"}, ` · figures differ by ${Math.round(item.difference * 100)}%`)
        : null),
    el("div", {class: "sides"}, sides.map((claim) => el("div", {class: "side"},
      el("p", {class: "figure"}, claim.figure),
      el("p", {class: "claimant"}, claimantText(claim).replace(/^— /, ""),
        claim.date ? ` · ${claim.date}` : null, " ", origins(claim)),
      el("p", {class: "side-sentence"}, claim.text, " ", sourceLinks(claim, numbering))))));
}

function origins(sentence) {
  const names = Array.isArray(sentence.origins) ? sentence.origins : [];
  return names.length ? el("span", {class: "origins"}, names.map((origin) => originChip(origin)), " ") : null;
}

/** The sentence's sources ({page_id, start, end}) as numbered links to their passages. */
function sourceLinks(item, numbering) {
  const sources = (Array.isArray(item.sources) ? item.sources : []).filter((source) => source && source.page_id);
  const links = sources.map((source) => {
    const number = numbering.next;
    numbering.next += 1;
    const where = Number.isInteger(source.start) && Number.isInteger(source.end)
      ? {start: source.start, end: source.end} : {};
    return el("a", {class: "source-link", href: route(`page/${source.page_id}`, where),
      title: `page ${source.page_id}${where.start !== undefined ? `, characters ${where.start}–${where.end}` : ""}`},
    `[${number}]`);
  });
  return links.length ? el("span", {class: "sources"}, links.flatMap((link, i) => (i ? [" ", link] : [link]))) : null;
}
