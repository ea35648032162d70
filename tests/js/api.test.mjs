// The JavaScript API of the package: evaluate, tryEvaluate, evaluateMany,
// evaluateWithStats and evaluateStream, as docs/SPEC.md#javascript-api describes them.
// Expected values come from JavaScript itself (Number(text) and its own
// arithmetic), never from the module.
import { readFileSync } from 'node:fs';
import { createEvaluator, createEvaluatorSync, EvaluationError } from '../../dist/node.mjs';
import { caught, expectSame, rejected } from '../support/harness.mjs';

let ev;
let W; // the input window's size, read from the module

beforeAll(async () => {
  ev = await createEvaluator();
  W = ev.memory.inputWindowBytes;
});

async function* asyncChunks(chunks) {
  for (const chunk of chunks) {
    await null; // a real pause between chunks
    yield chunk;
  }
}

const utf8 = (text) => new TextEncoder().encode(text);

// The examples of SPEC.md#language, each with the value JavaScript computes for the
// same literals and grouping.
const specExamples = [
  ['-2 * 3', (-2) * 3],
  ['2 - -3', 2 - -3],
  ['--3', -(-3)],
  ['- + - 3', -+-3],
  ['10 - 4 - 3', (10 - 4) - 3],
  ['10 / 4 / 2', (10 / 4) / 2],
  ['1e400', Number('1e400')],
  ['1e-400', Number('1e-400')],
  ['007', Number('007')],
  ['1/0', 1 / 0],
  ['0/0', 0 / 0],
  ['0 * -1', 0 * -1],
  ['1.', Number('1.')],
  ['.5', Number('.5')],
  ['1.e2', Number('1.e2')],
  ['.5e-1', Number('.5e-1')],
  [' \t\n\r1\r\n\t ', 1],
];

describe('evaluate', () => {
  test.each(specExamples)('%j', (input, expected) => {
    expectSame(ev.evaluate(input), expected, input);
  });

  test('precedence, grouping and exact doubles', () => {
    const cases = [
      ['0.1 + 0.2', 0.1 + 0.2],
      ['1 + 2 * 3', 1 + 2 * 3],
      ['(1 + 2) * 3', (1 + 2) * 3],
      ['2 * 3 / 7', (2 * 3) / 7],
      ['2 / 3 * 7', (2 / 3) * 7],
      ['1 - 2 + 3', 1 - 2 + 3],
      ['-(0)', -0],
      ['-0 + 0', -0 + 0],
      ['-0 - 0', -0 - 0],
      ['+-0', +-0],
      ['1e308 * 10', 1e308 * 10],
      ['-1e308 * 10', -1e308 * 10],
      ['1e400 - 1e400', Infinity - Infinity],
      ['5e-324 / 2', 5e-324 / 2],
      ['1.', Number('1.')],
      ['.5', Number('.5')],
      ['1.e5', Number('1.e5')],
      ['.5E-3', Number('.5E-3')],
      ['00012.500e+0002', Number('00012.500e+0002')],
      ['9007199254740993', Number('9007199254740993')],
      ['12345678901234567890', Number('12345678901234567890')],
      ['2.2250738585072011e-308', Number('2.2250738585072011e-308')],
      ['1.7976931348623158e308', Number('1.7976931348623158e308')],
      ['1.7976931348623159e308', Number('1.7976931348623159e308')],
    ];
    for (const [input, expected] of cases) expectSame(ev.evaluate(input), expected, input);
  });

  test('every whitespace kind, everywhere whitespace may stand', () => {
    const input = ' \t\n\r- \t\n\r( \t\n\r1 \t\n\r+ \t\n\r2 \t\n\r) \t\n\r* \t\n\r3 \t\n\r';
    expectSame(ev.evaluate(input), -(1 + 2) * 3, input);
  });

  test('a literal crossing the input window boundary at every split point', () => {
    const literals = ['1.2345678901234567890e-5', '9007199254740993', '.5e+3', '0007.25E2', '4.9406564584124654e-324'];
    for (const lit of literals) {
      for (let split = 0; split <= lit.length; split++) {
        const input = '1 *' + ' '.repeat(W - 3 - split) + lit; // the window ends `split` characters into it
        expectSame(ev.evaluate(input), Number(lit), `${lit} split at ${split}`);
      }
    }
  });

  test('long unary runs, inside and across the window', () => {
    for (const n of [1, 2, 3, 100, W + 1, 3 * W]) {
      const input = '-'.repeat(n) + '7';
      expectSame(ev.evaluate(input), n % 2 ? -7 : 7, `${n} minus signs`);
    }
  });
});

