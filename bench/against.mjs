// This build's evaluate against another build's, side by side in one run (e.g.
// a copy of dist/ from before a change): the benchmark workloads, then
// literals past the evaluator's own fast path (more than 15 digits, or a
// scale beyond 1e±22). CPU time per call, median of 9 runs, builds
// alternating; the values must agree.
//
//   node bench/against.mjs [--against DIR]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
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

// { ev, create }: an evaluator, and a function that makes another from the bytes.
async function load(dir) {
  const base = pathToFileURL(resolve(dir) + '/');
  const wasmBinary = readFileSync(new URL('mexe-core.wasm', base));
  const names = ['node.mjs', 'index.mjs']; // builds before node.mjs existed read the file in index.mjs
  for (const name of names) {
    try {
      const { createEvaluator } = await import(new URL(name, base).href);
      const create = () => createEvaluator({ wasmBinary });
      return { ev: await create(), create };
    } catch (error) {
      if (name === names.at(-1)) throw error;
    }
  }
}

// Milliseconds of wall time for createEvaluator from the bytes (compile and
// start), median of 31.
async function startMs(create) {
  const samples = [];
  for (let i = 0; i < 31; i++) {
    const t0 = performance.now();
    await create();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[15];
}

function nsPer(fn, count) {
  let sink = 0;
  for (let i = 0; i < count / 10; i++) sink += fn(); // warm-up
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

const args = process.argv.slice(2);
const against = args[0] === '--against' ? args[1] : null;
const builds = [['this build', await load(new URL('../dist/', import.meta.url).pathname)]];
if (against) builds.push([against, await load(against)]);

const header = ['input', ...builds.map(([name]) => `${name} (ns)`), ...(against ? ['ratio'] : [])];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const [label, text] of inputs) {
  const values = builds.map(([, { ev }]) => ev.evaluate(text));
  if (!values.every((v) => Object.is(v, values[0]))) throw new Error(`the builds disagree on ${text}`);
  const count = Math.max(20, Math.round(3e6 / (text.length + 10)));
  const ns = builds.map(([, { ev }]) => nsPer(() => ev.evaluate(text), count));
  const cells = ns.map((x) => x.toFixed(1));
  if (against) cells.push(`${(ns[0] / ns[1]).toFixed(2)}x`);
  console.log(`| ${label} | ${cells.join(' | ')} |`);
}
const ms = [];
for (const [, { create }] of builds) ms.push(await startMs(create));
console.log(`| createEvaluator({ wasmBinary }), ms | ${ms.map((x) => x.toFixed(2)).join(' | ')}${against ? ` | ${(ms[0] / ms[1]).toFixed(2)}x` : ''} |`);
