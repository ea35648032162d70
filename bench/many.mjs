// evaluateMany of this build against another build's (e.g. a copy of dist/
// from before a change) and against a loop of this build's evaluate, on the
// 100,000 distinct formulas (slices of 500) and on distinct 10 KB items
// (batches of 6). One process, the three taking turns, eleven rounds; the
// figure is the median round's CPU time per item (the machine may be shared:
// compare the ratios).
//
//   node bench/many.mjs --against DIR
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEvaluator } from '../dist/node.mjs';
import { distinctWorkload, randomExpression } from './workloads.mjs';

const args = process.argv.slice(2);
if (args[0] !== '--against' || !args[1]) throw new Error('usage: node bench/many.mjs --against DIR');
const base = pathToFileURL(resolve(args[1]) + '/');
const other = await import(new URL('node.mjs', base).href);
const mine = await createEvaluator();
const theirs = await other.createEvaluator({ wasmBinary: readFileSync(new URL('mexe-core.wasm', base)) });

const formulas = distinctWorkload('distinct-formulas').items;
const slice = (items, size) => Array.from({ length: items.length / size }, (_, k) => items.slice(k * size, (k + 1) * size));
const sets = [
  ['100,000 distinct formulas, slices of 500', slice(formulas, 500)],
  ['48 distinct 10 KB expressions, batches of 6', slice(Array.from({ length: 48 }, (_, i) => randomExpression(0x10c + i, 10 * 1024)), 6)],
];

let sink = 0;
const many = (ev) => (batches) => { for (const b of batches) sink += ev.evaluateMany(b).values[0]; };
const loop = (batches) => { for (const b of batches) for (const s of b) sink += mine.evaluate(s); };
const ways = [['this build, evaluateMany', many(mine)], [`${args[1]}, evaluateMany`, many(theirs)], ['this build, a loop of evaluate', loop]];

function nsPerItem(fn, batches, items) {
  const t = process.cpuUsage();
  fn(batches);
  const d = process.cpuUsage(t);
  return ((d.user + d.system) * 1000) / items;
}

console.log(`| items | ${ways.map(([name]) => name).join(' | ')} | ${ways[0][0]} / ${ways[1][0]} | ${ways[0][0]} / ${ways[2][0]} |`);
console.log(`|---|${ways.map(() => '---:|').join('')}---:|---:|`);
for (const [title, batches] of sets) {
  const items = batches.reduce((n, b) => n + b.length, 0);
  const bytes = batches.flat().reduce((n, s) => n + s.length, 0);
  const reps = Math.max(1, Math.round(2e7 / bytes)); // rounds of 20 MB: a few hundred ms
  const all = Array.from({ length: reps }, () => batches).flat();
  const samples = ways.map(() => []);
  for (let round = 0; round < 13; round++) {
    const order = round % 2 ? [2, 1, 0] : [0, 1, 2];
    for (const w of order) samples[w].push(nsPerItem(ways[w][1], all, items * reps));
  }
  // The first two rounds warm up.
  const ns = samples.map((list) => list.slice(2).sort((a, b) => a - b)[5]);
  console.log(`| ${title} | ${ns.map((x) => x.toFixed(0)).join(' | ')} | ${(ns[0] / ns[1]).toFixed(2)}x | ${(ns[0] / ns[2]).toFixed(2)}x |`);
}
if (Number.isNaN(sink)) console.log('');
