// The load test's workload: a pool of short expressions with what each must
// give, and a run of many evaluations over it, checked as it goes. Used in
// the test process and in tests/support/workers/load.mjs.
import { Random, generateExpressions } from './expressions.mjs';
import { mutate } from './invalid.mjs';
import { evaluateReference } from './reference-model.mjs';

/**
 * `size` short expressions (up to 40 characters), about 60% valid, with what
 * each must give: the value JavaScript computes (values[i], codes[i] === '')
 * or the reference model's error (codes[i], indices[i]).
 */
export function shortPool(seed, size) {
  const valid = [];
  for (let round = 0; valid.length < size; round++) {
    for (const x of generateExpressions(size, seed + round)) {
      if (x.text.length <= 40 && valid.length < size) valid.push(x);
    }
  }
  const rng = new Random(seed ^ 0x2545f491);
  const texts = [];
  const values = new Float64Array(size);
  const codes = [];
  const indices = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const base = valid[i];
    if (rng.chance(0.6)) {
      texts.push(base.text);
      values[i] = base.value;
      codes.push('');
      continue;
    }
    const { text } = mutate(rng, base.text);
    const want = evaluateReference(text);
    texts.push(text);
    values[i] = want.code === undefined ? want.value : NaN;
    codes.push(want.code ?? '');
    indices[i] = want.code === undefined ? 0 : want.index;
  }
  return { texts, values, codes, indices };
}

/**
 * Checks one batch of answers against the pool; returns the number of
 * mismatches and records the first few in `found`.
 */
export function checkBatch(pool, start, values, errors, found) {
  const same = Object.is;
  let bad = 0;
  for (let j = 0; j < values.length; j++) {
    const i = (start + j) % pool.texts.length;
    const error = errors[j];
    const code = pool.codes[i];
    const ok = code === ''
      ? error === null && same(values[j], pool.values[i])
      : error !== null && error.code === code && error.index === pool.indices[i];
    if (!ok) {
      bad++;
      if (found.length < 5) {
        found.push({ text: pool.texts[i], want: code || String(pool.values[i]), got: error ? `${error.code} at ${error.index}` : String(values[j]) });
      }
    }
  }
  return bad;
}

/** `evaluations` evaluations over the pool: evaluateMany in batches, then evaluate one by one. */
export function runLoad(ev, EvaluationError, pool, evaluations, { batch = 10000, single = Math.floor(evaluations / 10) } = {}) {
  const n = pool.texts.length;
  const ring = pool.texts.concat(pool.texts.slice(0, batch)); // slices that wrap around
  const found = [];
  let mismatches = 0;
  let done = 0;
  let errors = 0;
  let start = 0;
  while (done < evaluations - single) {
    const k = Math.min(batch, evaluations - single - done);
    const result = ev.evaluateMany(ring.slice(start, start + k));
    mismatches += checkBatch(pool, start, result.values, result.errors, found);
    for (const e of result.errors) if (e !== null) errors++;
    done += k;
    start = (start + k) % n;
  }
  const values = new Float64Array(1);
  const errs = [null];
  for (; done < evaluations; done++) {
    const i = done % n;
    values[0] = NaN;
    errs[0] = null;
    try {
      values[0] = ev.evaluate(pool.texts[i]);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      errs[0] = error;
      errors++;
    }
    mismatches += checkBatch(pool, i, values, errs, found);
  }
  return { evaluations: done, errors, mismatches, found };
}
