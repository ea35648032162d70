// Worker: a sample of the differential corpus with what JavaScript gives for
// each item, and one long input.
//   items: seeded valid expressions with the generator's value, mutants of
//          them and the hand-made hostile lines with the reference model's
//          value or error: { text, value } or { text, code, index }
//   long:  valid expressions in parentheses joined by ' + ', about
//          longBytes long, with its value: { text, value }
// Receives { seed, valid, mutants, longBytes }; posts back { items, long }.
import { parentPort, workerData } from 'node:worker_threads';
import { generateExpressions } from '../expressions.mjs';
import { generateMutants, handMade } from '../invalid.mjs';
import { evaluateReference } from '../reference-model.mjs';

const { seed, valid, mutants, longBytes } = workerData;
const expressions = generateExpressions(valid, seed);
const byModel = [...handMade(), ...generateMutants(mutants, seed, { valid: expressions.map((x) => x.text) }).map((m) => m.text)]
  .map((text) => ({ text, ...evaluateReference(text) }));

// The parentheses add a level: the terms stay one below the deepest nesting.
// Terms far from overflow, so that the sum is a number to compare.
const terms = [];
let bytes = 0;
for (const term of generateExpressions(Math.ceil(longBytes / 50), seed + 1, { maxDepth: 4095 })) {
  if (!(Math.abs(term.value) < 1e300)) continue;
  terms.push(term);
  bytes += term.text.length + 5;
  if (bytes >= longBytes) break;
}
const long = {
  text: terms.map((t) => `(${t.text})`).join(' + '),
  value: terms.reduce((sum, t, i) => (i === 0 ? t.value : sum + t.value), 0),
};

parentPort.postMessage({ items: [...expressions, ...byModel], long });
