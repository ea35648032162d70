// Worker for reliability-differential.test.mjs: generates one chunk of the
// corpus, runs it through its own evaluator and reports what differs. Runs
// outside Jest's module sandbox, where the generator is about ten times slower.
//
// Message in:  { chunk, seed, validCount, invalidTarget }
// Message out: { chunk, seed, validChecked, invalidChecked, mutantsValid,
//                modelChecked, codes, mismatchCount, mismatches: [...],
//                memoryAtStart, memoryNow }
import { parentPort } from 'node:worker_threads';
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';
import { Random, generateExpressions } from '../support/expressions.mjs';
import { mutate } from '../support/invalid.mjs';
import { evaluateReference } from '../support/reference-model.mjs';

const ev = await createEvaluator();
const maxDepth = ev.memory.maxDepth;
const memoryBytes = () => ev.evaluateWithStats('0').stats.linearMemoryBytes; // the real buffer
const memoryAtStart = memoryBytes();
const batchSize = 10000;
const keptMismatches = 20;

const show = (v) => (Object.is(v, -0) ? '-0' : String(v));
const describe = (r) => (r.code !== undefined ? `${r.code} at ${r.index}` : `value ${show(r.value)}`);

function same(got, want) {
  if (want.code !== undefined) return got.code === want.code && got.index === want.index;
  return got.code === undefined && Object.is(got.value, want.value);
}

// The module's answer through evaluate (which throws on bad input).
function viaEvaluate(text) {
  try {
    return { value: ev.evaluate(text) };
  } catch (error) {
    if (!(error instanceof EvaluationError)) return { code: `THREW ${error?.name}: ${error?.message}`, index: -1 };
    if (!error.message.endsWith(`at index ${error.index}`)) return { code: `BAD MESSAGE ${error.message}`, index: error.index };
    return { code: error.code, index: error.index };
  }
}

// The module's answers through evaluateMany, in batches.
function viaEvaluateMany(texts) {
  const out = new Array(texts.length);
  for (let start = 0; start < texts.length; start += batchSize) {
    const { values, errors } = ev.evaluateMany(texts.slice(start, start + batchSize));
    for (let j = 0; j < values.length; j++) {
      const error = errors[j];
      out[start + j] = error === null ? { value: values[j] } : { code: error.code, index: error.index };
    }
  }
  return out;
}

function runChunk({ chunk, seed, validCount, invalidTarget }) {
  const mismatches = [];
  let mismatchCount = 0;
  const report = (kind, i, api, text, want, got) => {
    mismatchCount++;
    if (mismatches.length < keptMismatches) {
      mismatches.push({ kind, i, api, text, want: describe(want), got: describe(got) });
    }
  };

  // Valid expressions: the module against JavaScript's own value.
  const valid = generateExpressions(validCount, seed, { maxDepth });
  const texts = valid.map((x) => x.text);
  const many = viaEvaluateMany(texts);
  let modelChecked = 0;
  for (let i = 0; i < valid.length; i++) {
    const want = { value: valid[i].value };
    if (!same(many[i], want)) report('valid', i, 'evaluateMany', texts[i], want, many[i]);
    const one = viaEvaluate(texts[i]);
    if (!same(one, want)) report('valid', i, 'evaluate', texts[i], want, one);
    // The model against JavaScript too, on a sample: a check of the model.
    if (i % 16 === 0) {
      modelChecked++;
      const model = evaluateReference(texts[i], { maxDepth });
      if (!same(model, want)) report('valid', i, 'reference model (not the module)', texts[i], want, model);
    }
  }

  // Mutants of them, until invalidTarget are invalid: the module against the
  // reference model (those that stay valid are checked too).
  const rng = new Random((seed ^ 0x1b873593) >>> 0);
  const mutants = [];
  const expected = [];
  let invalid = 0;
  while (invalid < invalidTarget) {
    const { text } = mutate(rng, texts[rng.int(texts.length)]);
    const want = evaluateReference(text, { maxDepth });
    if (want.code !== undefined) invalid++;
    mutants.push(text);
    expected.push(want);
  }
  const codes = {};
  const manyMutants = viaEvaluateMany(mutants);
  for (let i = 0; i < mutants.length; i++) {
    const want = expected[i];
    const code = want.code ?? 'VALID';
    codes[code] = (codes[code] ?? 0) + 1;
    if (!same(manyMutants[i], want)) report('mutant', i, 'evaluateMany', mutants[i], want, manyMutants[i]);
    const one = viaEvaluate(mutants[i]);
    if (!same(one, want)) report('mutant', i, 'evaluate', mutants[i], want, one);
  }

  // The evaluator must still work after all that.
  const after = viaEvaluate('(1 + 2) * 3');
  if (!same(after, { value: 9 })) report('after', 0, 'evaluate', '(1 + 2) * 3', { value: 9 }, after);

  return {
    chunk,
    seed,
    validChecked: valid.length,
    invalidChecked: invalid,
    mutantsValid: mutants.length - invalid,
    modelChecked,
    codes,
    mismatchCount,
    mismatches,
    memoryAtStart,
    memoryNow: memoryBytes(),
  };
}

// The parent terminates the worker when the tasks are done.
parentPort.on('message', (task) => parentPort.postMessage(runChunk(task)));
