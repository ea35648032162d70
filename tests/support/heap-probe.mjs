// JS-heap bytes per call of the package's evaluate and evaluateMany, by the
// benchmark's method (bench/heap.mjs); run with its HEAP_FLAGS. Prints JSON:
// { evaluate: { name: bytes per call }, many: { name: bytes per item }, lengths }.
import { createEvaluator } from '../../dist/node.mjs';
import { bytesPerCall } from '../../bench/heap.mjs';
import { randomExpression } from '../../bench/workloads.mjs';

const ev = await createEvaluator();
const W = ev.memory.inputWindowBytes;
const inputs = {
  short: '2 + 3',
  formula: '(5 * 8) + 6 - 3.25 / (1.5 + 2) * 4',
  tenKB: randomExpression(7, 10 * 1024),
  windows16: randomExpression(8, 16 * W - 100), // 16 windows
};

// A loop per measurement, compiled from its own source (no shared feedback).
let loops = 0;
const loopOver = (call) => new Function('call', 'arg', `// ${++loops}
  return (count) => { let sum = 0; for (let i = 0; i < count; i++) sum += call(arg); return sum; };`)(call, undefined);

async function perCall(fn, arg) {
  const run = new Function('fn', 'arg', `// ${++loops}
    return (count) => { let sum = 0; for (let i = 0; i < count; i++) sum += fn(arg); return sum; };`)(fn, arg);
  const empty = loopOver(() => 0);
  const r = await bytesPerCall(run, empty);
  if (!r) throw new Error('a GC in every window');
  return r.bytes;
}

const out = { evaluate: {}, many: {}, lengths: {} };
for (const [name, text] of Object.entries(inputs)) {
  if (ev.evaluate(text) !== ev.evaluate(text)) throw new Error(`${name}: not a number`);
  out.evaluate[name] = await perCall(ev.evaluate, text);
  out.lengths[name] = text.length;
}
const batches = {
  formula: new Array(1000).fill(inputs.formula),
  tenKB: Array.from({ length: 6 }, (_, i) => randomExpression(20 + i, 10 * 1024)),
  mixed: Array.from({ length: 400 }, (_, i) => (i % 3 ? `${i} * 2` : `${inputs.formula} + ${i}`)),
};
for (const [name, list] of Object.entries(batches)) {
  const { errors } = ev.evaluateMany(list);
  if (errors.some(Boolean)) throw new Error(`${name}: an item failed`);
  out.many[name] = (await perCall((l) => ev.evaluateMany(l).values[0], list)) / list.length;
  out.lengths[`many ${name}`] = list.reduce((n, s) => n + s.length, 0) / list.length;
}
process.stdout.write(JSON.stringify(out));
