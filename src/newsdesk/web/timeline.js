// The timeline: pages as bars on a real time axis (a day, a week or a month a bar, whichever stays
// readable at the view's width), events and claims as marks in lanes under it, the whole window in
// the width of the view. A drag across the chart picks a window: its pages are listed under the
// chart, and the search, map and report the desk opens next show that window (filters.js).
// Plain SVG drawn here: a chart library would be the desk's largest asset for one chart.

import {getJSON} from "./api.js";
import {el, errorBox, plural, replace, route, svg} from "./dom.js";
import {carryFilters} from "./filters.js";

const DAY = 86_400_000;
const MARGIN = {top: 22, right: 18, left: 56};
const PLOT = 170;        // height of the page bars
const LANES = [
  {key: "events", label: "Events", colour: "#37b24d"},
  {key: "claims", label: "Claims", colour: "#f08c00"},
];
const PAGES_COLOUR = "#1c7ed6";
const LANE_GAP = 24;     // from the axis (and its labels) to the first lane, then between lanes
const AXIS_LABELS = 30;  // room for the tick labels (date, and the year under it)
const TICK_GAP = 72;     // least room a tick label needs, in pixels
const MIN_BAR = 3;       // a bar narrower than this would vanish: bars then hold a week, or a month
const PREVIEW = 10;      // pages of a picked window listed under the chart

/** Render the timeline for `params` (q; from and to set the window shown) into `view`. */
export async function showTimeline(view, params) {
  const filters = {q: params.get("q") || "", from: params.get("from") || "", to: params.get("to") || ""};
  const chartBox = el("div", {class: "chart"}, el("p", {class: "loading"}, "Loading the timeline…"));
  const panel = el("section", {class: "window-panel", "aria-live": "polite"});
  replace(view, el("div", {class: "timeline-layout"}, timelineForm(filters), legend(), chartBox, panel));
  let answer;
  try {
    answer = await getJSON("timeline", filters);
  } catch (error) {
    replace(chartBox, errorBox(error, "the timeline"));
    return;
  }
  const days = (answer.days || []).filter((day) => isDay(day.date));
  if (!days.length) {
    replace(chartBox, el("p", {class: "hint"}, "No dated page, event or claim matches."));
    return;
  }
  const state = {picked: null, previewing: 0};
  const pick = (window) => {
    state.picked = window;
    showWindow(panel, window, days, filters, state);
  };
  const draw = () => {
    // The chart is as wide as its box: the whole window in view, never a horizontal scroll.
    const width = Math.max(320, Math.floor(chartBox.clientWidth - 2 * 10));
    replace(chartBox, chart(days, filters, width, state, pick));
  };
  draw();
  let queued = false;
  const resized = new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      if (chartBox.isConnected) draw();
      else resized.disconnect();
    });
  });
  resized.observe(chartBox);
  showWindow(panel, null, days, filters, state);
}

function timelineForm(filters) {
  return el("form", {class: "search-form", onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = route("timeline", {q: data.get("q"), from: data.get("from"), to: data.get("to")});
  }},
  el("label", {}, "Pages about", el("input", {name: "q", type: "search", value: filters.q, placeholder: "any"})),
  el("label", {}, "From", el("input", {name: "from", type: "date", value: filters.from})),
  el("label", {}, "To", el("input", {name: "to", type: "date", value: filters.to})),
  el("button", {type: "submit"}, "Show"));
}

function legend() {
  return el("div", {class: "legend"},
    el("span", {class: "legend-item"}, el("span", {class: "swatch", style: {"--swatch": PAGES_COLOUR}}), " Pages (bars)"),
    LANES.map((lane) => el("span", {class: "legend-item"},
      el("span", {class: "swatch round", style: {"--swatch": lane.colour}}), ` ${lane.label} (marks)`)),
    el("span", {class: "legend-item hint"}, "Drag across the chart to pick a window; click a bar to pick it."));
}

// ------------------------------------------------------------------------------------------ dates

function isDay(text) {
  return typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text);
}

/** "2024-03-11" → its midnight, UTC, in ms (every date of the desk is a calendar day, no zone). */
export function parseDay(text) {
  const [y, m, d] = text.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

export function formatDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function addMonths(ms, n) {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + n, 1);
}

