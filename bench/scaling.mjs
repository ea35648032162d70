// Scaling: time per MB of evaluate() for inputs of 1, 10 and 100 MB, all read
// through the same fixed input window. Constant time per MB means linear time.
// A figure to look at, not a timed test.
//
//   node bench/scaling.mjs [--runs N]
//
// Each figure is the median of N runs (default 5) of one evaluate() call;
// CPU time (process.cpuUsage) is shown beside wall time, as the machine may
// be shared. Every run's value is checked against JavaScript's.
import { createEvaluator } from '../dist/node.mjs';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const MB = 1e6;

// Each shape builds an input of about `bytes` characters and the value
// JavaScript computes for it (left to right, as the text groups it).
const shapes = [
  {
    name: 'mixed terms',
    build(bytes) {
      const unit = '(0.1 + 0.2) * 3 - 1e-3 / 7 + ';
      const n = Math.round(bytes / unit.length);
      let v = 0;
      for (let i = 0; i < n; i++) v = i === 0 ? (0.1 + 0.2) * 3 - 1e-3 / 7 : v + (0.1 + 0.2) * 3 - 1e-3 / 7;
      return { input: unit.repeat(n) + '1', value: v + 1 };
    },
  },
  {
    name: 'nested, 100 levels deep',
    build(bytes) {
      const block = `(${'1+2*('.repeat(100)}0.5${')'.repeat(101)}`;
      let inner = 0.5;
      for (let i = 0; i < 100; i++) inner = 1 + 2 * inner;
      const n = Math.round(bytes / (block.length + 1));
      let v = inner;
      for (let i = 1; i < n; i++) v -= inner;
      return { input: Array(n).fill(block).join('-'), value: v };
    },
  },
  {
    name: 'one literal',
    build(bytes) {
      const input = '1' + '0'.repeat(bytes - 20) + `e-${bytes - 21}`;
      return { input, value: Number(input) };
    },
  },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ev = await createEvaluator();
console.log(`mexe-wasm scaling: evaluate() through a ${ev.memory.inputWindowBytes}-byte input window, ` +
  `linear memory ${ev.memory.linearMemoryBytes} bytes; median of ${runs} runs\n`);
console.log('shape                     size    chunks   wall ms   cpu ms   wall ms/MB   cpu ms/MB');
for (const shape of shapes) {
  for (const size of [1, 10, 100]) {
    const { input, value } = shape.build(size * MB);
    const { value: first, stats } = ev.evaluateWithStats(input); // warm-up and check
    if (!Object.is(first, value)) throw new Error(`${shape.name}, ${size} MB: got ${first}, JavaScript gives ${value}`);
    const wall = [];
    const cpu = [];
    for (let r = 0; r < runs; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const got = ev.evaluate(input);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (!Object.is(got, value)) throw new Error(`${shape.name}, ${size} MB: got ${got}`);
    }
    const mb = input.length / MB;
    const w = median(wall);
    const c = median(cpu);
    console.log(`${shape.name.padEnd(24)} ${`${size} MB`.padStart(6)} ${String(stats.chunks).padStart(9)} ` +
      `${w.toFixed(1).padStart(9)} ${c.toFixed(1).padStart(8)} ${(w / mb).toFixed(2).padStart(12)} ${(c / mb).toFixed(2).padStart(11)}`);
    if (stats.linearMemoryBytes !== ev.memory.linearMemoryBytes) throw new Error('linear memory changed');
  }
}
