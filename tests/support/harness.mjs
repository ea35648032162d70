// What the JavaScript tests share: the seed of a run, worker threads, the
// formatting of values and outcomes (-0 and NaN shown as such), and helpers
// for what a call gives (a throw, a rejection, a value or an error).
// No Jest here: workers import it too.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// ---- The seed ----

/**
 * The seed of this run: MEXE_SEED when set (to replay a failure), else a
 * random 32-bit one. Throws when MEXE_SEED is not a whole number.
 */
export function seedFromEnv(env = process.env) {
  if (env.MEXE_SEED === undefined) return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(env.MEXE_SEED);
  if (!Number.isInteger(seed)) throw new Error(`MEXE_SEED must be a whole number, got ${env.MEXE_SEED}`);
  return seed;
}

// ---- Workers ----
// Work that generates corpora runs in worker threads: outside Jest's module
// sandbox, where the generators' global lookups (Math, String) are about ten
// times slower.

/** The URL of a worker in tests/support/workers/. */
export const workerUrl = (name) => new URL(`./workers/${name}`, import.meta.url);

/** Runs a worker with `workerData`; resolves with its first message and ends it. */
export function runWorker(url, workerData) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData });
    worker.once('message', (message) => {
      resolve(message);
      worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker ${url.pathname} exited with ${code}`)));
  });
}

/** How many workers a pool uses by default: the machine's cores, 1 to 4. */
export const poolSize = () => Math.max(1, Math.min(4, availableParallelism()));

/**
 * Runs `tasks` on a pool of `size` workers, each taking the next task when it
 * answers one (a worker answers a message with one message). Resolves with
 * the answers, in the order they came.
 */
export function runPool(url, tasks, size = poolSize()) {
  return new Promise((resolve, reject) => {
    const results = [];
    const workers = [];
    let next = 0;
    let failed = false;
    const finish = (error) => {
      if (failed) return;
      if (error) failed = true;
      if (error || results.length === tasks.length) {
        for (const w of workers) w.terminate();
        if (error) reject(error);
        else resolve(results);
      }
    };
    if (tasks.length === 0) finish();
    for (let i = 0; i < Math.min(size, tasks.length); i++) {
      const worker = new Worker(url);
      workers.push(worker);
      worker.on('message', (result) => {
        results.push(result);
        if (next < tasks.length) worker.postMessage(tasks[next++]);
        finish();
      });
      worker.on('error', finish);
      worker.on('exit', (code) => code !== 0 && results.length < tasks.length && finish(new Error(`worker exited with ${code}`)));
      worker.postMessage(tasks[next++]);
    }
  });
}

// ---- Formatting ----

/** A number as String() gives it, but -0 as '-0'. */
export const formatValue = (v) => (Object.is(v, -0) ? '-0' : String(v));

/** An outcome ({ value } or { code, index }) in a line. */
export const formatOutcome = (r) => (r.code !== undefined ? `${r.code} at ${r.index}` : `value ${formatValue(r.value)}`);

/** The text, JSON-quoted, cut after `max` characters (with its length then). */
export function clip(text, max = 2000) {
  return text.length > max ? `${JSON.stringify(text.slice(0, max))}... (${text.length} characters)` : JSON.stringify(text);
}

// ---- Outcomes ----

/** The error fn throws; fails the test when it does not throw. */
export function caught(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** The reason the promise rejects with; fails the test when it resolves. */
export async function rejected(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** text cut into pieces of `size` characters (the last may be shorter). */
export function chunked(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Throws unless Object.is(got, expected), naming the input and both values. */
export function expectSame(got, expected, input) {
  if (!Object.is(got, expected)) {
    throw new Error(`input ${clip(input, 200)}: expected ${formatValue(expected)}, got ${formatValue(got)}`);
  }
}

/** True when two outcomes agree: the same code and index, or the same value (Object.is). */
export function sameOutcome(got, want) {
  if (want.code !== undefined) return got.code === want.code && got.index === want.index;
  return got.code === undefined && Object.is(got.value, want.value);
}

/** What tryEvaluate gives, as an outcome. */
export function outcomeOf(ev, input) {
  const r = ev.tryEvaluate(input);
  return r.ok ? { value: r.value } : { code: r.error.code, index: r.error.index };
}

/**
 * An error as an outcome ({ code, index }) when it is an `ErrorClass` (the
 * package's EvaluationError); anything else is a crash, not an answer, and is
 * thrown again.
 */
export function outcomeOfError(error, ErrorClass) {
  if (!(error instanceof ErrorClass)) throw error;
  return { code: error.code, index: error.index };
}
