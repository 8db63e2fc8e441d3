// flowlog's web console: editor with highlighting and completion, run/cancel, a paged
// grid fed from the server, stats, downloads, an SVG chart, the table browser, saved
// queries and history. English or Japanese, after navigator.language. No framework,
// nothing fetched from elsewhere.
"use strict";

const TEXT = {
  en: {
    subtitle: "Athena SQL over VPC Flow Logs", tables: "Tables", column: "Column", type: "Type",
    preview: "Preview table", saved: "Saved queries", saveName: "Name", save: "Save",
    history: "History", editorHint: "SELECT … (Ctrl+Enter runs)", run: "Run", cancel: "Cancel",
    viewTable: "Table", viewChart: "Chart", download: "Download", csv: "CSV",
    excelCsv: "Excel CSV", xlsx: "xlsx", prev: "Previous", next: "Next", xAxis: "X axis",
    yAxis: "Y axis", kind: "Kind", auto: "auto", line: "line", bar: "bar",
    running: "Running…", done: "Succeeded", failed: "Failed", cancelled: "Cancelled",
    truncated: "Stopped: the result is larger than the console holds; the first rows are shown",
    rowsOf: (a, b, n) => `rows ${a}–${b} of ${n}`, noRows: "no rows",
    stats: (r, o, b, s) => `${r} rows · ${o} objects, ${b} read · ${s} s`,
    partition: "partition", savedIn: (d) => `in ${d}`, savedAs: (n) => `saved as ${n}.sql`,
    noChart: "Nothing to plot: the result needs a numeric column.",
    perHour: "per hour", perDay: "per day", sum: "sum of", count: "rows", noResult: "Done (no result set)",
    firstRows: (n) => `The chart shows the first ${n} rows.`,
  },
  ja: {
    subtitle: "VPC フローログに Athena の SQL", tables: "テーブル", column: "列", type: "型",
    preview: "テーブルをプレビュー", saved: "保存したクエリ", saveName: "名前", save: "保存",
    history: "履歴", editorHint: "SELECT …（Ctrl+Enter で実行）", run: "実行", cancel: "キャンセル",
    viewTable: "表", viewChart: "グラフ", download: "ダウンロード", csv: "CSV",
    excelCsv: "Excel 用 CSV", xlsx: "xlsx", prev: "前へ", next: "次へ", xAxis: "X 軸",
    yAxis: "Y 軸", kind: "種類", auto: "自動", line: "折れ線", bar: "棒",
    running: "実行中…", done: "成功", failed: "失敗", cancelled: "キャンセルしました",
    truncated: "停止: 結果がコンソールの保持できる量を超えました。先頭の行を表示しています",
    rowsOf: (a, b, n) => `${n} 行中 ${a}–${b} 行`, noRows: "0 行",
    stats: (r, o, b, s) => `${r} 行 · ${o} オブジェクト、${b} 読み取り · ${s} 秒`,
    partition: "パーティション", savedIn: (d) => `保存先: ${d}`, savedAs: (n) => `${n}.sql に保存しました`,
    noChart: "グラフにできません: 数値の列が必要です。",
    perHour: "1 時間ごと", perDay: "1 日ごと", sum: "合計", count: "行数", noResult: "完了（結果セットなし）",
    firstRows: (n) => `グラフは先頭の ${n} 行から描いています。`,
  },
};
const LANG = (navigator.language || "en").toLowerCase().startsWith("ja") ? "ja" : "en";
const T = TEXT[LANG];
const PAGE = 100;
const CHART_ROWS = 10000;
const TOKEN = new URLSearchParams(location.search).get("token");

const $ = (id) => document.getElementById(id);
const state = {
  vocabulary: { tables: [], columns: [], functions: [], keywords: [] },
  run: null, // {id, status, columns, rows, ...} as /api/status answers
  offset: 0,
  view: "table",
  describing: null,
};
// For tests and curious users: the console's state.
window.flowlog = state;

function api(path, params = {}) {
  const q = new URLSearchParams(params);
  if (TOKEN) q.set("token", TOKEN);
  return `${path}?${q}`;
}
async function getJson(path, params, options) {
  const response = await fetch(api(path, params), options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

// ---- text ----------------------------------------------------------------------------
function translate() {
  document.documentElement.lang = LANG;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const text = T[el.dataset.i18n];
    if (typeof text === "string") el.textContent = text;
  }
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = T[el.dataset.i18nPlaceholder];
  }
}
const number = (n) => Number(n).toLocaleString(LANG === "ja" ? "ja-JP" : "en-US");
function bytes(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n, u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}
function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}

