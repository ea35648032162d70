// Bad input: every error code of docs/SPEC.md#errors with its UTF-16 index, through
// every entry point, and the error objects themselves.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';
import { caught, chunked, rejected } from '../support/harness.mjs';

const root = new URL('../../', import.meta.url);

// The codes of SPEC.md's error table (SPEC.md#errors).
const SPEC_CODES = [
  'EMPTY_INPUT', 'UNEXPECTED_CHARACTER', 'EXPECTED_OPERAND', 'EXPECTED_OPERATOR', 'UNEXPECTED_END',
  'UNCLOSED_PAREN', 'UNMATCHED_CLOSE_PAREN', 'NESTING_TOO_DEEP', 'INVALID_NUMBER',
];

let ev;
let W;

beforeAll(async () => {
  ev = await createEvaluator();
  W = ev.memory.inputWindowBytes;
});

// [input, code, index]: the rows and examples of SPEC.md's table, and more
// of each kind. Indices are UTF-16 code units (input[index] is the culprit).
const rows = [
  // EMPTY_INPUT: empty or only whitespace; index 0.
  ['', 'EMPTY_INPUT', 0],
  [' ', 'EMPTY_INPUT', 0],
  ['\t\n\r ', 'EMPTY_INPUT', 0],
  [' \t\n\r ', 'EMPTY_INPUT', 0],

  // UNEXPECTED_CHARACTER: no token can start or continue with it.
  ['a', 'UNEXPECTED_CHARACTER', 0],
  ['x', 'UNEXPECTED_CHARACTER', 0],
  ['x +', 'UNEXPECTED_CHARACTER', 0],
  ['1 + a', 'UNEXPECTED_CHARACTER', 4],
  ['1 x', 'UNEXPECTED_CHARACTER', 2], // a letter not directly after a literal
  ['2 x', 'UNEXPECTED_CHARACTER', 2],
  ['(1)x', 'UNEXPECTED_CHARACTER', 3],
  ['e5', 'UNEXPECTED_CHARACTER', 0],
  ['_1', 'UNEXPECTED_CHARACTER', 0],
  ['Infinity', 'UNEXPECTED_CHARACTER', 0],
  ['#', 'UNEXPECTED_CHARACTER', 0],
  ['1 # 2', 'UNEXPECTED_CHARACTER', 2],
  ['1 + #', 'UNEXPECTED_CHARACTER', 4],
  [',', 'UNEXPECTED_CHARACTER', 0],
  ['1,2', 'UNEXPECTED_CHARACTER', 1],
  ['2 ^ 3', 'UNEXPECTED_CHARACTER', 2],
  ['2^3', 'UNEXPECTED_CHARACTER', 1],
  ['5 % 2', 'UNEXPECTED_CHARACTER', 2],
  ['[1]', 'UNEXPECTED_CHARACTER', 0],
  ['\x01', 'UNEXPECTED_CHARACTER', 0],
  ['1 +\x1f2', 'UNEXPECTED_CHARACTER', 3],
  ['\x7f', 'UNEXPECTED_CHARACTER', 0],
  ['1\v', 'UNEXPECTED_CHARACTER', 1], // not one of the four whitespace characters
  ['1\f', 'UNEXPECTED_CHARACTER', 1],
  ['1 +\v2', 'UNEXPECTED_CHARACTER', 3],
  ['1\0', 'UNEXPECTED_CHARACTER', 1],
  ['\0', 'UNEXPECTED_CHARACTER', 0],
  ['(\0)', 'UNEXPECTED_CHARACTER', 1],
  ['1 + é', 'UNEXPECTED_CHARACTER', 4],
  ['1é', 'UNEXPECTED_CHARACTER', 1], // non-ASCII right after a literal
  ['1.😀', 'UNEXPECTED_CHARACTER', 2],
  ['2 + 😀', 'UNEXPECTED_CHARACTER', 4], // astral: a surrogate pair, index of its first unit
  ['😀', 'UNEXPECTED_CHARACTER', 0],
  ['(😀)', 'UNEXPECTED_CHARACTER', 1],
  ['1+\uD800', 'UNEXPECTED_CHARACTER', 2], // lone high surrogate
  ['\uDC00', 'UNEXPECTED_CHARACTER', 0], // lone low surrogate
  ['\uDE00\uD83D', 'UNEXPECTED_CHARACTER', 0], // a pair in the wrong order
  ['1 + \u00a0 2', 'UNEXPECTED_CHARACTER', 4], // no-break space is not whitespace here
  ['\uFEFF1', 'UNEXPECTED_CHARACTER', 0],
  ['１', 'UNEXPECTED_CHARACTER', 0], // fullwidth digit
  ['\u2212 1', 'UNEXPECTED_CHARACTER', 0], // minus sign
  ['2 × 3', 'UNEXPECTED_CHARACTER', 2],

  // EXPECTED_OPERAND: * / or ) where an operand must come.
  ['2 + * 3', 'EXPECTED_OPERAND', 4],
  ['()', 'EXPECTED_OPERAND', 1],
  ['*1', 'EXPECTED_OPERAND', 0],
  ['/ 2', 'EXPECTED_OPERAND', 0],
  ['/2', 'EXPECTED_OPERAND', 0],
  [')', 'EXPECTED_OPERAND', 0],
  ['1 * / 2', 'EXPECTED_OPERAND', 4],
  ['(1 + )', 'EXPECTED_OPERAND', 5],
  ['- * 1', 'EXPECTED_OPERAND', 2],
  ['-)', 'EXPECTED_OPERAND', 1],

  // EXPECTED_OPERATOR: a number, . or ( where an operator, ) or the end must come.
  ['2 3', 'EXPECTED_OPERATOR', 2],
  ['2 (3)', 'EXPECTED_OPERATOR', 2],
  ['2(3)', 'EXPECTED_OPERATOR', 1],
  ['(1)(2)', 'EXPECTED_OPERATOR', 3],
  ['(1) 2', 'EXPECTED_OPERATOR', 4],
  ['(1).5', 'EXPECTED_OPERATOR', 3],
  ['2 .5', 'EXPECTED_OPERATOR', 2],
  ['1 .', 'EXPECTED_OPERATOR', 2],
  ['2 .', 'EXPECTED_OPERATOR', 2],
  ['1 2x', 'EXPECTED_OPERATOR', 2],
  // The first error wins: '3' comes where an operator must, before 'x' can spoil it.
  ['2 3x', 'EXPECTED_OPERATOR', 2],

  // UNEXPECTED_END: the input ends where an operand must come; index = length.
  ['2 +', 'UNEXPECTED_END', 3],
  ['(', 'UNEXPECTED_END', 1],
  ['-', 'UNEXPECTED_END', 1],
  ['2 * ', 'UNEXPECTED_END', 4],
  ['--', 'UNEXPECTED_END', 2],
  ['1 + (', 'UNEXPECTED_END', 5],
  ['-\n', 'UNEXPECTED_END', 2],

  // UNCLOSED_PAREN: the innermost ( still open at the end.
  ['(1 + 2', 'UNCLOSED_PAREN', 0],
  ['((1)', 'UNCLOSED_PAREN', 0],
  ['((1', 'UNCLOSED_PAREN', 1],
  ['(1+(2', 'UNCLOSED_PAREN', 3],
  ['(1 + (2', 'UNCLOSED_PAREN', 5],
  ['(1) + (2 ', 'UNCLOSED_PAREN', 6],
  ['(((1)) ', 'UNCLOSED_PAREN', 0],

  // UNMATCHED_CLOSE_PAREN: ) with no open (.
  ['1)', 'UNMATCHED_CLOSE_PAREN', 1],
  ['(1))', 'UNMATCHED_CLOSE_PAREN', 3],
  ['1 + 2 )', 'UNMATCHED_CLOSE_PAREN', 6],
  ['(1)) + (', 'UNMATCHED_CLOSE_PAREN', 3],

  // INVALID_NUMBER: a malformed literal, at its first character.
  ['1e', 'INVALID_NUMBER', 0],
  ['1e+', 'INVALID_NUMBER', 0],
  ['1.2.3', 'INVALID_NUMBER', 0],
  ['0x10', 'INVALID_NUMBER', 0],
  ['1_000', 'INVALID_NUMBER', 0],
  ['2x', 'INVALID_NUMBER', 0],
  ['.', 'INVALID_NUMBER', 0],
  ['1 + .', 'INVALID_NUMBER', 4],
  ['1E', 'INVALID_NUMBER', 0],
  ['1e-', 'INVALID_NUMBER', 0],
  ['1e 5', 'INVALID_NUMBER', 0],
  ['1e+x', 'INVALID_NUMBER', 0],
  ['1e5e', 'INVALID_NUMBER', 0],
  ['1e5.5', 'INVALID_NUMBER', 0],
  ['1.5_', 'INVALID_NUMBER', 0],
  ['1..2', 'INVALID_NUMBER', 0],
  ['.5.', 'INVALID_NUMBER', 0],
  ['..5', 'INVALID_NUMBER', 0],
  ['.e1', 'INVALID_NUMBER', 0],
  ['3 * 12ab', 'INVALID_NUMBER', 4],
  ['3 * 1e-x', 'INVALID_NUMBER', 4],
  ['1e5.', 'INVALID_NUMBER', 0],
  ['2 + 3x)', 'INVALID_NUMBER', 4],
  ['- .', 'INVALID_NUMBER', 2],
  ['(.)', 'INVALID_NUMBER', 1],
  ['0b1', 'INVALID_NUMBER', 0],
];

