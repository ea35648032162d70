// The benchmark's tables (plain text or Markdown) and its targets.
export function fmtNs(ns) {
  if (ns < 10) return ns.toFixed(2);
  if (ns < 100) return ns.toFixed(1);
  return Math.round(ns).toLocaleString('en-US');
}

function fmtRate(mb) {
  if (mb < 10) return mb.toFixed(2);
  if (mb < 100) return mb.toFixed(1);
  return Math.round(mb).toLocaleString('en-US');
}

function fmtRatio(x) {
  if (!Number.isFinite(x)) return '-';
  if (x < 10) return `${x.toFixed(2)}x`;
  if (x < 100) return `${x.toFixed(1)}x`;
  return `${Math.round(x).toLocaleString('en-US')}x`;
}

function fmtBytes(n) {
  return n < 10240 ? `${(n / 1024).toFixed(2)} KiB` : `${(n / 1024).toFixed(1)} KiB`;
}

// JS-heap bytes: 0, 8.6, 1,368, 1.29 MB (10^6 bytes).
export function fmtHeapBytes(n) {
  if (n < 0.05) return '0';
  if (n < 100) return n.toFixed(1);
  if (n < 1e6) return Math.round(n).toLocaleString('en-US');
  return `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)} MB`;
}

function heapCell(res, workload, id) {
  const r = res.bytes?.results[workload]?.[id];
  if (!r) return '';
  return r.ok ? fmtHeapBytes(r.bytesPerEval) : r.error;
}