// ---- editor: highlighting ------------------------------------------------------------
const BASE_KEYWORDS = ("select from where group by order having limit offset as and or not in is null like " +
  "between case when then else end distinct join left right full inner outer cross on using union all " +
  "intersect except with asc desc nulls first last over partition rows cast try_cast interval date " +
  "timestamp true false show tables columns describe create external table view drop explain set time " +
  "zone unnest exists values unload to format partitioned row stored location tblproperties if").split(" ");
function keywordSet() {
  return new Set(BASE_KEYWORDS.concat(state.vocabulary.keywords.map((k) => k.toLowerCase())));
}
let KEYWORDS = keywordSet();
let FUNCTIONS = new Set();

function tokens(sql) {
  const out = [];
  const re = /(--[^\n]*)|(\/\*[\s\S]*?(?:\*\/|$))|('(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|(\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_][A-Za-z0-9_$]*)|(\s+|[^\sA-Za-z0-9_'"-]+|-)/gy;
  let m;
  while (re.lastIndex < sql.length && (m = re.exec(sql))) {
    const [text, line, block, str, ident, num, word] = m;
    let cls = null;
    if (line || block) cls = "com";
    else if (str) cls = "str";
    else if (ident) cls = "id";
    else if (num) cls = "num";
    else if (word) {
      const lower = word.toLowerCase();
      if (KEYWORDS.has(lower)) cls = "kw";
      else if (FUNCTIONS.has(lower) && /^\s*\(/.test(sql.slice(re.lastIndex))) cls = "fn";
    }
    out.push([cls, text]);
  }
  if (re.lastIndex < sql.length) out.push([null, sql.slice(re.lastIndex)]);
  return out;
}
function highlight() {
  const sql = $("editor").value;
  $("highlight").innerHTML = tokens(sql)
    .map(([cls, text]) => (cls ? `<span class="tok-${cls}">${escapeHtml(text)}</span>` : escapeHtml(text)))
    .join("") + "\n";
  $("highlight").scrollTop = $("editor").scrollTop;
}

// ---- editor: completion --------------------------------------------------------------
// Tab takes the highlighted name; Enter only after moving through the list with the
// arrows (else Enter is a new line, as in any editor).
const completion = { items: [], index: 0, start: 0, moved: false };
function wordBefore() {
  const ed = $("editor");
  const before = ed.value.slice(0, ed.selectionStart);
  const m = /[A-Za-z_][A-Za-z0-9_$]*$/.exec(before);
  return m ? { word: m[0], start: ed.selectionStart - m[0].length } : null;
}
function candidates(word) {
  const lower = word.toLowerCase();
  const upper = word === word.toUpperCase() && word !== word.toLowerCase();
  const v = state.vocabulary;
  const names = [...v.tables, ...v.columns, ...v.functions].filter((n) => n.toLowerCase().startsWith(lower));
  const kws = [...KEYWORDS].filter((k) => k.startsWith(lower)).map((k) => (upper ? k.toUpperCase() : k));
  return [...new Set([...names, ...kws])].filter((c) => c !== word).sort().slice(0, 50);
}
function showCompletions() {
  const found = wordBefore();
  const list = $("completions");
  if (!found || found.word.length < 1) { list.hidden = true; return; }
  completion.items = candidates(found.word);
  completion.index = 0;
  completion.moved = false;
  completion.start = found.start;
  if (completion.items.length === 0) { list.hidden = true; return; }
  list.innerHTML = completion.items.map((c, i) => `<li class="${i === 0 ? "on" : ""}">${escapeHtml(c)}</li>`).join("");
  const pos = caretPosition();
  list.style.left = `${pos.left}px`;
  list.style.top = `${pos.top}px`;
  list.hidden = false;
}
function caretPosition() {
  // Where the caret is, measured with a mirror of the text up to it.
  const ed = $("editor");
  const mirror = document.createElement("pre");
  const style = getComputedStyle(ed);
  for (const p of ["font", "padding", "whiteSpace", "wordWrap", "width", "tabSize", "lineHeight"]) mirror.style[p] = style[p];
  mirror.style.position = "absolute";
  mirror.style.visibility = "hidden";
  mirror.textContent = ed.value.slice(0, ed.selectionStart);
  const mark = document.createElement("span");
  mark.textContent = "\u200b";
  mirror.appendChild(mark);
  $("editor-box").appendChild(mirror);
  const left = Math.min(mark.offsetLeft, ed.clientWidth - 170);
  const top = mark.offsetTop + mark.offsetHeight - ed.scrollTop;
  mirror.remove();
  return { left, top };
}
function accept(index) {
  const ed = $("editor");
  const choice = completion.items[index];
  if (choice === undefined) return;
  const end = ed.selectionStart;
  ed.value = ed.value.slice(0, completion.start) + choice + ed.value.slice(end);
  ed.selectionStart = ed.selectionEnd = completion.start + choice.length;
  $("completions").hidden = true;
  highlight();
}
function onKey(event) {
  const list = $("completions");
  if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
    event.preventDefault();
    run();
    return;
  }
  if (event.ctrlKey && event.key === " ") { event.preventDefault(); showCompletions(); return; }
  if (list.hidden) return;
  const move = (d) => {
    completion.moved = true;
    completion.index = (completion.index + d + completion.items.length) % completion.items.length;
    [...list.children].forEach((li, i) => li.classList.toggle("on", i === completion.index));
    list.children[completion.index].scrollIntoView({ block: "nearest" });
  };
  if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
  else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
  else if (event.key === "Tab" || (event.key === "Enter" && completion.moved)) { event.preventDefault(); accept(completion.index); }
  else if (event.key === "Enter") { list.hidden = true; }
  else if (event.key === "Escape") { list.hidden = true; }
}

// ---- running -------------------------------------------------------------------------
async function run(sqlText) {
  const sql = sqlText ?? $("editor").value;
  if (!sql.trim()) return;
  $("error").hidden = true;
  $("run").disabled = true;
  $("cancel").disabled = false;
  $("status").textContent = T.running;
  $("stats").textContent = "";
  $("table-view").hidden = true;
  $("chart-view").hidden = true;
  state.offset = 0;
  try {
    const started = await getJson("/api/run", {}, { method: "POST", body: sql });
    state.run = { id: started.id, status: "running", rows: 0, columns: null };
    setDownloads();
    await poll(started.id);
  } catch (e) {
    showError(e.message);
    finished();
  }
}
async function poll(id) {
  for (;;) {
    if (!state.run || state.run.id !== id) return;
    const status = await getJson("/api/status", { id });
    const grew = status.rows !== state.run.rows || (status.columns && !state.run.columns);
    state.run = status;
    showStats(status);
    if (status.columns && (grew || status.status !== "running")) await showPage();
    if (status.status !== "running") break;
    await new Promise((r) => setTimeout(r, 150));
  }
  const s = state.run;
  $("status").textContent = s.status === "done" && !s.columns ? T.noResult : T[s.status];
  if (s.status === "failed") showError(s.error);
  if (s.status === "truncated") showError(T.truncated);
  finished();
  setDownloads();
  if (state.view === "chart") drawChart();
  loadHistory();
  loadVocabulary();
}
function finished() {
  $("run").disabled = false;
  $("cancel").disabled = true;
}
async function cancel() {
  if (state.run) await getJson("/api/cancel", { id: state.run.id }, { method: "POST" });
}
function showError(message) {
  $("error").textContent = message;
  $("error").hidden = false;
}
function showStats(s) {
  $("stats").textContent = T.stats(number(s.rows), number(s.objects), bytes(s.bytesRead), (s.elapsedMs / 1000).toFixed(1));
}
function setDownloads() {
  const ready = state.run && state.run.status === "done" && state.run.columns;
  for (const [id, format] of [["dl-csv", "csv"], ["dl-excel", "excel"], ["dl-xlsx", "xlsx"]]) {
    const a = $(id);
    a.classList.toggle("off", !ready);
    if (ready) {
      a.href = api("/api/download", { id: state.run.id, format });
      a.setAttribute("download", "");
    } else {
      a.removeAttribute("href");
    }
  }
  $("result-bar").hidden = !(state.run && state.run.columns);
}

// ---- grid ----------------------------------------------------------------------------
async function showPage() {
  const s = state.run;
  const page = await getJson("/api/page", { id: s.id, offset: state.offset, limit: PAGE });
  const head = $("grid").tHead;
  head.innerHTML = "<tr><th>#</th>" + s.columns
    .map((c) => `<th>${escapeHtml(c.name)}<small>${escapeHtml(c.type)}</small></th>`).join("") + "</tr>";
  const body = $("grid").tBodies[0];
  body.innerHTML = page.rows.map((row, i) => "<tr><td class=\"rownum\">" + (state.offset + i + 1) + "</td>" + row.map((v, j) =>
    v === null ? '<td class="null">NULL</td>'
      : `<td class="${s.columns[j].kind === "number" ? "num" : ""}">${escapeHtml(v)}</td>`).join("") + "</tr>").join("");
  const total = page.total;
  $("rowcount").textContent = total === 0 ? T.noRows
    : T.rowsOf(number(state.offset + 1), number(state.offset + page.rows.length), number(total));
  $("rowcount").dataset.total = total;
  $("prev").disabled = state.offset === 0;
  $("next").disabled = state.offset + PAGE >= total;
  $("table-view").hidden = state.view !== "table";
  $("chart-view").hidden = state.view !== "chart";
  $("result-bar").hidden = false;
}
function turn(delta) {
  state.offset = Math.max(0, state.offset + delta * PAGE);
  showPage();
}

// ---- chart ---------------------------------------------------------------------------
const TIME_LIKE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?/;
function setView(view) {
  state.view = view;
  $("view-table").classList.toggle("on", view === "table");
  $("view-chart").classList.toggle("on", view === "chart");
  $("table-view").hidden = view !== "table";
  $("chart-view").hidden = view !== "chart";
  if (view === "chart") drawChart();
}
function parseTime(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  return m ? Date.UTC(+m[1], m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0)) : NaN;
}
function timeText(ms, unit) {
  const iso = new Date(ms).toISOString();
  return unit === "day" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
function chartChoices(columns, rows) {
  const isTime = (j) => columns[j].kind === "time" || (rows.length > 0 && rows.every((r) => r[j] === null || TIME_LIKE.test(r[j])));
  const numeric = columns.map((c, j) => j).filter((j) => columns[j].kind === "number");
  const times = columns.map((c, j) => j).filter((j) => columns[j].kind !== "number" && isTime(j));
  const texts = columns.map((c, j) => j).filter((j) => columns[j].kind === "text" && !times.includes(j));
  return { numeric, times, texts, x: times.length ? times[0] : texts.length ? texts[0] : 0, y: numeric.length ? numeric[numeric.length - 1] : -1 };
}
function fillSelect(select, options, chosen) {
  const keep = select.value;
  select.innerHTML = options.map(([v, label]) => `<option value="${v}">${escapeHtml(label)}</option>`).join("");
  select.value = options.some(([v]) => String(v) === keep) && select.dataset.run === String(state.run.id) ? keep : String(chosen);
  select.dataset.run = state.run.id;
}
async function drawChart() {
  const s = state.run;
  const box = $("chart");
  if (!s || !s.columns) { box.innerHTML = ""; return; }
  const page = await getJson("/api/page", { id: s.id, offset: 0, limit: CHART_ROWS });
  const rows = page.rows;
  const columns = s.columns;
  const choice = chartChoices(columns, rows);
  fillSelect($("chart-x"), columns.map((c, j) => [j, c.name]), choice.x);
  fillSelect($("chart-y"), [[-1, `(${T.count})`]].concat(choice.numeric.map((j) => [j, columns[j].name])), choice.y);
  const xj = +$("chart-x").value;
  const yj = +$("chart-y").value;
  const asTime = choice.times.includes(xj);
  const kindWanted = $("chart-kind").value;
  const kind = kindWanted === "auto" ? (asTime ? "line" : "bar") : kindWanted;
  // Sum y (or count rows) per x; times per hour when there are many distinct instants.
  const sums = new Map();
  let unit = null;
  if (asTime) {
    const instants = new Set(rows.map((r) => r[xj]));
    const times = rows.map((r) => parseTime(r[xj] || "")).filter((t) => !isNaN(t));
    const span = times.length ? Math.max(...times) - Math.min(...times) : 0;
    if (instants.size > 48) unit = span > 14 * 86400000 ? "day" : "hour";
  }
  for (const r of rows) {
    let key = r[xj] === null ? "NULL" : r[xj];
    if (unit) {
      const t = parseTime(key);
      if (isNaN(t)) continue;
      const step = unit === "day" ? 86400000 : 3600000;
      key = timeText(Math.floor(t / step) * step, unit);
    }
    const add = yj < 0 ? 1 : parseFloat(r[yj]);
    if (!isFinite(add)) continue;
    sums.set(key, (sums.get(key) || 0) + add);
  }
  let points = [...sums.entries()];
  if (asTime) points.sort((a, b) => parseTime(a[0]) - parseTime(b[0]) || (a[0] < b[0] ? -1 : 1));
  if (unit && points.length > 1) {
    // Hours (days) with no rows are zero, so the axis runs evenly through time.
    const step = unit === "day" ? 86400000 : 3600000;
    const first = parseTime(points[0][0]);
    const last = parseTime(points[points.length - 1][0]);
    if ((last - first) / step <= 2000) {
      const filled = [];
      for (let t = first; t <= last; t += step) {
        const key = timeText(t, unit);
        filled.push([key, sums.get(key) || 0]);
      }
      points = filled;
    }
  }
  else if (kind === "bar") points = points.sort((a, b) => b[1] - a[1]).slice(0, 25);
  const yName = yj < 0 ? T.count : `${T.sum} ${columns[yj].name}`;
  const xName = columns[xj].name + (unit ? ` (${unit === "day" ? T.perDay : T.perHour})` : "");
  $("chart-note").textContent = points.length === 0 ? T.noChart : s.rows > CHART_ROWS ? T.firstRows(number(CHART_ROWS)) : "";
  box.innerHTML = points.length === 0 ? "" : svgChart(points, kind, xName, yName);
}
function niceTicks(max) {
  if (max <= 0) return [0, 1];
  const raw = max / 5;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const ticks = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(v);
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}
function short(n) {
  const a = Math.abs(n);
  if (a >= 1e9) return `${+(n / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(2)}`;
}
function svgChart(points, kind, xName, yName) {
  const W = 900, H = 360, L = 70, R = 90, Tp = 16, B = 96;
  const w = W - L - R, h = H - Tp - B;
  const ticks = niceTicks(Math.max(...points.map((p) => p[1])));
  const top = ticks[ticks.length - 1] || 1;
  const y = (v) => Tp + h - (v / top) * h;
  const n = points.length;
  const band = w / n;
  const x = (i) => L + band * i + band / 2;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(yName)} / ${escapeHtml(xName)}">`];
  for (const t of ticks) {
    parts.push(`<line class="grid-line" x1="${L}" x2="${L + w}" y1="${y(t)}" y2="${y(t)}"/>`);
    parts.push(`<text class="tick y-tick" x="${L - 6}" y="${y(t) + 4}" text-anchor="end">${short(t)}</text>`);
  }
  parts.push(`<line class="axis" x1="${L}" x2="${L}" y1="${Tp}" y2="${Tp + h}"/>`);
  parts.push(`<line class="axis" x1="${L}" x2="${L + w}" y1="${Tp + h}" y2="${Tp + h}"/>`);
  const every = Math.max(1, Math.ceil(n / 16));
  points.forEach(([label], i) => {
    if (i % every !== 0) return;
    const text = label.length > 16 ? label.slice(0, 16) + "…" : label;
    parts.push(`<text class="tick x-tick" transform="translate(${x(i)},${Tp + h + 10}) rotate(40)" text-anchor="start">${escapeHtml(text)}</text>`);
  });
  if (kind === "line") {
    const d = points.map(([, v], i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    parts.push(`<path class="series" d="${d}"/>`);
    points.forEach(([label, v], i) => parts.push(`<circle class="dot" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3"><title>${escapeHtml(label)}: ${number(v)}</title></circle>`));
  } else {
    const bw = Math.max(1, band * 0.7);
    points.forEach(([label, v], i) => parts.push(`<rect class="bar" x="${(x(i) - bw / 2).toFixed(1)}" y="${y(v).toFixed(1)}" width="${bw.toFixed(1)}" height="${(Tp + h - y(v)).toFixed(1)}"><title>${escapeHtml(label)}: ${number(v)}</title></rect>`));
  }
  parts.push(`<text class="axis-label x-label" x="${L + w / 2}" y="${H - 6}" text-anchor="middle">${escapeHtml(xName)}</text>`);
  parts.push(`<text class="axis-label y-label" transform="translate(14,${Tp + h / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(yName)}</text>`);
  parts.push("</svg>");
  return parts.join("");
}

// ---- side panel: tables, saved queries, history --------------------------------------
async function loadVocabulary() {
  try {
    state.vocabulary = await getJson("/api/vocabulary");
    KEYWORDS = keywordSet();
    FUNCTIONS = new Set(state.vocabulary.functions.map((f) => f.toLowerCase()));
    $("tables-list").innerHTML = state.vocabulary.tables.map((t) => `<li data-table="${escapeHtml(t)}">${escapeHtml(t)}</li>`).join("");
    highlight();
  } catch (e) { showError(e.message); }
}
async function describe(table) {
  try {
    const d = await getJson("/api/describe", { table });
    state.describing = table;
    $("describe-name").textContent = table;
    let partitions = false;
    const rows = [];
    for (const [name, type] of d.rows) {
      if (name === "# Partition Information") { partitions = true; continue; }
      if (!name || name.startsWith("#")) continue;
      if (partitions) {
        const r = rows.find((x) => x.name === name);
        if (r) { r.partition = true; continue; }
      }
      rows.push({ name, type, partition: partitions });
    }
    $("describe-columns").tBodies[0].innerHTML = rows.map((r) =>
      `<tr class="${r.partition ? "partition" : ""}"><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.type || "")}${r.partition ? ` (${T.partition})` : ""}</td></tr>`).join("");
    $("describe").hidden = false;
    for (const li of $("tables-list").children) li.classList.toggle("on", li.dataset.table === table);
  } catch (e) { showError(e.message); }
}
function preview() {
  if (!state.describing) return;
  const sql = `SELECT * FROM "${state.describing.replace(/"/g, '""')}" LIMIT 10`;
  $("editor").value = sql;
  highlight();
  run(sql);
}
async function loadSaved() {
  try {
    const s = await getJson("/api/saved");
    $("saved-list").innerHTML = s.names.map((n) => `<li data-name="${escapeHtml(n)}">${escapeHtml(n)}</li>`).join("");
    $("saved-dir").textContent = T.savedIn(s.dir);
  } catch (e) { showError(e.message); }
}
async function save() {
  const name = $("save-name").value.trim();
  if (!name) { $("save-name").focus(); return; }
  try {
    const r = await getJson("/api/saved", { name }, { method: "POST", body: $("editor").value });
    $("save-name").value = r.name;
    $("saved-dir").textContent = T.savedAs(r.name);
    await loadSaved();
  } catch (e) { showError(e.message); }
}
async function openSaved(name) {
  try {
    const r = await getJson("/api/saved", { name });
    $("editor").value = r.sql;
    $("save-name").value = name;
    highlight();
  } catch (e) { showError(e.message); }
}
async function loadHistory() {
  try {
    const h = await getJson("/api/history");
    state.history = h.history;
    $("history-list").innerHTML = h.history.map((e, i) =>
      `<li data-index="${i}" title="${escapeHtml(e.sql)}">${escapeHtml(e.status === "done" ? "✓" : e.status === "running" ? "…" : "✗")} ${escapeHtml(e.sql.replace(/\s+/g, " ").trim().slice(0, 80))}</li>`).join("");
  } catch (e) { /* the history is a convenience */ }
}

// ---- wiring --------------------------------------------------------------------------
function listClick(id, attr, action) {
  $(id).addEventListener("click", (e) => {
    const li = e.target.closest("li");
    if (li && li.dataset[attr] !== undefined) action(li.dataset[attr]);
  });
}
async function start() {
  translate();
  const ed = $("editor");
  ed.addEventListener("input", () => { highlight(); showCompletions(); });
  ed.addEventListener("scroll", () => { $("highlight").scrollTop = ed.scrollTop; });
  ed.addEventListener("keydown", onKey);
  ed.addEventListener("blur", () => setTimeout(() => { $("completions").hidden = true; }, 150));
  $("completions").addEventListener("mousedown", (e) => {
    const li = e.target.closest("li");
    if (li) { e.preventDefault(); accept([...li.parentNode.children].indexOf(li)); }
  });
  $("run").addEventListener("click", () => run());
  $("cancel").addEventListener("click", cancel);
  $("prev").addEventListener("click", () => turn(-1));
  $("next").addEventListener("click", () => turn(1));
  $("view-table").addEventListener("click", () => setView("table"));
  $("view-chart").addEventListener("click", () => setView("chart"));
  for (const id of ["chart-x", "chart-y", "chart-kind"]) $(id).addEventListener("change", drawChart);
  $("save").addEventListener("click", save);
  $("preview").addEventListener("click", preview);
  listClick("tables-list", "table", describe);
  listClick("saved-list", "name", openSaved);
  listClick("history-list", "index", (i) => { ed.value = state.history[+i].sql; highlight(); });
  setDownloads();
  try {
    const info = await getJson("/api/info");
    $("version").textContent = `flowlog ${info.version}`;
    if (info.initialSql) { ed.value = info.initialSql; }
  } catch (e) { showError(e.message); }
  highlight();
  await Promise.all([loadVocabulary(), loadSaved(), loadHistory()]);
  document.body.dataset.ready = "true";
}
start();
