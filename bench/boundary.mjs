// Where the time of a short evaluation goes: the call into the module, the
// module's own work, and the JavaScript around it (writing the text, reading
// the result). Each line is measured on its own, CPU time, median of 9 runs;
// the "JavaScript" lines are differences between two measured lines.
//
//   node bench/boundary.mjs        (after npm run build)
import { createEvaluator } from '../dist/node.mjs';
import { instantiateRaw } from './raw-module.mjs';

const { exports, layout, wasmModule } = await instantiateRaw();
const trivial = exports.mexe_allocations;
const batchRaw = exports.mexe_evaluate_batch;
const u8 = new Uint8Array(exports.memory.buffer);
const u32 = new Uint32Array(u8.buffer);
const ev = await createEvaluator({ wasmModule });

let sink = 0;
function nsPer(run, count) {
  for (let r = 0; r < 3; r++) sink += run(count / 10); // warm-up: let V8 optimise
  const samples = [];
  for (let r = 0; r < 9; r++) {
    const cpu0 = process.cpuUsage();
    sink += run(count);
    const cpu = process.cpuUsage(cpu0);
    samples.push(((cpu.user + cpu.system) * 1000) / count);
  }
  return samples.sort((a, b) => a - b)[4];
}

const text = '2 + 3';
const items = Array.from({ length: layout.batchCapacity }, (_, i) => `${i % 10} + ${i % 7}`);
const encoder = new TextEncoder();
const window = u8.subarray(layout.inputWindowOffset, layout.inputWindowOffset + layout.inputWindowBytes);

const call = nsPer((n) => { let x = 0; for (let i = 0; i < n; i++) x += trivial(); return x; }, 5e6);
encoder.encodeInto(text, window);
u32[layout.batchLengths >> 2] = text.length; // one expression is a batch of one
const raw = nsPer((n) => { let x = 0; for (let i = 0; i < n; i++) x += batchRaw(1); return x; }, 5e6);
const whole = nsPer((n) => { let x = 0; for (let i = 0; i < n; i++) x += ev.evaluate(text); return x; }, 5e6);
encoder.encodeInto(items.join(''), window);
items.forEach((s, i) => { u32[(layout.batchLengths >> 2) + i] = s.length; });
const batchItem = nsPer((n) => { let x = 0; for (let i = 0; i < n / items.length; i++) x += batchRaw(items.length); return x; }, 5e6);
const manyItem = nsPer((n) => { let x = 0; for (let i = 0; i < n / items.length; i++) x += ev.evaluateMany(items).values[0]; return x; }, 5e6);
const single = nsPer((n) => { let x = 0; for (let i = 0; i < n; i++) x += ev.evaluate(items[i % items.length]); return x; }, 5e6);
const encode = nsPer((n) => { let x = 0; for (let i = 0; i < n; i++) x += encoder.encodeInto(text, window).written; return x; }, 2e6);

const rows = [
  [`evaluate('${text}') from JavaScript`, whole],
  ['  the raw export: call and module work (text already in the window)', raw],
  ['    of which the call itself (a raw export that returns a counter)', call],
  ['  JavaScript: writing the text, checks, reading the result (difference)', whole - raw],
  ['evaluate, per item, on 512 distinct items like "3 + 5"', single],
  ['evaluateMany on the same 512 items, per item', manyItem],
  ['  the module\'s batch loop alone, per item (text already in the window)', batchItem],
  ['  JavaScript per item: writing, lengths, result arrays (difference)', manyItem - batchItem],
  [`TextEncoder.encodeInto('${text}') (its fixed cost; the wrapper uses it past 16 characters)`, encode],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, ns] of rows) console.log(`${label.padEnd(width)}  ${ns.toFixed(1).padStart(6)} ns`);
if (Number.isNaN(sink)) console.log(''); // keeps every result alive