function table(headers, rows, align, markdown) {
  const cells = rows.map((r) => r.map((c) => (c == null ? '' : String(c))));
  if (!headers) {
    const widths = align.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
    return cells.map((r) => r.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
  }
  if (markdown) {
    const esc = (s) => s.replace(/\|/g, '\\|');
    const sep = align.map((a) => (a === 'r' ? '---:' : '---'));
    return [headers, sep, ...cells].map((r, i) => `| ${(i === 1 ? r : r.map(esc)).join(' | ')} |`).join('\n');
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function render(res, markdown) {
  const out = [];
  const h = (text) => out.push('', markdown ? `### ${text}` : `== ${text} ==`, '');
  const m = res.meta;

  h('Machine');
  out.push(table(markdown ? ['', ''] : null, [
    ['CPU', `${m.cpu} (${m.cores} logical cores)`],
    ['Memory', `${m.memoryGiB} GiB`],
    ['OS', m.os],
    ['Node', `${m.node} (V8 ${m.v8})`],
    ...m.compilers.map((c) => [c.split(':')[0] === 'native' ? 'C++ compiler' : 'wasm compiler', c.slice(c.indexOf(':') + 2)]),
    ...(m.nativeLibraries ? [['Native libraries', m.nativeLibraries]] : []),
    ['Date', m.date],
    ...(res.native?.context.loadAvg ? [['Load average at the native run\'s start', res.native.context.loadAvg.map((x) => x.toFixed(2)).join(', ')]] : []),
    ['Load average at the Node run\'s start', m.loadAvg.join(', ')],
    ['Method', `tinybench, ${m.timePerMeasurementMs} ms per measurement after warm-up; CPU time (process.cpuUsage), median of samples of ~${m.sampleMs} ms; ` +
      'every call parses its text (mathjs: math.evaluate(text), not compile once); values checked with Object.is before timing; ' +
      `MB = 10^6 bytes; JS part took ${m.jsSeconds} s`],
  ], ['l', 'l'], markdown));

  const label = Object.fromEntries(res.engines.map((e) => [e.id, e.label]));
  for (const w of res.workloads) {
    const per = res.js[w.name];
    const base = per.mexe?.ok ? per.mexe.nsPerEval : NaN;
    const what = w.distinct
      ? `${w.items.toLocaleString('en-US')} distinct items, ${w.bytes.toLocaleString('en-US')} bytes in all, each met once per pass over them; times are per item`
      : w.items > 1 ? `${w.items} items, ${w.bytes.toLocaleString('en-US')} bytes in all; times are per item` : `${w.bytes.toLocaleString('en-US')} bytes`;
    const title = markdown && /^[\d(]/.test(w.title) ? `\`${w.title}\`` : w.title;
    h(`${title} (${what})`);
    const notes = [];
    const rows = res.engines.map(({ id }) => {
      const r = per[id];
      if (!r) return [label[id], 'not run', '', '', '', ''];
      if (!r.ok) {
        notes.push(`${label[id]}: ${r.detail ?? r.error}.`);
        return [label[id], `FAILS: ${r.error}`, '', '', '', ''];
      }
      const name = r.batch ? `${label[id]}, batch of ${r.batch}` : label[id];
      return [name, fmtNs(r.nsPerEval), fmtRate(r.mbPerS), fmtRatio(r.nsPerEval / base), `±${r.rme.toFixed(1)}%`, heapCell(res, w.name, id)];
    });
    out.push(table(['engine', 'ns / evaluation', 'MB/s', 'time vs mexe evaluate', 'rme (mean)', 'JS-heap bytes / evaluation'], rows, ['l', 'r', 'r', 'r', 'r', 'r'], markdown));
    if (notes.length) out.push('', ...notes.map((n) => (markdown ? `- ${n}` : `  ${n}`)));
  }

  h('Summary: ns per evaluation (time relative to mexe-wasm evaluate)');
  out.push(table(['engine', ...res.workloads.map((w) => w.name)],
    res.engines.map(({ id }) => [label[id], ...res.workloads.map((w) => {
      const r = res.js[w.name][id];
      if (!r) return '';
      if (!r.ok) return r.error;
      const base = res.js[w.name].mexe;
      return `${fmtNs(r.nsPerEval)} (${fmtRatio(r.nsPerEval / (base?.ok ? base.nsPerEval : NaN))})`;
    })]), ['l', ...res.workloads.map(() => 'r')], markdown));

  if (res.bytes) heapSummary(res, label, h, out, markdown);

  h('Download size (what a browser fetches; gzip -9, brotli -q 11)');
  const mexeSize = res.sizes[0];
  out.push(table(['package', 'what', 'raw', 'gzip', 'brotli', 'gzip vs mexe-wasm'], res.sizes.map((s) => [
    s.name, s.what, fmtBytes(s.raw), fmtBytes(s.gzip), fmtBytes(s.brotli), fmtRatio(s.gzip / mexeSize.gzip),
  ]), ['l', 'l', 'r', 'r', 'r', 'r'], markdown));
  if (mexeSize.parts) {
    const p = mexeSize.parts;
    out.push('', `mexe-wasm parts: bundled JavaScript ${fmtBytes(p.js.raw)} (gzip ${fmtBytes(p.js.gzip)}), mexe-core.wasm ${fmtBytes(p.wasm.raw)} (gzip ${fmtBytes(p.wasm.gzip)}).`);
  }

  const nat = res.native;
  if (nat) {
    h('Native (Google Benchmark, build/mexe_bench) and wasm / native');
    const rows = res.workloads.map((w) => {
      const n = nat.results[w.name] ?? {};
      const cell = (r) => (!r ? ['-', ''] : r.ok ? [fmtNs(r.nsPerEval), fmtRate(r.mbPerS)] : [`FAILS: ${r.error}`, '']);
      const wasm = res.js[w.name].mexe;
      const core = res.js[w.name]['mexe-core'];
      const st = n['Evaluator::evaluate'];
      const ratio = (x) => (x?.ok && st?.ok ? fmtRatio(st.nsPerEval / x.nsPerEval) : '-');
      return [w.name, ...cell(n['Evaluator::evaluate']), ...cell(n['mexe::evaluate']), ...cell(n['muParser']),
        wasm?.ok ? fmtNs(wasm.nsPerEval) : '-', ratio(wasm), core?.ok ? fmtNs(core.nsPerEval) : '-', ratio(core)];
    });
    out.push(table(['workload', 'Evaluator ns', 'MB/s', 'mexe::evaluate ns', 'MB/s', 'muParser ns', 'MB/s', 'wasm evaluate ns', 'speed / native', 'wasm core ns', 'speed / native'],
      rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'], markdown));
    out.push('', '"wasm evaluate" is the whole call from JavaScript (writing the text, the call, reading the result); "wasm core" is the module\'s batch export alone, input written once (distinct-formulas: each slice of 500 copied in, encoded beforehand, before its call): the same C++ as the native "Evaluator" column, compiled to wasm.');
    out.push('', '"-": not measured natively (fresh-1m: only the static Evaluator, on input of its own; see the next table).');
    out.push('', `Times per evaluation (per item for the formula sets): CPU time, median of 3 repetitions; "Evaluator" is a static mexe::Evaluator, as the wasm module uses; muParser is timed SetExpr + Eval. ` +
      (nat.context.libraryBuildType === 'debug' ? 'Google Benchmark reports its own library as a debug build (the Debian package); the code timed is built Release. ' : '') +
      `Native run: ${nat.context.date}.`);
  }

  if (nat) freshAndRepeated(res, h, out, markdown);

  h('Targets');
  out.push(table(['target', 'now', 'met'], targets(res), ['l', 'r', 'l'], markdown));
  out.push('');
  return out.join('\n');
}

function heapSummary(res, label, h, out, markdown) {
  const b = res.bytes;
  const labels = { ...label, ...Object.fromEntries(b.engines.map((e) => [e.id, e.label])) };
  const ids = [...res.engines.map((e) => e.id), ...b.engines.map((e) => e.id)];
  h('JS-heap bytes per evaluation');
  out.push(table(['engine', ...res.workloads.map((w) => w.name)],
    ids.map((id) => [labels[id], ...res.workloads.map((w) => heapCell(res, w.name, id) || '-')]), ['l', ...res.workloads.map(() => 'r')], markdown));
  out.push('', `Bytes the V8 heap grew by per evaluation (per item for evaluateMany and the formula sets): node ${b.meta.flags.join(' ')} ` +
    '(a 512 MiB young generation, so no GC runs while counting), a minor GC before each window, used_heap_size before and after, ' +
    'the slope between windows of n and about 10·n calls, less that of an empty function through the same loop; a window with a GC in it ' +
    `(PerformanceObserver on 'gc') is measured again, smaller; median of 5. "-": failed or not run (see the times). ` +
    `Measured ${b.meta.date} with Node ${b.meta.node} (V8 ${b.meta.v8}); bench/bytes.mjs, bench/heap.mjs.`);
}

// Input met for the first time beside input the branch predictor has
// learnt, natively and in wasm, by bytes per second (the fresh 1 MB inputs
// are not the same bytes on both sides, only the same kind).
const PAIRS = [
  ['fresh 1 MB', 'fresh-1m'],
  ['fresh formulas, 20 to 200 bytes', 'distinct-formulas'],
  ['repeated 10 KB', 'random-10k'],
  ['repeated 1 MB', 'random-1m'],
];
const GOAL = 0.8;

function freshAndRepeated(res, h, out, markdown) {
  const rows = [];
  for (const [what, name] of PAIRS) {
    const n = res.native.results[name]?.['Evaluator::evaluate'];
    const wasm = res.js[name]?.mexe;
    const core = res.js[name]?.['mexe-core'];
    if (!n?.ok && !wasm?.ok) continue;
    const rate = (r) => (r?.ok ? fmtRate(r.mbPerS) : '-');
    const ratio = (r) => (r?.ok && n?.ok ? r.mbPerS / n.mbPerS : NaN);
    const x = ratio(wasm);
    rows.push([`${what} (${name})`, rate(n), rate(wasm), fmtRatio(x), Number.isFinite(x) ? (x >= GOAL ? 'yes' : 'NO') : '-',
      rate(core), fmtRatio(ratio(core))]);
  }
  if (!rows.length) return;
  h('wasm / native on fresh and on repeated input (MB/s)');
  out.push(table(['input', 'native Evaluator', 'wasm evaluate from JS', 'wasm / native', `at least ${GOAL}x`, 'wasm core', 'core / native'],
    rows, ['l', 'r', 'r', 'r', 'l', 'r', 'r'], markdown));
  out.push('', 'Fresh: every evaluation meets input the CPU has not just seen. fresh-1m: natively a new expression for ' +
    'every iteration (cpp/tools/random_expression.hpp, made with the timer paused), in JavaScript a pool of distinct ' +
    '1 MB expressions: the same kind of input, not the same bytes. distinct-formulas: the same 100,000 formulas on both ' +
    'sides, walked round-robin. Repeated: one input evaluated again and again, which the branch predictor learns. ' +
    '"wasm core": the module\'s batch export alone (the 1 MB inputs do not fit its window).');
}

function targets(res) {
  const js = (w, id) => res.js[w]?.[id];
  const ns = (w, id) => (js(w, id)?.ok ? js(w, id).nsPerEval : NaN);
  const rows = [];
  const add = (what, value, fmt, ok) => rows.push([what, Number.isFinite(value) ? fmt(value) : 'n/a', Number.isFinite(value) ? (ok(value) ? 'yes' : 'NO') : '-']);
  const faster = (x) => `${fmtRatio(x)} faster`;
  add('2 + 3: at least 10x faster than expr-eval', ns('add', 'expr-eval') / ns('add', 'mexe'), faster, (x) => x >= 10);
  add('2 + 3: at least 3x faster than hand-written JS', ns('add', 'handwritten') / ns('add', 'mexe'), faster, (x) => x >= 3);
  add('10 KB: at least 20x the throughput of expr-eval', ns('random-10k', 'expr-eval') / ns('random-10k', 'mexe'), faster, (x) => x >= 20);
  const mb10 = js('random-10k', 'mexe')?.mbPerS;
  add('10 KB: at least 500 MB/s (wasm)', mb10 ?? NaN, (x) => `${fmtRate(x)} MB/s`, (x) => x >= 500);
  for (const w of ['add', 'mixed', 'formulas']) {
    add(`evaluateMany per item at least 1.5x faster than evaluate (${w})`, ns(w, 'mexe') / ns(w, 'mexe-many'), faster, (x) => x >= 1.5);
  }
  const nat = res.native?.results;
  const nget = (w, e) => (nat?.[w]?.[e]?.ok ? nat[w][e] : null);
  add('native: at least 1 GB/s on 10 KB (static Evaluator)', nget('random-10k', 'Evaluator::evaluate')?.mbPerS ?? NaN, (x) => `${fmtRate(x)} MB/s`, (x) => x >= 1000);
  add('native: at most 15 ns for 2 + 3 (static Evaluator)', nget('add', 'Evaluator::evaluate')?.nsPerEval ?? NaN, (x) => `${fmtNs(x)} ns`, (x) => x <= 15);
  for (const w of res.workloads.map((x) => x.name)) {
    const n = nget(w, 'Evaluator::evaluate');
    add(`wasm at least 0.7x native speed (${w}; evaluate from JS)`, n ? n.nsPerEval / ns(w, 'mexe') : NaN, (x) => `${x.toFixed(3)}x`, (x) => x >= 0.7);
    if (js(w, 'mexe-core')?.ok) {
      add(`wasm at least 0.7x native speed (${w}; module core alone)`, n ? n.nsPerEval / ns(w, 'mexe-core') : NaN, (x) => `${x.toFixed(3)}x`, (x) => x >= 0.7);
    }
  }
  add('browser download at most 10 KB gzipped', res.sizes[0].gzip / 1000, (x) => `${x.toFixed(1)} KB (${fmtBytes(res.sizes[0].gzip)})`, (x) => x <= 10);
  return rows;
}

