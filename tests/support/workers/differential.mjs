// Worker for differential.test.mjs: generates one chunk of the corpus, runs
// it through its own evaluator and reports what differs.
//
// Message in:  { chunk, seed, validCount, invalidTarget, streamEvery }
// Message out: { chunk, seed, validChecked, tryChecked, streamChecked,
//                invalidChecked, mutantsValid, modelChecked, codes,
//                mismatchCount, mismatches: [...], memoryAtStart, memoryNow }
import { parentPort } from 'node:worker_threads';
import { createEvaluator, EvaluationError } from '../../../dist/node.mjs';
import { Random, generateExpressions } from '../expressions.mjs';
import { formatOutcome, outcomeOf, sameOutcome } from '../harness.mjs';
import { mutate } from '../invalid.mjs';
import { evaluateReference } from '../reference-model.mjs';

const ev = await createEvaluator();
const maxDepth = ev.memory.maxDepth;
const memoryBytes = () => ev.evaluateWithStats('0').stats.linearMemoryBytes; // the real buffer
const memoryAtStart = memoryBytes();
const batchSize = 10000;
const keptMismatches = 20;
const encoder = new TextEncoder();

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

// The module's answer through evaluateStream, the text in random chunks of
// 1 to 64 characters, each a string or its UTF-8 bytes.
async function viaStream(text, rng) {
  const chunks = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + rng.int(rng.chance(0.5) ? 4 : 64);
    const part = text.slice(at, at + size);
    chunks.push(rng.chance(0.5) ? encoder.encode(part) : part);
    at += size;
  }
  try {
    return { value: await ev.evaluateStream(chunks) };
  } catch (error) {
    return error instanceof EvaluationError ? { code: error.code, index: error.index } : { code: `THREW ${error?.name}`, index: -1 };
  }
}

async function runChunk({ chunk, seed, validCount, invalidTarget, streamEvery }) {
  const mismatches = [];
  let mismatchCount = 0;
  const report = (kind, i, api, text, want, got) => {
    mismatchCount++;
    if (mismatches.length < keptMismatches) {
      mismatches.push({ kind, i, api, text, want: formatOutcome(want), got: formatOutcome(got) });
    }
  };

  // Valid expressions: the module against JavaScript's own value.
  const valid = generateExpressions(validCount, seed, { maxDepth });
  const texts = valid.map((x) => x.text);
  const many = viaEvaluateMany(texts);
  let modelChecked = 0;
  let tryChecked = 0;
  for (let i = 0; i < valid.length; i++) {
    const want = { value: valid[i].value };
    if (!sameOutcome(many[i], want)) report('valid', i, 'evaluateMany', texts[i], want, many[i]);
    const one = viaEvaluate(texts[i]);
    if (!sameOutcome(one, want)) report('valid', i, 'evaluate', texts[i], want, one);
    // tryEvaluate shares evaluate's path: a sample of 1 in 20.
    if (i % 20 === 10) {
      tryChecked++;
      const tried = outcomeOf(ev, texts[i]);
      if (!sameOutcome(tried, want)) report('valid', i, 'tryEvaluate', texts[i], want, tried);
    }
    // The model against JavaScript too, on a sample: a check of the model.
    if (i % 16 === 0) {
      modelChecked++;
      const model = evaluateReference(texts[i], { maxDepth });
      if (!sameOutcome(model, want)) report('valid', i, 'reference model (not the module)', texts[i], want, model);
    }
  }

  // A sample through evaluateStream, in random chunks.
  const chunkRng = new Random((seed ^ 0x5bd1e995) >>> 0);
  let streamChecked = 0;
  for (let i = 0; i < valid.length; i += streamEvery) {
    streamChecked++;
    const want = { value: valid[i].value };
    const streamed = await viaStream(texts[i], chunkRng);
    if (!sameOutcome(streamed, want)) report('stream', i, 'evaluateStream in random chunks', texts[i], want, streamed);
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
    if (!sameOutcome(manyMutants[i], want)) report('mutant', i, 'evaluateMany', mutants[i], want, manyMutants[i]);
    const one = viaEvaluate(mutants[i]);
    if (!sameOutcome(one, want)) report('mutant', i, 'evaluate', mutants[i], want, one);
  }

  // The evaluator must still work after all that.
  const after = viaEvaluate('(1 + 2) * 3');
  if (!sameOutcome(after, { value: 9 })) report('after', 0, 'evaluate', '(1 + 2) * 3', { value: 9 }, after);

  return {
    chunk,
    seed,
    validChecked: valid.length,
    tryChecked,
    streamChecked,
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
parentPort.on('message', async (task) => parentPort.postMessage(await runChunk(task)));
