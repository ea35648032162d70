// Hostile input through the JavaScript API: 100 MB, a million levels deep, a
// million signs or digits, NUL, lone surrogates and control characters. Each
// must give the right value (computed by JavaScript) or the right error (from
// the independent reference model, or by construction), through every method;
// the module must allocate nothing, the evaluator must keep working
// afterwards, and its linear memory must never grow. (Values that are not
// strings: api.test.mjs, "argument types".)
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';
import { clip, formatOutcome, outcomeOfError, sameOutcome } from '../support/harness.mjs';
import { handMade } from '../support/invalid.mjs';
import { createProbedEvaluator } from '../support/memory-probe.mjs';
import { evaluateReference } from '../support/reference-model.mjs';

let probe; // the evaluator, with the module's allocation counter and memory
let ev;
let D; // maxDepth, from the module
let W; // input window bytes
let memoryAtStart;

const realMemory = () => ev.evaluateWithStats('0').stats.linearMemoryBytes; // the instance's buffer

beforeAll(async () => {
  probe = await createProbedEvaluator(createEvaluator);
  ev = probe.ev;
  D = ev.memory.maxDepth;
  W = ev.memory.inputWindowBytes;
  memoryAtStart = realMemory();
  expect(memoryAtStart).toBe(ev.memory.linearMemoryBytes);
  expect(probe.memoryBytes()).toBe(memoryAtStart);
});

afterAll(() => {
  // Nothing above made the memory grow.
  if (ev) expect([realMemory(), ev.memory.linearMemoryBytes]).toEqual([memoryAtStart, memoryAtStart]);
});

const label = (text) => clip(text, 40);
const fromError = (error) => outcomeOfError(error, EvaluationError); // anything else is a crash, not an answer

/**
 * Runs input through evaluate, tryEvaluate, evaluateWithStats and evaluateMany
 * and checks each answer against `want` ({ value } or { code, index }); then
 * checks that nothing was allocated (by any of the four calls), memory did not
 * grow and the evaluator still works.
 */
function expectOutcome(input, want) {
  const allocationsBefore = probe.allocations();
  const answers = {};
  try {
    answers.evaluate = { value: ev.evaluate(input) };
  } catch (error) {
    answers.evaluate = fromError(error);
  }
  const tried = ev.tryEvaluate(input);
  answers.tryEvaluate = tried.ok ? { value: tried.value } : fromError(tried.error);
  let stats;
  try {
    const result = ev.evaluateWithStats(input);
    answers.evaluateWithStats = { value: result.value };
    stats = result.stats;
  } catch (error) {
    answers.evaluateWithStats = fromError(error);
    stats = error.stats;
  }
  const many = ev.evaluateMany(['1', input, '2']);
  answers.evaluateMany = many.errors[1] === null ? { value: many.values[1] } : fromError(many.errors[1]);
  const neighbours = [many.values[0], many.values[2], many.errors[0], many.errors[2]];

  for (const [api, got] of Object.entries(answers)) {
    if (!sameOutcome(got, want)) throw new Error(`${label(input)} via ${api}: expected ${formatOutcome(want)}, got ${formatOutcome(got)}`);
  }
  expect(neighbours).toEqual([1, 2, null, null]);
  expect(stats.heapAllocations).toBe(0);
  expect(stats.linearMemoryBytes).toBe(memoryAtStart);
  expect(probe.allocations()).toBe(allocationsBefore);
  expect(probe.memoryBytes()).toBe(memoryAtStart);
  expect(ev.evaluate('(1 + 2) * 3')).toBe(9);
}

/** The reference model's answer, with the module's maxDepth. */
const model = (input) => evaluateReference(input, { maxDepth: D });