/** The first midnight ≥ ms that starts a `unit` (a Monday for weeks, the 1st for months). */
function unitStart(ms, unit, n = 1) {
  if (unit === "day") return ms;
  if (unit === "week") return ms + ((8 - new Date(ms).getUTCDay()) % 7) * DAY;
  const date = new Date(ms);
  let month = date.getUTCFullYear() * 12 + date.getUTCMonth() + (date.getUTCDate() > 1 ? 1 : 0);
  month += (n - (month % n)) % n;  // 3-monthly ticks on quarters, yearly ones on January
  return Date.UTC(Math.floor(month / 12), month % 12, 1);
}

function unitNext(ms, unit, n = 1) {
  if (unit === "day") return ms + n * DAY;
  if (unit === "week") return ms + 7 * n * DAY;
  return addMonths(ms, n);
}

/** Tick steps, finest first: the axis takes the finest whose labels do not crowd. */
const STEPS = [["day", 1], ["day", 2], ["day", 3], ["week", 1], ["week", 2], ["month", 1], ["month", 2],
  ["month", 3], ["month", 6], ["month", 12], ["month", 24], ["month", 60], ["month", 120]];

/**
 * Ticks for the window [start, end) (ms) drawn `width` pixels wide: {unit: "day"|"week"|"month",
 * step, ticks: [ms]}, the finest step that leaves each label TICK_GAP pixels.
 */
export function timeTicks(start, end, width) {
  const most = Math.max(2, Math.floor(width / TICK_GAP));
  let found = null;
  for (const [unit, step] of STEPS) {
    const ticks = [];
    for (let at = unitStart(start, unit, step); at <= end; at = unitNext(at, unit, step)) ticks.push(at);
    found = {unit, step, ticks};
    if (ticks.length <= most) break;
  }
  return found;
}

/** The bar a day falls in: a day, else its week (from Monday), else its month, by the room a bar has. */
export function binUnit(start, end, width) {
  const perDay = width / Math.max(1, (end - start) / DAY);
  if (perDay >= MIN_BAR) return "day";
  return perDay * 7 >= MIN_BAR ? "week" : "month";
}

