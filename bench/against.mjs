// This build's evaluate against another build's (e.g. a copy of dist/ from
// before a change): the benchmark workloads, then literals past the
// evaluator's own fast path (more than 15 digits, or a scale beyond 1e±22),
// and createEvaluator's start-up. Each build runs in a process of its own
// (two builds in one process slow each other down: they share V8's call
// sites for encodeInto and the like), seven times, alternating; the figure is
// the median. CPU time per call; the values must agree.
//
//   node bench/against.mjs --against DIR
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { workloads } from './workloads.mjs';

const inputs = [
  ...workloads.filter((w) => w.items.length === 1).map((w) => [w.title, w.items[0]]),
  ['3.141592653589793', '3.141592653589793'],
  ['1e-300', '1e-300'],
  ['20 digits', '12345678901234567890'],
  ['1.7976931348623157e308', '1.7976931348623157e308'],
  ['4.9e-324', '4.9e-324'],
  ['10 literals of 17 digits', Array.from({ length: 10 }, (_, i) => `0.${i + 1}234567890123456`).join(' + ')],
];

// { createEvaluator, wasmBinary } of the build in `dir`.
async function load(dir) {
  const base = pathToFileURL(resolve(dir) + '/');
  const wasmBinary = readFileSync(new URL('mexe-core.wasm', base));
  try {
    return { wasmBinary, ...(await import(new URL('node.mjs', base).href)) };
  } catch {
    return { wasmBinary, ...(await import(new URL('index.mjs', base).href)) }; // builds before node.mjs
  }
}

function nsPer(fn, count) {
  let sink = 0;
  // Warm-up long enough for V8 to tier the JavaScript and the wasm up.
  for (let i = 0; i < 5 * count; i++) sink += fn();
  const samples = [];
  for (let r = 0; r < 9; r++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < count; i++) sink += fn();
    const t = process.cpuUsage(t0);
    samples.push(((t.user + t.system) * 1000) / count);
  }
  if (Number.isNaN(sink)) console.log('');
  return samples.sort((a, b) => a - b)[4];
}

// In the child: one build's figures as JSON.
async function measure(dir) {
  const { createEvaluator, wasmBinary } = await load(dir);
  const ev = await createEvaluator({ wasmBinary });
  const out = { values: [], ns: [] };
  for (const [, text] of inputs) {
    const value = ev.evaluate(text);
    out.values.push(Object.is(value, -0) ? '-0' : String(value));
    out.ns.push(nsPer(() => ev.evaluate(text), Math.max(20, Math.round(3e6 / (text.length + 10)))));
  }
  const starts = [];
  for (let i = 0; i < 31; i++) {
    const t0 = performance.now();
    await createEvaluator({ wasmBinary });
    starts.push(performance.now() - t0);
  }
  out.startMs = starts.sort((a, b) => a - b)[15];
  return out;
}

const args = process.argv.slice(2);
if (args[0] === '--measure') {
  process.stdout.write(JSON.stringify(await measure(args[1])));
} else {
  if (args[0] !== '--against' || !args[1]) throw new Error('usage: node bench/against.mjs --against DIR');
  const builds = [fileURLToPath(new URL('../dist/', import.meta.url)), args[1]];
  const runs = builds.map(() => []);
  for (let round = 0; round < 7; round++) {
    builds.forEach((dir, b) => {
      runs[b].push(JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', dir], { encoding: 'utf8' })));
    });
  }
  const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const [mine, theirs] = runs.map((list) => ({
    values: list[0].values,
    ns: inputs.map((_, i) => median(list.map((r) => r.ns[i]))),
    startMs: median(list.map((r) => r.startMs)),
  }));
  console.log(`| input | this build (ns) | ${args[1]} (ns) | ratio |\n|---|---|---|---|`);
  inputs.forEach(([label], i) => {
    if (mine.values[i] !== theirs.values[i]) throw new Error(`the builds disagree on ${label}: ${mine.values[i]} and ${theirs.values[i]}`);
    console.log(`| ${label} | ${mine.ns[i].toFixed(1)} | ${theirs.ns[i].toFixed(1)} | ${(mine.ns[i] / theirs.ns[i]).toFixed(2)}x |`);
  });
  console.log(`| createEvaluator({ wasmBinary }), ms | ${mine.startMs.toFixed(2)} | ${theirs.startMs.toFixed(2)} | ${(mine.startMs / theirs.startMs).toFixed(2)}x |`);
}