describe('a 100 MB expression', () => {
  // The value as the text groups it: left to right, each term computed first.
  const unit = '(0.1 + 0.2) * 3 - 1e-3 / 7 + ';
  const repeats = Math.ceil(100e6 / unit.length);
  const valueOf = (n) => {
    let v = (0.1 + 0.2) * 3;
    v -= 1e-3 / 7;
    for (let i = 1; i < n; i++) {
      v += (0.1 + 0.2) * 3;
      v -= 1e-3 / 7;
    }
    return v + 1;
  };

  test('the construction agrees with the reference model on a small copy', () => {
    for (const n of [1, 2, 10, 1000]) expect(model(unit.repeat(n) + '1')).toEqual({ value: valueOf(n) });
    expect(model(unit.repeat(1000) + 'x')).toEqual({ code: 'UNEXPECTED_CHARACTER', index: 1000 * unit.length });
  });

  test('evaluates through the fixed window to the value JavaScript computes, in fixed memory', () => {
    const input = unit.repeat(repeats) + '1';
    expect(input.length).toBeGreaterThanOrEqual(100e6);
    expectOutcome(input, { value: valueOf(repeats) });
    const { stats } = ev.evaluateWithStats(input);
    expect(stats.inputBytes).toBe(input.length);
    expect(stats.chunks).toBe(Math.ceil(input.length / W));
    expect(stats.peakDepth).toBe(1);
  });

  test('streams as 100 chunks of 1 MB bytes, in fixed memory', async () => {
    const chunk = new TextEncoder().encode('1+'.repeat(512 * 1024)); // 1 MiB, 524,288 terms
    const count = 100;
    async function* source() {
      for (let i = 0; i < count; i++) yield chunk;
      yield '1';
    }
    const allocationsBefore = probe.allocations();
    expect(await ev.evaluateStream(source())).toBe(count * 512 * 1024 + 1);
    expect(probe.memoryBytes()).toBe(memoryAtStart);
    expect(probe.allocations()).toBe(allocationsBefore);
  });

  test('errors at the very end: a letter, an operator, a lone surrogate, an open parenthesis', () => {
    const body = unit.repeat(repeats);
    const n = body.length;
    expectOutcome(body + 'x', { code: 'UNEXPECTED_CHARACTER', index: n });
    expectOutcome(body, { code: 'UNEXPECTED_END', index: n });
    expectOutcome(body + '1\ud800', { code: 'UNEXPECTED_CHARACTER', index: n + 1 });
    expectOutcome('(' + body + '1', { code: 'UNCLOSED_PAREN', index: 0 });
  });

  test('100 MB of whitespace is EMPTY_INPUT; one digit at its end is a value', () => {
    const blank = ' \t\n\r'.repeat(25e6);
    expectOutcome(blank, { code: 'EMPTY_INPUT', index: 0 });
    expectOutcome(blank + '7', { value: 7 });
  });
});

describe('1,000,000-deep nesting', () => {
  const depth = 1e6;
  // Each shape opens one level per `open`; the '(' of level n sits at
  // (n - 1) * open.length + open.indexOf('(').
  const shapes = ['(', '1+2*(', '-(', ' ( ', '+ -\t('];

  test.each(shapes)('%j: NESTING_TOO_DEEP at the (maxDepth + 1)-th level', (open) => {
    const input = open.repeat(depth) + '1' + ')'.repeat(depth);
    const index = D * open.length + open.indexOf('(');
    expect(input[index]).toBe('(');
    expect(model(input)).toEqual({ code: 'NESTING_TOO_DEEP', index });
    expectOutcome(input, { code: 'NESTING_TOO_DEEP', index });
    // Never closed: the same first error.
    expectOutcome(open.repeat(depth), { code: 'NESTING_TOO_DEEP', index });
  });

  test('a million closing or empty parentheses', () => {
    expectOutcome(')'.repeat(depth), { code: 'EXPECTED_OPERAND', index: 0 });
    expectOutcome('1' + ')'.repeat(depth), { code: 'UNMATCHED_CLOSE_PAREN', index: 1 });
    expectOutcome('()'.repeat(depth), { code: 'EXPECTED_OPERAND', index: 1 });
    // Wide instead of deep: a million levels opened and closed one after another.
    let value = 0;
    for (let i = 0; i < depth; i++) value += 1;
    expectOutcome('(1)+'.repeat(depth - 1) + '(1)', { value });
  });
});

