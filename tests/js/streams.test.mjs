// evaluateStream's options: { stats: true } (the figures of the whole stream)
// and { signal } (cancellation with an AbortSignal), as docs/SPEC.md's
// "Streams" describes them. Expected figures come from the module's layout (the window
// size) and the input, or from evaluateWithStats on the same text.
import { getEventListeners } from 'node:events';
import { createEvaluator, EvaluationError } from '../../dist/node.mjs';
import { caught, chunked, rejected } from '../support/harness.mjs';

let ev;
let W; // the input window's size, read from the module

beforeAll(async () => {
  ev = await createEvaluator();
  W = ev.memory.inputWindowBytes;
});

const utf8 = (text) => new TextEncoder().encode(text);
const listeners = (signal) => getEventListeners(signal, 'abort').length;

// What a stream fills the window with: every non-empty chunk is copied in, a
// window at a time, so a chunk of n bytes is ceil(n / W) fills.
const expectedFills = (chunks) => chunks.reduce((sum, c) => sum + Math.ceil(c.length / W), 0);

async function* slowly(chunks) {
  for (const chunk of chunks) {
    await null;
    yield chunk;
  }
}

// A promise and the functions that settle it.
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// A hand-written async iterator: yields `chunks`, then leaves its next()
// pending forever. Records the calls to next() and return().
function stalling(chunks) {
  const calls = { next: 0, return: 0, pending: deferred() };
  const iterator = {
    next() {
      calls.next++;
      if (calls.next <= chunks.length) return Promise.resolve({ value: chunks[calls.next - 1], done: false });
      calls.pending.resolve(); // the stream now waits for a chunk that never comes
      return new Promise(() => {});
    },
    return() {
      calls.return++;
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return { iterator, calls };
}

function expectAbortError(error) {
  // The default reason: a DOMException named AbortError (made by Node itself,
  // outside Jest's realm: instanceof would compare other classes).
  expect(error?.constructor?.name).toBe('DOMException');
  expect(error.name).toBe('AbortError');
  expect(error).not.toBeInstanceOf(EvaluationError);
}

describe('evaluateStream with { stats: true }', () => {
  test('resolves { value, stats }; without options, or with stats: false, a number', async () => {
    const { value, stats } = await ev.evaluateStream(['(1 + 2', ') * 4'], { stats: true });
    expect(value).toBe(12);
    expect(stats).toEqual({
      inputBytes: 11,
      chunks: 2,
      peakDepth: 1,
      peakStackBytes: ev.evaluateWithStats('(1)').stats.peakStackBytes,
      heapAllocations: 0,
      linearMemoryBytes: ev.memory.linearMemoryBytes,
      scratchBytes: ev.memory.scratchBytes,
    });
    expect(stats.peakStackBytes).toBeGreaterThan(0);
    expect(await ev.evaluateStream(['(1 + 2', ') * 4'])).toBe(12);
    expect(await ev.evaluateStream(['(1 + 2', ') * 4'], {})).toBe(12);
    expect(await ev.evaluateStream(['(1 + 2', ') * 4'], { stats: false })).toBe(12);
    expect(await ev.evaluateStream(['(1 + 2', ') * 4'], { signal: new AbortController().signal })).toBe(12);
  });

  test('window fills: ceil(length / inputWindowBytes) for one chunk, as strings and as bytes', async () => {
    for (const length of [1, W - 1, W, W + 1, 2 * W, Math.floor(2.5 * W), 5 * W + 3]) {
      // '1+1+...+1' of exactly `length` characters (odd), or '11+...' when even.
      const text = (length % 2 === 0 ? '1' : '') + '1+'.repeat((length - 1) >> 1) + '1';
      expect(text.length).toBe(length);
      const expected = Number(text.length % 2 === 0 ? 11 + (length - 2) / 2 : (length + 1) / 2);
      for (const source of [[text], [utf8(text)], slowly([utf8(text)])]) {
        const { value, stats } = await ev.evaluateStream(source, { stats: true });
        expect({ length, value, inputBytes: stats.inputBytes, chunks: stats.chunks })
          .toEqual({ length, value: expected, inputBytes: length, chunks: Math.ceil(length / W) });
        expect(stats.heapAllocations).toBe(0);
      }
    }
  });

  test('window fills: one per chunk piece of up to a window, empty chunks not counted', async () => {
    const text = '1+'.repeat(2 * W) + '1';
    // Pieces of assorted sizes, some larger than the window, some empty.
    const sizes = [1, 0, 7, W, W + 5, 0, 3 * W - 1, 100, 2];
    const pieces = [];
    let at = 0;
    for (const size of sizes) {
      pieces.push(text.slice(at, at + size));
      at += size;
    }
    pieces.push(text.slice(at));
    for (const source of [pieces, pieces.map(utf8)]) {
      const { value, stats } = await ev.evaluateStream(slowly(source), { stats: true });
      expect(value).toBe(2 * W + 1);
      expect(stats.inputBytes).toBe(text.length);
      expect(stats.chunks).toBe(expectedFills(pieces));
    }
    // One character per chunk: one fill each.
    const { stats } = await ev.evaluateStream('12 + (3)', { stats: true });
    expect(stats).toMatchObject({ inputBytes: 8, chunks: 8, peakDepth: 1 });
  });

  test('the figures of one chunk match evaluateWithStats on the same text', async () => {
    const texts = [
      '42',
      '((((1))))',
      '(1+'.repeat(300) + '1' + ')'.repeat(300),
      '1+'.repeat(W) + '(2)',
      '(' + '1+'.repeat(W) + '(((3)))' + ')',
    ];
    for (const text of texts) {
      const expected = ev.evaluateWithStats(text);
      expect(await ev.evaluateStream([text], { stats: true })).toEqual(expected);
      expect(await ev.evaluateStream([utf8(text)], { stats: true })).toEqual(expected);
    }
  });

  test('peak depth and stack over a stream much larger than the window', async () => {
    const depth = 1000;
    const body = '1+'.repeat(3 * W);
    const pieces = [...chunked('('.repeat(depth), 97), ...chunked(body, 4096), '1', ')'.repeat(depth)];
    const { value, stats } = await ev.evaluateStream(slowly(pieces), { stats: true });
    expect(value).toBe(3 * W + 1);
    expect(stats.peakDepth).toBe(depth);
    expect(stats.peakStackBytes).toBe(ev.evaluateWithStats('('.repeat(depth) + '1' + ')'.repeat(depth)).stats.peakStackBytes);
    expect(stats.inputBytes).toBe(2 * depth + body.length + 1);
    expect(stats.chunks).toBe(expectedFills(pieces));
    expect(stats.heapAllocations).toBe(0);
    expect(stats.linearMemoryBytes).toBe(ev.memory.linearMemoryBytes);
  });

  test('an EvaluationError from such a stream carries the stats up to the error', async () => {
    const first = '(1 + (2';
    let error = await rejected(ev.evaluateStream(slowly([first, ' * 3) x', ' + 4)']), { stats: true }));
    expect(error).toBeInstanceOf(EvaluationError);
    expect(error).toMatchObject({ code: 'UNEXPECTED_CHARACTER', index: (first + ' * 3) ').length });
    expect(error.stats).toEqual({
      inputBytes: error.index + 1, // up to and including the offending byte
      chunks: 2, // the third chunk is never read
      peakDepth: 2,
      peakStackBytes: ev.evaluateWithStats('((1))').stats.peakStackBytes,
      heapAllocations: 0,
      linearMemoryBytes: ev.memory.linearMemoryBytes,
      scratchBytes: ev.memory.scratchBytes,
    });
    // The end of input settles the error.
    error = await rejected(ev.evaluateStream(['((1) + ', utf8('2')], { stats: true }));
    expect(error).toMatchObject({ code: 'UNCLOSED_PAREN', index: 0 });
    expect(error.stats).toMatchObject({ inputBytes: 8, chunks: 2, peakDepth: 2, heapAllocations: 0 });
    error = await rejected(ev.evaluateStream([], { stats: true }));
    expect(error).toMatchObject({ code: 'EMPTY_INPUT', index: 0 });
    expect(error.stats).toMatchObject({ inputBytes: 0, chunks: 0, peakDepth: 0 });
    // Without stats: true, no stats.
    error = await rejected(ev.evaluateStream([first, ' * 3) x']));
    expect(error).toBeInstanceOf(EvaluationError);
    expect(error.stats).toBeUndefined();
  });

  test('an endless source with an error: reading stops there, and the stats say so', async () => {
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        yield '(1 + 2) * ';
        yield '3 $';
        for (;;) {
          pulled++;
          yield '+1';
        }
      } finally {
        closed = true;
      }
    }
    const error = await rejected(ev.evaluateStream(endless(), { stats: true }));
    expect(error).toMatchObject({ code: 'UNEXPECTED_CHARACTER', index: 12 });
    expect(error.stats).toMatchObject({ inputBytes: 13, chunks: 2, peakDepth: 1 });
    expect(closed).toBe(true);
    expect(pulled).toBe(0);
  });

  test('a source error is passed on as is, with no stats, and the evaluator goes on', async () => {
    const failure = new RangeError('disk gone');
    async function* failing() {
      yield '1 +';
      throw failure;
    }
    expect(await rejected(ev.evaluateStream(failing(), { stats: true }))).toBe(failure);
    expect(failure.stats).toBeUndefined();
    expect(await ev.evaluateStream(['2', '1'], { stats: true })).toMatchObject({ value: 21, stats: { chunks: 2 } });
  });
});

