// An evaluator over one instance of the module. The hot path writes the
// input's bytes into the module's input window and calls a raw export; the
// layout and the error table come from the module itself (module.mjs).

/** Thrown (or returned by tryEvaluate) for input that is not a valid expression. */
export class EvaluationError extends Error {
  constructor(code, index, message) {
    super(`${message} at index ${index}`);
    this.code = code;
    this.index = index;
  }
}
// Set here, not by the class: minified builds rename the class (and with it
// constructor.name), and esbuild's keepNames would wrap every function.
EvaluationError.prototype.name = 'EvaluationError';
Object.defineProperty(EvaluationError, 'name', { value: 'EvaluationError' });

function typeName(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function requireString(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} expects a string, got ${typeName(value)}`);
}

/** The evaluator over `core`, an instance that module.mjs has started. */
export function makeEvaluator(core) {
  const { exports, layout, errors: errorTable } = core; // errors: [{ code, message }] by error code
  const stream = exports.mexe_stream; // (length, start, end)
  const evaluateBatch = exports.mexe_evaluate_batch;
  const allocations = exports.mexe_allocations;

  // Memory never grows, so these views stay valid.
  const buffer = exports.memory.buffer;
  const u8 = new Uint8Array(buffer);
  const u32 = new Uint32Array(buffer);
  const f64 = new Float64Array(buffer);
  const window = layout.inputWindowOffset;
  const windowBytes = layout.inputWindowBytes;
  const windowView = u8.subarray(window, window + windowBytes);
  // The batch table, where every result is: one expression, and a stream's
  // result, are its item 0.
  const lengthsView = u32.subarray(layout.batchLengths >> 2, (layout.batchLengths >> 2) + layout.batchCapacity);
  const errorsAt = layout.batchErrors >> 2;
  const valueAt = layout.batchValues >> 3;
  const errorOffsetAt = layout.batchOffsets >> 3;
  const encoder = new TextEncoder();
  const shortText = 16; // below this a loop beats encodeInto's fixed cost
  let streaming = false;

  function makeError(code, index) {
    const entry = errorTable[code];
    return new EvaluationError(entry.code, index, entry.message);
  }

  // Errors handed back as values (tryEvaluate, evaluateMany) skip the stack
  // trace: capturing one costs microseconds, many times the evaluation.
  function makeQuietError(code, index) {
    const limit = Error.stackTraceLimit;
    if (typeof limit !== 'number') return makeError(code, index);
    Error.stackTraceLimit = 0;
    try {
      return makeError(code, index);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  // Writes text's first `count` UTF-16 units into the window from byte `at`,
  // a byte each. A unit outside ASCII becomes 0x80, which the evaluator
  // rejects where it stands. Either way of writing, every byte before an
  // error is ASCII, so byte offsets are UTF-16 indices.
  function writeUnits(text, at, count) {
    const w = windowView; // a local: read from the closure once, not per store
    let all = 0;
    let i = 0;
    for (; i + 4 <= count; i += 4) {
      // Four at a time: the loop's own overhead is a third of a short input's cost.
      const c0 = text.charCodeAt(i);
      const c1 = text.charCodeAt(i + 1);
      const c2 = text.charCodeAt(i + 2);
      const c3 = text.charCodeAt(i + 3);
      all |= c0 | c1 | c2 | c3;
      w[at + i] = c0;
      w[at + i + 1] = c1;
      w[at + i + 2] = c2;
      w[at + i + 3] = c3;
    }
    for (; i < count; i++) {
      const c = text.charCodeAt(i);
      all |= c;
      w[at + i] = c;
    }
    if (all < 0x80) return;
    for (let i = 0; i < count; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) w[at + i] = 0x80; // the store above kept only the low byte
    }
  }

  function checkIdle() {
    if (streaming) throw new Error('mexe-wasm: this evaluator is reading a stream; await it or use another evaluator');
  }

  // Encodes text from `start` into the window, as much as fits; returns the
  // UTF-16 units read and leaves the bytes written in `written`. encodeInto
  // copies ASCII in bulk, far faster than a loop past a few characters.
  let written = 0;
  function encodeWindow(text, start) {
    const part = start === 0 && text.length <= windowBytes ? text : text.substring(start, start + windowBytes);
    const result = encoder.encodeInto(part, windowView);
    written = result.written;
    return result.read;
  }

  // One expression of n bytes in the window: a batch of one. These return
  // the ErrorCode (0: ok); the result is item 0 of the batch table.
  function evaluateWindow(n) {
    lengthsView[0] = n;
    return evaluateBatch(1) && u32[errorsAt];
  }
  const reset = () => stream(0, 1, 0);
  const feed = (n) => stream(n, 0, 0); // 1 once the result is known
  function finish(n) {
    return stream(n, 0, 1) && u32[errorsAt];
  }

  // Runs the text through the window; returns the ErrorCode (0: ok).
  function run(text) {
    const n = text.length;
    if (n <= shortText) {
      writeUnits(text, 0, n);
      return evaluateWindow(n);
    }
    let pos = encodeWindow(text, 0);
    if (pos === n) return evaluateWindow(written);
    // Longer than the window: stream it through, window after window.
    reset();
    for (;;) {
      if (feed(written)) return finish(0); // the error is known: skip the rest
      pos += encodeWindow(text, pos);
      if (pos === n) return finish(written);
    }
  }

  function evaluate(expr) {
    requireString(expr, 'evaluate');
    checkIdle();
    const code = run(expr);
    if (code === 0) return f64[valueAt];
    throw makeError(code, f64[errorOffsetAt]);
  }

  function tryEvaluate(expr) {
    requireString(expr, 'tryEvaluate');
    checkIdle();
    const code = run(expr);
    if (code === 0) return { ok: true, value: f64[valueAt] };
    return { ok: false, error: makeQuietError(code, f64[errorOffsetAt]) };
  }

  // Packs items into batches without copying them in JavaScript: encodeInto
  // writes only at the start of its view (and a view per item would be an
  // allocation per item), so an item too long to write a unit at a time
  // opens a batch, and short items follow it.
  function evaluateMany(exprs) {
    if (!Array.isArray(exprs)) {
      throw new TypeError(`evaluateMany expects an array of strings, got ${typeName(exprs)}`);
    }
    checkIdle();
    const count = exprs.length;
    const values = new Float64Array(count);
    const errors = new Array(count).fill(null);
    const capacity = layout.batchCapacity;
    const lengths = lengthsView; // a local: no closure reads per item
    let i = 0;
    while (i < count) {
      let used = 0;
      let k = 0;
      while (i + k < count && k < capacity) {
        const expr = exprs[i + k];
        requireString(expr, 'evaluateMany');
        const n = expr.length;
        if (used + n > windowBytes) break;
        if (n <= shortText) writeUnits(expr, used, n);
        else if (k !== 0) break; // it opens the next batch
        else if (encodeWindow(expr, 0) !== n || written !== n) writeUnits(expr, 0, n); // not ASCII
        lengths[k] = n;
        used += n;
        k++;
      }
      if (k === 0) {
        // One item longer than the window: stream it on its own.
        const code = run(exprs[i]);
        values[i] = code === 0 ? f64[valueAt] : NaN;
        if (code !== 0) errors[i] = makeQuietError(code, f64[errorOffsetAt]);
        i++;
        continue;
      }
      const failed = evaluateBatch(k);
      for (let j = 0; j < k; j++) values[i + j] = f64[valueAt + j]; // a view would be an allocation per batch
      for (let j = 0; failed !== 0 && j < k; j++) {
        const code = u32[errorsAt + j];
        if (code !== 0) errors[i + j] = makeQuietError(code, f64[errorOffsetAt + j]);
      }
      i += k;
    }
    return { values, errors };
  }

  // The evaluator's own stats, read in place; its counts are 64-bit.
  const u64 = (address) => u32[address >> 2] + u32[(address >> 2) + 1] * 2 ** 32;
  function readStats(allocationsBefore) {
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
    const stats = readStats(before);
    if (code === 0) return { value: f64[valueAt], stats };
    const error = makeError(code, f64[errorOffsetAt]);
    error.stats = stats;
    throw error;
  }

  // Copies a Uint8Array chunk through the window; false once an error is known.
  function feedBytes(bytes) {
    for (let pos = 0; pos < bytes.length; pos += windowBytes) {
      const part = bytes.subarray(pos, pos + windowBytes);
      windowView.set(part);
      if (feed(part.length)) return false;
    }
    return true;
  }

  function feedText(text) {
    for (let pos = 0; pos < text.length; ) {
      pos += encodeWindow(text, pos);
      if (feed(written)) return false;
    }
    return true;
  }

  // A chunk through the window; false once an error is known.
  function feedChunk(chunk) {
    if (typeof chunk === 'string') return feedText(chunk);
    if (chunk instanceof Uint8Array) return feedBytes(chunk);
    throw new TypeError(`evaluateStream expects chunks of strings or Uint8Arrays, got ${typeName(chunk)}`);
  }

  // { stats?: boolean, signal?: AbortSignal }; a signal from another realm
  // too, so it is checked by its shape.
  function streamOptions(options = {}) {
    const fail = (what) => { throw new TypeError(`evaluateStream expects ${what}`); };
    if (options === null || typeof options !== 'object') fail(`an options object, got ${typeName(options)}`);
    const { stats = false, signal } = options;
    if (typeof stats !== 'boolean') fail(`options.stats to be a boolean, got ${typeName(stats)}`);
    if (signal !== undefined && (typeof signal?.aborted !== 'boolean' || typeof signal.addEventListener !== 'function')) fail(`options.signal to be an AbortSignal, got ${typeName(signal)}`);
    return { withStats: stats, signal };
  }

  const abortReason = (signal) => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

  async function evaluateStream(chunks, options) {
    if (chunks == null || (typeof chunks[Symbol.asyncIterator] !== 'function' && typeof chunks[Symbol.iterator] !== 'function')) {
      throw new TypeError(`evaluateStream expects an (async) iterable of strings or Uint8Arrays, got ${typeName(chunks)}`);
    }
    const { withStats, signal } = streamOptions(options);
    if (signal?.aborted) throw abortReason(signal); // before any chunk is read
    checkIdle();
    streaming = true;
    let live = true; // this stream holds the evaluator; an abort ends that at once
    let onAbort;
    const release = () => {
      if (!live) return;
      live = false;
      streaming = false;
      signal?.removeEventListener('abort', onAbort);
    };
    const sync = typeof chunks[Symbol.asyncIterator] !== 'function';
    const iterator = sync ? chunks[Symbol.iterator]() : chunks[Symbol.asyncIterator]();
    // Closes the source without waiting: one stuck in next() would hold the caller too.
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      try {
        Promise.resolve(iterator.return?.()).catch(() => {});
      } catch {
        closed = false; // a sync generator aborted from within its own next(): tried again after it
      }
    };

    // Reads the source as for await does; after an abort it leaves the module alone.
    async function read() {
      const before = allocations();
      reset();
      let stopped = false; // the result is known before the source's end
      for (;;) {
        let step = iterator.next();
        if (!sync) step = await step;
        if (Object(step) !== step) throw new TypeError('evaluateStream: the iterator returned a non-object');
        const chunk = sync && !step.done ? await step.value : step.value;
        if (!live) return close();
        if (step.done) break;
        try {
          if (!feedChunk(chunk)) { stopped = true; break; }
        } catch (error) {
          close();
          throw error;
        }
      }
      const code = finish(0);
      const stats = withStats ? readStats(before) : undefined;
      const value = f64[valueAt];
      const error = code === 0 ? null : makeError(code, f64[errorOffsetAt]);
      release(); // the result is read: the evaluator is free
      if (stopped) {
        closed = true;
        try {
          await iterator.return?.(); // as for await does after a break
        } catch {
          // the result stands
        }
      }
      if (error) {
        if (withStats) error.stats = stats;
        throw error;
      }
      return withStats ? { value, stats } : value;
    }

    try {
      if (!signal) return await read();
      // One race per stream: the abort settles the call even while next() is pending.
      const aborted = new Promise((_, reject) => {
        onAbort = () => {
          release();
          close();
          reject(abortReason(signal));
        };
      });
      signal.addEventListener('abort', onAbort);
      return await Promise.race([read(), aborted]);
    } finally {
      release();
    }
  }

  const memory = Object.freeze({
    linearMemoryBytes: buffer.byteLength,
    scratchBytes: layout.scratchBytes,
    inputWindowBytes: windowBytes,
    stackBytes: layout.stackBytes,
    maxDepth: layout.maxDepth,
    // Where they sit, for drawing the region.
    scratchOffset: layout.scratchOffset,
    inputWindowOffset: window,
    stackOffset: layout.stackOffset,
    frameBytes: layout.frameBytes,
  });

  return Object.freeze({
    evaluate,
    tryEvaluate,
    evaluateMany,
    evaluateWithStats,
    evaluateStream,
    memory,
    /** The error codes, in the module's order ('NONE' first). */
    errorCodes: Object.freeze(errorTable.map((e) => e.code)),
  });
}