describe('1,000,000 unary signs', () => {
  const n = 1e6;

  test('runs of - and + give the parity JavaScript gives', () => {
    expectOutcome('-'.repeat(n) + '1', { value: 1 });
    expectOutcome('-'.repeat(n - 1) + '1', { value: -1 });
    expectOutcome('+'.repeat(n) + '2.5', { value: 2.5 });
    expectOutcome('-'.repeat(n - 1) + '0', { value: -0 });
    // Random signs with whitespace, seeded: parity counted here.
    let text = '';
    let negative = false;
    let state = 12345;
    for (let i = 0; i < n; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const minus = (state >>> 16) & 1;
      negative = minus ? !negative : negative;
      text += (minus ? '-' : '+') + ((state >>> 20) % 4 === 0 ? ' ' : '');
    }
    expectOutcome('2 * ' + text + '3', { value: 2 * (negative ? -3 : 3) });
    expectOutcome('2 - ' + text + '(3)', { value: 2 - (negative ? -3 : 3) });
  });

  test('a run that ends where an operand must come', () => {
    const signs = '-+'.repeat(n / 2);
    expectOutcome(signs, { code: 'UNEXPECTED_END', index: n });
    expectOutcome(signs + ')', { code: 'EXPECTED_OPERAND', index: n });
    expectOutcome(signs + '*2', { code: 'EXPECTED_OPERAND', index: n });
    expectOutcome(signs + 'x', model(signs + 'x'));
  });
});

describe('a 1,000,000-digit literal', () => {
  const n = 1e6;
  const literals = [
    '1' + '0'.repeat(n - 1),                                  // Infinity
    '1' + '0'.repeat(n - 1) + 'e-999990',                     // 1e9
    '9007199254740993' + '0'.repeat(n - 17) + '1' + `e-${n - 16}`, // just above a tie: rounds up
    '9007199254740993' + '0'.repeat(n - 16) + `e-${n - 16}`,  // the tie: rounds to even
    '0.' + '0'.repeat(n - 10) + '5' + `e${n - 10 - 323}`,     // the least subnormal
    '.' + '3'.repeat(n),
    '0'.repeat(n) + '.5',
    '7'.repeat(n) + `e-${n + 300}`,
    // A million-digit exponent: leading zeros, or far past any double.
    '1e' + '0'.repeat(n) + '5',
    '1e-' + '9'.repeat(n),
    '2.5E+' + '9'.repeat(n),
    // 2^53 + 1 followed by a million zeros: the tie (to even), and a later
    // non-zero digit that tips it up; a fraction scaled back by its exponent.
    '9007199254740993' + '0'.repeat(n) + 'e-1000000',
    '9007199254740993' + '0'.repeat(n) + '1e-1000001',
    '0.' + '0'.repeat(n - 10) + '123456789e999990',
  ];

  test.each(literals.map((l, i) => [i, l]))('literal %i reads exactly as Number(text)', (_, literal) => {
    expect(literal.length).toBeGreaterThanOrEqual(n);
    expectOutcome(literal, { value: Number(literal) });
    expectOutcome(`2 * ${literal} - 1`, { value: 2 * Number(literal) - 1 });
  });

  test('the values are the hard ones they claim to be', () => {
    expect([Number(literals[0]), Number(literals[1]), Number(literals[2]), Number(literals[3]), Number(literals[4])])
      .toEqual([Infinity, 1e9, 9007199254740994, 9007199254740992, 5e-324]);
    expect([Number(literals[11]), Number(literals[12]), Number(literals[13])]).toEqual([9007199254740992, 9007199254740994, 0.123456789]);
  });

  test('malformed after a million digits: INVALID_NUMBER at the first digit', () => {
    const digits = '4'.repeat(n);
    for (const tail of ['e', 'e+', 'E-', 'x', '_', '.5.', '.e', 'e5.']) {
      const input = `1 + ${digits}${tail}`;
      expect(model(input)).toEqual({ code: 'INVALID_NUMBER', index: 4 });
      expectOutcome(input, { code: 'INVALID_NUMBER', index: 4 });
    }
  });
});

