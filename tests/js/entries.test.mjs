// The package's entries: the Node and browser builds of the main entry, the
// inline entry, synchronous creation, and what a user sees when the module
// cannot be loaded. (Bundlers and browsers: tests/consumers.)
import { readFileSync } from 'node:fs';
import * as nodeEntry from '../../dist/node.mjs';
import * as browserEntry from '../../dist/index.mjs';
import * as inlineEntry from '../../dist/inline.mjs';
import { caught, rejected } from '../support/harness.mjs';

const wasmBinary = readFileSync(new URL('../../dist/mexe-core.wasm', import.meta.url));
const wasmModule = new WebAssembly.Module(wasmBinary);

// Three evaluations with results JavaScript computes itself.
function expectWorks(ev) {
  expect(ev.evaluate('0.1 + 0.2')).toBe(0.1 + 0.2);
  expect(Object.is(ev.evaluate('0 * -1'), -0)).toBe(true);
  expect(ev.evaluate('3.141592653589793 * 1e-300')).toBe(3.141592653589793 * 1e-300);
  const bad = ev.tryEvaluate('2 + * 3');
  expect([bad.ok, bad.error.code, bad.error.index]).toEqual([false, 'EXPECTED_OPERAND', 4]);
}

describe.each([
  ['node', nodeEntry],
  ['browser', browserEntry],
  ['inline', inlineEntry],
])('the %s entry', (name, entry) => {
  test('createEvaluatorSync with a compiled module', () => {
    expectWorks(entry.createEvaluatorSync({ wasmModule }));
  });

  test('createEvaluatorSync with the bytes', () => {
    expectWorks(entry.createEvaluatorSync({ wasmBinary }));
  });

  test('createEvaluator with the bytes', async () => {
    expectWorks(await entry.createEvaluator({ wasmBinary }));
  });

  test('its EvaluationError is the one it throws', () => {
    const ev = entry.createEvaluatorSync({ wasmModule });
    expect(caught(() => ev.evaluate('1)'))).toBeInstanceOf(entry.EvaluationError);
  });

  test('options that are not an object are a TypeError', async () => {
    expect(caught(() => entry.createEvaluatorSync(null))).toBeInstanceOf(TypeError);
    expect(await rejected(entry.createEvaluator(42))).toBeInstanceOf(TypeError);
  });

  test('bytes of another WebAssembly module are refused with a clear error', async () => {
    // The smallest valid module: magic and version, no sections.
    const empty = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const error = caught(() => entry.createEvaluatorSync({ wasmBinary: empty }));
    expect(error.message).toMatch(/not mexe-core\.wasm/);
  });
});

test('the main entry needs a module for createEvaluatorSync: TypeError naming the fixes', () => {
  for (const entry of [nodeEntry, browserEntry]) {
    const error = caught(() => entry.createEvaluatorSync());
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/wasmModule/);
    expect(error.message).toMatch(/mexe-wasm\/inline/);
  }
});

test('the inline entry needs no options, sync or async, and evaluators stay independent', async () => {
  const a = inlineEntry.createEvaluatorSync();
  const b = await inlineEntry.createEvaluator();
  expectWorks(a);
  expectWorks(b);
  expect(a.evaluate('1 + 1')).toBe(2);
  expect(b.evaluate('2 * 21')).toBe(42);
  expect(a.memory).toEqual(b.memory);
});

test('the node entry reads the module next to it by default', async () => {
  expectWorks(await nodeEntry.createEvaluator());
});

test("the module's only import is env.number, and it exports no heap functions beyond malloc", () => {
  expect(WebAssembly.Module.imports(wasmModule)).toEqual([{ module: 'env', name: 'number', kind: 'function' }]);
  const exported = WebAssembly.Module.exports(wasmModule).map((e) => e.name);
  expect(exported).toEqual(expect.arrayContaining(['memory', 'mexe_describe', 'mexe_stream', 'mexe_evaluate_batch']));
  expect(exported).not.toContain('free');
});

describe('the browser entry, when the server does not give the module', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  // A fresh copy of the entry each time: it keeps its loaded module.
  async function freshBrowserEntry() {
    const url = new URL('../../dist/index.mjs', import.meta.url);
    url.search = `fresh=${Math.random()}`;
    return import(url.href);
  }

  test('an HTML page in its place (an old Vite dev server): the URL, status, type, first bytes and the fixes', async () => {
    const asked = [];
    globalThis.fetch = async (url) => {
      asked.push(String(url));
      return new Response('<!doctype html><html></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    };
    const entry = await freshBrowserEntry();
    const error = await rejected(entry.createEvaluator());
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/\/dist\/mexe-core\.wasm$/);
    expect(error.message).toContain(asked[0]);
    expect(error.message).toContain('HTTP 200');
    expect(error.message).toContain('text/html');
    expect(error.message).toContain('3c 21 64 6f'); // "<!do"
    expect(error.message).toContain('optimizeDeps');
    expect(error.message).toContain('mexe-wasm/inline');
  });

  test('a 404 (a bundler that did not copy the file) names the status; a later call retries', async () => {
    globalThis.fetch = async () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    const entry = await freshBrowserEntry();
    const error = await rejected(entry.createEvaluator());
    expect(error.message).toContain('HTTP 404');
    globalThis.fetch = async () => new Response(wasmBinary, { status: 200, headers: { 'content-type': 'application/wasm' } });
    expectWorks(await entry.createEvaluator());
  });
});