describe('evaluateStream with { signal }', () => {
  test('aborting mid-stream rejects with an AbortError, closes the source, and frees the evaluator', async () => {
    const controller = new AbortController();
    let closed = false;
    let usableRightAfterAbort;
    async function* source() {
      try {
        yield '12';
        yield '34 + (5';
        controller.abort(); // while the stream is being read
        usableRightAfterAbort = ev.evaluate('6 * 7');
        yield ')';
        yield ' + 1';
      } finally {
        closed = true;
      }
    }
    const error = await rejected(ev.evaluateStream(source(), { signal: controller.signal, stats: true }));
    expectAbortError(error);
    expect(error).toBe(controller.signal.reason);
    expect(error.stats).toBeUndefined();
    expect(usableRightAfterAbort).toBe(42);
    expect(closed).toBe(true);
    expect(listeners(controller.signal)).toBe(0);
    // The next stream starts afresh (nothing left of the aborted one).
    expect(await ev.evaluateStream(['7', '8'], { stats: true })).toMatchObject({ value: 78, stats: { inputBytes: 2, peakDepth: 0 } });
  });

  test('the signal\'s own reason is what the promise rejects with', async () => {
    const controller = new AbortController();
    const reason = new RangeError('enough');
    const { iterator, calls } = stalling(['1 +']);
    const promise = ev.evaluateStream(iterator, { signal: controller.signal });
    await calls.pending.promise;
    controller.abort(reason);
    expect(await rejected(promise)).toBe(reason);
    expect(calls.return).toBe(1);
  });

  test('an already-aborted signal rejects before any chunk is read', async () => {
    for (const signal of [AbortSignal.abort(), AbortSignal.abort('stop')]) {
      let iteratorsMade = 0;
      const source = {
        [Symbol.asyncIterator]() {
          iteratorsMade++;
          return slowly(['1'])[Symbol.asyncIterator]();
        },
      };
      const error = await rejected(ev.evaluateStream(source, { signal, stats: true }));
      expect(error).toBe(signal.reason);
      expect(iteratorsMade).toBe(0);
      expect(listeners(signal)).toBe(0);
    }
    expectAbortError(await rejected(ev.evaluateStream(['1'], { signal: AbortSignal.abort() })));
    expect(ev.evaluate('1 + 1')).toBe(2);
  });

  test('aborting while the source has not answered next(): rejects at once, calls return(), idle at once', async () => {
    const controller = new AbortController();
    const { iterator, calls } = stalling(['(1 + ', '2']);
    const promise = ev.evaluateStream(iterator, { signal: controller.signal });
    await calls.pending.promise; // the stream waits for its third chunk, forever
    expect(listeners(controller.signal)).toBe(1);
    // Busy while it waits ...
    expect(caught(() => ev.evaluate('1'))).not.toBeInstanceOf(EvaluationError);
    controller.abort();
    // ... and free the moment the signal is aborted, before the promise settles.
    expect(ev.evaluate('6 * 7')).toBe(42);
    expectAbortError(await rejected(promise));
    expect(calls.return).toBe(1);
    expect(listeners(controller.signal)).toBe(0);
    expect(await ev.evaluateStream(['3'])).toBe(3);
  });

  test('an async generator stuck in an await: the abort still settles the call', async () => {
    const controller = new AbortController();
    const gate = deferred();
    const waiting = deferred();
    let finished = false;
    async function* stuck() {
      try {
        yield '1 +';
        waiting.resolve();
        await gate.promise; // the generator cannot take return() until this settles
        yield ' 2';
      } finally {
        finished = true;
      }
    }
    const promise = ev.evaluateStream(stuck(), { signal: controller.signal });
    await waiting.promise;
    controller.abort();
    expectAbortError(await rejected(promise));
    expect(ev.evaluate('2 + 2')).toBe(4);
    // The queued return() closes the generator once it can move again.
    gate.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(finished).toBe(true);
  });

  test('a synchronous iterable is closed too', async () => {
    const controller = new AbortController();
    let closed = false;
    function* source() {
      try {
        yield '1';
        controller.abort();
        yield '2';
      } finally {
        closed = true;
      }
    }
    expectAbortError(await rejected(ev.evaluateStream(source(), { signal: controller.signal })));
    expect(closed).toBe(true);
  });

  test('aborting after the stream settled changes nothing', async () => {
    const controller = new AbortController();
    const result = await ev.evaluateStream(slowly(['4', '2']), { signal: controller.signal, stats: true });
    expect(listeners(controller.signal)).toBe(0);
    controller.abort();
    expect(result.value).toBe(42);
    expect(ev.evaluate('1+2')).toBe(3);
  });

  test('many streams on one long-lived signal leave no listener behind', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    let added = 0;
    let removed = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args) => {
      added++;
      return add(...args);
    };
    signal.removeEventListener = (...args) => {
      removed++;
      return remove(...args);
    };
    const outcomes = { ok: 0, evaluationError: 0, sourceError: 0, typeError: 0 };
    for (let i = 0; i < 300; i++) {
      let source;
      switch (i % 4) {
        case 0: source = slowly([`${i}`, ' + 1']); break;
        case 1: source = slowly([`${i} +`, ' +']); break; // UNEXPECTED_END
        case 2: source = (async function* failing() { yield '1'; throw new Error('source'); })(); break;
        default: source = slowly(['1', 7]); break; // a chunk of the wrong type
      }
      try {
        const value = await ev.evaluateStream(source, { signal, stats: i % 8 < 4 });
        expect(typeof value === 'number' ? value : value.value).toBe(i + 1);
        outcomes.ok++;
      } catch (error) {
        if (error instanceof EvaluationError) outcomes.evaluationError++;
        else if (error instanceof TypeError) outcomes.typeError++;
        else outcomes.sourceError++;
      }
      expect(listeners(signal)).toBe(0);
    }
    expect(outcomes).toEqual({ ok: 75, evaluationError: 75, sourceError: 75, typeError: 75 });
    expect([added, removed]).toEqual([300, 300]);
    // The signal still works for a stream after all that.
    const { iterator, calls } = stalling(['1']);
    const promise = ev.evaluateStream(iterator, { signal });
    await calls.pending.promise;
    expect(listeners(signal)).toBe(1);
    controller.abort();
    expectAbortError(await rejected(promise));
    expect(listeners(signal)).toBe(0);
  });

  test('one stream at a time still holds with a signal; the refused call does not touch the running one', async () => {
    const controller = new AbortController();
    const { iterator, calls } = stalling(['12']);
    const running = ev.evaluateStream(iterator, { signal: controller.signal });
    await calls.pending.promise;
    const refused = await rejected(ev.evaluateStream(['1'], { signal: controller.signal }));
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(EvaluationError);
    expect(refused.name).not.toBe('AbortError');
    expect(listeners(controller.signal)).toBe(1); // only the running stream's
    controller.abort();
    expectAbortError(await rejected(running));
  });
});