describe('NUL, lone surrogates and control characters', () => {
  // Positions: short (a byte per unit), past 16 units (copied by encodeInto),
  // and on both sides of the input window's end (streamed).
  const pads = () => ['', '1+', ' '.repeat(20) + '1*', ' '.repeat(W - 2) + '1+', ' '.repeat(W - 1), ' '.repeat(W) + '1-', ' '.repeat(3 * W + 5)];

  test('every ASCII control character, at several positions', () => {
    let checked = 0;
    for (let c = 0; c < 128; c++) {
      if (c >= 32 && c !== 127) continue;
      const ch = String.fromCharCode(c);
      for (const pad of pads()) {
        for (const input of [pad + ch, pad + ch + '1', pad + '1' + ch, pad + '(1' + ch + ')', pad + '1e' + ch + '5']) {
          const want = model(input);
          // Tab, newline and return are whitespace; every other one is refused where it stands.
          if (![9, 10, 13].includes(c) && want.code === 'UNEXPECTED_CHARACTER') expect(input[want.index]).toBe(ch);
          expectOutcome(input, want);
          checked++;
        }
      }
    }
    expect(checked).toBe(33 * 7 * 5);
  });

  test('NUL bytes: alone, a million of them, after literals and past the window', () => {
    const inputs = ['\0', '\0'.repeat(1e6), '1\0', '1+\0', '(\0', '1e\0', '\0' + '1'.repeat(W), ' '.repeat(W + 3) + '\0', '1'.repeat(W) + '\0'];
    for (const input of inputs) expectOutcome(input, model(input));
    expect(model('1\0')).toEqual({ code: 'UNEXPECTED_CHARACTER', index: 1 });
  });

  test('lone surrogates and pairs, including one cut by the window', () => {
    const inputs = ['\ud800', '\udfff', '\ud83d\ude00', '1+\ud800', '1\udc00', '1e\ud800', '(\ud800)', '\udc00\ud800',
      ' '.repeat(20) + '\ud800', ' '.repeat(W - 1) + '\ud83d\ude00', ' '.repeat(W - 1) + '\ud800', ' '.repeat(W) + '\udc00',
      '1+'.repeat(W) + '1\ud83d\ude00', ...handMade()];
    for (const input of inputs) expectOutcome(input, model(input));
    expect(model(' '.repeat(W - 1) + '\ud83d\ude00')).toEqual({ code: 'UNEXPECTED_CHARACTER', index: W - 1 });
  });
});

describe('evaluateMany with non-ASCII items', () => {
  // The items' UTF-16 length and their UTF-8 length differ: a batch must not
  // mix the two up, whether or not its UTF-8 bytes still fit the window.
  test('a batch whose UTF-8 bytes overflow the window by a little', () => {
    const cases = [
      ['é', '1+'.repeat((W - 2) / 2) + '1'],                    // W units, W + 1 bytes
      ['\ud800', '2'.repeat(W - 1)],                            // a lone surrogate: 3 bytes
      ['😀', '3*'.repeat((W - 3) / 2) + '3'],
      ['1', 'é', '2 + 2', ' '.repeat(W - 8) + '4'],
    ];
    for (const items of cases) {
      const { values, errors } = ev.evaluateMany(items);
      items.forEach((item, i) => {
        const want = model(item);
        const got = errors[i] === null ? { value: values[i] } : fromError(errors[i]);
        if (!sameOutcome(got, want)) {
          throw new Error(`evaluateMany(${items.map(label).join(', ')}): item ${i} ${label(item)}: expected ${formatOutcome(want)}, got ${formatOutcome(got)}`);
        }
      });
    }
  });
});
