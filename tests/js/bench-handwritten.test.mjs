// The benchmarks' hand-written evaluator (bench/handwritten.mjs) is a
// benchmark engine, not an oracle: checked here against the reference model,
// the tests' one JavaScript oracle. On every input, the
// hand-written evaluator gives the same value (Object.is) or throws a
// SyntaxError where the model reports an error. It has no nesting limit, so
// the model is asked without one too; but it recurses four calls deep per
// parenthesis, so inputs nested deeper than the benchmarks' deepest workload
// (1,000 levels) are left out.
import { evaluate as handwritten } from '../../bench/handwritten.mjs';
import { clip, formatOutcome, runWorker, seedFromEnv, workerUrl } from '../support/harness.mjs';
import { evaluateReference } from '../support/reference-model.mjs';

const seed = seedFromEnv();
const validCount = 10000;
const mutantCount = 10000;
const deepest = 1000;

/** How deep the parentheses of text nest. */
function nesting(text) {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 && ++depth > max) max = depth;
    else if (c === 41) depth--;
  }
  return max;
}

test(`agrees with the reference model on ${validCount} valid expressions, ${mutantCount} mutants and the hand-made lines (seed ${seed})`, async () => {
  const { texts } = await runWorker(workerUrl('corpus.mjs'), { seed, valid: validCount, mutants: mutantCount });
  const differences = [];
  let values = 0;
  let errors = 0;
  let tooDeep = 0;
  for (const text of texts) {
    if (nesting(text) > deepest) {
      tooDeep++;
      continue;
    }
    const want = evaluateReference(text, { maxDepth: Infinity });
    let got;
    try {
      got = { value: handwritten(text) };
    } catch (error) {
      if (error?.name !== 'SyntaxError') throw error; // a crash, not an answer
      got = { error: error.message };
    }
    const same = want.code === undefined ? got.error === undefined && Object.is(got.value, want.value) : got.error !== undefined;
    if (want.code === undefined) values++;
    else errors++;
    if (!same && differences.length < 10) {
      differences.push(`  ${clip(text, 300)}\n    model: ${formatOutcome(want)}, hand-written: ${got.error ?? formatOutcome(got)}`);
    }
  }
  if (differences.length > 0) throw new Error(`the hand-written evaluator differs from the model (seed ${seed}):\n${differences.join('\n')}`);
  // Both kinds of input were compared, and few were left out.
  expect(values).toBeGreaterThan(validCount);
  expect(errors).toBeGreaterThan(mutantCount / 2);
  expect(tooDeep).toBeLessThan(texts.length / 100);
}, 120000);