describe('evaluateStream options: types', () => {
  test('bad options are a TypeError, and the evaluator stays idle', async () => {
    const bad = [
      42, 'stats', true, null, () => ({}),
      { stats: 'yes' }, { stats: 1 }, { stats: null },
      { signal: {} }, { signal: 'abort' }, { signal: null }, { signal: 42 }, { signal: new EventTarget() },
      { signal: { aborted: 'no', addEventListener() {}, removeEventListener() {} } },
    ];
    for (const options of bad) {
      const error = await rejected(Promise.resolve().then(() => ev.evaluateStream(['1'], options)));
      expect([options, error]).toEqual([options, expect.any(TypeError)]);
    }
    expect(ev.evaluate('1 + 1')).toBe(2);
    expect(await ev.evaluateStream(['4', '2'], { stats: undefined, signal: undefined })).toBe(42);
  });
});

describe('evaluateStream reads its source as for await does', () => {
  // An async source whose steps are given by `steps` (an array of step
  // objects, or of functions that return what next() returns); counts return().
  function source(steps) {
    const calls = { next: 0, return: 0 };
    const iterator = {
      next() {
        const step = steps[calls.next++];
        return typeof step === 'function' ? step() : Promise.resolve(step ?? { done: true, value: undefined });
      },
      return() {
        calls.return++;
        return Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return { iterator, calls };
  }
  const chunk = (value) => ({ done: false, value });

  test('a source that ends is not closed; one stopped by an error is closed once', async () => {
    const ended = source([chunk('4'), chunk('2')]);
    expect(await ev.evaluateStream(ended.iterator)).toBe(42);
    expect(ended.calls.return).toBe(0);
    const stopped = source([chunk('1 +'), chunk(')'), chunk('2')]);
    expect(await rejected(ev.evaluateStream(stopped.iterator))).toBeInstanceOf(EvaluationError);
    expect(stopped.calls).toEqual({ next: 2, return: 1 });
  });

  test('a chunk of the wrong type: a TypeError, and the source is closed once', async () => {
    const bad = source([chunk('1'), chunk(42), chunk('2')]);
    expect(await rejected(ev.evaluateStream(bad.iterator))).toBeInstanceOf(TypeError);
    expect(bad.calls).toEqual({ next: 2, return: 1 });
    expect(ev.evaluate('1 + 1')).toBe(2);
  });

  test('next() answering with what is not an object is a TypeError', async () => {
    for (const step of [42, undefined, 'x']) {
      const error = await rejected(ev.evaluateStream(source([chunk('1'), () => Promise.resolve(step)]).iterator));
      expect([step, error.constructor.name, error.message])
        .toEqual([step, 'TypeError', 'evaluateStream: the iterator returned a non-object']);
    }
    expect(ev.evaluate('2')).toBe(2);
  });

  test('an async source\'s values are not awaited: a promise is a chunk of the wrong type', async () => {
    const error = await rejected(ev.evaluateStream(source([chunk(Promise.resolve('1'))]).iterator));
    expect(error.message).toBe('evaluateStream expects chunks of strings or Uint8Arrays, got object');
  });

  test('a sync source\'s values are awaited, its step objects are not', async () => {
    // A step with then(): for await takes its value, never calls then.
    let thenCalls = 0;
    const steps = ['1', '2'].map((value) => ({ done: false, value: Promise.resolve(value),
      then(resolve) { thenCalls++; resolve({ done: false, value: '9' }); } }));
    const iterable = { [Symbol.iterator]: () => ({ next: () => steps.shift() ?? { done: true } }) };
    expect(await ev.evaluateStream(iterable)).toBe(12);
    expect(thenCalls).toBe(0);
  });

  test('after an abort, a chunk the source still answers with is not read: another stream goes on untouched', async () => {
    const controller = new AbortController();
    const late = deferred();
    const first = source([chunk('1 +'), () => late.promise]);
    const aborted = ev.evaluateStream(first.iterator, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 0)); // it waits for its second chunk
    controller.abort();
    expectAbortError(await rejected(aborted));
    expect(first.calls.return).toBe(1);
    // The evaluator is free: a second stream takes it, and the first source answers meanwhile.
    const gate = deferred();
    const second = ev.evaluateStream(slowly(['4', gate.promise.then(() => '2')]));
    late.resolve(chunk(' 1000'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    gate.resolve();
    expect(await second).toBe(42);
    expect(first.calls).toEqual({ next: 2, return: 1 });
  });

  test('a signal-shaped object with no reason: the rejection is an AbortError DOMException', async () => {
    const fake = (aborted) => ({ aborted, reason: undefined, addEventListener() {}, removeEventListener() {} });
    const error = await rejected(ev.evaluateStream(['1'], { signal: fake(true) }));
    expectAbortError(error);
    expect(error.message).toBe('This operation was aborted');
    expect(await ev.evaluateStream(['1'], { signal: fake(false) })).toBe(1);
  });
});
