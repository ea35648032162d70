// Checking and timing one engine on one workload (see run.mjs, "Method").
import { Bench } from 'tinybench';

// One tinybench sample: a batch of calls lasting about this long. Many short
// samples give a steady median even when other processes share the cores.
export const SAMPLE_MS = 0.5;

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

// The same for workloads of distinct items: `count` units from `start` on,
// wrapping around at the end of the array.
function makeRotatingLoop() {
  return new Function('fn', 'units', 'start', 'count', `"use strict"; // loop ${++loopCount}
    let sum = 0;
    const n = units.length;
    let i = start;
    for (let k = 0; k < count; k++) {
      sum += fn(units[i]);
      if (++i === n) i = 0;
    }
    return sum;`);
}

function shortError(e) {
  const name = e?.name ?? 'Error';
  let message = String(e?.message ?? e).split('\n')[0].replace(/\s+/g, ' ');
  if (message.length > 48) message = message.slice(0, 45) + '...';
  return `${name}: ${message}`;
}

// -0 shows as -0 (String(-0) is "0").
function fmtValue(x) {
  return Object.is(x, -0) ? '-0' : String(x);
}

// Checks an engine on a workload (evaluateMany: on each of `batches`).
// Returns null when every value is right, else { short, detail }: what went
// wrong, for the table and for a note.
export function check(engine, workload, batches) {
  const { items, expected } = workload;
  const thrown = (e, where = '') => ({ short: `throws ${e?.name ?? 'Error'}`, detail: `throws ${shortError(e)}${where}` });
  if (engine.many) {
    for (const batch of batches) {
      let result;
      try {
        result = engine.many(batch.list);
      } catch (e) {
        return thrown(e);
      }
      for (let i = 0; i < batch.list.length; i++) {
        const want = expected[batch.index[i]];
        const where = ` on item ${batch.index[i] + 1}`;
        if (result.errors[i]) return thrown(result.errors[i], where);
        if (!Object.is(result.values[i], want)) {
          return { short: 'wrong value', detail: `wrong value ${fmtValue(result.values[i])}${where} (expected ${fmtValue(want)})` };
        }
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
export function batchFor(workload, windowBytes) {
  if (workload.items.length > 1) {
    return { list: workload.items, index: workload.items.map((_, i) => i) };
  }
  const n = Math.max(1, Math.min(1000, Math.floor(windowBytes / workload.bytes)));
  return { list: new Array(n).fill(workload.items[0]), index: new Array(n).fill(0) };
}

// A distinct workload's evaluateMany input: the items in order, in slices
// of `size` (which must divide their number, so every call has as many).
export function slicesFor(workload, size) {
  const n = workload.items.length;
  if (n % size !== 0) throw new Error(`${workload.name}: ${n} items do not make slices of ${size}`);
  return Array.from({ length: n / size }, (_, k) => ({
    list: workload.items.slice(k * size, (k + 1) * size),
    index: Array.from({ length: size }, (_, i) => k * size + i),
  }));
}

// How an engine's units run: `run(count)` evaluates `count` units. A unit is
// all the workload's items, or one evaluateMany call on the batch; on a
// distinct workload, the next item, or the next slice (round-robin across
// samples: no sample sees an item again before the whole array has passed).
export function units(engine, workload, batches) {
  const fn = engine.many ? (list) => engine.many(list).values[0] : engine.fn;
  const batchBytes = (b) => b.list.reduce((n, s) => n + s.length, 0);
  if (!workload.distinct) {
    const batch = batches[0];
    const items = engine.many ? [batch.list] : workload.items;
    const loop = makeLoop();
    return {
      run: (count) => loop(fn, items, count),
      evaluations: engine.many ? batch.list.length : items.length,
      bytes: engine.many ? batchBytes(batch) : workload.bytes,
    };
  }
  const list = engine.many ? batches.map((b) => b.list) : workload.items;
  const evaluations = engine.many ? batches[0].list.length : 1;
  const loop = makeRotatingLoop();
  let next = 0;
  return {
    run: (count) => {
      const sum = loop(fn, list, next, count);
      next = (next + count) % list.length;
      return sum;
    },
    evaluations,
    bytes: (evaluations * workload.bytes) / workload.items.length, // the items' mean size
  };
}

export async function measure(engine, workload, batches, timeMs) {
  const { run, evaluations, bytes: bytesPerUnit } = units(engine, workload, batches);

  // Calibrate: how many units make a sample of about SAMPLE_MS. Timed in
  // runs of doubling length (so the clock's own cost does not count), after
  // 50 ms of warm-up: units timed while V8 is still compiling the loop and
  // the engine would make samples so short that the per-sample cost of
  // reading the CPU clock shows in the figure.
  const timeUnit = (minMs) => {
    for (let count = 1; ; count *= 2) {
      const t = performance.now();
      sink += run(count);
      const ms = performance.now() - t;
      if (ms >= minMs || count >= 2 ** 30) return ms / count;
    }
  };
  timeUnit(50);
  const unitMs = timeUnit(2);
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
    sink += run(reps);
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
    batch: engine.many ? evaluations : undefined,
  };
}

