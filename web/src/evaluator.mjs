// An evaluator over one instance of the module: the API's argument checks,
// results and errors. Writing into the module is window.mjs's; streams are
// streams.mjs's. The layout and the error table come from the module itself
// (module.mjs).
import { errorMaker, requireString, typeName } from './errors.mjs';
import { streamEvaluator } from './streams.mjs';
import { openWindow } from './window.mjs';

export { EvaluationError } from './errors.mjs';

/** The evaluator over `core`, an instance that module.mjs has started. */
export function makeEvaluator(core) {
  const { exports, layout, errors: errorTable } = core; // errors: [{ code, message }] by error code
  const allocations = exports.mexe_allocations;
  const buffer = exports.memory.buffer; // memory never grows
  const u32 = new Uint32Array(buffer);
  const [run, packBatch, evaluateBatch, reset, feedChunk, end, checkIdle, hold, value, codeOf, errorIndex] = openWindow(core);
  const [makeError, makeQuietError] = errorMaker(errorTable);

  function evaluate(expr) {
    requireString(expr, 'evaluate');
    checkIdle();
    const code = run(expr);
    if (code === 0) return value(0);
    throw makeError(code, errorIndex(0));
  }

  function tryEvaluate(expr) {
    requireString(expr, 'tryEvaluate');
    checkIdle();
    const code = run(expr);
    if (code === 0) return { ok: true, value: value(0) };
    return { ok: false, error: makeQuietError(code, errorIndex(0)) };
  }

  // Its only allocations: the two result arrays, and an error per failed item.
  function evaluateMany(exprs) {
    if (!Array.isArray(exprs)) {
      throw new TypeError(`evaluateMany expects an array of strings, got ${typeName(exprs)}`);
    }
    checkIdle();
    const count = exprs.length;
    const values = new Float64Array(count);
    const errors = new Array(count).fill(null);
    let i = 0;
    while (i < count) {
      const k = packBatch(exprs, i);
      if (k === 0) {
        // One item longer than the window: streamed on its own.
        const code = run(exprs[i]);
        values[i] = code === 0 ? value(0) : NaN;
        if (code !== 0) errors[i] = makeQuietError(code, errorIndex(0));
        i++;
        continue;
      }
      const failed = evaluateBatch(k);
      for (let j = 0; j < k; j++) values[i + j] = value(j); // a view would be an allocation per batch
      for (let j = 0; failed !== 0 && j < k; j++) {
        const code = codeOf(j);
        if (code !== 0) errors[i + j] = makeQuietError(code, errorIndex(j));
      }
      i += k;
    }
    return { values, errors };
  }

  // The evaluator's own stats, read in place; its counts are 64-bit.
  const u64 = (address) => u32[address >> 2] + u32[(address >> 2) + 1] * 2 ** 32;
  function statsSince(allocationsBefore) {
    const heapAllocations = allocations() - allocationsBefore;
    return {
      inputBytes: u64(layout.statsInputBytes),
      chunks: u64(layout.statsChunks),
      peakDepth: u32[layout.statsPeakDepth >> 2],
      peakStackBytes: u32[layout.statsPeakStackBytes >> 2],
      heapAllocations,
      linearMemoryBytes: buffer.byteLength,
      scratchBytes: layout.scratchBytes,
    };
  }

  function evaluateWithStats(expr) {
    requireString(expr, 'evaluateWithStats');
    checkIdle();
    const before = allocations();
    const code = run(expr);
    const stats = statsSince(before);
    if (code === 0) return { value: value(0), stats };
    const error = makeError(code, errorIndex(0));
    error.stats = stats;
    throw error;
  }

  const memory = Object.freeze({
    linearMemoryBytes: buffer.byteLength,
    scratchBytes: layout.scratchBytes,
    inputWindowBytes: layout.inputWindowBytes,
    stackBytes: layout.stackBytes,
    maxDepth: layout.maxDepth,
    // Where they sit, for drawing the region.
    scratchOffset: layout.scratchOffset,
    inputWindowOffset: layout.inputWindowOffset,
    stackOffset: layout.stackOffset,
    frameBytes: layout.frameBytes,
  });

  return Object.freeze({
    evaluate,
    tryEvaluate,
    evaluateMany,
    evaluateWithStats,
    evaluateStream: streamEvaluator(reset, feedChunk, end, checkIdle, hold, value, errorIndex, makeError, allocations, statsSince),
    memory,
    /** The error codes, in the module's order ('NONE' first). */
    errorCodes: Object.freeze(errorTable.map((e) => e.code)),
  });
}
