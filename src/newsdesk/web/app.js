// The web desk: hash routes to views, each drawn from the newsdesk HTTP API of the same server.
//   #/search?q=&origin=&entity=&place=&from=&to=   search with facets
//   #/page/ID?start=&end=                           one page, the passage start..end highlighted
//   #/map?q=&from=&to=&place=                       places on the Natural Earth basemap
//   #/timeline?q=&from=&to=                         pages, events and claims on a time axis; a drag
//                                                   picks the window the other views then show
//   #/report?q=&from=&to=                           where things stand, every sentence sourced

import {el, errorBox, replace, route} from "./dom.js";
import {carryFilters, sharedFilters} from "./filters.js";
import {showMap} from "./map.js";
import {showPage} from "./page.js";
import {showReport} from "./report.js";
import {showSearch} from "./search.js";
import {showTimeline} from "./timeline.js";

/** "#/page/abc?start=1&end=9" → {view: "page", arg: "abc", params}. */
export function parseRoute(hash) {
  const raw = hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?", 2);
  const [view = "", ...rest] = path.split("/");
  return {view: view || "search", arg: rest.map(decodeURIComponent).join("/"), params: new URLSearchParams(query)};
}

const VIEWS = {
  search: (view, {params}) => showSearch(view, params),
  page: (view, {arg, params}) => showPage(view, arg, params),
  map: (view, {params}) => showMap(view, params),
  timeline: (view, {params}) => showTimeline(view, params),
  report: (view, {params}) => showReport(view, params),
};

async function render() {
  const view = document.getElementById("view");
  const current = parseRoute(location.hash);
  for (const link of document.querySelectorAll("nav.views a")) {
    link.classList.toggle("active", link.dataset.view === current.view);
  }
  const quick = document.querySelector("#quick-search input[name=q]");
  if (quick && current.params.has("q") && document.activeElement !== quick) quick.value = current.params.get("q");
  const show = VIEWS[current.view];
  if (!show) {
    replace(view, el("p", {class: "error"}, `No view called “${current.view}”. `,
      el("a", {href: route("search")}, "Back to search")));
    return;
  }
  document.body.dataset.view = current.view;
  // The page view has no window of its own: the links keep the one the reader came with.
  if (current.view !== "page") carryFilters(sharedFilters(current.params));
  try {
    await show(view, current);
  } catch (error) {
    // A bug in a view must still leave a readable desk, with the reason.
    replace(view, errorBox(error, `the ${current.view} view`));
    throw error;
  } finally {
    document.body.dataset.ready = current.view;
  }
}

document.getElementById("quick-search").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = new FormData(event.target).get("q").trim();
  location.hash = route("search", {q});
});

window.addEventListener("hashchange", () => {
  delete document.body.dataset.ready;
  render();
});
if (!location.hash) history.replaceState(null, "", route("search"));
render();
