// The module's stats counters are 64-bit (an input past 4 GiB is counted
// whole): the wrapper reads both words. Inputs that large take minutes, so
// here the module's own evaluation runs and its counters' high words are set
// after it, through a wrapper around the export the evaluator calls.
import { readFileSync } from 'node:fs';
import { makeEvaluator } from '../../web/src/evaluator.mjs';
import { instantiateSync } from '../../web/src/module.mjs';

const wasmModule = new WebAssembly.Module(readFileSync(new URL('../../dist/mexe-core.wasm', import.meta.url)));

test('inputBytes and chunks past 2^32 are read whole', () => {
  const core = instantiateSync(wasmModule);
  const words = new Uint32Array(core.exports.memory.buffer);
  const { layout } = core;
  const high = { inputBytes: 0, chunks: 0 };
  const evaluateBatch = (count) => {
    const failed = core.exports.mexe_evaluate_batch(count);
    words[(layout.statsInputBytes >> 2) + 1] = high.inputBytes;
    words[(layout.statsChunks >> 2) + 1] = high.chunks;
    return failed;
  };
  const ev = makeEvaluator({ ...core, exports: { ...core.exports, mexe_evaluate_batch: evaluateBatch } });
  expect(ev.evaluateWithStats('1 + 2').stats).toMatchObject({ inputBytes: 5, chunks: 1 });
  Object.assign(high, { inputBytes: 1, chunks: 3 });
  const { value, stats } = ev.evaluateWithStats('1 + 2');
  expect([value, stats.inputBytes, stats.chunks]).toEqual([3, 2 ** 32 + 5, 3 * 2 ** 32 + 1]);
});
