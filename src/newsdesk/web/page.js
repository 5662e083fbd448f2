// The page view: the page's text exactly as read, in its stories (each with where it came from),
// noise dimmed, names, quotes, claims and dates coloured, a legend that toggles each layer, and the
// passage a link pointed at (?start=&end=) highlighted and scrolled into view.

import {getJSON} from "./api.js";
import {el, errorBox, originChip, originColour, plural, replace, route} from "./dom.js";
import {LAYERS, claimValue, claimantOf, collectSpans, cutAtBoundaries, storyBlocks} from "./spans.js";

/** Render page `id` into `view`; `params` may carry start/end of a passage to show. */
export async function showPage(view, id, params) {
  replace(view, el("p", {class: "loading"}, `Loading page ${id}…`));
  let page;
  try {
    page = await getJSON(`pages/${encodeURIComponent(id)}`);
  } catch (error) {
    replace(view, errorBox(error, `page ${id}`));
    return;
  }
  const analysis = page.analysis;
  if (!analysis || typeof analysis.text !== "string") {
    replace(view, errorBox(new Error("the answer has no analysis text"), `page ${id}`));
    return;
  }
  const passage = passageOf(params, analysis.text.length);
  const {spans, invalid} = collectSpans(analysis);
  const textBox = el("article", {class: "page-text", "aria-label": "Page text"});
  const inspector = el("div", {class: "inspector", "aria-live": "polite"},
    el("p", {class: "hint"}, "Hover over a coloured span to see what it is; click it to pin the details here."));
  renderText(textBox, analysis, spans, passage, inspector);

  const layout = el("div", {class: "page-layout"},
    el("div", {class: "page-main"}, pageHeader(page, analysis, invalid), legend(spans, textBox), textBox),
    el("aside", {class: "page-side"}, inspector, storyList(analysis), entityList(analysis, textBox),
      quoteList(analysis, id), claimList(analysis, id), eventList(analysis, id), reusePanel(id)));
  replace(view, layout);
  if (passage) {
    const first = textBox.querySelector(".passage");
    if (first) first.scrollIntoView({block: "center"});
  }
}

function passageOf(params, length) {
  const start = Number.parseInt(params.get("start") || "", 10);
  const end = Number.parseInt(params.get("end") || "", 10);
  if (!Number.isInteger(start) || !Number.isInteger(end)) return null;
  // A link into a changed page must not draw outside its text: clip, and drop an empty range.
  const from = Math.max(0, Math.min(start, length));
  const to = Math.max(0, Math.min(end, length));
  return to > from ? {start: from, end: to} : null;
}

function pageHeader(page, analysis, invalid) {
  const sources = page.sources && page.sources.length ? page.sources : [analysis.source].filter(Boolean);
  const flags = analysis.flags || [];
  return el("header", {class: "page-header"},
    el("h1", {}, page.title || "(untitled page)"),
    el("p", {class: "meta"},
      page.date ? el("span", {class: "date"}, page.date) : el("span", {class: "date"}, "no date"),
      " · ", (page.origins && page.origins.length ? page.origins : [null]).map((origin) => originChip(origin)),
      " · ", el("span", {class: "page-id"}, `page ${page.id}`)),
    page.url ? el("p", {class: "meta"}, "URL: ", el("a", {href: page.url, rel: "noopener noreferrer"}, page.url)) : null,
    sources.length ? el("p", {class: "meta sources"}, `${plural(sources.length, "source")}: `,
      sources.map((source, i) => [i ? ", " : "", el("code", {}, source)])) : null,
    flags.length ? el("p", {class: "meta flags"}, "Defects: ",
      flags.map((flag, i) => [i ? ", " : "",
        el("a", {href: route(`page/${page.id}`, {start: flag.start, end: flag.end}),
          title: `characters ${flag.start}–${flag.end}`}, flag.kind.replace(/_/g, " "))])) : null,
    invalid.length ? el("p", {class: "error"},
      `${plural(invalid.length, "span")} of this analysis point outside its text and are not drawn.`) : null);
}

