// The Node benchmark: mexe-wasm against a hand-written evaluator and the
// popular JavaScript expression libraries, on the workloads of workloads.mjs;
// then download sizes, the native results (if bench/native ran) and the
// project's targets. `npm run bench` runs everything (scripts/bench.sh).
//
//   node bench/run.mjs [options]
//     --markdown           print the tables in Markdown (docs/BENCHMARKS.md)
//     --json FILE          also write all results as JSON
//     --from-json FILE     print the tables of a saved run instead of running
//     --update-doc FILE    put the Markdown tables between the results markers
//                          of FILE (docs/BENCHMARKS.md) instead of printing
//     --native FILE        Google Benchmark JSON of build/mexe_bench
//                          (default: build/bench-native.json when present)
//     --time MS            time budget per measurement (default 400)
//     --only a,b           only these workloads (names from workloads.mjs)
//     --engines a,b        only these engines (mexe, mexe-many, mexe-core,
//                          handwritten, expr-eval, mathjs, mexp, fparser)
//
// Method. Every engine's value for every input is first checked with
// Object.is against what JavaScript itself computes (workloads.mjs); an
// engine that throws or gives another value shows that instead of a time.
// Each measurement is a tinybench task with warm-up whose samples are batches
// of calls lasting about SAMPLE_MS; the figure shown is the median sample's
// CPU time (process.cpuUsage: the machine may be shared), divided by the
// number of evaluations in it. Wall-clock medians are in the JSON. Parsing
// is part of every evaluation: every engine gets the text, every call
// (mathjs included: its `evaluate(text)`, not `compile` once and `evaluate`
// many times).
import { Bench } from 'tinybench';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { sizes } from './sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const o = { markdown: false, updateDoc: null, json: null, fromJson: null, native: undefined, time: 400, only: null, engines: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--markdown') o.markdown = true;
    else if (a === '--json') o.json = value();
    else if (a === '--update-doc') o.updateDoc = value();
    else if (a === '--from-json') o.fromJson = value();
    else if (a === '--native') o.native = value();
    else if (a === '--time') o.time = Number(value());
    else if (a === '--only') o.only = value().split(',');
    else if (a === '--engines') o.engines = value().split(',');
    else if (a === '--help' || a === '-h') {
      const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      const from = lines.findIndex((l) => l.includes('node bench/run.mjs'));
      const to = lines.findIndex((l, i) => i > from && l === '//');
      console.log(lines.slice(from, to).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  return o;
}

// One tinybench sample: a batch of calls lasting about this long. Many short
// samples give a steady median even when other processes share the cores.
const SAMPLE_MS = 0.5;

// ---------------------------------------------------------------- engines

function version(pkg) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

async function makeEngines() {
  const { createEvaluator } = await import('../dist/node.mjs');
  const { evaluate: handwritten } = await import('./handwritten.mjs');
  const { Parser } = await import('expr-eval');
  const { evaluate: mathEvaluate } = await import('mathjs');
  const { default: Mexp } = await import('math-expression-evaluator');
  const { default: Formula } = await import('fparser');

  const ev = await createEvaluator();
  const core = await loadCore();
  const parser = new Parser();
  const mexp = new Mexp();
  const engines = [
    { id: 'mexe', label: 'mexe-wasm evaluate', fn: (s) => ev.evaluate(s) },
    { id: 'mexe-many', label: 'mexe-wasm evaluateMany (per item)', many: (list) => ev.evaluateMany(list) },
    { id: 'mexe-core', label: 'mexe-core.wasm batch export alone (no JS per item)', many: core.many, fits: core.fits, maxItems: core.capacity },
    { id: 'handwritten', label: 'hand-written JS (bench/handwritten.mjs)', fn: handwritten },
    { id: 'expr-eval', label: `expr-eval ${version('expr-eval')}`, fn: (s) => parser.evaluate(s) },
    { id: 'mathjs', label: `mathjs ${version('mathjs')} evaluate`, fn: (s) => mathEvaluate(s) },
    { id: 'mexp', label: `math-expression-evaluator ${version('math-expression-evaluator')}`, fn: (s) => mexp.eval(s) },
    { id: 'fparser', label: `fparser ${version('fparser')}`, fn: (s) => new Formula(s).evaluate({}) },
  ];
  return { engines, windowBytes: ev.memory.inputWindowBytes };
}

// The module's own loop, without the wrapper: the batch's bytes are written
// into the window once, then each call is one call of the raw batch export.
// This is what the wasm core costs per item, to set beside the native core.
async function loadCore() {
  const { instantiateRaw } = await import('./raw-module.mjs');
  const { exports, layout } = await instantiateRaw();
  const batch = exports.mexe_evaluate_batch;
  const u8 = new Uint8Array(exports.memory.buffer);
  const u32 = new Uint32Array(u8.buffer);
  const f64 = new Float64Array(u8.buffer);
  const encoder = new TextEncoder();
  const noErrors = [];
  let written = null;
  const fits = (list) => list.length <= layout.batchCapacity &&
    list.reduce((n, s) => n + s.length, 0) <= layout.inputWindowBytes;
  function many(list) {
    const k = list.length;
    if (list !== written) {
      if (!fits(list)) throw new Error('the batch does not fit the window');
      const { written: bytes } = encoder.encodeInto(list.join(''), u8.subarray(layout.inputWindowOffset));
      if (bytes !== list.reduce((n, s) => n + s.length, 0)) throw new Error('not ASCII');
      list.forEach((s, i) => { u32[(layout.batchLengths >> 2) + i] = s.length; });
      written = list;
    }
    const failed = batch(k);
    const values = f64.subarray(layout.batchValues >> 3, (layout.batchValues >> 3) + k);
    if (failed === 0) {
      while (noErrors.length < k) noErrors.push(null);
      return { values, errors: noErrors };
    }
    const errors = Array.from({ length: k }, (_, i) => {
      const code = u32[(layout.batchErrors >> 2) + i];
      return code === 0 ? null : new Error(`error code ${code} at ${f64[(layout.batchOffsets >> 3) + i]}`);
    });
    return { values, errors };
  }
  return { many, fits, capacity: layout.batchCapacity };
}

// ---------------------------------------------------------------- measuring

let sink = 0; // every value is added here, so no call can be optimized away

// One loop per task, each compiled from its own source: a loop shared by all
// engines would see every engine's function and slow down the later ones.
let loopCount = 0;
function makeLoop() {
  return new Function('fn', 'items', 'reps', `"use strict"; // loop ${++loopCount}
    let sum = 0;
    const n = items.length;
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < n; i++) sum += fn(items[i]);
    }
    return sum;`);
}

function shortError(e) {
  const name = e?.name ?? 'Error';
  let message = String(e?.message ?? e).split('\n')[0].replace(/\s+/g, ' ');
  if (message.length > 48) message = message.slice(0, 45) + '...';
  return `${name}: ${message}`;
}

function fmtValue(x) {
  return Object.is(x, -0) ? '-0' : String(x);
}

// Checks an engine on a workload. Returns null when every value is right,
// else { short, detail }: what went wrong, for the table and for a note.
function check(engine, workload, batch) {
  const { items, expected } = workload;
  const thrown = (e, where = '') => ({ short: `throws ${e?.name ?? 'Error'}`, detail: `throws ${shortError(e)}${where}` });
  if (engine.many) {
    let result;
    try {
      result = engine.many(batch.list);
    } catch (e) {
      return thrown(e);
    }
    for (let i = 0; i < batch.list.length; i++) {
      const want = expected[batch.index[i]];
      if (result.errors[i]) return thrown(result.errors[i], ` on item ${i + 1}`);
      if (!Object.is(result.values[i], want)) {
        return { short: 'wrong value', detail: `wrong value ${fmtValue(result.values[i])} on item ${i + 1} (expected ${fmtValue(want)})` };
      }
    }
    return null;
  }
  const wrong = [];
  for (let i = 0; i < items.length; i++) {
    let value;
    try {
      value = engine.fn(items[i]);
    } catch (e) {
      return thrown(e, items.length > 1 ? ` on item ${i + 1} of ${items.length}` : '');
    }
    if (!Object.is(value, expected[i])) wrong.push([i, value]);
  }
  if (wrong.length === 0) return null;
  const [i, value] = wrong[0];
  if (items.length === 1) {
    return { short: 'wrong value', detail: `wrong value ${fmtValue(value)} (expected ${fmtValue(expected[i])})` };
  }
  return {
    short: `wrong value (${wrong.length} of ${items.length} items)`,
    detail: `wrong value on ${wrong.length} of ${items.length} items (item ${i + 1}: ${fmtValue(value)}, expected ${fmtValue(expected[i])})`,
  };
}

// evaluateMany's input: the formula set as one batch; a single expression
// repeated as often as the input window holds, up to 1000 times (so one
// batch is one call into the module; the 1 MB expression goes alone).
function batchFor(workload, windowBytes) {
  if (workload.items.length > 1) {
    return { list: workload.items, index: workload.items.map((_, i) => i) };
  }
  const n = Math.max(1, Math.min(1000, Math.floor(windowBytes / workload.bytes)));
  return { list: new Array(n).fill(workload.items[0]), index: new Array(n).fill(0) };
}

async function measure(engine, workload, batch, timeMs) {
  // One unit: all the workload's items, or one evaluateMany call.
  const fn = engine.many ? (list) => engine.many(list).values[0] : engine.fn;
  const items = engine.many ? [batch.list] : workload.items;
  const evaluations = engine.many ? batch.list.length : items.length;
  const bytesPerUnit = engine.many ? batch.list.reduce((n, s) => n + s.length, 0) : workload.bytes;
  const loop = makeLoop();

  // Calibrate: how many units make a sample of about SAMPLE_MS.
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    sink += loop(fn, items, 1);
    n++;
    elapsed = performance.now() - t0;
  } while (elapsed < 20);
  const unitMs = elapsed / n;
  const reps = Math.max(1, Math.round(SAMPLE_MS / unitMs));
  const sampleMs = reps * unitMs;
  const slow = sampleMs > 50;

  const bench = new Bench({
    time: timeMs,
    iterations: slow ? 3 : 10,
    warmupTime: slow ? 0 : Math.min(100, timeMs / 4),
    warmupIterations: slow ? 1 : 5,
    throws: true,
  });
  // A sample's figure is the process's CPU time (user + system) for the
  // batch: on a shared machine the wall clock would also count the time
  // other processes hold the core. The wall-clock figures are kept too.
  const wallSamples = [];
  bench.add(engine.id, () => {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    sink += loop(fn, items, reps);
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    wallSamples.push(wallMs / reps);
    return { overriddenDuration: cpuMs / reps, overriddenIterationCost: wallMs };
  }, { async: false });
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.state !== 'completed') throw new Error(`${engine.id} on ${workload.name}: ${r.state} ${r.error ?? ''}`);
  const unitMedian = r.latency.p50; // CPU ms per unit
  const nsPerEval = (unitMedian * 1e6) / evaluations;
  // tinybench's warm-up samples come first: the wall median of the rest.
  const measured = wallSamples.slice(wallSamples.length - r.latency.samplesCount).sort((a, b) => a - b);
  const wallMedian = measured[Math.floor(measured.length / 2)];
  return {
    ok: true,
    nsPerEval,
    nsPerEvalMean: (r.latency.mean * 1e6) / evaluations,
    nsPerEvalWall: (wallMedian * 1e6) / evaluations,
    rme: r.latency.rme,
    samples: r.latency.samplesCount,
    callsPerSample: reps * evaluations,
    mbPerS: bytesPerUnit / (unitMedian * 1e-3) / 1e6,
    batch: engine.many ? batch.list.length : undefined,
  };
}

