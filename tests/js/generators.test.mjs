// The test generators, checked (tests/support/expressions.mjs and
// invalid.mjs): the valid-expression generator covers every form the
// differential test relies on, the invalid generator makes every kind of
// mutation, reproducibly.
import { createEvaluator } from '../../dist/node.mjs';
import { runWorker, seedFromEnv, workerUrl } from '../support/harness.mjs';
import { generateMutants } from '../support/invalid.mjs';

const seed = seedFromEnv();

test(`generators: 50,000 valid expressions cover every form, the mutants every kind (seed ${seed})`, async () => {
  const { maxDepth } = (await createEvaluator()).memory;
  const { features, ties, mutations } = await runWorker(workerUrl('coverage.mjs'), { seed, count: 50000, maxDepth });
  console.log(`generator coverage (seed ${seed}): ${JSON.stringify(features)}\nhalfway literals: ${JSON.stringify(ties)}\n` +
    `mutations: ${JSON.stringify(mutations)}`);
  const wanted = [
    'integer', 'decimal', 'leading dot', 'trailing dot', 'trailing dot and exponent', 'exponent e', 'exponent E',
    'exponent +', 'exponent -', 'exponent leading zeros', 'exponent past 20 digits', 'leading zeros', 'only zeros',
    '17-20 significant digits', 'more than 800 digits', 'subnormal', 'overflow to Infinity', 'underflow to 0',
    'unary run', 'unary run of 100+', 'unary run of 1000+', 'nesting deeper than 100', 'nesting at maxDepth',
    '100+ terms side by side', 'whitespace space', 'whitespace tab', 'whitespace newline', 'whitespace return',
    'whitespace run of 20+', 'result NaN', 'result -0', 'result Infinity', 'result subnormal',
  ];
  expect(wanted.filter((name) => !features[name])).toEqual([]);
  // Exact ties and near ties, including at both ends of the range.
  expect(ties.tie).toBeGreaterThan(1000);
  expect(ties.near).toBeGreaterThan(1000);
  expect(ties.tieAtZero).toBeGreaterThan(0);
  expect(ties.tieAtInfinity).toBeGreaterThan(0);
  expect(ties.tieAtNormalBoundary).toBeGreaterThan(0);
  expect(Object.keys(mutations).sort()).toEqual([
    'delete', 'delete the last character', 'delete the parenthesis', 'insert', 'insert (', 'insert )',
    'open a parenthesis', 'replace', 'truncate', 'turn the parenthesis',
  ]);
}, 120000);

test('mutants are reproducible from their seed, and differ between seeds', () => {
  const a = generateMutants(200, 7).map((m) => m.text);
  expect(generateMutants(200, 7).map((m) => m.text)).toEqual(a);
  expect(generateMutants(200, 8).map((m) => m.text)).not.toEqual(a);
});
