// The search view: full text plus facets (origin, entity, place, dates), the hits with their
// matches marked, and facet counts over the hits that narrow the search in one click.

import {getJSON} from "./api.js";
import {el, errorBox, originChip, plural, replace, route} from "./dom.js";

const FIELDS = ["q", "origin", "entity", "place", "from", "to"];
const LIMIT = 50;

/** Render the search for `params` (URLSearchParams of the route) into `view`. */
export async function showSearch(view, params) {
  const filters = Object.fromEntries(FIELDS.map((field) => [field, params.get(field) || ""]));
  const results = el("div", {class: "results"}, el("p", {class: "loading"}, "Searching…"));
  const facets = el("aside", {class: "facets"});
  replace(view, el("div", {class: "search-layout"}, searchForm(filters), facets, results));

  const corpusEntities = getJSON("entities", {limit: 12}).catch(() => null);
  let answer;
  try {
    answer = await getJSON("search", {...filters, limit: LIMIT});
  } catch (error) {
    replace(results, errorBox(error, "the search"));
    return;
  }
  const hits = answer.hits || [];
  const any = FIELDS.some((field) => filters[field]);
  replace(results,
    el("p", {class: "summary"}, hits.length ? `${plural(hits.length, "page")}${hits.length === LIMIT ? " (the first)" : ""}`
      + (any ? "" : ", newest first") : "No page matches.",
    any ? [" · ", el("a", {href: route("report", {q: filters.q, from: filters.from, to: filters.to})},
      "Where do things stand? (report)")] : null),
    el("ol", {class: "hits"}, hits.map(hitItem)));
  replace(facets, facetPanel(filters, hits, await corpusEntities));
}

function searchForm(filters) {
  const input = (name, label, attrs = {}) => el("label", {}, label,
    el("input", {name, value: filters[name], ...attrs}));
  return el("form", {class: "search-form", role: "search", onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = route("search", Object.fromEntries(FIELDS.map((field) => [field, (data.get(field) || "").trim()])));
  }},
  input("q", "Text", {type: "search", placeholder: "words, \"a phrase\", OR", class: "wide"}),
  input("origin", "Origin", {placeholder: "Reuters"}),
  input("entity", "Entity", {placeholder: "a name"}),
  input("place", "Place", {placeholder: "a place"}),
  input("from", "From", {type: "date"}),
  input("to", "To", {type: "date"}),
  el("button", {type: "submit"}, "Search"));
}

function hitItem(hit) {
  return el("li", {class: "hit", dataset: {page: hit.page_id}},
    el("a", {class: "hit-title", href: route(`page/${hit.page_id}`)}, hit.title || hit.page_id),
    el("div", {class: "meta"}, hit.date || "no date", " · ",
      (hit.origins && hit.origins.length ? hit.origins : [null]).map((origin) => originChip(origin)),
      " · ", el("code", {}, hit.source)),
    el("p", {class: "snippet"}, markedSnippet(hit.snippet || "", hit.marks || [])),
    matchedNote(hit.matched));
}

/** "matched Sievierodonetsk for Severodonetsk": the store's other spellings a typed name found here. */
function matchedNote(matched) {
  const pairs = (Array.isArray(matched) ? matched : []).filter((pair) => pair && pair.found && pair.for);
  return pairs.length ? el("p", {class: "matched hint"}, pairs.map((pair, i) => [i ? "; " : "", "matched ",
    el("strong", {}, pair.found), ` for ${pair.for}`])) : null;
}

/** The snippet as text nodes, each [start, end) of `marks` in a <mark>. */
function markedSnippet(snippet, marks) {
  const parts = [];
  let at = 0;
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > snippet.length || start >= end) continue;  // overlapping or stray marks are not drawn
    parts.push(snippet.slice(at, start), el("mark", {}, snippet.slice(start, end)));
    at = end;
  }
  parts.push(snippet.slice(at));
  return parts;
}

function facetPanel(filters, hits, corpusEntities) {
  const link = (field, value) => route("search", {...filters, [field]: value});
  const active = FIELDS.filter((field) => field !== "q" && filters[field]);
  const count = (values) => {
    const counts = new Map();
    for (const value of values) if (value) counts.set(value, (counts.get(value) || 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  };
  const origins = count(hits.flatMap((hit) => hit.origins || []));
  const days = count(hits.map((hit) => hit.date)).sort((a, b) => String(b[0]).localeCompare(String(a[0])));
  const entities = corpusEntities && Array.isArray(corpusEntities.entities) ? corpusEntities.entities : [];
  return [
    active.length ? el("section", {class: "facet"}, el("h2", {}, "Filters"),
      el("ul", {}, active.map((field) => el("li", {}, `${field}: ${filters[field]} `,
        el("a", {href: link(field, ""), class: "remove", title: `Remove the ${field} filter`}, "✕"))))) : null,
    el("section", {class: "facet"}, el("h2", {}, "Origins in these pages"),
      origins.length ? el("ul", {}, origins.map(([origin, n]) => el("li", {},
        el("a", {href: link("origin", origin)}, originChip(origin)), ` ${n}`))) : el("p", {class: "hint"}, "none")),
    el("section", {class: "facet"}, el("h2", {}, "Days"),
      days.length ? el("ul", {}, days.slice(0, 12).map(([day, n]) => el("li", {},
        el("a", {href: route("search", {...filters, from: day, to: day})}, day), ` ${n}`)))
        : el("p", {class: "hint"}, "none")),
    entities.length ? el("section", {class: "facet"}, el("h2", {}, "Most named in the corpus"),
      el("ul", {}, entities.map((entity) => el("li", {},
        el("a", {href: link(entity.type === "PLACE" ? "place" : "entity", entity.label)}, entity.label),
        el("span", {class: "hint"}, ` ${entity.type} · ${plural(entity.pages, "page")}`))))) : null,
  ];
}
