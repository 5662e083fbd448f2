// The page analysis (newsdesk.analysis/1) as coloured layers over its text. Spans of different
// layers nest and overlap freely (a name inside a quote inside a caption), so the text is cut at
// every span boundary and each piece carries every span that covers it: no span is lost or cut
// short by another.

/** The layers the desk shows, in legend order: what CSS class marks them and what the legend says. */
export const LAYERS = [
  {id: "person", label: "Person", sample: "Jane Doe"},
  {id: "place", label: "Place", sample: "Kherson"},
  {id: "org", label: "Organisation", sample: "Reuters"},
  {id: "quote", label: "Quote", sample: "“we will rebuild”"},
  {id: "claim", label: "Claim (number)", sample: "30,000 runners"},
  {id: "time", label: "Date or time", sample: "on Sunday"},
  {id: "cue", label: "Origin cue", sample: "(Reuters)"},
  {id: "structure", label: "Subheading, highlights", sample: "Key points"},
  {id: "noise", label: "Noise (not article text)", sample: "Read more"},
];

const ENTITY_LAYER = {PERSON: "person", PLACE: "place", ORG: "org"};

function isOffset(value) {
  return Number.isInteger(value) && value >= 0;
}

/**
 * Every span of the analysis as {start, end, layer, describe}, plus `invalid`: spans whose offsets do
 * not fit the text (counted and shown, never drawn at a guessed place).
 */
export function collectSpans(analysis) {
  const length = analysis.text.length;
  const spans = [];
  const invalid = [];
  const add = (item, layer, describe, extra = {}) => {
    const {start, end} = item;
    if (!isOffset(start) || !isOffset(end) || start >= end || end > length) {
      invalid.push({layer, start, end});
      return;
    }
    spans.push({start, end, layer, describe, ...extra});
  };
  const entities = new Map((analysis.entities || []).map((entity) => [entity.id, entity]));
  const nameOf = (id) => (id && entities.has(id) ? entities.get(id).label : null);

  for (const item of analysis.removed || []) add(item, "noise", `noise: ${item.kind} (not article text)`);
  for (const item of analysis.structure || []) add(item, "structure", `structure: ${item.kind}`);
  for (const entity of analysis.entities || []) {
    const layer = ENTITY_LAYER[entity.type] || "org";
    let describe = `${entity.type}: ${entity.label}`;
    if (entity.type === "PLACE" && entity.lat !== null && entity.lat !== undefined) {
      describe += ` (${entity.country || "?"}, ${Number(entity.lat).toFixed(2)}, ${Number(entity.lon).toFixed(2)})`;
    }
    for (const mention of entity.mentions || []) add(mention, layer, describe, {entity: entity.id});
  }
  for (const quote of analysis.quotes || []) {
    const speaker = nameOf(quote.speaker) || quote.speaker_text || "unknown speaker";
    add(quote, "quote", `quote (${quote.kind}): ${speaker}${quote.cue ? `, cue “${quote.cue}”` : ""}`);
  }
  for (const claim of analysis.claims || []) {
    add(claim, "claim", `claim: ${claimValue(claim)}${claimantOf(claim, nameOf) ? ` — ${claimantOf(claim, nameOf)}` : ""}`);
  }
  for (const time of analysis.times || []) {
    add(time, "time", `time: ${time.value || `no value${time.problem ? ` (${time.problem})` : ""}`}` +
      `${time.type ? ` ${time.type}` : ""}${time.anchor ? `, anchored to the ${time.anchor}` : ""}`);
  }
  (analysis.stories || []).forEach((story, index) => {
    for (const cue of story.evidence || []) {
      if (!isOffset(cue.start)) continue;  // some cues (e.g. a page-level byline) carry no span
      add(cue, "cue", `origin cue of story ${index + 1}: ${cue.kind} → ${cue.agency} (weight ${cue.weight})`,
        {origin: cue.agency});
    }
  });
  return {spans, invalid};
}

/** A claim's figure as a reader says it: "30,000 runners", "5–7 % per day", "more than 12 people". */
export function claimValue(claim) {
  const number = (value) => (value === null || value === undefined ? null : Number(value).toLocaleString("en"));
  const low = number(claim.low);
  const high = number(claim.high);
  let figure;
  if (low !== null && high !== null) figure = low === high ? low : `${low}–${high}`;
  else if (low !== null) figure = `at least ${low}`;
  else if (high !== null) figure = `at most ${high}`;
  else figure = "?";
  return [figure, claim.unit, claim.per ? `per ${claim.per}` : null].filter(Boolean).join(" ");
}

export function claimantOf(claim, nameOf) {
  return nameOf(claim.speaker) || claim.speaker_text || null;
}

/**
 * Cut [from, to) at every boundary of the spans that touch it: a list of {start, end, spans}, where
 * `spans` are those covering the whole piece (empty for plain text). A sweep over sorted boundaries:
 * linear in text pieces plus spans, whatever the nesting.
 */
export function cutAtBoundaries(spans, from, to) {
  const inside = spans.filter((span) => span.start < to && span.end > from);
  const points = new Set([from, to]);
  for (const span of inside) {
    points.add(Math.max(span.start, from));
    points.add(Math.min(span.end, to));
  }
  const cuts = [...points].sort((a, b) => a - b);
  const byStart = [...inside].sort((a, b) => a.start - b.start);
  const pieces = [];
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const start = cuts[i];
    const end = cuts[i + 1];
    active = active.filter((span) => span.end > start);
    while (next < byStart.length && byStart[next].start <= start) {
      if (byStart[next].end > start) active.push(byStart[next]);
      next += 1;
    }
    pieces.push({start, end, spans: [...active]});
  }
  return pieces;
}

/**
 * The page's blocks in order: each story [start, end) with its index, and the stretches no story
 * covers (before the first, between, after the last) as blocks with story = null.
 */
export function storyBlocks(analysis) {
  const length = analysis.text.length;
  const stories = (analysis.stories || [])
    .map((story, index) => ({story, index}))
    .filter(({story}) => isOffset(story.start) && isOffset(story.end) && story.start < story.end && story.end <= length)
    .sort((a, b) => a.story.start - b.story.start);
  const blocks = [];
  let at = 0;
  for (const {story, index} of stories) {
    const start = Math.max(story.start, at);  // overlapping stories: the later one starts where the earlier ends
    if (start > at) blocks.push({start: at, end: start, story: null, index: null});
    if (story.end > start) blocks.push({start, end: story.end, story, index});
    at = Math.max(at, story.end);
  }
  if (at < length) blocks.push({start: at, end: length, story: null, index: null});
  return blocks;
}
