#!/usr/bin/env node
// mexe-wasm: evaluates arithmetic expressions given as arguments, one per line
// on stdin, or one per file (streamed through the module's fixed memory).
import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';
import { HELP, packageVersion, parseArgs, UsageError } from './args.mjs';
import { ChunkReader, showAt, showFromFile } from './error-context.mjs';
import { Progress } from './progress.mjs';
import { evaluationRows, statsBlock, streamRows } from './stats.mjs';
import { formatNumber } from '../shared/format.mjs';

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