/** The legend: one entry a layer with its sample, its count and a switch that hides it. */
function legend(spans, textBox) {
  const counts = new Map();
  for (const span of spans) counts.set(span.layer, (counts.get(span.layer) || 0) + 1);
  return el("div", {class: "legend", "aria-label": "Legend"},
    LAYERS.map((layer) => {
      const count = counts.get(layer.id) || 0;
      const toggle = el("input", {type: "checkbox", checked: true, "aria-label": `show ${layer.label}`,
        onchange: (event) => textBox.classList.toggle(`hide-${layer.id}`, !event.target.checked)});
      return el("label", {class: ["legend-item", count ? null : "empty"], "data-layer": layer.id},
        toggle, el("span", {class: `seg ${layer.id}`}, layer.sample), ` ${layer.label} `,
        el("span", {class: "count"}, String(count)));
    }));
}

function renderText(textBox, analysis, spans, passage, inspector) {
  const text = analysis.text;
  const marks = passage ? [...spans, {start: passage.start, end: passage.end, layer: "passage",
    describe: `the passage linked to (characters ${passage.start}–${passage.end})`}] : spans;
  for (const block of storyBlocks(analysis)) {
    const body = el("div", {class: "story-text"});
    for (const piece of cutAtBoundaries(marks, block.start, block.end)) {
      const chunk = text.slice(piece.start, piece.end);
      if (!piece.spans.length) {
        body.append(document.createTextNode(chunk));
        continue;
      }
      const layers = [...new Set(piece.spans.map((span) => span.layer))];
      const cue = piece.spans.find((span) => span.layer === "cue");
      const entityIds = [...new Set(piece.spans.filter((span) => span.entity).map((span) => span.entity))];
      const seg = el("span", {
        class: ["seg", ...layers],
        title: piece.spans.map((span) => span.describe).join("\n"),
        dataset: {start: String(piece.start), end: String(piece.end), entities: entityIds.join(" ")},
        style: cue ? {"--origin": originColour(cue.origin)} : {},
      }, chunk);
      seg.addEventListener("click", () => inspect(inspector, text, piece));
      body.append(seg);
    }
    textBox.append(block.story ? storyBlock(block, body, text) : el("section", {class: "story outside",
      title: "text outside every story (page furniture before, between or after the reports)"}, body));
  }
}

function storyBlock(block, body, text) {
  const {story, index} = block;
  const evidence = (story.evidence || []).map((cue) =>
    `${cue.kind} → ${cue.agency} (weight ${cue.weight})` +
    (Number.isInteger(cue.start) ? `: “${text.slice(cue.start, cue.end)}”` : ""));
  const dateline = story.dateline ? [story.dateline.place, story.dateline.date, story.dateline.agency]
    .filter(Boolean).join(", ") : null;
  return el("section", {class: "story", style: {"--origin": originColour(story.origin)},
    dataset: {story: String(index + 1), origin: story.origin || ""}},
  el("div", {class: "story-label", title: evidence.length ? `Evidence:\n${evidence.join("\n")}`
    : "No cue names where this story came from"},
  el("span", {class: "story-number"}, `Story ${index + 1}`), " ", originChip(story.origin),
  story.title ? el("span", {class: "story-title"}, ` ${story.title}`) : null,
  dateline ? el("span", {class: "dateline"}, ` · dateline: ${dateline}`) : null,
  evidence.length ? el("span", {class: "evidence"}, ` · ${plural(evidence.length, "cue")}`) : null),
  body);
}

function inspect(inspector, text, piece) {
  replace(inspector, el("h3", {}, `Characters ${piece.start}–${piece.end}`),
    el("blockquote", {}, text.slice(piece.start, piece.end)),
    el("ul", {}, piece.spans.map((span) => el("li", {class: `seg-kind ${span.layer}`},
      span.describe, el("span", {class: "offsets"}, ` [${span.start}, ${span.end})`)))));
}

function section(title, items, empty) {
  return el("section", {class: "side-section"}, el("h2", {}, title, " ", el("span", {class: "count"},
    String(items.length))), items.length ? el("ul", {}, items) : el("p", {class: "hint"}, empty));
}

function storyList(analysis) {
  return section("Stories", (analysis.stories || []).map((story, i) => el("li", {},
    el("span", {class: "story-number"}, `${i + 1}.`), " ", originChip(story.origin), " ",
    el("span", {class: "excerpt"}, excerpt(analysis.text, story.start, story.end, 70)))), "No stories.");
}

