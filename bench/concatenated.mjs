// evaluateMany against a loop of evaluate over 100,000 distinct formulas of
// 18 to 171 bytes built by string concatenation, the way programs build them
// (V8 keeps such a string as a tree of pieces until something flattens it).
// Both walk the same kind of array six times; the first pass flattens. CPU
// time per item.
//
//   node bench/concatenated.mjs        (after npm run build)
import { createEvaluator } from '../dist/node.mjs';
import { prng } from './workloads.mjs';

function formulas(seed) {
  const rand = prng(seed);
  const out = [];
  for (let i = 0; i < 100000; i++) {
    let text = String(Math.floor(rand() * 1000));
    const terms = 2 + Math.floor(rand() * 20);
    for (let k = 0; k < terms; k++) text += ' ' + '+-*/'[Math.floor(rand() * 4)] + ' ' + (rand() * 100).toFixed(2);
    out.push(text);
  }
  return out;
}

const ev = await createEvaluator();
const nsPerItem = (fn, items) => {
  const t0 = process.cpuUsage();
  fn(items);
  const t = process.cpuUsage(t0);
  return ((t.user + t.system) * 1000) / items.length;
};
const loop = (items) => {
  let sum = 0;
  for (const text of items) sum += ev.evaluate(text);
  return sum;
};
const many = (items) => ev.evaluateMany(items);

const forLoop = formulas(1);
const forMany = formulas(1);
const rows = { 'loop of evaluate': [], evaluateMany: [] };
for (let pass = 0; pass < 6; pass++) {
  rows['loop of evaluate'].push(nsPerItem(loop, forLoop));
  rows.evaluateMany.push(nsPerItem(many, forMany));
}
for (const [name, ns] of Object.entries(rows)) {
  console.log(`${name.padEnd(18)} first pass ${ns[0].toFixed(0).padStart(5)} ns/item, then ${ns.slice(1).map((x) => x.toFixed(0)).join(' ')}`);
}
