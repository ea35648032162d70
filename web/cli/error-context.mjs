// An error's place in its input, shown as a caret under it: for one
// expression, and for a streamed file or stdin, whose text is not held whole
// (only what shows an error in context is kept as it streams by).
import fs from 'node:fs';
import { caretUnder } from '../shared/format.mjs';

const CONTEXT = 40; // characters shown on each side of an error

// The one renderer of an error's place, for every kind of input: `text` holds
// the input from `start` on (a UTF-16 string, or bytes before the error are
// ASCII); shown are at most CONTEXT characters each side of the error, only
// its line where the header gives line numbers (`byLine`), and a caret.
// `more`: the input goes on past the text.
export function showAt(text, start, index, more, byLine = true) {
  let at = index - start;
  let from = Math.max(0, at - CONTEXT);
  let to = Math.min(text.length, at + CONTEXT + 1);
  const last = text.charCodeAt(to - 1);
  if (to < text.length && last >= 0xd800 && last <= 0xdbff) to++; // keep a surrogate pair whole
  let cutBefore = start + from > 0;
  let cutAfter = to < text.length || more;
  // Only the line with the error.
  const newlineBefore = byLine && at > from ? text.lastIndexOf('\n', at - 1) : -1;
  if (newlineBefore >= from) {
    from = newlineBefore + 1;
    cutBefore = false;
  }
  const lineEnd = byLine ? text.slice(at, to).search(/[\r\n]/) : -1;
  if (lineEnd !== -1) {
    to = at + lineEnd;
    cutAfter = false;
  }
  const { line, caret } = caretUnder(text.slice(from, to), at - from, cutBefore, cutAfter);
  return `${line}\n${caret}\n`;
}

// { line, lineStart } after the newlines of `bytes` (which begin at offset
// `start`) that stand before offset `upTo`, counted on from `from`.
function linesIn(bytes, start, upTo, { line, lineStart }) {
  for (let i = bytes.indexOf(10); i !== -1 && start + i < upTo; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = start + i + 1;
  }
  return { line, lineStart };
}

const decoder = new TextDecoder(); // invalid UTF-8 shows as U+FFFD

// Passes a byte stream's chunks on, counting them and keeping what shows an
// error in context without reading anything twice: the first bytes, the
// newest chunk (reading stops at an error, so it is still whole, even in a
// reused buffer), a copy of the CONTEXT bytes before it, and line numbers.
export class ChunkReader {
  constructor(stream, name, total) {
    this.stream = stream;
    this.name = name;
    this.total = total; // the input's size, when known
    this.bytes = 0;
    this.progress = null; // a Progress line to update as chunks arrive
    this.head = Buffer.alloc(0); // the first 2 * CONTEXT + 1 bytes
    // Right before the newest chunk, and right after it (for the next one).
    this.before = { start: 0, bytes: Buffer.alloc(0), line: 1, lineStart: 0 };
    this.after = this.before;
    this.newest = Buffer.alloc(0);
  }

  async *chunks() {
    for await (const chunk of this.stream) {
      this.remember(chunk);
      this.bytes += chunk.length;
      this.progress?.update(this.bytes);
      yield chunk;
    }
  }

  remember(chunk) {
    const headBytes = 2 * CONTEXT + 1;
    if (this.head.length < headBytes) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, headBytes - this.head.length)]);
    }
    // A file's reader reuses its buffer: what the next chunk needs of this one
    // (its last CONTEXT bytes and their line) is copied now, while it is whole.
    const at = this.bytes; // the chunk's offset
    const start = Math.max(0, at + chunk.length - CONTEXT);
    const before = this.after; // ends at `at`
    this.before = before;
    this.newest = chunk;
    this.after = {
      start,
      bytes: Buffer.concat([before.bytes.subarray(Math.max(0, start - before.start)), chunk.subarray(Math.max(0, start - at))]),
      ...linesIn(chunk, at, start, linesIn(before.bytes, before.start, start, before)),
    };
  }

  // The error's place with its header, or null when it is no longer kept.
  show(index) {
    let source;
    if (index >= this.before.start) {
      source = { ...this.before, bytes: Buffer.concat([this.before.bytes, this.newest]) };
    } else if (index < this.head.length) {
      source = { start: 0, bytes: this.head, line: 1, lineStart: 0 };
    } else {
      return null;
    }
    const { start, bytes } = source;
    const { line, lineStart } = linesIn(bytes, start, index, source);
    const end = Math.min(bytes.length, index - start + CONTEXT + 2); // the surrogate pair check may read one more
    const more = start + end < (this.total ?? this.bytes);
    return `${this.name}:${line}:${index - lineStart + 1}:\n${showAt(decoder.decode(bytes.subarray(0, end)), start, index, more)}`;
  }
}

// The place of an error the reader no longer holds (an unclosed parenthesis
// far back): a file is read again for it. Stdin cannot be.
export async function showFromFile(path, index) {
  let line = 1;
  let lineStart = 0;
  let pos = 0;
  let around = Buffer.alloc(0);
  const from = Math.max(0, index - CONTEXT);
  for await (const chunk of fs.createReadStream(path, { end: index + CONTEXT })) {
    ({ line, lineStart } = linesIn(chunk, pos, index, { line, lineStart }));
    if (pos + chunk.length > from) around = Buffer.concat([around, chunk.subarray(Math.max(0, from - pos))]);
    pos += chunk.length;
  }
  const more = from + around.length < fs.statSync(path).size;
  return `${path}:${line}:${index - lineStart + 1}:\n${showAt(decoder.decode(around), from, index, more)}`;
}