function entityList(analysis, textBox) {
  const entities = [...(analysis.entities || [])].sort((a, b) => b.mentions.length - a.mentions.length);
  return section("Entities", entities.map((entity) => el("li", {},
    el("button", {type: "button", class: ["entity-button", (entity.type || "").toLowerCase()],
      title: "Outline its mentions in the text",
      onclick: () => {
        for (const node of textBox.querySelectorAll(".selected")) node.classList.remove("selected");
        const marked = [...textBox.querySelectorAll(".seg[data-entities]")]
          .filter((node) => node.dataset.entities.split(" ").includes(entity.id));
        for (const node of marked) node.classList.add("selected");
        if (marked.length) marked[0].scrollIntoView({block: "center"});
      }}, entity.label),
    ` ${entity.type} ×${entity.mentions.length} `,
    el("a", {href: route("search", {entity: entity.label}), title: "Pages that name it"}, "pages"),
    entity.type === "PLACE" && entity.lat !== null && entity.lat !== undefined
      ? [" · ", el("a", {href: route("map", {place: entity.label}), title: "On the map"}, "map")] : null)),
  "No names found.");
}

function quoteList(analysis, id) {
  const entities = new Map((analysis.entities || []).map((entity) => [entity.id, entity.label]));
  return section("Quotes", (analysis.quotes || []).map((quote) => el("li", {},
    el("strong", {}, entities.get(quote.speaker) || quote.speaker_text || "unknown speaker"),
    ` (${quote.kind}): `,
    el("a", {href: route(`page/${id}`, {start: quote.start, end: quote.end})},
      excerpt(analysis.text, quote.start, quote.end, 90)))), "No quotes.");
}

function claimList(analysis, id) {
  const entities = new Map((analysis.entities || []).map((entity) => [entity.id, entity.label]));
  const nameOf = (key) => entities.get(key) || null;
  return section("Claims", (analysis.claims || []).map((claim) => el("li", {},
    el("a", {href: route(`page/${id}`, {start: claim.start, end: claim.end})}, claimValue(claim)),
    claimantOf(claim, nameOf) ? ` — ${claimantOf(claim, nameOf)}` : "",
    claim.same_as ? el("span", {class: "hint"}, ` (repeats ${claim.same_as})`) : null)), "No numeric claims.");
}

function eventList(analysis, id) {
  const events = [...(analysis.events || [])].sort((a, b) => String(a.date).localeCompare(String(b.date)));
  return section("Events", events.map((event) => el("li", {},
    el("span", {class: "date"}, event.date || "undated"), " ",
    el("a", {href: route(`page/${id}`, {start: event.start, end: event.end})}, event.what || "(event)"))),
  "No dated events.");
}

/** Passages shared with other pages (GET /reuse/{id}), when the server offers it. */
function reusePanel(id) {
  const box = el("section", {class: "side-section reuse", hidden: true});
  getJSON(`reuse/${encodeURIComponent(id)}`).then((answer) => {
    const passages = Array.isArray(answer.passages) ? answer.passages : [];
    const items = passages.map((passage) => {
      const other = passage.other_page_id || passage.page_id || passage.source_page_id || passage.b_page_id;
      const start = passage.other_start ?? passage.b_start;
      const end = passage.other_end ?? passage.b_end;
      const here = passage.start ?? passage.a_start;
      const hereEnd = passage.end ?? passage.a_end;
      return el("li", {},
        Number.isInteger(here) ? el("a", {href: route(`page/${id}`, {start: here, end: hereEnd})},
          `here ${here}–${hereEnd}`) : "a passage",
        other ? [" ↔ ", el("a", {href: route(`page/${other}`, Number.isInteger(start) ? {start, end} : {})},
          `page ${other}`)] : null,
        passage.direction ? ` (${passage.direction})` : null,
        Number.isFinite(passage.similarity) ? ` ${Math.round(passage.similarity * 100)}% alike` : null);
    });
    replace(box, el("h2", {}, "Shared passages ", el("span", {class: "count"}, String(items.length))),
      items.length ? el("ul", {}, items) : el("p", {class: "hint"}, "No passage shared with another page."));
    box.hidden = false;
  }).catch(() => {
    // /reuse is optional in the API: without it the panel stays hidden.
  });
  return box;
}

/** Up to `limit` characters of text[start:end], cut at a word, with an ellipsis when cut. */
export function excerpt(text, start, end, limit) {
  const piece = text.slice(start, end).replace(/\s+/g, " ").trim();
  if (piece.length <= limit) return piece;
  const cut = piece.slice(0, limit);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), limit * 0.6))}…`;
}
