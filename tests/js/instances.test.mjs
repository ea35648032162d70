// Instances: each evaluator has its own wasm instance and fixed memory, so two
// in one process do not disturb each other, and one works in a worker thread.
import { readFileSync } from 'node:fs';
import { createEvaluator } from '../../dist/node.mjs';
import { outcomeOf, runWorker, workerUrl } from '../support/harness.mjs';
import { createProbedEvaluator } from '../support/memory-probe.mjs';

const inputs = ['1 + 2 * 3', '(0.1 + 0.2) * 10', '0/0', '0 * -1', '1e400', '2 + 😀', '((1)', '', '1e+', '1)'];

// Object.is-exact comparison of outcome lists (toEqual treats -0 and 0 alike).
function expectSameOutcomes(got, want) {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    if ('value' in want[i]) expect([inputs[i], Object.is(g.value, want[i].value)]).toEqual([inputs[i], true]);
    else expect([inputs[i], g.code, g.index]).toEqual([inputs[i], want[i].code, want[i].index]);
  });
}

describe('two evaluators in one process', () => {
  let a;
  let b;

  beforeAll(async () => {
    // One after the other: the probe catches one module at a time.
    a = await createProbedEvaluator(createEvaluator);
    b = await createProbedEvaluator(createEvaluator);
  });

  test('have different memories', () => {
    expect(a.buffer()).not.toBe(b.buffer());
    expect(a.ev.memory).toEqual(b.ev.memory); // same layout, separate instances
    // Each input window keeps what its own evaluator last read.
    const window = (p, length) => new TextDecoder().decode(new Uint8Array(p.buffer(), p.ev.memory.inputWindowOffset, length));
    const forA = '1234567 + 7654321';
    const forB = '9876543 - 3456789';
    a.ev.evaluate(forA);
    b.ev.evaluate(forB);
    expect([window(a, forA.length), window(b, forB.length)]).toEqual([forA, forB]);
  });

  test('a stream on one, interleaved with every kind of call on the other', async () => {
    const W = b.ev.memory.inputWindowBytes;
    const seenOnB = [];
    async function* streamForA() {
      // A literal and an open parenthesis pending in A while B works.
      yield '(12345';
      seenOnB.push(b.ev.evaluate('1 + 1'));
      yield '.678e-2';
      seenOnB.push(b.ev.tryEvaluate('(((9').error?.code);
      yield ' * (3 -';
      seenOnB.push(b.ev.evaluate('7 +'.repeat(W) + '7')); // B streams through its whole window
      seenOnB.push(b.ev.evaluateMany(['2 * 4', 'x', '-'.repeat(W + 1) + '1']).values[0]);
      seenOnB.push(b.ev.evaluateWithStats('((5))').stats.peakDepth);
      seenOnB.push(await b.ev.evaluateStream(['40', '+', '2']));
      yield ' 1)) / 4';
    }
    const value = await a.ev.evaluateStream(streamForA());
    expect(Object.is(value, (Number('12345.678e-2') * (3 - 1)) / 4)).toBe(true);
    expect(seenOnB).toEqual([2, 'UNCLOSED_PAREN', 7 * (W + 1), 8, 2, 42]);
  });

  test('an error in one leaves the other alone', async () => {
    async function* streamForA() {
      yield '1 + (2';
      expect(b.ev.tryEvaluate('1 + ((2').error).toMatchObject({ code: 'UNCLOSED_PAREN', index: 5 });
      expect(b.ev.tryEvaluate('))').error).toMatchObject({ code: 'EXPECTED_OPERAND', index: 0 });
      yield ' * 3)';
    }
    expect(await a.ev.evaluateStream(streamForA())).toBe(1 + 2 * 3);
  });

  test('both give the same results for the same inputs', () => {
    expectSameOutcomes(inputs.map((s) => outcomeOf(a.ev, s)), inputs.map((s) => outcomeOf(b.ev, s)));
  });
});

test('evaluators from a compiled module (wasmModule) and from bytes (wasmBinary)', async () => {
  const bytes = readFileSync(new URL('../../dist/mexe-core.wasm', import.meta.url));
  const wasmModule = await WebAssembly.compile(bytes);
  const fromModule1 = await createEvaluator({ wasmModule });
  const fromModule2 = await createEvaluator({ wasmModule });
  const fromBytes = await createEvaluator({ wasmBinary: bytes });
  const reference = await createEvaluator();
  const want = inputs.map((s) => outcomeOf(reference, s));
  for (const ev of [fromModule1, fromModule2, fromBytes]) expectSameOutcomes(inputs.map((s) => outcomeOf(ev, s)), want);
  // Instances of one compiled module still have their own state.
  async function* pending() {
    yield '(4';
    expect(fromModule2.evaluate('10 / 4')).toBe(2.5);
    yield '2)';
  }
  expect(await fromModule1.evaluateStream(pending())).toBe(42);
});

test('bytes that are not this module: createEvaluator rejects, and later ones still work', async () => {
  const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // a valid, empty module
  await expect(createEvaluator({ wasmBinary: empty })).rejects.toThrow();
  await expect(createEvaluator({ wasmBinary: new Uint8Array([1, 2, 3]) })).rejects.toThrow(WebAssembly.CompileError);
  expect((await createEvaluator()).evaluate('6 * 7')).toBe(42);
});

test('an evaluator inside a worker_threads Worker', async () => {
  const message = await runWorker(workerUrl('evaluator.mjs'), { inputs });
  const reference = await createEvaluator();
  const got = message.results.map((r) => (r.error ? { code: r.error.code, index: r.error.index } : { value: r.value }));
  expectSameOutcomes(got, inputs.map((s) => outcomeOf(reference, s)));
  for (const r of message.results.filter((x) => x.error)) {
    expect(r.error.isEvaluationError).toBe(true);
    expect(r.error.name).toBe('EvaluationError');
    expect(r.error.message).toContain(`at index ${r.error.index}`);
  }
  expect(message.streamed).toBe(42);
  expect(message.stats).toMatchObject({ peakDepth: 2, heapAllocations: 0 });
  expect(message.memory).toEqual({ ...reference.memory });
});
