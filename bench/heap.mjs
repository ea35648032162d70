// JS-heap bytes per call: the method, for a process started with HEAP_FLAGS.
//
// A young generation of 512 MiB, so that no garbage collection runs while
// calls are counted; a minor GC before each window; the heap's used bytes
// read before and after a window of n calls; the slope between a window of
// n and one of m (about 10·n) calls, so that the reading's own cost and
// anything allocated once cancel out; minus the same slope for an empty
// function through the same loop. A window in which V8 collected garbage
// anyway (a PerformanceObserver on 'gc' tells) is measured again, smaller.
import v8 from 'node:v8';
import { PerformanceObserver } from 'node:perf_hooks';

export const HEAP_FLAGS = ['--max-semi-space-size=512', '--min-semi-space-size=512', '--expose-gc'];

const BUDGET = 384 * 2 ** 20; // bytes a window may allocate: well inside the young generation
const WINDOW_MS = 60; // the larger window's rough length, for cheap calls
const REPEATS = 5;

/** Whether this process runs with HEAP_FLAGS (gc exposed, the young generation large). */
export function heapFlagsActive() {
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return typeof globalThis.gc === 'function' && young.space_size >= BUDGET;
}

const gcTimes = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcTimes.push([e.startTime, e.startTime + e.duration]);
});
observer.observe({ entryTypes: ['gc'] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0)); // observers report asynchronously

const used = () => v8.getHeapStatistics().used_heap_size;

// Bytes and span of one window of `count` calls of run.
function window(run, count) {
  globalThis.gc({ type: 'minor' });
  const before = used();
  const start = performance.now();
  run(count);
  const end = performance.now();
  return { bytes: used() - before, start, end };
}

const collectedIn = (w) => gcTimes.some(([a, b]) => b >= w.start && a <= w.end);

// Median slope between windows of n and m calls, or null if a GC got in.
async function slope(run, n, m) {
  const slopes = [];
  for (let r = 0; r < REPEATS; r++) {
    const small = window(run, n);
    const large = window(run, m);
    await settle();
    if (collectedIn(small) || collectedIn(large)) return null;
    slopes.push((large.bytes - small.bytes) / (m - n));
  }
  slopes.sort((a, b) => a - b);
  return slopes[slopes.length >> 1];
}

// Warms run up (so V8 has optimized the loop and what it calls), then picks
// windows that fit BUDGET and last about WINDOW_MS.
function plan(run) {
  let count = 1;
  let ms = 0;
  for (const t0 = performance.now(); performance.now() - t0 < 150 && count < 2 ** 20; count *= 2) {
    const t = performance.now();
    run(count);
    ms = (performance.now() - t) / count;
  }
  const probe = window(run, 1);
  const each = Math.max(1, probe.bytes);
  const m = Math.max(2, Math.min(Math.floor(BUDGET / each), Math.ceil(WINDOW_MS / Math.max(ms, 1e-6)), 2 ** 22));
  return { n: Math.max(1, Math.floor(m / 10)), m };
}

/**
 * { bytes, n, m }: JS-heap bytes per call of run(count) (which makes `count`
 * calls), less those of empty(count); null if every try met a GC. bytes is
 * per call; divide by the evaluations in a call for per item.
 */
export async function bytesPerCall(run, empty) {
  let { n, m } = plan(run);
  for (let tries = 0; tries < 4; tries++) {
    const [full, base] = [await slope(run, n, m), await slope(empty, n, m)];
    if (full !== null && base !== null) return { bytes: Math.max(0, full - base), n, m };
    // A GC got in: smaller windows.
    m = Math.max(2, Math.floor(m / 4));
    n = Math.max(1, Math.floor(m / 10));
  }
  return null;
}

export function stopObserving() {
  observer.disconnect();
}
