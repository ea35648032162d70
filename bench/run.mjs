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
//     --only a,b           only these workloads (names from workloads.mjs:
//                          add, mixed, formulas, random-10k, random-1m,
//                          nested-1000, fresh-1m, distinct-formulas)
//     --engines a,b        only these engines (mexe, mexe-many, mexe-core,
//                          handwritten, expr-eval, mathjs, mexp, fparser;
//                          for bytes also mexe-try, mexe-stats, mexe-throw)
//     --no-bytes           skip the JS-heap bytes per evaluation
//     --demo-bytes FILE    also write the bytes per evaluation for the demo
//                          (web/demo/heap-bytes.json)
//
// Method. Every engine's value for every input is first checked with
// Object.is against what JavaScript itself computes (workloads.mjs); an
// engine that throws or gives another value shows that instead of a time.
// Each measurement is a tinybench task with warm-up whose samples are batches
// of calls lasting about SAMPLE_MS; the figure shown is the median sample's
// CPU time (process.cpuUsage: the machine may be shared), divided by the
// number of evaluations in it. Wall-clock medians are in the JSON. On the
// workloads of distinct items (fresh-1m, distinct-formulas) each sample
// takes the next items, round-robin, so no sample evaluates an input the
// CPU has just seen; evaluateMany takes them in slices of MANY_SLICE. Parsing
// is part of every evaluation: every engine gets the text, every call
// (mathjs included: its `evaluate(text)`, not `compile` once and `evaluate`
// many times). JS-heap bytes per evaluation are measured after the times, in
// a child process with the flags the method needs (bench/bytes.mjs,
// bench/heap.mjs), for the engines and workloads timed without a failure.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { makeEngines } from './engines.mjs';
import { SAMPLE_MS, batchFor, check, measure, slicesFor } from './measure.mjs';
import { compilerVersion, debianVersion, readNative } from './native-results.mjs';
import { fmtNs, render } from './report.mjs';
import { sizes } from './sizes.mjs';
import { HEAP_FLAGS } from './heap.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// evaluateMany's slice on the distinct workloads: under the module's batch
// table (512 items), a divisor of the formulas' number, and each slice of
// formulas fits the 64 KiB input window (so the raw batch export takes it).
const MANY_SLICE = 500;

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const o = { markdown: false, updateDoc: null, json: null, fromJson: null, native: undefined, time: 400, only: null, engines: null, bytes: true, demoBytes: null };
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
    else if (a === '--no-bytes') o.bytes = false;
    else if (a === '--demo-bytes') o.demoBytes = value();
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

// ---------------------------------------------------------------- running

async function runAll(opts) {
  const { workloads: repeated, distinctNames, distinctWorkload } = await import('./workloads.mjs');
  const wanted = (name) => !opts.only || opts.only.includes(name);
  const workloads = [...repeated.filter((w) => wanted(w.name)), ...distinctNames.filter(wanted).map(distinctWorkload)];
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
    const shared = w.distinct ? null : batchFor(w, made.windowBytes);
    // Items longer than the window go to evaluateMany one at a time.
    const slices = w.distinct ? slicesFor(w, w.items[0].length > made.windowBytes ? 1 : MANY_SLICE) : null;
    for (const engine of engines) {
      const batches = slices ?? [engine.maxItems && shared.list.length > engine.maxItems
        ? { list: shared.list.slice(0, engine.maxItems), index: shared.index.slice(0, engine.maxItems) }
        : shared];
      const problem = engine.fits && !batches.every((b) => engine.fits(b.list))
        ? { short: 'n/a', detail: 'longer than the input window: only the wrapper streams' }
        : check(engine, w, batches);
      let result;
      if (problem) result = { ok: false, error: problem.short, detail: problem.detail };
      else result = await measure(engine, w, batches, opts.time);
      js[w.name][engine.id] = result;
      process.stderr.write(`  ${w.name.padEnd(12)} ${engine.id.padEnd(12)} ${result.ok ? fmtNs(result.nsPerEval) + ' ns' : result.detail}\n`);
    }
  }
  meta.jsSeconds = +((performance.now() - started) / 1000).toFixed(1);

  const bytes = opts.bytes ? measureBytes(opts, workloads, js) : null;

  let native = null;
  const nativeFile = opts.native ?? (existsSync(join(root, 'build/bench-native.json')) ? join(root, 'build/bench-native.json') : null);
  if (nativeFile) native = readNative(nativeFile);

  return {
    meta,
    engines: engines.map(({ id, label }) => ({ id, label })),
    workloads: workloads.map(({ name, title, bytes, items, distinct }) => ({ name, title, bytes, items: items.length, distinct })),
    js,
    sizes: await sizes(),
    native,
    bytes,
  };
}

// The bytes per evaluation, from a child process with HEAP_FLAGS; what failed
// to run in the timing is skipped there.
function measureBytes(opts, workloads, js) {
  const skip = workloads.flatMap((w) => Object.entries(js[w.name]).filter(([, r]) => !r.ok).map(([id]) => `${w.name}/${id}`));
  const args = [...HEAP_FLAGS, join(root, 'bench/bytes.mjs'), '--only', workloads.map((w) => w.name).join(','), '--skip', skip.join(',') || ','];
  if (opts.engines) args.push('--engines', opts.engines.join(','));
  process.stderr.write(`JS-heap bytes per evaluation (node ${HEAP_FLAGS.join(' ')} bench/bytes.mjs)...\n`);
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 }));
}

// What the demo's race shows beside its times: the bench's figures for the
// libraries the demo races, with the engine and the date they were measured on.
function writeDemoBytes(file, results) {
  const { bytes } = results;
  if (!bytes) throw new Error('--demo-bytes: this run has no bytes per evaluation');
  const workloads = Object.fromEntries(Object.entries(bytes.results).map(([name, per]) => [name,
    Object.fromEntries(Object.entries(per).filter(([, r]) => r.ok).map(([id, r]) => [id, +r.bytesPerEval.toFixed(1)]))]));
  const demo = {
    measured: { date: bytes.meta.date.slice(0, 10), engine: `Node ${bytes.meta.node} (V8 ${bytes.meta.v8})`, command: 'npm run bench' },
    libraries: { 'mexe-wasm': 'mexe', 'expr-eval': 'expr-eval', mathjs: 'mathjs' },
    workloads: Object.fromEntries(results.workloads.filter((w) => workloads[w.name]).map((w) => [w.name, { bytes: w.bytes, items: w.items, perEvaluation: workloads[w.name] }])),
  };
  writeFileSync(file, JSON.stringify(demo, null, 2) + '\n');
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
if (opts.demoBytes) writeDemoBytes(opts.demoBytes, results);
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
