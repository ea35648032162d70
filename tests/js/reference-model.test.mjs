// The reference model (tests/support/reference-model.mjs), the one JavaScript
// oracle of the error rules, checked: it gives what docs/SPEC.md says for each
// of its examples. (The module on the same examples: api.test.mjs, "evaluate",
// and errors.test.mjs; the model against JavaScript on generated expressions:
// differential.test.mjs.)
import { evaluateReference } from '../support/reference-model.mjs';

// Examples taken from SPEC.md#language and SPEC.md#errors.
const values = [
  ['-2 * 3', -6], ['2 - -3', 5], ['--3', 3], ['- + - 3', 3], ['10 - 4 - 3', 3], ['10 / 4 / 2', 1.25],
  ['1e400', Infinity], ['1e-400', 0], ['007', 7], ['1/0', Infinity], ['0/0', NaN], ['0 * -1', -0],
  ['1.', 1], ['.5', 0.5], ['1.e2', 100], ['.5e-1', 0.05], [' \t\n\r1\r\n\t ', 1],
];
const errors = [
  ['', 'EMPTY_INPUT', 0], [' \t\n\r ', 'EMPTY_INPUT', 0],
  ['x', 'UNEXPECTED_CHARACTER', 0], ['1 + #', 'UNEXPECTED_CHARACTER', 4], [',', 'UNEXPECTED_CHARACTER', 0],
  ['2^3', 'UNEXPECTED_CHARACTER', 1], ['5 % 2', 'UNEXPECTED_CHARACTER', 2], ['1 +\v2', 'UNEXPECTED_CHARACTER', 3],
  ['\0', 'UNEXPECTED_CHARACTER', 0], ['1 + é', 'UNEXPECTED_CHARACTER', 4], ['2 x', 'UNEXPECTED_CHARACTER', 2],
  ['(1)x', 'UNEXPECTED_CHARACTER', 3], ['1é', 'UNEXPECTED_CHARACTER', 1],
  ['2 + * 3', 'EXPECTED_OPERAND', 4], ['()', 'EXPECTED_OPERAND', 1], ['/2', 'EXPECTED_OPERAND', 0],
  ['2 3', 'EXPECTED_OPERATOR', 2], ['2 (3)', 'EXPECTED_OPERATOR', 2], ['2 .5', 'EXPECTED_OPERATOR', 2], ['2 .', 'EXPECTED_OPERATOR', 2],
  ['2 +', 'UNEXPECTED_END', 3], ['(', 'UNEXPECTED_END', 1], ['-', 'UNEXPECTED_END', 1],
  ['(1 + 2', 'UNCLOSED_PAREN', 0], ['((1)', 'UNCLOSED_PAREN', 0], ['(1 + (2', 'UNCLOSED_PAREN', 5],
  ['1)', 'UNMATCHED_CLOSE_PAREN', 1], ['(1))', 'UNMATCHED_CLOSE_PAREN', 3],
  ['1e', 'INVALID_NUMBER', 0], ['1e+', 'INVALID_NUMBER', 0], ['1.2.3', 'INVALID_NUMBER', 0], ['0x10', 'INVALID_NUMBER', 0],
  ['1_000', 'INVALID_NUMBER', 0], ['2x', 'INVALID_NUMBER', 0], ['.', 'INVALID_NUMBER', 0], ['1 + .', 'INVALID_NUMBER', 4],
  ['3 * 1e-x', 'INVALID_NUMBER', 4], ['1e5.', 'INVALID_NUMBER', 0],
  // The first error wins: '3' comes where an operator must, before 'x' can spoil it.
  ['2 3x', 'EXPECTED_OPERATOR', 2], ['2 + 3x)', 'INVALID_NUMBER', 4], ['x +', 'UNEXPECTED_CHARACTER', 0],
];

test.each(values)('model: %j is %p', (input, value) => {
  expect(Object.is(evaluateReference(input).value, value)).toBe(true);
});

test.each(errors)('model: %j is %s at %i', (input, code, index) => {
  expect(evaluateReference(input)).toEqual({ code, index });
});

test('model: nesting past maxDepth, at the (maxDepth + 1)-th level, for any maxDepth', () => {
  for (const maxDepth of [1, 2, 10, 4096]) {
    expect(evaluateReference('('.repeat(maxDepth) + '1' + ')'.repeat(maxDepth), { maxDepth })).toEqual({ value: 1 });
    expect(evaluateReference('1+2*('.repeat(maxDepth + 1) + '1', { maxDepth }))
      .toEqual({ code: 'NESTING_TOO_DEEP', index: 5 * maxDepth + 4 });
    // Depth is per level: closed levels do not count.
    expect(evaluateReference('(1)+'.repeat(maxDepth + 5) + '1', { maxDepth }).value).toBe(maxDepth + 6);
  }
  // An earlier error still wins over a later too-deep '('.
  expect(evaluateReference('1 2' + '('.repeat(5000), { maxDepth: 4096 })).toEqual({ code: 'EXPECTED_OPERATOR', index: 2 });
});

test('model: any depth, with no limit (an array of levels, no recursion)', () => {
  const depth = 1_000_000;
  expect(evaluateReference(`${'-('.repeat(depth)}2${')'.repeat(depth)}`, { maxDepth: Infinity })).toEqual({ value: 2 });
  expect(evaluateReference(`${'(1+'.repeat(depth)}1${')*2'.repeat(depth)}`, { maxDepth: Infinity }).value).toBe(Infinity);
  expect(evaluateReference(`${'('.repeat(depth)}1${')'.repeat(depth - 1)}`, { maxDepth: Infinity }))
    .toEqual({ code: 'UNCLOSED_PAREN', index: 0 });
  expect(evaluateReference(`${'('.repeat(depth)}1 2`, { maxDepth: depth })).toEqual({ code: 'EXPECTED_OPERATOR', index: depth + 2 });
});
