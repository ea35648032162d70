#!/usr/bin/env node
// mexe-wasm: evaluates arithmetic expressions given as arguments, one per line
// on stdin, or one per file (streamed through the module's fixed memory).
import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';

const HELP = `Usage: mexe-wasm [options] [expression ...]

Evaluates arithmetic expressions (numbers, + - * /, unary + -, parentheses)
to the same double JavaScript computes, in fixed WebAssembly memory.

  mexe-wasm "2 + 3"          prints 5; several expressions print one result per line
  mexe-wasm < exprs.txt      no expression: reads one expression per line from stdin;
                             blank lines are skipped
  mexe-wasm -f big.txt       the whole file is one expression, streamed in constant memory

Options:
  -f, --file PATH   evaluate the whole file as one expression ("-" reads stdin;
  --file=PATH       the second form for a path that starts with "-");
                    may be repeated, and mixed with expressions (evaluated in order)
      --stats       after each result, print the memory the evaluation used
                    (for a file: the figures of the whole stream)
      --progress    while a file is read, show bytes read, percent, MB/s and time
                    left on one line of stderr; on by default when stderr is a
                    terminal and the file is larger than the input window
      --no-progress never show it
  -h, --help        print this help
      --version     print the version
      --            the arguments that follow are expressions

An argument that starts with "-" and a letter is an option; "-2 * 3" and "--3"
are expressions.
Numbers print as JavaScript's String() prints them, except that -0 prints as -0.
An error prints the input, a caret under the problem and its code to stderr;
the other expressions are still evaluated.

Ctrl-C while a file is read stops it cleanly.

Exit status: 0 if every expression was evaluated, 1 if any failed (or a file
could not be read), 2 on a usage error, 130 when interrupted (Ctrl-C).
`;

const CONTEXT = 40; // characters shown on each side of an error

// ---- output --------------------------------------------------------------
// Results are gathered and written once per turn of the event loop: one write
// per input chunk instead of one per line, while interactive use stays prompt.
let pending = '';
let flushQueued = false;

function flush() {
  flushQueued = false;
  if (pending !== '') {
    process.stdout.write(pending);
    pending = '';
  }
}

function out(text) {
  pending += text;
  if (pending.length >= 65536) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
}

function err(text) {
  flush(); // keep stdout and stderr in order on a terminal
  process.stderr.write(text);
}

// `mexe-wasm < big | head -1` closes stdout early: stop quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

function formatNumber(value) {
  return Object.is(value, -0) ? '-0' : String(value);
}

// ---- arguments ------------------------------------------------------------
class UsageError extends Error {}

// "-2 * 3" and "--3" are expressions; "-h" and "--file" are options.
const looksLikeOption = (arg) => /^--?[A-Za-z]/.test(arg);

function parseArgs(argv) {
  const options = { help: false, version: false, stats: false, progress: undefined, items: [] };
  let onlyExpressions = false;
  let stdinUsed = false;

  function addFile(path) {
    if (path === '-') {
      if (stdinUsed) throw new UsageError('stdin can be read only once (--file -)');
      stdinUsed = true;
    }
    options.items.push({ file: path });
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyExpressions || (arg !== '--' && !looksLikeOption(arg))) {
      options.items.push({ expr: arg });
    } else if (arg === '--') {
      onlyExpressions = true;
    } else if (arg === '-h' || arg === '--help') {
      options.help = true;
    } else if (arg === '--version') {
      options.version = true;
    } else if (arg === '--stats') {
      options.stats = true;
    } else if (arg === '--progress') {
      options.progress = true;
    } else if (arg === '--no-progress') {
      options.progress = false;
    } else if (arg === '-f' || arg === '--file') {
      const path = argv[i + 1];
      if (path === undefined || path === '' || looksLikeOption(path)) throw new UsageError(`${arg} needs a file path (or - for stdin)`);
      addFile(path);
      i++;
    } else if (arg.startsWith('--file=')) {
      const path = arg.slice('--file='.length);
      if (path === '') throw new UsageError('--file needs a file path (or - for stdin)');
      addFile(path);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return options;
}

function packageVersion() {
  // The CLI sits at web/cli/ both in the repository and in the installed package.
  const text = fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return JSON.parse(text).version;
}

// ---- error display ----------------------------------------------------------
// Control characters are shown one column wide, whitespace as a space, so the
// caret stays under the right character.
function printable(text) {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x09 || code === 0x0a || code === 0x0d) return ' ';
    if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ ␁ …
    if (code === 0x7f) return '\u2421'; // ␡
    return '\ufffd';
  });
}