// Rows whose input is longer than the window: the culprit, or the literal or
// the parenthesis it points back to, lies in another window.
function longRows() {
  return [
    ['1+'.repeat(W) + 'é', 'UNEXPECTED_CHARACTER', 2 * W],
    ['1+'.repeat(W) + '😀', 'UNEXPECTED_CHARACTER', 2 * W],
    [' '.repeat(W - 2) + '12e', 'INVALID_NUMBER', W - 2],
    [' '.repeat(W - 1) + '12345x', 'INVALID_NUMBER', W - 1],
    ['(' + ' '.repeat(2 * W) + '1', 'UNCLOSED_PAREN', 0],
    ['(1+(' + ' '.repeat(2 * W) + '2', 'UNCLOSED_PAREN', 3],
    ['1+'.repeat(W), 'UNEXPECTED_END', 2 * W],
    [' '.repeat(3 * W), 'EMPTY_INPUT', 0],
    ['1' + ' '.repeat(W) + ')', 'UNMATCHED_CLOSE_PAREN', W + 1],
    ['1' + ' '.repeat(W) + '2', 'EXPECTED_OPERATOR', W + 1],
    [' '.repeat(W + 5) + '*', 'EXPECTED_OPERAND', W + 5],
  ];
}

const label = (input) => JSON.stringify(input.length > 40 ? `${input.slice(0, 20)}...(${input.length})` : input);

