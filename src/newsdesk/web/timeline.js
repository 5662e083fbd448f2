// The timeline: pages, events and claims per day as a grouped bar chart in SVG, drawn here (a
// chart library would be the largest asset of the desk for one chart of three series). A click
// on a day searches that day.

import {getJSON} from "./api.js";
import {el, errorBox, plural, replace, route, svg} from "./dom.js";

const SERIES = [
  {key: "pages", label: "Pages", colour: "#1c7ed6"},
  {key: "events", label: "Events", colour: "#37b24d"},
  {key: "claims", label: "Claims", colour: "#f08c00"},
];
const HEIGHT = 260;
const MARGIN = {top: 16, right: 16, bottom: 64, left: 44};

/** Render the timeline for `params` (q, from, to) into `view`. */
export async function showTimeline(view, params) {
  const filters = {q: params.get("q") || "", from: params.get("from") || "", to: params.get("to") || ""};
  const chartBox = el("div", {class: "chart"}, el("p", {class: "loading"}, "Loading the timeline…"));
  replace(view, el("div", {class: "timeline-layout"}, timelineForm(filters), legend(), chartBox));
  let answer;
  try {
    answer = await getJSON("timeline", filters);
  } catch (error) {
    replace(chartBox, errorBox(error, "the timeline"));
    return;
  }
  const days = (answer.days || []).filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day.date));
  if (!days.length) {
    replace(chartBox, el("p", {class: "hint"}, "No dated page, event or claim matches."));
    return;
  }
  replace(chartBox, chart(days, filters),
    el("p", {class: "hint"}, `${plural(days.length, "day")}. Click a day to search its pages.`));
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
  return el("div", {class: "legend"}, SERIES.map((series) => el("span", {class: "legend-item"},
    el("span", {class: "swatch", style: {"--swatch": series.colour}}), ` ${series.label}`)));
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

function chart(days, filters) {
  const band = Math.max(18, Math.min(64, 900 / days.length));
  const width = MARGIN.left + MARGIN.right + band * days.length;
  const plot = HEIGHT - MARGIN.top - MARGIN.bottom;
  const scale = ticks(Math.max(...days.flatMap((day) => SERIES.map((series) => Number(day[series.key]) || 0))));
  const top = scale[scale.length - 1];
  const y = (value) => MARGIN.top + plot - (plot * value) / top;
  const bar = (band - 6) / SERIES.length;
  const labelEvery = Math.ceil(14 / band);  // keep the date labels from overlapping

  const root = svg("svg", {width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img",
    "aria-label": "Pages, events and claims per day", class: "timeline"});
  for (const value of scale) {
    root.append(svg("line", {x1: MARGIN.left, x2: width - MARGIN.right, y1: y(value), y2: y(value), class: "grid"}),
      svg("text", {x: MARGIN.left - 6, y: y(value) + 4, "text-anchor": "end", class: "axis"}, String(value)));
  }
  days.forEach((day, i) => {
    const x = MARGIN.left + i * band;
    const group = svg("g", {class: "day", tabindex: 0, role: "link", dataset: {date: day.date},
      "aria-label": `${day.date}: ${SERIES.map((s) => `${Number(day[s.key]) || 0} ${s.key}`).join(", ")}`});
    const open = () => { location.hash = route("search", {q: filters.q, from: day.date, to: day.date}); };
    group.addEventListener("click", open);
    group.addEventListener("keydown", (event) => { if (event.key === "Enter") open(); });
    group.append(svg("title", {}, `${day.date}\n${SERIES.map((s) => `${s.label}: ${Number(day[s.key]) || 0}`).join("\n")}`),
      svg("rect", {x, y: MARGIN.top, width: band, height: plot, class: "hit-area"}));
    SERIES.forEach((series, j) => {
      const value = Number(day[series.key]) || 0;
      group.append(svg("rect", {x: x + 3 + j * bar, y: y(value), width: Math.max(1, bar - 1),
        height: Math.max(0, y(0) - y(value)), fill: series.colour, class: `bar ${series.key}`}));
    });
    if (i % labelEvery === 0) {
      const lx = x + band / 2;
      const ly = HEIGHT - MARGIN.bottom + 10;
      group.append(svg("text", {x: lx, y: ly, "text-anchor": "end", transform: `rotate(-45 ${lx} ${ly})`,
        class: "axis"}, day.date));
    }
    root.append(group);
  });
  root.append(svg("line", {x1: MARGIN.left, x2: width - MARGIN.right, y1: y(0), y2: y(0), class: "baseline"}));
  return el("div", {class: "chart-scroll"}, root);
}