// Two lines: the shown text and a caret under position `at` of it.
function caretLines(shown, at, cutBefore, cutAfter) {
  const lead = cutBefore ? '…' : '';
  // Columns are code points: the caret's prefix is ASCII anyway (every
  // character before an error is), so this only matters for odd inputs.
  const column = lead.length + [...shown.slice(0, at)].length;
  return `${lead}${printable(shown)}${cutAfter ? '…' : ''}\n${' '.repeat(column)}^\n`;
}

// The one renderer of an error's place, for every kind of input: `text` holds
// the input from `start` on (a UTF-16 string, or bytes before the error are
// ASCII); shown are at most CONTEXT characters each side of the error, only
// its line where the header gives line numbers (`byLine`), and a caret.
// `more`: the input goes on past the text.
function showAt(text, start, index, more, byLine = true) {
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
  return caretLines(text.slice(from, to), at - from, cutBefore, cutAfter);
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

// ---- stats ------------------------------------------------------------------
function humanBytes(n) {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

// rows: [name, value, unit ('B' for bytes, or ''), note], printed in aligned columns.
function statsBlock(rows) {
  const cells = rows.map(([name, value, unit, note]) => {
    let unitText = '';
    if (typeof value === 'number' && unit === 'B') unitText = value >= 1024 ? `B (${humanBytes(value)})` : 'B';
    return [name, String(value), unitText, note ?? ''];
  });
  const width = (k) => Math.max(...cells.map((cell) => cell[k].length));
  const [nameWidth, valueWidth, unitWidth] = [width(0), width(1), width(2)];
  let text = '';
  for (const [name, value, unitText, note] of cells) {
    const line = `  ${name.padEnd(nameWidth)}  ${value.padStart(valueWidth)} ${unitText.padEnd(unitWidth)}  ${note}`;
    text += line.trimEnd() + '\n';
  }
  return text;
}

function fixedRows(memory) {
  return [
    ['linearMemoryBytes', memory.linearMemoryBytes, 'B', 'whole module memory, never grows'],
    ['scratchBytes', memory.scratchBytes, 'B', 'fixed working region'],
    ['inputWindowBytes', memory.inputWindowBytes, 'B', 'input is streamed through it'],
    ['stackBytes', memory.stackBytes, 'B', 'evaluation stacks'],
    ['maxDepth', memory.maxDepth, '', 'deepest nesting allowed'],
  ];
}

function evaluationRows(stats, memory) {
  return [
    ['inputBytes', stats.inputBytes, 'B'],
    ['chunks', stats.chunks, '', 'input-window fills'],
    ['peakDepth', stats.peakDepth, '', 'open parentheses at the deepest point'],
    ['peakStackBytes', stats.peakStackBytes, 'B', 'stack area used at that point'],
    ['heapAllocations', stats.heapAllocations, '', 'malloc calls while evaluating'],
    ...fixedRows(memory),
  ];
}

// A stream's own figures (for the whole stream, or up to its error), and
// the process's peak memory beside them.
function streamRows(stats, memory) {
  return [
    ...evaluationRows(stats, memory),
    ['processMaxRss', process.resourceUsage().maxRSS * 1024, 'B', 'peak memory of the whole Node process'],
  ];
}

// ---- evaluation ---------------------------------------------------------------
function evaluateText(ev, text, withStats, header) {
  let value;
  let error;
  let stats;
  if (withStats) {
    try {
      ({ value, stats } = ev.evaluateWithStats(text));
    } catch (caught) {
      if (!(caught instanceof EvaluationError)) throw caught;
      error = caught;
      stats = caught.stats;
    }
  } else {
    const result = ev.tryEvaluate(text);
    if (result.ok) value = result.value;
    else error = result.error;
  }
  const statsText = withStats ? statsBlock(evaluationRows(stats, ev.memory)) : '';
  if (!error) {
    out(formatNumber(value) + '\n' + statsText);
    return true;
  }
  err(`${header ? header + '\n' : ''}${showAt(text, 0, error.index, false, false)}${error.code}: ${error.message}\n${statsText}`);
  return false;
}

// Passes a byte stream's chunks on, counting them and keeping what shows an
// error in context without reading anything twice: the first bytes, the
// newest chunk (reading stops at an error, so it is still whole, even in a
// reused buffer), a copy of the CONTEXT bytes before it, and line numbers.
class ChunkReader {
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
async function showFromFile(path, index) {
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

// A file's chunks, read into one reused buffer the size of the input window
// (one window fill per read): the evaluator copies each chunk into its window
// before asking for the next, so memory stays constant (fs.createReadStream
// would leave a fresh 64 KiB buffer per chunk to the GC).
// `closed` is called once the file is closed (or could not be opened).
async function* fileChunks(path, size, closed) {
  try {
    const file = await fs.promises.open(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(size);
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await file.close();
    }
  } finally {
    closed();
  }
}

// Settles once the file being streamed is closed: after Ctrl-C, exiting must
// wait for that (a read still in progress would hold process.exit).
let sourceClosed = Promise.resolve();

// ---- progress -------------------------------------------------------------
// One line on stderr, rewritten in place (\r): bytes read, percent, MB/s and
// time left; redrawn at most every PROGRESS_MS, and once more at the end.
const PROGRESS_MS = 200;

function formatMB(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.ceil(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

class Progress {
  constructor(name, total) {
    this.name = name;
    this.total = total; // undefined when unknown (a pipe)
    this.start = performance.now();
    this.drawnAt = this.start;
    this.width = 0;
    this.draw(0, this.start);
  }

  update(bytes) {
    const now = performance.now();
    if (now - this.drawnAt >= PROGRESS_MS) this.draw(bytes, now);
  }

  draw(bytes, now) {
    this.drawnAt = now;
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? bytes / seconds : NaN; // bytes per second
    const parts = [];
    if (this.total === undefined) {
      parts.push(`${formatMB(bytes)} read`);
    } else {
      // Rounded down: 100 % only once the whole file is read.
      const percent = this.total === 0 ? 100 : Math.floor((100 * bytes) / this.total);
      parts.push(`${formatMB(bytes)} of ${formatMB(this.total)}`, `${percent} %`);
    }
    parts.push(Number.isFinite(rate) && bytes > 0 ? `${(rate / 1e6).toFixed(1)} MB/s` : '-- MB/s');
    if (this.total !== undefined) {
      parts.push(this.ending ?? `${formatDuration((this.total - bytes) / rate)} left`);
    } else if (this.ending) {
      parts.push(this.ending);
    }
    const text = `${this.name}: ${parts.join(', ')}`;
    process.stderr.write(`\r${text.padEnd(this.width)}`);
    this.width = text.length;
  }

  // The last figures, and the end of the line.
  end(bytes, completed) {
    const now = performance.now();
    this.ending = completed ? `done in ${((now - this.start) / 1000).toFixed(1)} s` : 'stopped';
    this.draw(bytes, now);
    process.stderr.write('\n');
  }
}

// The size of a file (or of stdin when it is one), else undefined.
function sizeOf(path) {
  try {
    const st = path === '-' ? fs.fstatSync(0) : fs.statSync(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined; // reading it will tell
  }
}

const INTERRUPTED = 'interrupted';

// Streams one file (or stdin) through the evaluator. Returns true, false (an
// error was printed) or INTERRUPTED (Ctrl-C).
async function evaluateFile(ev, path, { stats: withStats, progress: showProgress }) {
  const fromStdin = path === '-';
  const windowBytes = ev.memory.inputWindowBytes;
  let closed = () => {};
  if (!fromStdin) sourceClosed = new Promise((resolve) => { closed = resolve; });
  const total = sizeOf(path);
  const reader = fromStdin
    ? new ChunkReader(process.stdin, 'stdin', total)
    : new ChunkReader(fileChunks(path, windowBytes, closed), path, total);
  // Ctrl-C aborts the stream: the evaluator stops reading, the file is closed.
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.on('SIGINT', interrupt);
  let value;
  let stats;
  try {
    if (showProgress ?? (process.stderr.isTTY === true && total !== undefined && total > windowBytes)) {
      flush(); // results so far first
      reader.progress = new Progress(reader.name, total);
    }
    ({ value, stats } = await ev.evaluateStream(reader.chunks(), { stats: true, signal: controller.signal }));
  } catch (error) {
    reader.progress?.end(reader.bytes, false);
    if (controller.signal.aborted && error === controller.signal.reason) {
      err(`mexe-wasm: interrupted after ${reader.bytes} bytes of ${reader.name}\n`);
      return INTERRUPTED;
    }
    if (!(error instanceof EvaluationError)) {
      err(`mexe-wasm: cannot read ${reader.name}: ${error.message}\n`);
      return false;
    }
    const where = reader.show(error.index)
      ?? (fromStdin ? `stdin:\n(the input around byte ${error.index} is no longer in memory)\n` : await showFromFile(path, error.index));
    const statsText = withStats ? statsBlock(streamRows(error.stats, ev.memory)) : '';
    err(`${where}${error.code}: ${error.message}\n${statsText}`);
    return false;
  } finally {
    process.off('SIGINT', interrupt);
  }
  reader.progress?.end(reader.bytes, true);
  out(formatNumber(value) + '\n' + (withStats ? statsBlock(streamRows(stats, ev.memory)) : ''));
  return true;
}

// One expression per line, streamed: stdin is never held whole.
async function evaluateLines(ev, withStats) {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let ok = true;
  let number = 0;
  for await (const line of lines) {
    number++;
    if (/^[ \t\r\n]*$/.test(line)) continue; // blank lines are skipped, not EMPTY_INPUT
    ok = evaluateText(ev, line, withStats, `line ${number}:`) && ok;
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  }
  return ok;
}

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mexe-wasm: ${error.message}\nTry 'mexe-wasm --help'.\n`);
    return 2;
  }
  if (options.help) {
    out(HELP);
    return 0;
  }
  if (options.version) {
    out(packageVersion() + '\n');
    return 0;
  }

  const ev = await createEvaluator();
  let ok = true;
  if (options.items.length === 0) {
    ok = await evaluateLines(ev, options.stats);
  } else {
    for (const item of options.items) {
      const itemOk = item.file !== undefined
        ? await evaluateFile(ev, item.file, options)
        : evaluateText(ev, item.expr, options.stats, '');
      if (itemOk === INTERRUPTED) return 130; // the rest is not evaluated
      ok = itemOk && ok;
    }
  }
  return ok ? 0 : 1;
}

// After Ctrl-C: exit 130 once the file is closed. A read the system does not
// interrupt (a FIFO or a terminal given as --file, waiting for input) would
// hold the exit: then end as SIGINT's default action does (the shell sees 130 too).
async function exitInterrupted() {
  const wait = new Promise((resolve) => setTimeout(resolve, 500, false));
  if (await Promise.race([sourceClosed.then(() => true), wait])) process.exit(130);
  process.kill(process.pid, 'SIGINT'); // our handler is gone: the default action
}

main(process.argv.slice(2)).then(
  (code) => {
    flush();
    process.exitCode = code;
    // Interrupted: a source still open (stdin from a pipe) must not keep us.
    if (code === 130) return exitInterrupted();
  },
  (error) => {
    flush();
    process.stderr.write(`mexe-wasm: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