function binOf(ms, unit) {
  if (unit === "day") return ms;
  if (unit === "week") return ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A tick's label: [main line, the year under it when it is the first tick or a new year]. */
function tickLabel(ms, unit, step, previous) {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const newYear = previous === null || new Date(previous).getUTCFullYear() !== year;
  if (unit === "month" && step >= 12) return [String(year), ""];
  const main = unit === "month" ? MONTHS[date.getUTCMonth()] : `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  return [main, newYear ? String(year) : ""];
}

/** Round numbers for the y axis: 0 … top in 4–5 steps of 1, 2 or 5 × 10^k. */
export function ticks(most) {
  if (most <= 0) return [0, 1];
  const rough = most / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const whole = Math.max(1, step);
  const out = [];
  for (let value = 0; value < most + whole; value += whole) out.push(value);
  return out;
}

// ------------------------------------------------------------------------------------------ the chart

function chart(days, filters, width, state, pick) {
  const dated = days.map((day) => ({...day, at: parseDay(day.date)}));
  // The window: the route's from..to when given (a zoom), else the first to the last dated day.
  const start = filters.from && isDay(filters.from) ? parseDay(filters.from) : Math.min(...dated.map((d) => d.at));
  const end = (filters.to && isDay(filters.to) ? parseDay(filters.to) : Math.max(...dated.map((d) => d.at))) + DAY;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const x = (ms) => MARGIN.left + (plotWidth * (Math.min(Math.max(ms, start), end) - start)) / (end - start);
  const dayAt = (px) => {
    const share = Math.min(Math.max((px - MARGIN.left) / plotWidth, 0), 0.999999);
    return start + Math.floor((share * (end - start)) / DAY) * DAY;
  };
  const axisY = MARGIN.top + PLOT;
  const laneY = (i) => axisY + AXIS_LABELS + LANE_GAP * (i + 0.5);
  const height = laneY(LANES.length - 1) + LANE_GAP;

  const unit = binUnit(start, end, plotWidth);
  const bins = new Map();
  for (const day of dated) {
    const key = binOf(day.at, unit);
    const bin = bins.get(key) || {start: key, end: unitNext(key, unit), pages: 0, events: 0, claims: 0};
    for (const field of ["pages", "events", "claims"]) bin[field] += Number(day[field]) || 0;
    bins.set(key, bin);
  }
  const scale = ticks(Math.max(1, ...[...bins.values()].map((bin) => bin.pages)));
  const top = scale[scale.length - 1];
  const y = (value) => axisY - (PLOT * value) / top;
  const axis = timeTicks(start, end, plotWidth);

  const root = svg("svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img", class: "timeline",
    "aria-label": `Pages a ${unit}, events and claims a day, ${formatDay(start)} to ${formatDay(end - DAY)}`,
    dataset: {start: formatDay(start), end: formatDay(end - DAY), unit: axis.unit, step: String(axis.step),
      bin: unit}});
  root.append(svg("rect", {x: MARGIN.left, y: MARGIN.top, width: plotWidth, height: height - MARGIN.top,
    class: "brush-area"}));
  for (const value of scale) {
    root.append(svg("line", {x1: MARGIN.left, x2: width - MARGIN.right, y1: y(value), y2: y(value), class: "grid"}),
      svg("text", {x: MARGIN.left - 6, y: y(value) + 4, "text-anchor": "end", class: "axis"}, String(value)));
  }
  root.append(svg("text", {x: MARGIN.left, y: MARGIN.top - 8, class: "axis"}, `pages a ${unit}`));

  let previous = null;
  for (const at of axis.ticks) {
    const [main, year] = tickLabel(at, axis.unit, axis.step, previous);
    previous = at;
    root.append(svg("g", {class: "tick", dataset: {date: formatDay(at)}},
      svg("line", {x1: x(at), x2: x(at), y1: MARGIN.top, y2: axisY + 5, class: "tick-line"}),
      svg("text", {x: x(at), y: axisY + 17, "text-anchor": "middle", class: "axis"}, main),
      year ? svg("text", {x: x(at), y: axisY + 29, "text-anchor": "middle", class: "axis year"}, year) : null));
  }

  for (const bin of [...bins.values()].sort((a, b) => a.start - b.start)) {
    const left = x(bin.start);
    const right = x(bin.end);
    const last = formatDay(Math.min(bin.end, end) - DAY);
    const first = formatDay(Math.max(bin.start, start));
    const what = first === last ? first : `${first} – ${last}`;
    const group = svg("g", {class: "bin", tabindex: 0, role: "button", dataset: {from: first, to: last,
      pages: String(bin.pages)}, "aria-label": `${what}: ${plural(bin.pages, "page")}; pick this ${unit}`},
    svg("title", {}, `${what}\n${plural(bin.pages, "page")}, ${plural(bin.events, "event")}, `
      + plural(bin.claims, "claim")),
    svg("rect", {x: left, y: y(bin.pages), width: Math.max(1, right - left - (right - left > 4 ? 1 : 0)),
      height: Math.max(0, axisY - y(bin.pages)), fill: PAGES_COLOUR, class: "bar pages"}));
    group.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      choose({from: first, to: last});
    });
    root.append(group);
  }
  root.append(svg("line", {x1: MARGIN.left, x2: width - MARGIN.right, y1: axisY, y2: axisY, class: "baseline"}));

  LANES.forEach((lane, i) => {
    const most = Math.max(1, ...dated.map((day) => Number(day[lane.key]) || 0));
    root.append(svg("text", {x: MARGIN.left - 6, y: laneY(i) + 4, "text-anchor": "end", class: "axis lane-label"},
      lane.label),
    svg("line", {x1: MARGIN.left, x2: width - MARGIN.right, y1: laneY(i), y2: laneY(i), class: "lane"}));
    for (const day of dated) {
      const count = Number(day[lane.key]) || 0;
      if (!count || day.at < start || day.at >= end) continue;
      root.append(svg("circle", {cx: x(day.at + DAY / 2), cy: laneY(i), r: 2.5 + 5 * Math.sqrt(count / most),
        fill: lane.colour, class: `mark ${lane.key}`, dataset: {date: day.date, count: String(count)}},
      svg("title", {}, `${day.date}: ${plural(count, lane.label.toLowerCase().replace(/s$/, ""))}`)));
    }
  });

  // The brush: a drag between two points picks the days they span; a click (no drag) the bar under it.
  const selection = svg("rect", {x: 0, y: MARGIN.top, width: 0, height: height - MARGIN.top, class: "brush",
    visibility: "hidden"});
  root.append(selection);
  const show = (a, b) => {
    selection.setAttribute("x", String(Math.min(a, b)));
    selection.setAttribute("width", String(Math.abs(b - a)));
    selection.setAttribute("visibility", "visible");
  };
  function choose(window, announce = true) {
    show(x(parseDay(window.from)), x(parseDay(window.to) + DAY));
    selection.dataset.from = window.from;
    selection.dataset.to = window.to;
    if (announce) pick(window);
  }
  if (state.picked) choose(state.picked, false);  // a redraw (the view resized) keeps the pick
  const localX = (event) => event.clientX - root.getBoundingClientRect().left;
  let drag = null;
  root.addEventListener("pointerdown", (event) => {
    const at = localX(event);
    if (event.button !== 0 || at < MARGIN.left || at > MARGIN.left + plotWidth) return;
    event.preventDefault();
    drag = {from: at, to: at};
    root.setPointerCapture(event.pointerId);
    show(at, at);
  });
  root.addEventListener("pointermove", (event) => {
    if (!drag) return;
    drag.to = Math.min(Math.max(localX(event), MARGIN.left), MARGIN.left + plotWidth);
    show(drag.from, drag.to);
  });
  const finish = () => {
    if (!drag) return;
    const [a, b] = [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)];
    drag = null;
    if (b - a < 4) {
      const bin = binOf(dayAt(a), unit);
      choose({from: formatDay(Math.max(bin, start)), to: formatDay(Math.min(unitNext(bin, unit), end) - DAY)});
    } else {
      // The days the drag touched, whole: it ends inside the day under the pointer.
      choose({from: formatDay(dayAt(a)), to: formatDay(dayAt(b - 0.5))});
    }
  };
  root.addEventListener("pointerup", finish);
  root.addEventListener("pointercancel", finish);
  return root;
}

// ------------------------------------------------------------------------------------------ the window

/** Under the chart: what the picked window holds, its first pages, and the views opened on it. */
async function showWindow(panel, window, days, filters, state) {
  if (!window) {
    carryFilters(filters);
    replace(panel, el("p", {class: "hint"}, `${plural(days.length, "day")} with dated pages, events or claims. `
      + "Drag across the chart to pick a window: the search, map and report then show that window."));
    return;
  }
  const inside = days.filter((day) => day.date >= window.from && day.date <= window.to);
  const total = (key) => inside.reduce((sum, day) => sum + (Number(day[key]) || 0), 0);
  const span = Math.round((parseDay(window.to) - parseDay(window.from)) / DAY) + 1;
  const picked = {q: filters.q, from: window.from, to: window.to};
  carryFilters(picked);
  const list = el("div", {class: "window-hits"}, el("p", {class: "loading"}, "Finding its pages…"));
  replace(panel,
    el("h2", {}, window.from === window.to ? window.from : `${window.from} – ${window.to}`, " ",
      el("span", {class: "hint"}, `${plural(span, "day")} · ${plural(total("pages"), "page")}, `
        + `${plural(total("events"), "event")}, ${plural(total("claims"), "claim")}`)),
    el("p", {class: "window-links"},
      el("a", {href: route("search", picked), class: "to-search"}, "Search these pages"), " · ",
      el("a", {href: route("map", picked), class: "to-map"}, "Map"), " · ",
      el("a", {href: route("report", picked), class: "to-report"}, "Report"), " · ",
      el("a", {href: route("timeline", picked), class: "zoom"}, "Zoom in"), " · ",
      el("button", {type: "button", class: "clear", onclick: () => {
        state.picked = null;
        const selection = document.querySelector("svg.timeline rect.brush");
        if (selection) selection.setAttribute("visibility", "hidden");
        showWindow(panel, null, days, filters, state);
      }}, "Clear")),
    list);
  const asked = ++state.previewing;
  let answer;
  try {
    answer = await getJSON("search", {...picked, limit: PREVIEW});
  } catch (error) {
    if (asked === state.previewing) replace(list, errorBox(error, "the window's pages"));
    return;
  }
  if (asked !== state.previewing) return;  // a later pick is being shown
  const hits = answer.hits || [];
  replace(list, hits.length
    ? el("ol", {class: "place-pages"}, hits.map((hit) => el("li", {dataset: {page: hit.page_id}},
      el("a", {href: route(`page/${hit.page_id}`)}, hit.title || hit.page_id),
      el("span", {class: "meta"}, ` ${hit.date || "no date"}`))))
    : el("p", {class: "hint"}, "No page in this window."));
}
