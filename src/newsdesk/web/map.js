// The map: Natural Earth countries (world-atlas, 1:110m, shipped in vendor/) as the basemap, so no
// tile server is ever asked; every located place of the corpus a circle sized by its mentions;
// a click lists the place's pages.

import {getJSON, staticURL} from "./api.js";
import {el, errorBox, originChip, plural, replace, route} from "./dom.js";

let basemap = null;  // the countries GeoJSON, fetched once per page load (it never changes)

function countries() {
  basemap ??= fetch(staticURL("vendor/countries.geojson")).then((response) => {
    if (!response.ok) throw new Error(`the basemap vendor/countries.geojson answered ${response.status}`);
    return response.json();
  });
  return basemap;
}

/** Circle radius in pixels: area grows with mentions, so a place named 100 times is not 100× wider. */
export function radiusFor(mentions, most) {
  const scale = Math.sqrt(Math.max(mentions, 1)) / Math.sqrt(Math.max(most, 1));
  return 4 + 14 * scale;
}

/** Render the map for `params` (q, from, to; place opens that place's pages) into `view`. */
export async function showMap(view, params) {
  const filters = {q: params.get("q") || "", from: params.get("from") || "", to: params.get("to") || ""};
  const mapBox = el("div", {class: "map", id: "map", "aria-label": "Map of places"});
  const panel = el("aside", {class: "map-panel"},
    el("p", {class: "hint"}, "Click a circle to list the pages that name the place."));
  replace(view, el("div", {class: "map-layout"}, mapForm(filters), mapBox, panel));
  if (!window.L) {
    replace(panel, errorBox(new Error("Leaflet (vendor/leaflet/leaflet.js) did not load"), "the map"));
    return;
  }
  const map = window.L.map(mapBox, {worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: true})
    .setView([25, 10], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (world-atlas) · Leaflet");

  let places;
  let world;
  try {
    [world, places] = await Promise.all([countries(), getJSON("places", filters)]);
  } catch (error) {
    replace(panel, errorBox(error, "the places"));
    return;
  }
  window.L.geoJSON(world, {interactive: false, style: {color: "#8a8f98", weight: 0.6, fillColor: "#e9ecef",
    fillOpacity: 1}}).addTo(map);

  const features = (places.features || []).filter((feature) => feature.geometry && feature.geometry.type === "Point");
  const most = Math.max(1, ...features.map((feature) => Number(feature.properties.mentions) || 0));
  const layer = window.L.featureGroup().addTo(map);
  const markers = new Map();
  // Largest first, so small circles are drawn on top and stay clickable.
  const ordered = [...features].sort((a, b) => (b.properties.mentions || 0) - (a.properties.mentions || 0));
  for (const feature of ordered) {
    const [lon, lat] = feature.geometry.coordinates;
    const props = feature.properties;
    const marker = window.L.circleMarker([lat, lon], {radius: radiusFor(props.mentions || 0, most), color: "#0b7285",
      weight: 1, fillColor: "#15aabf", fillOpacity: 0.55, className: "place-marker"});
    // A DOM node, not a string: Leaflet would parse a string tooltip as HTML.
    marker.bindTooltip(el("span", {}, `${props.label} · ${plural(props.mentions || 0, "mention")}, `
      + plural(props.pages || 0, "page")));
    marker.on("click", () => {
      for (const other of markers.values()) other.setStyle({fillColor: "#15aabf"});
      marker.setStyle({fillColor: "#f08c00"});
      marker.bringToFront();
      placePages(panel, props, filters);
    });
    marker.addTo(layer);
    const path = marker.getElement();
    if (path) {
      path.setAttribute("data-place", props.label);
      path.setAttribute("data-mentions", String(props.mentions || 0));
    }
    markers.set(props.label, marker);
  }
  if (features.length) map.fitBounds(layer.getBounds(), {padding: [30, 30], maxZoom: 6});
  replace(panel, el("p", {class: "hint"}, `${plural(features.length, "place")} located. `
    + "Click a circle to list the pages that name the place."));
  const wanted = params.get("place");
  if (wanted && markers.has(wanted)) markers.get(wanted).fire("click");
  else if (wanted) replace(panel, el("p", {class: "hint"}, `${wanted} is not on the map (no coordinates, or filtered out).`));
}

function mapForm(filters) {
  return el("form", {class: "search-form map-form", onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = route("map", {q: data.get("q"), from: data.get("from"), to: data.get("to")});
  }},
  el("label", {}, "Pages about", el("input", {name: "q", type: "search", value: filters.q, placeholder: "any"})),
  el("label", {}, "From", el("input", {name: "from", type: "date", value: filters.from})),
  el("label", {}, "To", el("input", {name: "to", type: "date", value: filters.to})),
  el("button", {type: "submit"}, "Show"));
}

async function placePages(panel, props, filters) {
  replace(panel, el("h2", {}, props.label), el("p", {class: "loading"}, "Loading its pages…"));
  let answer;
  try {
    answer = await getJSON("search", {q: filters.q, from: filters.from, to: filters.to, place: props.label, limit: 50});
  } catch (error) {
    replace(panel, el("h2", {}, props.label), errorBox(error, `the pages naming ${props.label}`));
    return;
  }
  const hits = answer.hits || [];
  replace(panel,
    el("h2", {}, props.label),
    el("p", {class: "meta"}, [props.country, `${plural(props.mentions || 0, "mention")} in ${plural(props.pages || 0, "page")}`]
      .filter(Boolean).join(" · ")),
    el("p", {}, el("a", {href: route("search", {place: props.label})}, "Search these pages"), " · ",
      el("a", {href: route("report", {q: props.label})}, "Report")),
    hits.length ? el("ol", {class: "place-pages"}, hits.map((hit) => el("li", {},
      el("a", {href: route(`page/${hit.page_id}`)}, hit.title || hit.page_id),
      el("div", {class: "meta"}, hit.date || "no date", " ", (hit.origins || []).map((origin) => originChip(origin))))))
      : el("p", {class: "hint"}, "No page found for this place with these filters."));
}
