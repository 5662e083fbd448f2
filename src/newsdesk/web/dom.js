// DOM building for the desk. Everything that comes from the corpus (page text, titles, names,
// sources, report sentences) reaches the document only as text nodes or attribute values set
// one by one: no function here parses a string as HTML, so markup in a page is shown, never run.

const ATTRIBUTES = new Set(["title", "role", "type", "name", "value", "placeholder", "for", "id", "tabindex",
  "rel", "colspan", "min", "max", "step", "lang"]);

/**
 * Build an element: `attrs` sets class, dataset, safe attributes, a checked link and listeners;
 * `children` are nodes or strings (strings become text nodes); null/undefined/false are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "href") node.setAttribute("href", safeHref(value));
    else if (key === "style") for (const [prop, v] of Object.entries(value)) node.style.setProperty(prop, v);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "checked" || key === "disabled" || key === "selected" || key === "hidden") node[key] = Boolean(value);
    else if (ATTRIBUTES.has(key) || key.startsWith("data-") || key.startsWith("aria-")) node.setAttribute(key, String(value));
    else throw new Error(`el(): attribute ${key} is not one the desk sets`);
  }
  append(node, children);
  return node;
}

/** Append nodes and strings (as text) to `parent`, flattening arrays. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replace everything in `parent` by `children`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/**
 * A link target that cannot run code: the desk's own hash routes, this server's paths, and http(s)
 * URLs of sources. Anything else (javascript:, data:, vbscript:) becomes an inert "#".
 */
export function safeHref(value) {
  const href = String(value);
  if (href.startsWith("#") || (href.startsWith("/") && !href.startsWith("//"))) return href;
  try {
    const url = new URL(href);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
    // not an absolute URL: falls through to the inert link
  }
  return "#";
}

/** An SVG element (for the timeline): same rules as el(), attributes set as given. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** A hash route with its parameters, e.g. route("search", {q: "Kherson", origin: ""}) → "#/search?q=Kherson". */
export function route(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const tail = query.toString();
  return `#/${path}${tail ? `?${tail}` : ""}`;
}

/** A box saying what went wrong, as text. */
export function errorBox(error, what) {
  const detail = error && error.code ? `[${error.code}] ${error.message}` : String(error && error.message || error);
  return el("div", {class: "error", role: "alert"}, el("strong", {}, `Could not load ${what}: `), detail);
}

/** "3 pages", "1 page". */
export function plural(count, word, many = `${word}s`) {
  return `${count.toLocaleString("en")} ${count === 1 ? word : many}`;
}

/** A stable colour for a news organisation (the same origin has the same colour in every view). */
const ORIGIN_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
  "#ff7f0e", "#393b79"];

export function originColour(origin) {
  if (!origin) return "#868e96";
  let hash = 0;
  for (const char of origin.toLowerCase()) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return ORIGIN_PALETTE[hash % ORIGIN_PALETTE.length];
}

/** A chip naming an origin in its colour. */
export function originChip(origin, attrs = {}) {
  return el("span", {class: "origin-chip", style: {"--origin": originColour(origin)}, ...attrs},
    origin || "origin unknown");
}