// The evaluator must still be right after the error.
function expectStillWorking() {
  expect(ev.evaluate('(1 + 2) * -3')).toBe((1 + 2) * -3);
}

function expectError(error, input, code, index) {
  expect(error).toBeInstanceOf(EvaluationError);
  expect(error).toBeInstanceOf(Error);
  expect([label(input), error.name, error.code, error.index]).toEqual([label(input), 'EvaluationError', code, index]);
  expect(error.message).toContain(`at index ${index}`);
}

describe.each([
  ['short', () => rows],
  ['longer than the window', longRows],
])('%s inputs', (_, getRows) => {
  test('evaluate throws the code and index', () => {
    for (const [input, code, index] of getRows()) {
      expectError(caught(() => ev.evaluate(input)), input, code, index);
      expectStillWorking();
    }
  });

  test('tryEvaluate returns them', () => {
    for (const [input, code, index] of getRows()) {
      const result = ev.tryEvaluate(input);
      expect(result.ok).toBe(false);
      expectError(result.error, input, code, index);
    }
    expectStillWorking();
  });

  test('evaluateWithStats throws them with .stats', () => {
    for (const [input, code, index] of getRows()) {
      const error = caught(() => ev.evaluateWithStats(input));
      expectError(error, input, code, index);
      expect(error.stats.heapAllocations).toBe(0);
      expect(error.stats.linearMemoryBytes).toBe(ev.memory.linearMemoryBytes);
    }
    expectStillWorking();
  });

  test('evaluateMany reports them per item, between good items', () => {
    const items = [];
    for (const [input] of getRows()) items.push(input, '6 * 7');
    const { values, errors } = ev.evaluateMany(items);
    getRows().forEach(([input, code, index], i) => {
      expectError(errors[2 * i], input, code, index);
      expect(values[2 * i]).toBeNaN();
      expect([label(input), errors[2 * i + 1], values[2 * i + 1]]).toEqual([label(input), null, 42]);
    });
  });

  test('evaluateStream reports them, for chunks of strings and of UTF-8 bytes', async () => {
    const encoder = new TextEncoder();
    for (const [input, code, index] of getRows()) {
      expectError(await rejected(ev.evaluateStream([input])), input, code, index);
      expectError(await rejected(ev.evaluateStream(chunked(input, 3))), input, code, index);
      // Every byte before the first error is ASCII, so the byte offset is the index.
      expectError(await rejected(ev.evaluateStream([encoder.encode(input)])), input, code, index);
      expect(await ev.evaluateStream(['4', '2'])).toBe(42);
    }
  });
});

test('every error code of the contract is produced by some row', () => {
  const produced = new Set(rows.map(([input]) => ev.tryEvaluate(input).error?.code));
  const depth = ev.memory.maxDepth + 1;
  produced.add(ev.tryEvaluate('('.repeat(depth) + '1' + ')'.repeat(depth)).error?.code);
  expect([...produced].sort()).toEqual([...SPEC_CODES].sort());
});