// ---------------------------------------------------------------- native

function readNative(file) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`bench: no native results (${file}: ${e.message})\n`);
    return null;
  }
  const results = {}; // results[workload][engine] = { ok, nsPerEval, mbPerS } | { ok: false, error }
  // With repetitions the median aggregate, else the single run.
  const chosen = new Map();
  for (const b of data.benchmarks) {
    if (b.run_type === 'aggregate' && b.aggregate_name !== 'median') continue;
    const key = b.run_name;
    const prev = chosen.get(key);
    if (!prev || (b.run_type === 'aggregate' && prev.run_type !== 'aggregate')) chosen.set(key, b);
  }
  for (const [key, b] of chosen) {
    const [engine, workload] = key.split('/');
    results[workload] ??= {};
    results[workload][engine] = b.error_occurred
      ? { ok: false, error: b.error_message }
      : { ok: true, nsPerEval: 1e9 / b.items_per_second, mbPerS: b.bytes_per_second / 1e6 };
  }
  const c = data.context;
  return {
    file,
    results,
    context: {
      date: c.date,
      numCpus: c.num_cpus,
      mhzPerCpu: c.mhz_per_cpu,
      libraryBuildType: c.library_build_type,
      loadAvg: c.load_avg,
    },
  };
}

function compilerVersion(cacheFile, tool) {
  try {
    const cache = readFileSync(join(root, cacheFile), 'utf8');
    const cxx = cache.match(/^CMAKE_CXX_COMPILER:[A-Z]+=(.*)$/m)?.[1];
    if (!cxx) return null;
    const text = execFileSync(cxx, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20000 });
    const first = text.split('\n')[0].trim();
    const emcc = first.match(/^emcc .*?(\d+\.\d+\.\d+)/);
    return `${tool}: ${emcc ? `emcc (Emscripten) ${emcc[1]}` : first}`;
  } catch {
    return null;
  }
}

