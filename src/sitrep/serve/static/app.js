// sitrep web UI: map, timeline with brushing, filters, incident panel with highlighted evidence.
// Every string from the database reaches the page through textContent or text nodes, never as markup,
// so an article containing <script> is shown as text (the server's CSP forbids inline script as well).
"use strict";

const MAP_BOUNDS = [[29.0, 34.0], [38.5, 49.0]]; // Jordan, Syria, Iraq and their neighbours
const PAGE_SIZE = 500;
const state = {
  filters: {}, incidents: [], selected: null, markers: new Map(), provinces: new Map(), placements: new Map(),
};
let map;
let markerLayer;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else if (name === "testid") node.dataset.testid = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) search.set(name, value);
  }
  return search.toString();
}

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function formFilters() {
  const data = new FormData(document.getElementById("filters"));
  const filters = {};
  for (const [name, value] of data.entries()) if (String(value).trim()) filters[name] = String(value).trim();
  return filters;
}

function incidentDate(incident) {
  if (incident.date) return incident.date;
  if (incident.date_earliest) return `${incident.date_earliest}..${incident.date_latest}`;
  return "undated";
}

// --- map -------------------------------------------------------------------------------------------

// Province names differ in spelling between sources ("Al Anbar", "Al-Anbar"): compare them folded.
function foldName(name) {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

function provinceKey(country, name) { return `${country}/${foldName(name)}`; }

async function setUpMap() {
  map = L.map("map", { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: Natural Earth");
  const [countries, provinces] = await Promise.all([
    getJSON("/static/data/countries.geojson"), getJSON("/static/data/provinces.geojson")]);
  const countryNames = new Map(countries.features.map((feature) => [feature.properties.iso, feature.properties.name]));
  // country fills, then thin province lines, then country borders on top of them
  L.geoJSON(countries, {
    interactive: false,
    style: (feature) => ({
      stroke: false,
      fillColor: ["SY", "IQ", "JO"].includes(feature.properties.iso) ? "#f4efe3" : "#e6e6e0", fillOpacity: 1,
    }),
  }).addTo(map);
  L.geoJSON(provinces, {
    style: { className: "province-outline", color: "#a3adb5", weight: 0.6, fill: true, fillOpacity: 0 },
    onEachFeature: (feature, layer) => {
      const { iso, name, sitrep_name: sitrepName, centroid } = feature.properties;
      const label = sitrepName && sitrepName !== name ? `${sitrepName} (${name})` : name;
      layer.bindTooltip(el("span", {}, `${label}, ${countryNames.get(iso) || iso}`), { sticky: true });
      const province = { name: sitrepName || name, point: [centroid[1], centroid[0]] };
      for (const alias of [name, sitrepName]) if (alias) state.provinces.set(provinceKey(iso, alias), province);
    },
  }).addTo(map);
  L.geoJSON(countries, { interactive: false, style: { color: "#6b7b88", weight: 1, fill: false } }).addTo(map);
  map.fitBounds(MAP_BOUNDS);
  markerLayer = L.layerGroup().addTo(map);
}

// Where an incident goes on the map: at its coordinates, else at its province's representative point, else nowhere.
function placement(incident) {
  if (incident.lat !== null && incident.lon !== null) return { level: "site", point: [incident.lat, incident.lon] };
  const province = incident.admin1 && incident.country
    && state.provinces.get(provinceKey(incident.country, incident.admin1));
  if (province) return { level: "province", point: province.point, province: province.name };
  return { level: "none" };
}

function placementNote(where) {
  if (where.level === "province") return `placed at province level (${where.province}): no coordinates for the site`;
  if (where.level === "none") return "not on the map: no coordinates and no known province";
  return "on the map at the site's coordinates";
}

function drawMarkers() {
  markerLayer.clearLayers();
  state.markers.clear();
  for (const incident of state.incidents) {
    const where = state.placements.get(incident.id);
    if (where.level === "none") continue;
    const atSite = where.level === "site";
    const marker = L.circleMarker(where.point, {
      radius: 5 + 4 * Math.sqrt(incident.n_reports), className: atSite ? "incident-marker" : "province-marker",
      color: "#7a2e0b", weight: atSite ? 1 : 2, dashArray: atSite ? null : "4 3",
      fillColor: "#e6781e", fillOpacity: atSite ? 0.7 : 0.12,
    });
    marker.bindTooltip(el("span", {}, `${incidentDate(incident)} ${incident.site || incident.admin1 || ""} — `
      + `${incident.n_reports} report(s)${atSite ? "" : " · placed at province level"}`));
    marker.on("click", () => openIncident(incident.id));
    marker.addTo(markerLayer);
    state.markers.set(incident.id, marker);
  }
}

// --- listing ---------------------------------------------------------------------------------------

function drawList(page) {
  const list = document.getElementById("incident-list");
  list.replaceChildren();
  const levels = { site: 0, province: 0, none: 0 };
  for (const incident of state.incidents) levels[state.placements.get(incident.id).level] += 1;
  document.getElementById("summary").textContent =
    `${page.total} incidents match; ${state.incidents.length} listed: ${levels.site} on the map at their site, `
    + `${levels.province} placed at province level, ${levels.none} not mapped (no coordinates or province)`;
  for (const incident of state.incidents) {
    const level = state.placements.get(incident.id).level;
    const item = el("li", { testid: "incident-item", "data-id": incident.id },
      el("strong", {}, incidentDate(incident)), " ",
      incident.site || incident.admin1 || incident.country || "unknown place",
      el("span", { class: `badge ${incident.status}` }, incident.status),
      level === "site" ? null : el("span", { class: `badge placement ${level}`, testid: "placement" },
        level === "province" ? "province level" : "not mapped"),
      el("div", { class: "muted" },
        `${incident.event_kind || ""} · ${incident.actor || "actor unknown"} · ${incident.n_reports} report(s)`,
        incident.conflicts.length ? el("span", { class: "conflict" }, ` · conflicts: ${incident.conflicts.join(", ")}`) : null));
    item.addEventListener("click", () => openIncident(incident.id));
    list.append(item);
  }
}

async function loadIncidents() {
  const page = await getJSON(`/api/incidents?${query({ ...state.filters, limit: PAGE_SIZE })}`);
  state.incidents = page.items;
  state.placements = new Map(page.items.map((incident) => [incident.id, placement(incident)]));
  drawList(page);
  drawMarkers();
}

// --- timeline with brushing --------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function dayNumber(iso) { return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000); }
function isoDay(number) { return new Date(number * 86400000).toISOString().slice(0, 10); }

async function loadTimeline() {
  const { since, until, ...rest } = state.filters; // the histogram shows every day, the brush the selection
  const stats = await getJSON(`/api/stats?${query({ ...rest, interval: "day" })}`);
  const counts = new Map();
  for (const series of stats.series) for (const { period, count } of series.counts) {
    counts.set(period, (counts.get(period) || 0) + count);
  }
  drawTimeline(counts, since, until);
}

function drawTimeline(counts, since, until) {
  const chart = document.getElementById("timeline");
  chart.replaceChildren();
  const width = chart.clientWidth || 600;
  const height = chart.clientHeight || 120;
  const days = [...counts.keys()].sort();
  if (!days.length) return;
  const first = dayNumber(days[0]) - 1;
  const last = dayNumber(days[days.length - 1]) + 1;
  const span = Math.max(1, last - first);
  const maximum = Math.max(...counts.values());
  const x = (day) => ((day - first) / span) * (width - 20) + 10;
  const barWidth = Math.max(2, (width - 20) / span - 1);
  for (const [period, count] of counts) {
    const day = dayNumber(period);
    const inside = (!since || period >= since) && (!until || period <= until);
    const barHeight = (count / maximum) * (height - 24);
    const bar = svg("rect", { class: inside ? "bar" : "bar out", x: x(day) - barWidth / 2, y: height - 16 - barHeight,
      width: barWidth, height: barHeight, "data-testid": "timeline-bar" });
    bar.append(svg("title", {}));
    bar.firstChild.textContent = `${period}: ${count}`;
    chart.append(bar);
  }
  for (const label of [days[0], days[days.length - 1]]) {
    const text = svg("text", { class: "axis", x: x(dayNumber(label)), y: height - 2, "text-anchor": "middle" });
    text.textContent = label;
    chart.append(text);
  }
  const brush = svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: height - 16, "data-testid": "brush" });
  if (since || until) {
    const start = x(since ? dayNumber(since) : first);
    brush.setAttribute("x", start);
    brush.setAttribute("width", Math.max(1, x(until ? dayNumber(until) : last) - start));
  }
  chart.append(brush);
  document.getElementById("timeline-range").textContent = since || until ? `${since || "…"} – ${until || "…"}` : "";
  const dayAt = (clientX) => {
    const box = chart.getBoundingClientRect();
    return Math.round(((clientX - box.left - 10) / (width - 20)) * span + first);
  };
  chart.onmousedown = (down) => {
    const anchor = down.clientX - chart.getBoundingClientRect().left;
    const move = (event) => {
      const here = event.clientX - chart.getBoundingClientRect().left;
      brush.setAttribute("x", Math.min(anchor, here));
      brush.setAttribute("width", Math.abs(here - anchor));
    };
    const up = (event) => {
      window.removeEventListener("mousemove", move);
      window.removeEventListener("mouseup", up);
      const [low, high] = [dayAt(down.clientX), dayAt(event.clientX)].sort((a, b) => a - b);
      const form = document.getElementById("filters");
      if (high - low < 1) { form.since.value = ""; form.until.value = ""; }
      else { form.since.value = isoDay(low); form.until.value = isoDay(high); }
      applyFilters();
    };
    window.addEventListener("mousemove", move);
    window.addEventListener("mouseup", up);
  };
}

// --- incident panel ----------------------------------------------------------------------------------

function highlighted(text, spans) {
  // The document text as text nodes, with each evidence span in a <mark>; overlapping spans are merged.
  const ordered = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged = [];
  for (const span of ordered) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  const block = el("div", { class: "document-text", testid: "document-text" });
  let position = 0;
  for (const span of merged) {
    block.append(document.createTextNode(text.slice(position, span.start)));
    block.append(el("mark", { class: "evidence", testid: "evidence" }, text.slice(span.start, span.end)));
    position = span.end;
  }
  block.append(document.createTextNode(text.slice(position)));
  return block;
}

function fieldsTable(fields) {
  const table = el("table", {}, el("tr", {}, el("th", {}, "field"), el("th", {}, "value"), el("th", {}, "by source")));
  for (const [name, item] of Object.entries(fields)) {
    if (!item.values || !item.values.length) continue;
    const bySource = item.values.map((v) => `${JSON.stringify(v.value)}: ${v.sources.map((s) => s.doc_id).join(", ")}`);
    table.append(el("tr", { class: item.conflict ? "conflict" : "" }, el("td", {}, name),
      el("td", {}, Array.isArray(item.value) ? item.value.join(", ") : item.value ?? ""),
      el("td", {}, bySource.join("; "), item.conflict ? " (conflict)" : "")));
  }
  return table;
}

async function sourceBlock(member) {
  const block = el("div", { class: "source", testid: "source" },
    el("strong", {}, member.outlet || member.doc_id), " ",
    el("span", { class: "muted" }, `${member.published || "undated"} · ${member.doc_id}`),
    ...["official", "claimed", "hedged", "denied"].filter((flag) => member[flag]).map((flag) => el("span", { class: "badge" }, flag)));
  if (member.url && /^https?:\/\//.test(member.url)) {
    block.append(" ", el("a", { href: member.url, rel: "noopener noreferrer", target: "_blank" }, "article"));
  }
  try {
    const documentRecord = await getJSON(`/api/documents/${encodeURIComponent(member.doc_id)}`);
    const event = documentRecord.events.find((e) => e.id === member.event_id);
    block.append(highlighted(documentRecord.text, event ? event.evidence : []));
  } catch (error) {
    block.append(el("p", { class: "muted" }, member.evidence || "text not available"));
  }
  return block;
}

async function openIncident(incidentId) {
  state.selected = incidentId;
  for (const item of document.querySelectorAll("#incident-list li")) {
    item.classList.toggle("selected", item.dataset.id === incidentId);
  }
  const incident = await getJSON(`/api/incidents/${encodeURIComponent(incidentId)}`);
  const panel = document.getElementById("incident");
  panel.hidden = false;
  panel.replaceChildren(
    el("h2", { testid: "incident-title" }, `${incidentDate(incident)} · ${incident.site || incident.admin1 || "unknown place"}`),
    el("p", { class: "muted", testid: "placement-note" }, placementNote(placement(incident))),
    el("p", {}, el("span", { class: `badge ${incident.status}` }, incident.status),
      ` confidence ${incident.confidence.toFixed(2)} · ${incident.n_reports} report(s) from ${incident.n_sources} independent source(s)`),
    el("p", { testid: "conflicts", class: incident.conflicts.length ? "conflict" : "muted" },
      incident.conflicts.length ? `Conflicts: ${incident.conflicts.join(", ")}` : "No conflicting values"),
    fieldsTable(incident.fields),
    el("h3", {}, "Sources"),
  );
  for (const member of incident.members) panel.append(await sourceBlock(member));
  const marker = state.markers.get(incidentId);
  if (marker) map.panTo(marker.getLatLng());
  const first = panel.querySelector("mark.evidence");
  if (first) first.scrollIntoView({ block: "nearest" });
}

// --- filters -----------------------------------------------------------------------------------------

async function applyFilters() {
  state.filters = formFilters();
  await Promise.all([loadIncidents(), loadTimeline()]);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (event) => { event.preventDefault(); document.body.dataset.ready = "false"; applyFilters(); });
  form.addEventListener("reset", () => setTimeout(() => { document.body.dataset.ready = "false"; applyFilters(); }, 0));
  await setUpMap();
  await applyFilters();
});
