// Nesting depth: maxDepth levels evaluate, one more is NESTING_TOO_DEEP at
// the (maxDepth + 1)-th '(' - for every shape, including levels that keep
// pending operators. maxDepth is read from the module, never assumed.
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';
import { chunked, rejected } from '../support/harness.mjs';

let ev;
let D; // maxDepth
let W;

beforeAll(async () => {
  ev = await createEvaluator();
  D = ev.memory.maxDepth;
  W = ev.memory.inputWindowBytes;
});

// Each shape opens one level per `open` and applies `level` to the value
// inside it, innermost first: the same arithmetic JavaScript does.
const shapes = [
  { name: '((((1))))', open: '(', level: (v) => v },
  { name: '1+2*(1+2*(...', open: '1+2*(', level: (v) => 1 + 2 * v },
  { name: '-(-(-(...', open: '-(', level: (v) => -v },
  { name: '0.1+0.7*(0.1+0.7*(...', open: '0.1+0.7*(', level: (v) => 0.1 + 0.7 * v }, // stays finite
  { name: '2/-(2/-(...', open: '2/-(', level: (v) => 2 / -v },
  { name: '(1)+((1)+(...', open: '(1)+(', level: (v) => 1 + v }, // a closed level beside each open one
];

function build(shape, depth) {
  return shape.open.repeat(depth) + '1' + ')'.repeat(depth);
}

function expected(shape, depth) {
  let v = 1;
  for (let i = 0; i < depth; i++) v = shape.level(v);
  return v;
}

// Index of the n-th '(' (1-based) whose opening would reach level n: counts
// depth, not just parentheses, so shapes with closed levels work too.
function indexOfLevel(text, n) {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(' && ++depth === n) return i;
    if (text[i] === ')') depth--;
  }
  throw new Error(`no level ${n}`);
}

function expectTooDeep(error, index) {
  expect(error).toBeInstanceOf(EvaluationError);
  expect([error.code, error.index]).toEqual(['NESTING_TOO_DEEP', index]);
  expect(error.message).toContain(`at index ${index}`);
}

test('maxDepth comes from the module and is at least 4096', () => {
  expect(Number.isInteger(D)).toBe(true);
  expect(D).toBeGreaterThanOrEqual(4096);
  // The stack area holds maxDepth frames.
  expect(D * ev.memory.frameBytes).toBeLessThanOrEqual(ev.memory.stackBytes);
});

describe.each(shapes)('$name', (shape) => {
  test('maxDepth levels evaluate to the value JavaScript computes', () => {
    const input = build(shape, D);
    expect(Object.is(ev.evaluate(input), expected(shape, D))).toBe(true);
    expect(Object.is(ev.tryEvaluate(input).value, expected(shape, D))).toBe(true);
    const { value, stats } = ev.evaluateWithStats(input);
    expect(Object.is(value, expected(shape, D))).toBe(true);
    expect(stats.peakDepth).toBe(D);
    expect(stats.peakStackBytes).toBe(D * ev.memory.frameBytes);
    expect(stats.peakStackBytes).toBeLessThanOrEqual(ev.memory.stackBytes);
    expect(stats.heapAllocations).toBe(0);
    expect(stats.linearMemoryBytes).toBe(ev.memory.linearMemoryBytes);
    expect(ev.evaluate('(1 + 2) * 3')).toBe(9);
  });

  test('maxDepth + 1 levels: NESTING_TOO_DEEP at the (maxDepth + 1)-th level', () => {
    const input = build(shape, D + 1);
    const index = indexOfLevel(input, D + 1);
    expectTooDeep(ev.tryEvaluate(input).error, index);
    let error;
    try {
      ev.evaluateWithStats(input);
    } catch (e) {
      error = e;
    }
    expectTooDeep(error, index);
    expect(error.stats.peakDepth).toBe(D);
    expect(error.stats.heapAllocations).toBe(0);
    // Far deeper, or cut off right after the culprit: the same first error.
    expectTooDeep(ev.tryEvaluate(build(shape, 3 * D)).error, index);
    expectTooDeep(ev.tryEvaluate(input.slice(0, index + 1)).error, index);
    expectTooDeep(ev.tryEvaluate(input.slice(0, index + 1) + 'x').error, index);
    // And the evaluator is unharmed: the deepest allowed input still works.
    expect(Object.is(ev.evaluate(build(shape, D)), expected(shape, D))).toBe(true);
  });

  test('evaluateMany: maxDepth and maxDepth + 1 side by side', () => {
    const ok = build(shape, D);
    const deep = build(shape, D + 1);
    const { values, errors } = ev.evaluateMany([ok, deep, ok, '(1)']);
    expect(Object.is(values[0], expected(shape, D))).toBe(true);
    expectTooDeep(errors[1], indexOfLevel(deep, D + 1));
    expect(Object.is(values[2], expected(shape, D))).toBe(true);
    expect([errors[0], errors[2], errors[3], values[3]]).toEqual([null, null, null, 1]);
  });

  test('evaluateStream in small chunks', async () => {
    expect(Object.is(await ev.evaluateStream(chunked(build(shape, D), 7)), expected(shape, D))).toBe(true);
    const deep = build(shape, D + 1);
    expectTooDeep(await rejected(ev.evaluateStream(chunked(deep, 7))), indexOfLevel(deep, D + 1));
  });

  test('across input window boundaries', () => {
    const pad = ' '.repeat(W - 3);
    expect(Object.is(ev.evaluate(pad + build(shape, D) + pad), expected(shape, D))).toBe(true);
    const deep = pad + build(shape, D + 1);
    expectTooDeep(ev.tryEvaluate(deep).error, indexOfLevel(deep, D + 1));
  });

  test('depth is per level, not cumulative: maxDepth reached three times in a row', () => {
    // Each part is one group around maxDepth - 1 levels: maxDepth in all.
    const part = `(${build(shape, D - 1)})`;
    const e = expected(shape, D - 1);
    const { value, stats } = ev.evaluateWithStats(`${part} + ${part} - ${part}`);
    expect(Object.is(value, e + e - e)).toBe(true);
    expect(stats.peakDepth).toBe(D);
  });
});
