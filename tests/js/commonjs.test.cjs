// The CommonJS build: require() works and exports the same API as the ESM one.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const mexe = require('../../dist/node.cjs');

const { createEvaluator, EvaluationError } = mexe;

test('exports createEvaluator and EvaluationError', () => {
  expect(typeof createEvaluator).toBe('function');
  expect(typeof EvaluationError).toBe('function');
  expect(new EvaluationError('EMPTY_INPUT', 0, 'x')).toBeInstanceOf(Error);
});

test('an evaluation, with the file next to the module found by default', async () => {
  const ev = await createEvaluator();
  expect(ev.evaluate('(1 + 2) * -3 / 4')).toBe(((1 + 2) * -3) / 4);
  expect(Object.is(ev.evaluate('0 * -1'), -0)).toBe(true);
  expect(await ev.evaluateStream(['4', '2'])).toBe(42);
  expect(ev.evaluateWithStats('((1))').stats).toMatchObject({ peakDepth: 2, heapAllocations: 0 });
});

test('an error is an EvaluationError with code and index', async () => {
  const ev = await createEvaluator();
  let error;
  try {
    ev.evaluate('2 + 😀');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(EvaluationError);
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ name: 'EvaluationError', code: 'UNEXPECTED_CHARACTER', index: 4 });
  // The minified build keeps the class's own name too (err.constructor.name).
  expect(error.constructor.name).toBe('EvaluationError');
  expect(require('../../dist/inline.cjs').EvaluationError.name).toBe('EvaluationError');
  expect(error.message).toContain('at index 4');
  expect(ev.tryEvaluate('1)').error).toMatchObject({ code: 'UNMATCHED_CLOSE_PAREN', index: 1 });
  expect(ev.evaluate('1 + 1')).toBe(2); // still working
  expect(() => ev.evaluate(42)).toThrow(TypeError);
});

test('wasmBinary option', async () => {
  const bytes = readFileSync(path.join(__dirname, '../../dist/mexe-core.wasm'));
  const ev = await createEvaluator({ wasmBinary: bytes });
  expect(ev.evaluate('6 * 7')).toBe(42);
  expect(ev.errorCodes[0]).toBe('NONE');
});

test('createEvaluatorSync from require(), and the inline entry with no options', () => {
  const bytes = readFileSync(path.join(__dirname, '../../dist/mexe-core.wasm'));
  expect(mexe.createEvaluatorSync({ wasmBinary: bytes }).evaluate('6 * 7')).toBe(42);
  expect(() => mexe.createEvaluatorSync()).toThrow(TypeError);
  const inline = require('../../dist/inline.cjs');
  const ev = inline.createEvaluatorSync();
  expect(ev.evaluate('0.1 + 0.2')).toBe(0.1 + 0.2);
  expect(ev.tryEvaluate('(1').error).toBeInstanceOf(inline.EvaluationError);
});
