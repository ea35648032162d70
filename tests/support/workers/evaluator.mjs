// Worker for instances.test.mjs: evaluates the inputs it is given with its
// own evaluator, imported from the built package, and posts the results back.
import { parentPort, workerData } from 'node:worker_threads';
import { createEvaluator, EvaluationError } from '../../../dist/node.mjs';

const ev = await createEvaluator();
const results = [];
for (const input of workerData.inputs) {
  try {
    results.push({ value: ev.evaluate(input) });
  } catch (error) {
    results.push({
      error: {
        isEvaluationError: error instanceof EvaluationError,
        name: error.name,
        code: error.code,
        index: error.index,
        message: error.message,
      },
    });
  }
}
const streamed = await ev.evaluateStream((async function* chunks() {
  yield '6 *';
  yield new TextEncoder().encode(' 7');
})());
const { stats } = ev.evaluateWithStats('((1))');
parentPort.postMessage({ results, streamed, stats, memory: { ...ev.memory } });
