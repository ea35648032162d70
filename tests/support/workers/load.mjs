// Worker for load.test.mjs.
//   { mode: 'pool', seed, size }  -> posts a pool of short expressions with
//                                    their expected outcomes
//   { mode: 'run', seed, size, evaluations }
//                                 -> runs that many evaluations on its own
//                                    evaluator and posts what it found
import { parentPort, workerData } from 'node:worker_threads';
import { createEvaluator, EvaluationError } from '../../../dist/node.mjs';
import { runLoad, shortPool } from '../load.mjs';

const { mode, seed, size, evaluations } = workerData;
if (mode === 'pool') {
  parentPort.postMessage(shortPool(seed, size));
} else {
  const ev = await createEvaluator();
  const memory = () => ev.evaluateWithStats('0').stats.linearMemoryBytes;
  const pool = shortPool(seed, size);
  const memoryBefore = memory();
  const started = performance.now();
  const result = runLoad(ev, EvaluationError, pool, evaluations);
  const seconds = (performance.now() - started) / 1000;
  parentPort.postMessage({ ...result, seconds, memoryBefore, memoryAfter: memory(), declared: ev.memory.linearMemoryBytes });
}