function debianVersion(pkg, name) {
  try {
    const v = execFileSync('dpkg-query', ['-W', '-f', '${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return v ? `${name} ${v} (${pkg})` : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- running

async function runAll(opts) {
  const { workloads: all } = await import('./workloads.mjs');
  const workloads = opts.only ? all.filter((w) => opts.only.includes(w.name)) : all;
  const made = await makeEngines();
  const engines = made.engines.filter((e) => !opts.engines || opts.engines.includes(e.id));
  const cpus = os.cpus();
  const meta = {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
    compilers: [compilerVersion('build/CMakeCache.txt', 'native'), compilerVersion('build-wasm/CMakeCache.txt', 'wasm')].filter(Boolean),
    nativeLibraries: [debianVersion('libbenchmark-dev', 'Google Benchmark'), debianVersion('libmuparser-dev', 'muParser')].filter(Boolean).join(', '),
    timePerMeasurementMs: opts.time,
    sampleMs: SAMPLE_MS,
  };

  const js = {};
  const started = performance.now();
  for (const w of workloads) {
    js[w.name] = {};
    const shared = batchFor(w, made.windowBytes);
    for (const engine of engines) {
      const batch = engine.maxItems && shared.list.length > engine.maxItems
        ? { list: shared.list.slice(0, engine.maxItems), index: shared.index.slice(0, engine.maxItems) }
        : shared;
      const problem = engine.fits && !engine.fits(batch.list)
        ? { short: 'n/a', detail: 'longer than the input window: only the wrapper streams' }
        : check(engine, w, batch);
      let result;
      if (problem) result = { ok: false, error: problem.short, detail: problem.detail };
      else result = await measure(engine, w, batch, opts.time);
      js[w.name][engine.id] = result;
      process.stderr.write(`  ${w.name.padEnd(12)} ${engine.id.padEnd(12)} ${result.ok ? fmtNs(result.nsPerEval) + ' ns' : result.detail}\n`);
    }
  }
  meta.jsSeconds = +((performance.now() - started) / 1000).toFixed(1);

  let native = null;
  const nativeFile = opts.native ?? (existsSync(join(root, 'build/bench-native.json')) ? join(root, 'build/bench-native.json') : null);
  if (nativeFile) native = readNative(nativeFile);

  return {
    meta,
    engines: engines.map(({ id, label }) => ({ id, label })),
    workloads: workloads.map(({ name, title, bytes, items }) => ({ name, title, bytes, items: items.length })),
    js,
    sizes: await sizes(),
    native,
  };
}

// ---------------------------------------------------------------- printing

function fmtNs(ns) {
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

function render(res, markdown) {
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
    ['Load average at start', m.loadAvg.join(', ')],
    ['Method', `tinybench, ${m.timePerMeasurementMs} ms per measurement after warm-up; CPU time (process.cpuUsage), median of samples of ~${m.sampleMs} ms; ` +
      'every call parses its text (mathjs: math.evaluate(text), not compile once); values checked with Object.is before timing; ' +
      `MB = 10^6 bytes; JS part took ${m.jsSeconds} s`],
  ], ['l', 'l'], markdown));

  const label = Object.fromEntries(res.engines.map((e) => [e.id, e.label]));
  for (const w of res.workloads) {
    const per = res.js[w.name];
    const base = per.mexe?.ok ? per.mexe.nsPerEval : NaN;
    const what = w.items > 1 ? `${w.items} items, ${w.bytes.toLocaleString('en-US')} bytes in all; times are per item` : `${w.bytes.toLocaleString('en-US')} bytes`;
    const title = markdown && /^[\d(]/.test(w.title) ? `\`${w.title}\`` : w.title;
    h(`${title} (${what})`);
    const notes = [];
    const rows = res.engines.map(({ id }) => {
      const r = per[id];
      if (!r) return [label[id], 'not run', '', '', ''];
      if (!r.ok) {
        notes.push(`${label[id]}: ${r.detail ?? r.error}.`);
        return [label[id], `FAILS: ${r.error}`, '', '', ''];
      }
      const name = r.batch ? `${label[id]}, batch of ${r.batch}` : label[id];
      return [name, fmtNs(r.nsPerEval), fmtRate(r.mbPerS), fmtRatio(r.nsPerEval / base), `±${r.rme.toFixed(1)}%`];
    });
    out.push(table(['engine', 'ns / evaluation', 'MB/s', 'time vs mexe evaluate', 'rme (mean)'], rows, ['l', 'r', 'r', 'r', 'r'], markdown));
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
      const cell = (r) => (!r ? ['not run', ''] : r.ok ? [fmtNs(r.nsPerEval), fmtRate(r.mbPerS)] : [`FAILS: ${r.error}`, '']);
      const wasm = res.js[w.name].mexe;
      const core = res.js[w.name]['mexe-core'];
      const st = n['Evaluator::evaluate'];
      const ratio = (x) => (x?.ok && st?.ok ? fmtRatio(st.nsPerEval / x.nsPerEval) : '-');
      return [w.name, ...cell(n['Evaluator::evaluate']), ...cell(n['mexe::evaluate']), ...cell(n['muParser']),
        wasm?.ok ? fmtNs(wasm.nsPerEval) : '-', ratio(wasm), core?.ok ? fmtNs(core.nsPerEval) : '-', ratio(core)];
    });
    out.push(table(['workload', 'Evaluator ns', 'MB/s', 'mexe::evaluate ns', 'MB/s', 'muParser ns', 'MB/s', 'wasm evaluate ns', 'speed / native', 'wasm core ns', 'speed / native'],
      rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'], markdown));
    out.push('', '"wasm evaluate" is the whole call from JavaScript (writing the text, the call, reading the result); "wasm core" is the module\'s batch export alone, input written once: the same C++ as the native "Evaluator" column, compiled to wasm.');
    out.push('', `Times per evaluation (per item for the formula set): CPU time, median of 3 repetitions; "Evaluator" is a static mexe::Evaluator, as the wasm module uses; muParser is timed SetExpr + Eval. ` +
      (nat.context.libraryBuildType === 'debug' ? 'Google Benchmark reports its own library as a debug build (the Debian package); the code timed is built Release. ' : '') +
      `Native run: ${nat.context.date}.`);
  }

  h('Targets');
  out.push(table(['target', 'now', 'met'], targets(res), ['l', 'r', 'l'], markdown));
  out.push('');
  return out.join('\n');
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

// ---------------------------------------------------------------- main

const opts = parseArgs(process.argv.slice(2));
let results;
if (opts.fromJson) {
  results = JSON.parse(readFileSync(opts.fromJson, 'utf8'));
  if (opts.native) results.native = readNative(opts.native);
} else {
  process.stderr.write('Running the JavaScript benchmarks (progress on stderr, tables on stdout)...\n');
  results = await runAll(opts);
}
if (opts.json) writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
if (opts.updateDoc) {
  const begin = '<!-- results:begin -->';
  const end = '<!-- results:end -->';
  const doc = readFileSync(opts.updateDoc, 'utf8');
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a === -1 || b < a) throw new Error(`${opts.updateDoc}: no ${begin} ... ${end} markers`);
  writeFileSync(opts.updateDoc, `${doc.slice(0, a + begin.length)}\n${render(results, true)}\n${doc.slice(b)}`);
  process.stderr.write(`bench: updated the results in ${opts.updateDoc}\n`);
} else {
  process.stdout.write(render(results, opts.markdown));
}
