// The module's input window and batch table: text and bytes written in, the
// raw exports called, each result read where the module left it. Every
// result, one expression's and a stream's too, is an item of the batch table.
import { requireString, typeName } from './errors.mjs';

/**
 * [run, packBatch, evaluateBatch, reset, feedChunk, end, checkIdle, hold,
 *  value, code, errorIndex] over `core`: the last three read item j's
 * result (its value; its ErrorCode, 0 when ok; the index of its error).
 */
export function openWindow(core) {
  const { exports, layout } = core;
  const stream = exports.mexe_stream; // (length, start, end)
  const evaluateBatch = exports.mexe_evaluate_batch; // (count): 0 when every item is ok

  // Memory never grows, so these views stay valid.
  const u8 = new Uint8Array(exports.memory.buffer);
  const u32 = new Uint32Array(exports.memory.buffer);
  const f64 = new Float64Array(exports.memory.buffer);
  const windowBytes = layout.inputWindowBytes;
  const windowView = u8.subarray(layout.inputWindowOffset, layout.inputWindowOffset + windowBytes);
  const lengthsView = u32.subarray(layout.batchLengths >> 2, (layout.batchLengths >> 2) + layout.batchCapacity);
  const errorsAt = layout.batchErrors >> 2;
  const valueAt = layout.batchValues >> 3;
  const errorOffsetAt = layout.batchOffsets >> 3;
  const encoder = new TextEncoder();
  const shortText = 16; // below this a loop beats encodeInto's fixed cost
  let streaming = false;

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

  // These return the ErrorCode (0: ok) of item 0.
  function evaluateWindow(n) {
    lengthsView[0] = n;
    return evaluateBatch(1) && u32[errorsAt];
  }
  const reset = () => stream(0, 1, 0);
  const feed = (n) => stream(n, 0, 0); // 1 once the result is known
  function finish(n) {
    return stream(n, 0, 1) && u32[errorsAt];
  }

  /** Evaluates the text, window after window if it is longer; its ErrorCode. */
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

  /**
   * Writes exprs[i], exprs[i + 1], ... into the window as one batch, as many
   * as fit; returns how many (0: exprs[i] alone is longer than the window).
   * Nothing is copied in JavaScript: encodeInto writes only at the start of
   * its view (and a view per item would be an allocation per item), so an
   * item too long to write a unit at a time opens a batch, and short items
   * follow it.
   */
  function packBatch(exprs, i) {
    const count = Math.min(exprs.length - i, lengthsView.length);
    const lengths = lengthsView; // a local: no closure reads per item
    let used = 0;
    let k = 0;
    for (; k < count; k++) {
      const expr = exprs[i + k];
      requireString(expr, 'evaluateMany');
      const n = expr.length;
      if (used + n > windowBytes) break;
      if (n <= shortText) writeUnits(expr, used, n);
      else if (k !== 0) break; // it opens the next batch
      else if (encodeWindow(expr, 0) !== n || written !== n) writeUnits(expr, 0, n); // not ASCII
      lengths[k] = n;
      used += n;
    }
    return k;
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

  /** A stream's chunk through the window; false once the result is known. */
  function feedChunk(chunk) {
    if (typeof chunk === 'string') return feedText(chunk);
    if (chunk instanceof Uint8Array) return feedBytes(chunk);
    throw new TypeError(`evaluateStream expects chunks of strings or Uint8Arrays, got ${typeName(chunk)}`);
  }

  const end = () => finish(0); // a stream's end: its ErrorCode

  // A stream holds the window from its first chunk to its result.
  function checkIdle() {
    if (streaming) throw new Error('mexe-wasm: this evaluator is reading a stream; await it or use another evaluator');
  }
  const hold = (held) => { streaming = held; };

  // An array, not an object: its names would not be minified.
  return [
    run, packBatch, evaluateBatch, reset, feedChunk, end, checkIdle, hold,
    (j) => f64[valueAt + j], (j) => u32[errorsAt + j], (j) => f64[errorOffsetAt + j],
  ];
}
