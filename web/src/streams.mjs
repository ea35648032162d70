// evaluateStream: an (async) iterable's chunks through the window, read the
// way for await reads them, with { stats } and an AbortSignal that settles
// the call at once.
import { typeName } from './errors.mjs';

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

/**
 * evaluateStream over a window's functions (window.mjs), the error maker
 * (errors.mjs), the allocation counter and statsSince(count), which reads the
 * figures.
 */
export function streamEvaluator(reset, feedChunk, end, checkIdle, hold, value, errorIndex, makeError, allocations, statsSince) {

  return async function evaluateStream(chunks, options) {
    if (chunks == null || (typeof chunks[Symbol.asyncIterator] !== 'function' && typeof chunks[Symbol.iterator] !== 'function')) {
      throw new TypeError(`evaluateStream expects an (async) iterable of strings or Uint8Arrays, got ${typeName(chunks)}`);
    }
    const { withStats, signal } = streamOptions(options);
    if (signal?.aborted) throw abortReason(signal); // before any chunk is read
    checkIdle();
    hold(true);
    let live = true; // this stream holds the evaluator; an abort ends that at once
    let onAbort;
    const release = () => {
      if (!live) return;
      live = false;
      hold(false);
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
      const code = end();
      const stats = withStats ? statsSince(before) : undefined;
      const result = value(0);
      const error = code === 0 ? null : makeError(code, errorIndex(0));
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
      return withStats ? { value: result, stats } : result;
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
  };
}
