// Load: 10,000,000 evaluations of short valid and invalid expressions in one
// instance, then 4 worker threads with an evaluator each running 1,000,000
// at the same time. Every answer is checked (JavaScript's value or the
// reference model's error) and linear memory must be the same afterwards.
// Process RSS is printed, not asserted: the garbage collector decides it.
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';
import { runWorker, seedFromEnv, workerUrl } from '../support/harness.mjs';
import { runLoad } from '../support/load.mjs';

const seed = seedFromEnv();
const poolSize = 20000;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const inWorker = (workerData) => runWorker(workerUrl('load.mjs'), workerData);

function describeFound(found) {
  return found.map((f) => `  ${JSON.stringify(f.text)}: expected ${f.want}, got ${f.got}`).join('\n');
}

test(`10,000,000 evaluations in one instance (seed ${seed})`, async () => {
  const [ev, pool] = await Promise.all([createEvaluator(), inWorker({ mode: 'pool', seed, size: poolSize })]);
  const memory = () => ev.evaluateWithStats('0').stats.linearMemoryBytes;
  const memoryBefore = memory();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();

  const result = runLoad(ev, EvaluationError, pool, 1e7);

  const seconds = (performance.now() - started) / 1000;
  const rssAfter = process.memoryUsage().rss;
  console.log(`one instance: ${result.evaluations} evaluations (${result.errors} errors) in ${seconds.toFixed(1)} s; ` +
    `linear memory ${memoryBefore} -> ${memory()} bytes; process RSS ${mib(rssBefore)} -> ${mib(rssAfter)} (seed ${seed})`);
  expect(result.evaluations).toBe(1e7);
  expect(result.errors).toBeGreaterThan(1e7 / 5); // the error paths are loaded too
  if (result.mismatches > 0) {
    throw new Error(`${result.mismatches} wrong answers (replay with MEXE_SEED=${seed}):\n${describeFound(result.found)}`);
  }
  expect(memory()).toBe(memoryBefore);
  expect(ev.memory.linearMemoryBytes).toBe(memoryBefore);
  expect(ev.evaluate('(1 + 2) * 3')).toBe(9);
}, 300000);

test(`4 worker threads, 1,000,000 evaluations each, at the same time (seed ${seed})`, async () => {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const results = await Promise.all([0, 1, 2, 3].map((k) =>
    inWorker({ mode: 'run', seed: (seed + k + 1) >>> 0, size: poolSize, evaluations: 1e6 })));
  const seconds = (performance.now() - started) / 1000;
  const rssAfter = process.memoryUsage().rss;
  console.log(`4 workers: ${results.map((r) => `${r.evaluations} in ${r.seconds.toFixed(1)} s`).join(', ')}; ` +
    `all done in ${seconds.toFixed(1)} s; linear memory ${results.map((r) => `${r.memoryBefore} -> ${r.memoryAfter}`).join(', ')}; ` +
    `process RSS ${mib(rssBefore)} -> ${mib(rssAfter)}`);
  results.forEach((r, k) => {
    if (r.mismatches > 0) {
      throw new Error(`worker ${k}: ${r.mismatches} wrong answers (seed ${(seed + k + 1) >>> 0}):\n${describeFound(r.found)}`);
    }
    expect(r.evaluations).toBe(1e6);
    expect(r.errors).toBeGreaterThan(1e6 / 5);
    expect([r.memoryAfter, r.declared]).toEqual([r.memoryBefore, r.memoryBefore]);
  });
}, 300000);
