// Why the package talks to its module through raw exports: the same core in
// an Emscripten app that exposes it with embind (tests/cpp/embind_consumer,
// built for a strict CSP: -sDYNAMIC_EXECUTION=0) against the package, on the
// benchmark's workloads, then both downloads. The app's figures are those of
// its `evaluate(std::string)`; the package's of `ev.evaluate`.
//
//   node bench/embind.mjs [--time MS] [--rounds N] [--markdown]    (after npm run build)
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { createEvaluator } from '../dist/node.mjs';
import { check, measure } from './measure.mjs';
import { sizes } from './sizes.mjs';
import { workloads } from './workloads.mjs';

const WORKLOADS = ['add', 'mixed', 'random-10k'];
const APP = new URL('../build/embind-consumer/', import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const timeMs = option('--time', 500);
const rounds = option('--rounds', 3);
const markdown = args.includes('--markdown');

// Node: the app gets its bytes (the glue would fetch a file path).
const { default: createMexeApp } = await import(new URL('installed/mexe-app.mjs', APP));
const app = await createMexeApp({ wasmBinary: readFileSync(new URL('installed/mexe-app.wasm', APP)) });
const ev = await createEvaluator();
const engines = [
  { id: 'package', fn: (s) => ev.evaluate(s) },
  { id: 'embind', fn: (s) => app.evaluate(s) },
];

const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
// What any embind call costs: one with no argument and no work (the app's
// allocation counter).
const bare = { name: 'bare', title: 'bare', items: [''], bytes: 0 };
const embindCall = { id: 'call', fn: () => app.allocations() };

// The machine may be shared: rounds alternate the engines, and each figure
// is the fastest round's.
const tasks = [];
for (const name of WORKLOADS) {
  const workload = workloads.find((w) => w.name === name);
  for (const engine of engines) {
    const wrong = check(engine, workload, []);
    if (wrong) throw new Error(`${engine.id} on ${name}: ${wrong.detail}`);
    tasks.push({ workload, engine });
  }
}
tasks.push({ workload: bare, engine: embindCall });
const best = new Map();
for (let round = 0; round < rounds; round++) {
  for (const { workload, engine } of tasks) {
    const { nsPerEval } = await measure(engine, workload, [], timeMs);
    const key = `${workload.name} ${engine.id}`;
    best.set(key, Math.min(best.get(key) ?? Infinity, nsPerEval));
  }
}
const rows = WORKLOADS.map((name) => {
  const { title } = workloads.find((w) => w.name === name);
  return { title, package: best.get(`${name} package`), embind: best.get(`${name} embind`) };
});
const callNs = best.get('bare call');

// Downloads, gzip -9: the package as an app's bundle carries it (sizes.mjs),
// the embind app's glue and module as emcc writes them.
const gzip = (file) => gzipSync(readFileSync(new URL(file, APP)), { level: 9 }).length;
const raw = (file) => readFileSync(new URL(file, APP)).length;
const pkg = (await sizes()).find((s) => s.name === 'mexe-wasm');
const downloads = [
  { what: 'mexe-wasm (esbuild bundle of createEvaluator + mexe-core.wasm)', js: pkg.parts.js.gzip, wasm: pkg.parts.wasm.gzip, wasmRaw: pkg.parts.wasm.raw },
  ...['installed', 'subdir'].map((dir) => ({
    what: `embind app, ${dir === 'installed' ? 'host literal reader' : 'fast_float literal reader'} (${dir}/mexe-app.mjs + .wasm)`,
    js: gzip(`${dir}/mexe-app.mjs`),
    wasm: gzip(`${dir}/mexe-app.wasm`),
    wasmRaw: raw(`${dir}/mexe-app.wasm`),
  })),
];

const ns = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} µs` : `${x.toFixed(0)} ns`);
const kib = (b) => `${(b / 1024).toFixed(2)} KiB`;
const table = (head, body) => {
  if (markdown) {
    return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  }
  const width = head.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  return [head, ...body].map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(width[i]) : String(c).padStart(width[i]))).join('  ')).join('\n');
};

console.log(table(['workload', 'mexe-wasm evaluate', 'embind app evaluate', 'embind / package'],
  rows.map((r) => [r.title, ns(r.package), ns(r.embind), `${(r.embind / r.package).toFixed(1)}x`])));
console.log(`\nan embind call with no argument and no work (the app's allocations()): ${ns(callNs)}\n`);
console.log(table(['download (gzip -9)', 'JavaScript', 'wasm', 'total', 'wasm uncompressed'],
  downloads.map((d) => [d.what, kib(d.js), kib(d.wasm), kib(d.js + d.wasm), kib(d.wasmRaw)])));
console.log(`\nCPU time per evaluation, median sample (bench/measure.mjs) of the fastest of ${rounds} rounds, ${timeMs} ms per measurement; Node ${process.versions.node}; load average at the start ${load}.`);