test('the index points at the character the contract names', () => {
  for (const [input, code] of [...rows, ...longRows()]) {
    const { index } = ev.tryEvaluate(input).error;
    if (code === 'EMPTY_INPUT') expect(index).toBe(0);
    else if (code === 'UNEXPECTED_END') expect(index).toBe(input.length);
    else expect(index).toBeLessThan(input.length);
    if (code === 'UNCLOSED_PAREN') expect(input[index]).toBe('(');
    if (code === 'UNMATCHED_CLOSE_PAREN' || code === 'EXPECTED_OPERAND') expect('*/)').toContain(input[index]);
    if (code === 'INVALID_NUMBER') expect('.0123456789').toContain(input[index]);
    // Everything before an error is ASCII.
    expect(/^[\x00-\x7f]*$/.test(input.slice(0, index))).toBe(true);
  }
});

test('an astral character is reported at its first UTF-16 unit, with input[index] its high surrogate', () => {
  const input = '2 + 😀';
  const { error } = ev.tryEvaluate(input);
  expect(error.index).toBe(4);
  expect(input.codePointAt(error.index)).toBe('😀'.codePointAt(0));
});

test('error objects: name, message, string form', () => {
  const error = caught(() => ev.evaluate('2 + * 3'));
  expect(error.name).toBe('EvaluationError');
  expect(String(error)).toMatch(/^EvaluationError: .*at index 4/);
  expect(error.message).toBe('Expected an operand at index 4'); // SPEC.md's own example
  expect(typeof error.stack).toBe('string');
});

test('each code has its own message', () => {
  const messages = new Map();
  for (const [input, code, index] of rows) {
    const text = ev.tryEvaluate(input).error.message.replace(`at index ${index}`, '');
    if (!messages.has(code)) messages.set(code, text);
    expect([code, text]).toEqual([code, messages.get(code)]);
  }
  expect(new Set(messages.values()).size).toBe(messages.size);
});

test('an error leaves no state behind', () => {
  for (const input of ['((((1', '(((', '1 + (2 * (3', '12.5e', '-(-(-', 'x']) {
    expect(ev.tryEvaluate(input).ok).toBe(false);
    expect(ev.tryEvaluate('1)').error).toMatchObject({ code: 'UNMATCHED_CLOSE_PAREN', index: 1 });
    expect(ev.evaluate('(5)')).toBe(5);
    expect(ev.evaluate('7')).toBe(7);
  }
});

describe('the error table', () => {
  test('ev.errorCodes is NONE and then the codes of SPEC.md', () => {
    expect(ev.errorCodes[0]).toBe('NONE');
    expect([...ev.errorCodes.slice(1)].sort()).toEqual([...SPEC_CODES].sort());
    expect(new Set(ev.errorCodes).size).toBe(ev.errorCodes.length);
  });

  test.each(['web/src/index.d.ts', 'dist/index.d.ts'])('the ErrorCode union of %s', (path) => {
    const text = readFileSync(new URL(path, root), 'utf8');
    const union = /export\s+type\s+ErrorCode\s*=([^;]*);/.exec(text);
    expect(union).not.toBeNull();
    const codes = [...union[1].matchAll(/'([A-Z_]+)'|"([A-Z_]+)"/g)].map((m) => m[1] ?? m[2]);
    expect(codes.sort()).toEqual([...ev.errorCodes.slice(1)].sort());
  });

  // The repository's own spec documents every code the module has: a code
  // added to the C++ table but not to SPEC.md#errors fails here.
  test('the error table of docs/SPEC.md lists exactly the module\'s codes', () => {
    const text = readFileSync(new URL('docs/SPEC.md', root), 'utf8');
    const section = /^## Errors[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text);
    expect(section).not.toBeNull();
    const codes = [...section[1].matchAll(/^\|\s*`([A-Z][A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(codes.length).toBe(new Set(codes).size); // one row per code
    expect([...codes].sort()).toEqual(ev.errorCodes.filter((c) => c !== 'NONE').sort());
  });

  test('error tables in the repository documents, where there are any', () => {
    const candidates = ['README.md', 'docs'].map((p) => new URL(p, root)).filter((u) => existsSync(u));
    const files = candidates.flatMap((u) => (u.pathname.endsWith('.md')
      ? [u]
      : readdirSync(u).filter((f) => f.endsWith('.md')).map((f) => new URL(`docs/${f}`, root))));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const codes = [...text.matchAll(/^\|\s*`([A-Z][A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
      const known = codes.filter((c) => SPEC_CODES.includes(c) || c === 'NONE');
      if (known.length === 0) continue; // no error table in this file
      expect([file.pathname, [...new Set(known)].filter((c) => c !== 'NONE').sort()])
        .toEqual([file.pathname, [...SPEC_CODES].sort()]);
    }
  });
});
