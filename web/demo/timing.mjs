// Median time per call of fn, from batches timed with performance.now().
// Browsers coarsen that clock (to 0.1 ms without cross-origin isolation), so
// fast calls are repeated until one batch lasts a few milliseconds; slow
// calls are timed one by one. The whole measurement stays within budgetMs
// (after at least one call), so a 1 MB input keeps the page responsive.

let sink; // results land here, so no call can be optimised away

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeBatch(fn, reps) {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) sink = fn();
  return performance.now() - t0;
}

/**
 * Returns { ns, batches, reps, runs }: the median ns per call over `batches`
 * batches of `reps` calls each; `runs` counts every call made.
 */
export function measure(fn, { budgetMs = 40, batchMs = 2, maxBatches = 15 } = {}) {
  const start = performance.now();
  let reps = 1;
  let runs = 0;
  let samples = [];
  let last = 0;
  do {
    last = timeBatch(fn, reps);
    runs += reps;
    if (last < batchMs && reps < 1e8) {
      // Too short to time well (or still warming up): grow it, start over.
      reps = Math.ceil(reps * Math.min(100, (batchMs * 1.5) / Math.max(last, 0.02)));
      samples = [];
      continue;
    }
    samples.push(last / reps);
  } while (samples.length < maxBatches && performance.now() - start + last < budgetMs);
  if (samples.length === 0) samples.push(last / reps);
  return { ns: median(samples) * 1e6, batches: samples.length, reps, runs };
}