describe('tryEvaluate', () => {
  test('a value has the shape { ok: true, value }', () => {
    const result = ev.tryEvaluate('6 / 4');
    expect(result).toStrictEqual({ ok: true, value: 6 / 4 });
  });

  test('NaN is a value, not an error', () => {
    const result = ev.tryEvaluate('0/0');
    expect(Object.keys(result).sort()).toEqual(['ok', 'value']);
    expect(result.ok).toBe(true);
    expect(result.value).toBeNaN();
  });

  test('an error has the shape { ok: false, error } and is not thrown', () => {
    const result = ev.tryEvaluate('2 + * 3');
    expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(EvaluationError);
    expect(result.error).toMatchObject({ code: 'EXPECTED_OPERAND', index: 4 });
  });
});

describe('evaluateMany', () => {
  test('an empty array', () => {
    const { values, errors } = ev.evaluateMany([]);
    expect(values).toBeInstanceOf(Float64Array);
    expect(values.length).toBe(0);
    expect(errors).toEqual([]);
  });

  test('per-item values and errors; NaN told apart from an error', () => {
    const items = ['1 + 1', 'x', '0/0', '2 + 😀', '', '0 * -1', '(1', '3'];
    const { values, errors } = ev.evaluateMany(items);
    expect(values).toBeInstanceOf(Float64Array);
    expect(values.length).toBe(items.length);
    expect(errors.length).toBe(items.length);
    expectSame(values[0], 2, items[0]);
    expect(errors[0]).toBeNull();
    expect(errors[1]).toBeInstanceOf(EvaluationError);
    expect(errors[1]).toMatchObject({ code: 'UNEXPECTED_CHARACTER', index: 0 });
    expect(values[2]).toBeNaN();
    expect(errors[2]).toBeNull(); // NaN as a value
    expect(errors[3]).toMatchObject({ code: 'UNEXPECTED_CHARACTER', index: 4 }); // index within the item
    expect(errors[4]).toMatchObject({ code: 'EMPTY_INPUT', index: 0 });
    expectSame(values[5], -0, items[5]);
    expect(errors[5]).toBeNull();
    expect(errors[6]).toMatchObject({ code: 'UNCLOSED_PAREN', index: 0 });
    expectSame(values[7], 3, items[7]);
  });

  test('the same results as evaluate, item by item', () => {
    const items = ['1+2*3', ' (4) ', '1e', '-.5', '1)', '2 3', '7/2', '--1', ')'];
    const { values, errors } = ev.evaluateMany(items);
    items.forEach((item, i) => {
      const single = ev.tryEvaluate(item);
      if (single.ok) {
        expect(errors[i]).toBeNull();
        expectSame(values[i], single.value, item);
      } else {
        expect(errors[i]).toMatchObject({ code: single.error.code, index: single.error.index });
      }
    });
  });

  test('a unit outside ASCII whose low byte is a digit or operator is rejected where it stands', () => {
    // U+0132, U+012B and U+0130 end in the bytes of '2', '+' and '0'.
    const tricky = ['3*\u0132', '1\u012B1', '\u0130', '12345678\u0132', '4'];
    const padding = '1+'.repeat(60) + '1'; // long enough to have the batch written another way
    for (const items of [tricky, [...tricky, padding]]) {
      const { values, errors } = ev.evaluateMany(items);
      expect(errors.slice(0, 4).map((e) => e && [e.code, e.index])).toEqual([
        ['UNEXPECTED_CHARACTER', 2], ['UNEXPECTED_CHARACTER', 1], ['UNEXPECTED_CHARACTER', 0], ['UNEXPECTED_CHARACTER', 8],
      ]);
      expectSame(values[4], 4, items[4]);
      if (items.length > 5) expectSame(values[5], 61, 'padding');
    }
  });

  test('a unit outside ASCII inside a group of four units, alone and in a batch', () => {
    // The writer reads units four at a time: the unit is at each place in a group.
    for (let at = 0; at < 8; at++) {
      const text = `${'1'.repeat(at)}\u012B${'1'.repeat(8 - at)}`; // U+012B ends in the byte of '+'
      const expected = ['UNEXPECTED_CHARACTER', at];
      const error = ev.tryEvaluate(text).error;
      expect([text, error && [error.code, error.index]]).toEqual([text, expected]);
      const { errors } = ev.evaluateMany(['1', text]);
      expect([text, errors[1] && [errors[1].code, errors[1].index]]).toEqual([text, expected]);
    }
  });

  test('a text that fits the window in UTF-16 units but not in UTF-8 bytes', () => {
    // W - 1 digits and a two-byte character: the bytes do not fit the window,
    // whatever the window held before (here: digits, which would make a value).
    const text = `${'1'.repeat(W - 1)}\u00E9`;
    for (const before of ['1'.repeat(W), '2'.repeat(W)]) {
      ev.evaluate(before);
      const error = ev.tryEvaluate(text).error;
      expect(error && [error.code, error.index]).toEqual(['UNEXPECTED_CHARACTER', W - 1]);
      ev.evaluate(before);
      const { values, errors } = ev.evaluateMany([text]);
      expect(errors[0] && [errors[0].code, errors[0].index]).toEqual(['UNEXPECTED_CHARACTER', W - 1]);
      expect(values[0]).toBeNaN();
    }
  });

  test('a failed item longer than the window has NaN for its value', () => {
    const text = `${'1+'.repeat(W)}*`;
    const { values, errors } = ev.evaluateMany(['1', text, '2']);
    expect([values[0], values[2]]).toEqual([1, 2]);
    expect(values[1]).toBeNaN();
    expect(errors[1]).toMatchObject({ code: 'EXPECTED_OPERAND', index: text.length - 1 });
  });

  test('items longer than the input window, between short ones', () => {
    const n = 2 * W + 11;
    const longSum = '1+'.repeat(n) + '1';             // value n + 1
    const longError = '1+'.repeat(n) + 'é';           // error past the first window
    const exact = ' '.repeat(W - 1) + '5';            // exactly one window
    const overByOne = ' '.repeat(W) + '6';            // one byte over
    const items = ['2', longSum, '3', longError, exact, overByOne, '4'];
    const { values, errors } = ev.evaluateMany(items);
    expectSame(values[0], 2, items[0]);
    expectSame(values[1], n + 1, 'longSum');
    expectSame(values[2], 3, items[2]);
    expect(errors[3]).toMatchObject({ code: 'UNEXPECTED_CHARACTER', index: 2 * n });
    expectSame(values[4], 5, 'exact');
    expectSame(values[5], 6, 'overByOne');
    expectSame(values[6], 4, items[6]);
    expect(errors.filter(Boolean).length).toBe(1);
  });

  test('more items than fit one window', () => {
    const count = Math.ceil((3 * W) / 8) + 17;
    const items = [];
    for (let i = 0; i < count; i++) items.push(i % 97 === 5 ? `${i} +` : `${i} * 3 - 1`);
    const { values, errors } = ev.evaluateMany(items);
    for (let i = 0; i < count; i++) {
      if (i % 97 === 5) {
        expect(errors[i]).toMatchObject({ code: 'UNEXPECTED_END', index: items[i].length });
      } else {
        if (errors[i] !== null) throw new Error(`item ${i} ${items[i]}: ${errors[i].message}`);
        expectSame(values[i], i * 3 - 1, items[i]);
      }
    }
  });

  test('many more tiny items than a window has bytes', () => {
    const count = 3 * W + 5;
    const items = Array.from({ length: count }, (_, i) => (i % 50 === 0 ? '' : String(i % 10)));
    const { values, errors } = ev.evaluateMany(items);
    let bad = 0;
    for (let i = 0; i < count; i++) {
      const ok = i % 50 === 0
        ? errors[i]?.code === 'EMPTY_INPUT' && errors[i].index === 0
        : errors[i] === null && values[i] === i % 10;
      if (!ok) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe('evaluateWithStats', () => {
  test('the fields for a short input', () => {
    const input = '(1 + (2 * (3)))';
    const { value, stats } = ev.evaluateWithStats(input);
    expectSame(value, 1 + 2 * 3, input);
    expect(Object.keys(stats).sort()).toEqual([
      'chunks', 'heapAllocations', 'inputBytes', 'linearMemoryBytes', 'peakDepth', 'peakStackBytes', 'scratchBytes',
    ]);
    expect(stats.inputBytes).toBe(input.length);
    expect(stats.chunks).toBe(1);
    expect(stats.peakDepth).toBe(3);
    expect(stats.peakStackBytes).toBe(3 * ev.memory.frameBytes);
    expect(stats.heapAllocations).toBe(0);
    expect(stats.linearMemoryBytes).toBe(ev.memory.linearMemoryBytes);
    expect(stats.scratchBytes).toBe(ev.memory.scratchBytes);
  });

  // SPEC.md#memory states the figures; the module must have exactly those
  // (a limit that moves moves in the spec too).
  test('the memory figures are the ones SPEC.md#memory states', () => {
    const spec = readFileSync(new URL('../../docs/SPEC.md', import.meta.url), 'utf8');
    const figure = (pattern) => {
      const match = pattern.exec(spec);
      expect(match).not.toBeNull();
      return Number(match[1].replaceAll(',', ''));
    };
    const m = ev.memory;
    expect(m.linearMemoryBytes).toBe(figure(/`linearMemoryBytes`: ([\d,]+)/));
    expect(m.inputWindowBytes).toBe(1024 * figure(/\| input window \| (\d+) KiB \(`inputWindowBytes`\)/));
    expect(m.frameBytes).toBe(figure(/one (\d+)-byte frame \(`frameBytes`\)/));
    expect(Math.round(m.scratchBytes / 1024)).toBe(figure(/In all about (\d+) KiB \(`scratchBytes`\)/));
  });

  test('the memory numbers are consistent with each other', () => {
    const m = ev.memory;
    const wasmPage = 65536; // WebAssembly's unit of linear memory
    expect(m.linearMemoryBytes % wasmPage).toBe(0);
    expect(m.scratchBytes).toBeLessThan(m.linearMemoryBytes);
    expect(m.inputWindowBytes).toBeGreaterThan(0);
    expect(m.inputWindowBytes + m.stackBytes).toBeLessThanOrEqual(m.scratchBytes);
    expect(m.maxDepth * m.frameBytes).toBeLessThanOrEqual(m.stackBytes);
  });

  test('peakDepth follows the parentheses, not the operators', () => {
    for (const [input, depth] of [['1', 0], ['1+2*3-4/5', 0], ['-(1)', 1], ['(1)+(2)+(3)', 1], ['((1)+((2)))', 3]]) {
      const { stats } = ev.evaluateWithStats(input);
      expect([input, stats.peakDepth]).toEqual([input, depth]);
      expect(stats.peakStackBytes).toBe(depth * ev.memory.frameBytes);
    }
  });

  test('chunks for inputs around and above the window size', () => {
    for (const length of [W - 1, W, W + 1, 2 * W, 2 * W + 1, 10 * W + 123]) {
      const input = '1' + ' '.repeat(length - 1);
      const { value, stats } = ev.evaluateWithStats(input);
      expectSame(value, 1, `length ${length}`);
      expect([length, stats.chunks]).toEqual([length, Math.ceil(length / W)]);
      expect(stats.inputBytes).toBe(length);
      expect(stats.heapAllocations).toBe(0);
    }
  });

  test('stops at the first error: no window after the culprit is read', () => {
    for (const input of ['x' + ' '.repeat(10 * W), '1+'.repeat(W) + 'x' + ' '.repeat(5 * W)]) {
      const error = caught(() => ev.evaluateWithStats(input));
      expect(error.code).toBe('UNEXPECTED_CHARACTER');
      expect(error.stats.chunks).toBe(Math.ceil((error.index + 1) / W));
      expect(error.stats.inputBytes).toBeLessThan(input.length);
      expect(error.stats.heapAllocations).toBe(0);
    }
  });

  test('throws an EvaluationError that carries .stats', () => {
    const input = '((1) + 2';
    const error = caught(() => ev.evaluateWithStats(input));
    expect(error).toBeInstanceOf(EvaluationError);
    expect(error).toMatchObject({ code: 'UNCLOSED_PAREN', index: 0 });
    expect(error.stats).toBeDefined();
    expect(error.stats.heapAllocations).toBe(0);
    expect(error.stats.peakDepth).toBe(2);
    expect(error.stats.linearMemoryBytes).toBe(ev.memory.linearMemoryBytes);
    expect(error.stats.scratchBytes).toBe(ev.memory.scratchBytes);
    expect(error.stats.chunks).toBe(1);
  });
});

describe('evaluateStream', () => {
  test('an array of strings', async () => {
    expectSame(await ev.evaluateStream(['1', '2', '.', '5e', '1', ' + 1']), Number('12.5e1') + 1, 'chunks');
  });

  test('an async generator', async () => {
    expectSame(await ev.evaluateStream(asyncChunks(['(2', ' * 3', ') - ', '.2', '5'])), (2 * 3) - 0.25, 'generator');
  });

  test('Uint8Arrays, mixed with strings', async () => {
    const value = await ev.evaluateStream(asyncChunks([utf8('1.5e'), '+', utf8('2 * -'), '4']));
    expectSame(value, 1.5e2 * -4, 'mixed');
  });

  test('a Uint8Array larger than the window', async () => {
    const n = W + 300;
    expectSame(await ev.evaluateStream([utf8('1+'.repeat(n) + '1')]), n + 1, 'big bytes');
  });

  test('literals split at every point, as strings and as bytes', async () => {
    const input = '12.5e-3 * .75 - 9007199254740993 / 0003.e+2';
    const expected = Number('12.5e-3') * Number('.75') - Number('9007199254740993') / Number('0003.e+2');
    for (let cut = 0; cut <= input.length; cut++) {
      const parts = [input.slice(0, cut), input.slice(cut)];
      expectSame(await ev.evaluateStream(parts), expected, `cut ${cut}`);
      expectSame(await ev.evaluateStream(asyncChunks(parts.map(utf8))), expected, `bytes cut ${cut}`);
    }
    expectSame(await ev.evaluateStream(input.split('')), expected, 'one character per chunk');
  });

  test('empty chunks and an empty stream', async () => {
    expectSame(await ev.evaluateStream(['', '4', '', '', '2', '']), 42, 'empty chunks');
    const error = await rejected(ev.evaluateStream([]));
    expect(error).toBeInstanceOf(EvaluationError);
    expect(error).toMatchObject({ code: 'EMPTY_INPUT', index: 0 });
  });

  test('errors carry the index into the whole stream', async () => {
    const first = '1 + 2 * (3';
    let error = await rejected(ev.evaluateStream([first, ' + 4', ') x']));
    expect(error).toMatchObject({ code: 'UNEXPECTED_CHARACTER', index: (first + ' + 4) ').length });
    error = await rejected(ev.evaluateStream(asyncChunks(['(1', ' + (2', ')'])));
    expect(error).toMatchObject({ code: 'UNCLOSED_PAREN', index: 0 });
    error = await rejected(ev.evaluateStream(['1 + 1', '2', 'e']));
    expect(error).toMatchObject({ code: 'INVALID_NUMBER', index: 4 });
  });

  test('multi-byte UTF-8 bytes: the index of the first byte', async () => {
    const input = '12 * (3 + é) 😀';
    let error = await rejected(ev.evaluateStream([utf8(input)]));
    expect(error).toMatchObject({ code: 'UNEXPECTED_CHARACTER', index: input.indexOf('é') });
    // The character's bytes split across two chunks.
    const bytes = utf8('2 + 😀');
    for (let cut = 4; cut <= bytes.length; cut++) {
      error = await rejected(ev.evaluateStream(asyncChunks([bytes.subarray(0, cut), bytes.subarray(cut)])));
      expect([cut, error.code, error.index]).toEqual([cut, 'UNEXPECTED_CHARACTER', 4]);
    }
  });

  test('stops reading the source once the error is known (no hang)', async () => {
    let closed = false;
    let pulled = 0;
    async function* endless() {
      try {
        yield '1 + x';
        for (;;) {
          pulled++;
          yield '+1';
        }
      } finally {
        closed = true;
      }
    }
    const error = await rejected(ev.evaluateStream(endless()));
    expect(error).toMatchObject({ code: 'UNEXPECTED_CHARACTER', index: 4 });
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(2);
  });

  test('an error from the source is passed on, and the evaluator goes on', async () => {
    async function* failing() {
      yield '1 +';
      throw new RangeError('source failed');
    }
    const error = await rejected(ev.evaluateStream(failing()));
    expect(error).toBeInstanceOf(RangeError);
    expectSame(ev.evaluate('2 * 21'), 42, 'after');
    expectSame(await ev.evaluateStream(['4', '2']), 42, 'stream after');
  });

  test('one stream at a time: a call during a stream is refused and the stream survives', async () => {
    let refused;
    let refusedStream;
    async function* source() {
      yield '1234';
      refused = caught(() => ev.evaluate('99999'));
      refusedStream = await rejected(ev.evaluateStream(['77']));
      yield '.5';
    }
    expectSame(await ev.evaluateStream(source()), 1234.5, 'stream');
    expect(refused).toBeInstanceOf(Error);
    expect(refusedStream).toBeInstanceOf(Error);
    expect(refusedStream).not.toBeInstanceOf(EvaluationError); // a misuse, not bad input
    expectSame(ev.evaluate('1+1'), 2, 'after');
  });
});

describe('argument types', () => {
  const notStrings = [
    ['undefined', undefined], ['null', null], ['0', 0], ['42', 42], ['1.5', 1.5], ['NaN', NaN], ['1n', 1n],
    ['true', true], ['{}', {}], ['[]', []], ["['1']", ['1']], ["Symbol('1')", Symbol('1')],
    ["new String('1')", new String('1')], ["new String('1+1')", new String('1+1')], ['a function', () => '1'],
    ['a Uint8Array', new Uint8Array([49])], ['Object.create(null)', Object.create(null)],
    ['an object with toString', { toString: () => '1' }],
  ];

  // Every method still works, and the memory has not grown.
  async function expectStillWorking() {
    expectSame(ev.evaluate('1+1'), 2, 'evaluate');
    expectSame(ev.tryEvaluate('1+1').value, 2, 'tryEvaluate');
    expectSame(ev.evaluateWithStats('1+1').value, 2, 'evaluateWithStats');
    const { values, errors } = ev.evaluateMany(['1+1']);
    expect([values[0], errors[0]]).toEqual([2, null]);
    expectSame(await ev.evaluateStream(['4', utf8('2')]), 42, 'evaluateStream');
    expect(ev.evaluateWithStats('0').stats.linearMemoryBytes).toBe(ev.memory.linearMemoryBytes);
  }

  test.each(notStrings)('%s: a TypeError from every method', async (_, value) => {
    for (const method of ['evaluate', 'tryEvaluate', 'evaluateWithStats']) {
      expect([method, caught(() => ev[method](value)) instanceof TypeError]).toEqual([method, true]);
    }
    for (const items of [[value], ['1', value, '2'], ['1', '2', value]]) {
      expect(caught(() => ev.evaluateMany(items))).toBeInstanceOf(TypeError);
    }
    // Chunks of a stream must be strings or bytes (a Uint8Array is bytes).
    if (!(value instanceof Uint8Array)) {
      for (const chunks of [[value], ['1', value], ['1+', value]]) {
        await expect(ev.evaluateStream(chunks)).rejects.toThrow(TypeError);
      }
    }
    await expectStillWorking();
  });

  test('evaluateStream: a chunk of another type (an array, a Uint16Array, an ArrayBuffer) is a TypeError', async () => {
    for (const chunk of [[49], new Uint16Array([49]), new ArrayBuffer(1)]) {
      expect(await rejected(ev.evaluateStream(['1', chunk]))).toBeInstanceOf(TypeError);
    }
    await expectStillWorking();
  });

  test('evaluateMany: what is not an array is a TypeError', async () => {
    for (const value of [undefined, null, 0, 42, 1n, true, Symbol('1'), '1+1', {}]) {
      expect(caught(() => ev.evaluateMany(value))).toBeInstanceOf(TypeError);
    }
    // Taken as a list, new String('1') is the expression '1'; a function is an
    // empty list. Each is a TypeError, as a string is.
    for (const value of [new String('1'), new String('12'), () => '1']) {
      const error = caught(() => ev.evaluateMany(value));
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(/evaluateMany expects/);
    }
    await expectStillWorking();
  });

  test('a TypeError names the call and what it was given (null, array, or the typeof)', async () => {
    const message = (fn) => caught(fn).message;
    const got = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
    for (const value of [null, [], ['1'], 42, undefined, {}, 1n]) {
      for (const method of ['evaluate', 'tryEvaluate', 'evaluateWithStats']) {
        expect(message(() => ev[method](value))).toBe(`${method} expects a string, got ${got(value)}`);
      }
      expect(message(() => ev.evaluateMany(['1', value]))).toBe(`evaluateMany expects a string, got ${got(value)}`);
      expect((await rejected(ev.evaluateStream(['1', value]))).message)
        .toBe(`evaluateStream expects chunks of strings or Uint8Arrays, got ${got(value)}`);
    }
    expect(message(() => ev.evaluateMany(null))).toBe('evaluateMany expects an array of strings, got null');
    for (const value of [null, undefined, 42]) {
      expect((await rejected(ev.evaluateStream(value))).message)
        .toBe(`evaluateStream expects an (async) iterable of strings or Uint8Arrays, got ${got(value)}`);
    }
    const options = [
      [null, 'an options object, got null'], [42, 'an options object, got number'],
      [{ stats: 'yes' }, 'options.stats to be a boolean, got string'],
      [{ signal: null }, 'options.signal to be an AbortSignal, got null'],
      [{ signal: { aborted: false } }, 'options.signal to be an AbortSignal, got object'],
      [{ signal: { addEventListener() {} } }, 'options.signal to be an AbortSignal, got object'],
    ];
    for (const [value, what] of options) {
      expect((await rejected(ev.evaluateStream(['1'], value))).message).toBe(`evaluateStream expects ${what}`);
    }
    expect((await rejected(createEvaluator(null))).message).toBe('createEvaluator expects an options object');
    expect(message(() => createEvaluatorSync(null))).toBe('createEvaluatorSync expects an options object');
    await expectStillWorking();
  });

  test('while a stream is read, every other call throws that the evaluator is busy', async () => {
    const busy = 'mexe-wasm: this evaluator is reading a stream; await it or use another evaluator';
    const refused = [];
    async function* source() {
      yield '2';
      for (const call of [() => ev.evaluate('1'), () => ev.tryEvaluate('1'), () => ev.evaluateWithStats('1'),
        () => ev.evaluateMany(['1'])]) refused.push(caught(call));
      refused.push(await rejected(ev.evaluateStream(['1'])));
      yield '1';
    }
    expect(await ev.evaluateStream(source())).toBe(21);
    expect(refused.map((e) => [e.constructor.name, e.message])).toEqual(Array(5).fill(['Error', busy]));
    await expectStillWorking();
  });

  test('errors handed back as values have no stack trace; Error.stackTraceLimit is left as it was', () => {
    const frames = (error) => error.stack.split('\n').filter((line) => /^\s+at /.test(line)).length;
    const limit = Error.stackTraceLimit;
    try {
      Error.stackTraceLimit = 7;
      expect(frames(caught(() => ev.evaluate('1 +')))).toBeGreaterThan(0); // thrown: with its stack
      const quiet = [ev.tryEvaluate('1 +').error, ev.evaluateMany(['1', '1 +']).errors[1]];
      expect(quiet.map((e) => [e.code, frames(e), e.stack.split('\n')[0] === `EvaluationError: ${e.message}`]))
        .toEqual(Array(2).fill(['UNEXPECTED_END', 0, true]));
      expect(Error.stackTraceLimit).toBe(7);
      // A limit that is not a number (deleted, or set by hand) is not touched.
      Error.stackTraceLimit = undefined;
      expect(ev.tryEvaluate('1 +').error).toMatchObject({ code: 'UNEXPECTED_END', index: 3 });
      expect(Error.stackTraceLimit).toBeUndefined();
    } finally {
      Error.stackTraceLimit = limit;
    }
  });

  test('evaluateStream: what is not iterable is a TypeError, as a rejection', async () => {
    for (const value of [undefined, null, 0, 42, 1n, true, Symbol('1'), {}, () => '1']) {
      await expect(ev.evaluateStream(value)).rejects.toThrow(TypeError);
    }
    await expectStillWorking();
  });
});
