// The desk's shared window: the words and dates (q, from, to) a view shows carry over to the other
// views through the masthead's links, so a window picked on the timeline (a drag) is the window the
// search, the map and the report open with.

import {route} from "./dom.js";

/** The shared part of a view's filters. */
export function sharedFilters(params) {
  return {q: params.get("q") || "", from: params.get("from") || "", to: params.get("to") || ""};
}

/** Point the masthead's view links at `filters` ({q, from, to}; empty values are left out). */
export function carryFilters(filters) {
  for (const link of document.querySelectorAll("nav.views a[data-view]")) {
    link.setAttribute("href", route(link.dataset.view, {q: filters.q, from: filters.from, to: filters.to}));
  }
}
