// Memory: the module never allocates while evaluating and its linear memory
// never grows, whatever the input (valid, invalid, deeply nested, 10 MB),
// counted over a million evaluations and through every method. Input longer
// than the window streams through it in chunks. (100 MB and other hostile
// input, each checked the same way: hostile.test.mjs.)
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';
import { createProbedEvaluator } from '../support/memory-probe.mjs';

let probe; // { ev, allocations, memoryBytes }
let ev;
let W;
let D;

beforeAll(async () => {
  probe = await createProbedEvaluator(createEvaluator);
  ev = probe.ev;
  W = ev.memory.inputWindowBytes;
  D = ev.memory.maxDepth;
});

// Valid inputs with the value JavaScript computes for them.
const valid = [
  ['1 + 2 * 3', 1 + 2 * 3],
  ['(1.5e3 - .25) / 7', (1.5e3 - 0.25) / 7],
  ['-(-(3)) * 0.1', -(-3) * 0.1],
  ['1e400 * 0', Infinity * 0],
  ['0 / 0', NaN],
  ['0 * -1', -0],
  ['\t12345678901234567890 \n', 12345678901234567890],
  ['2.2250738585072011e-308 / 3', 2.2250738585072011e-308 / 3],
];
const invalid = ['', 'x', '2 +', '((1)', '1)', '1e+', '2 3', '1 + é', '2 + 😀', '\0', '()', '.'];

function deepInputs() {
  const build = (open, depth) => open.repeat(depth) + '1' + ')'.repeat(depth);
  return ['(', '1+2*(', '-('].flatMap((open) => [build(open, D), build(open, D + 1)]);
}

function tenMegabyteInputs() {
  const n = 5e6;
  return [
    '1+'.repeat(n) + '1', // valid
    '('.repeat(D) + '1*'.repeat(n) + '1' + ')'.repeat(D), // deep and long
    '1-'.repeat(n) + 'x', // an error at the very end
  ];
}

test('the allocation counter is live: it counts a request for memory', () => {
  // A counter that never moves would prove nothing below. The module has no
  // heap: the request is counted and fails.
  const before = probe.allocations();
  expect(probe.malloc(16)).toBe(0);
  expect(probe.allocations()).toBe(before + 1);
  expect(probe.memoryBytes()).toBe(ev.memory.linearMemoryBytes);
});

test('1,000,000 evaluations: no allocation in any, and the memory never grows', () => {
  const total = 1e6;
  const deep = deepInputs();
  const huge = tenMegabyteInputs();
  const same = Object.is; // looked up once: globals are slow in Jest's sandbox
  const memoryBefore = probe.memoryBytes();
  const allocationsBefore = probe.allocations();
  let allocating = 0;
  let memoryChanged = 0;
  let wrongValues = 0;
  let errors = 0;
  let hugeDone = 0;
  for (let i = 0; i < total; i++) {
    let input;
    let expected;
    if (i % 250000 === 100 && hugeDone < huge.length) {
      input = huge[hugeDone++];
    } else if (i % 500 === 499) {
      input = deep[(i / 500) % deep.length | 0];
    } else if (i % 4 === 3) {
      input = invalid[(i >> 2) % invalid.length];
    } else {
      [input, expected] = valid[i % valid.length];
    }
    let stats;
    try {
      const result = ev.evaluateWithStats(input);
      stats = result.stats;
      if (expected !== undefined && !same(result.value, expected)) wrongValues++;
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error; // a crash, not a reported error
      stats = error.stats;
      errors++;
    }
    if (stats.heapAllocations !== 0) allocating++;
    if (stats.linearMemoryBytes !== memoryBefore) memoryChanged++;
  }
  expect(hugeDone).toBe(huge.length);
  expect(errors).toBeGreaterThan(total / 5); // the error paths ran too
  expect({ allocating, memoryChanged, wrongValues }).toEqual({ allocating: 0, memoryChanged: 0, wrongValues: 0 });
  // The cumulative counter agrees: nothing at all was allocated.
  expect(probe.allocations()).toBe(allocationsBefore);
  expect(probe.memoryBytes()).toBe(memoryBefore);
  expect(ev.memory.linearMemoryBytes).toBe(memoryBefore);
});

test('evaluate, tryEvaluate, evaluateMany and evaluateStream do not allocate either', async () => {
  const memoryBefore = probe.memoryBytes();
  const allocationsBefore = probe.allocations();
  const short = [...valid.map(([input]) => input), ...invalid];
  const deep = deepInputs();
  const inputs = [...short, ...deep];
  for (let round = 0; round < 2000; round++) {
    // Deep inputs are 8-25 KB each: fewer rounds of them.
    for (const input of round % 100 === 0 ? inputs : short) {
      ev.tryEvaluate(input);
      try {
        ev.evaluate(input);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
      }
    }
  }
  const many = [];
  for (let i = 0; i < 100000; i++) many.push(short[i % short.length]);
  many.push(...deep, ...tenMegabyteInputs());
  ev.evaluateMany(many);
  const encoder = new TextEncoder();
  for (const input of [...inputs, ...tenMegabyteInputs()]) {
    for (const chunks of [[input], [encoder.encode(input)], input.length < 100 ? input.split('') : [input.slice(0, 1000), input.slice(1000)]]) {
      try {
        await ev.evaluateStream(chunks);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
      }
    }
  }
  expect(probe.allocations()).toBe(allocationsBefore);
  expect(probe.memoryBytes()).toBe(memoryBefore);
});
