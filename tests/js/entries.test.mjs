// The package's entries: the Node and browser builds of the main entry, the
// inline entry, synchronous creation, and what a user sees when the module
// cannot be loaded. (Bundlers and browsers: tests/consumers.)
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
    // Minified, the class keeps its name: err.constructor.name as well as err.name.
    expect(caught(() => ev.evaluate('1)')).constructor.name).toBe('EvaluationError');
    expect(ev.tryEvaluate('1)').error.constructor.name).toBe('EvaluationError');
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

test('the node entry embeds the module: it works with no file beside it, and createEvaluatorSync still needs one', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mexe-node-entry-'));
  try {
    copyFileSync(new URL('../../dist/node.mjs', import.meta.url), path.join(dir, 'node.mjs'));
    const alone = await import(pathToFileURL(path.join(dir, 'node.mjs')).href);
    expectWorks(await alone.createEvaluator());
    expect(caught(() => alone.createEvaluatorSync())).toBeInstanceOf(TypeError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CommonJS build for neither Node nor bundlers has no URL to fetch the module from, and says so', async () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../../dist/index.cjs');
  const error = await rejected(cjs.createEvaluator());
  expect(error.message).toMatch(/no URL to fetch mexe-core\.wasm from \(import\.meta\.url is undefined here\)/);
  expect(error.message).toContain('wasmModule');
  expect(error.message).toContain('mexe-wasm/inline');
  expectWorks(cjs.createEvaluatorSync({ wasmModule }));
});

describe('where compiling WebAssembly from bytes is refused ("disallowed by embedder", as in Workers)', () => {
  const { compile, Module } = WebAssembly;
  const refusal = () => new WebAssembly.CompileError('WebAssembly.Module(): Wasm code generation disallowed by embedder');
  beforeEach(() => {
    WebAssembly.compile = async () => { throw refusal(); };
    WebAssembly.Module = function Refused() { throw refusal(); };
  });
  afterEach(() => {
    Object.assign(WebAssembly, { compile, Module });
  });

  const expectExplained = (error) => {
    expect(error.message).toContain('compiling WebAssembly from bytes is refused here (WebAssembly.Module(): Wasm code generation disallowed by embedder)');
    expect(error.message).toContain("on Workers and edge runtimes, import 'mexe-wasm' through their bundler");
  };

  test.each([['node', nodeEntry], ['inline', inlineEntry]])('the %s entry says what happened and what works', async (_, entry) => {
    expectExplained(caught(() => entry.createEvaluatorSync({ wasmBinary })));
    expectExplained(await rejected(entry.createEvaluator({ wasmBinary })));
  });

  test("the inline entry's own module too", async () => {
    const url = new URL('../../dist/inline.mjs', import.meta.url);
    url.search = `fresh=${Math.random()}`; // a copy that has not compiled its module yet
    const fresh = await import(url.href);
    expectExplained(caught(() => fresh.createEvaluatorSync()));
    expectExplained(await rejected(fresh.createEvaluator()));
  });

  test('any other compile error is left as it is', async () => {
    WebAssembly.compile = compile;
    const error = await rejected(nodeEntry.createEvaluator({ wasmBinary: new Uint8Array([1, 2, 3, 4]) }));
    expect(error).toBeInstanceOf(WebAssembly.CompileError);
  });
});

test("the module's only import is env.mexe_number, and it exports what the wrapper uses and malloc, nothing else", () => {
  expect(WebAssembly.Module.imports(wasmModule)).toEqual([{ module: 'env', name: 'mexe_number', kind: 'function' }]);
  const exported = WebAssembly.Module.exports(wasmModule).map((e) => e.name).sort();
  // malloc: only for the allocation counter's test; no glue's stack functions.
  expect(exported).toEqual(['_initialize', 'malloc', 'memory', 'mexe_allocations', 'mexe_describe', 'mexe_evaluate_batch', 'mexe_stream']);
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
    expect(error.message).toContain('"<!doctype ht'); // its first characters
    expect(error.message).toContain('optimizeDeps');
    expect(error.message).toContain('mexe-wasm/inline');
  });

  test('a rejected request (no server, a file: URL): the URL, what failed, and the fixes', async () => {
    globalThis.fetch = async () => { throw new TypeError('fetch failed'); };
    const entry = await freshBrowserEntry();
    const error = await rejected(entry.createEvaluator());
    expect(error.message).toMatch(/mexe-wasm: \S+\/dist\/mexe-core\.wasm is not the WebAssembly module \(the request failed: fetch failed\)/);
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

// The edge build (Workers, edge runtimes) imports the module through the
// platform's bundler; here that import is given the module Node compiled,
// and the rest of the file is the build as shipped.
test('the edge entry evaluates with the module its bundler imports, with no options, sync and async', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mexe-edge-'));
  try {
    const shipped = readFileSync(new URL('../../dist/edge.mjs', import.meta.url), 'utf8');
    const banner = "import __mexe_module from './mexe-core.wasm?module';";
    expect(shipped.startsWith(banner)).toBe(true);
    globalThis.__mexeEdgeModule = wasmModule;
    const file = path.join(dir, 'edge.mjs');
    writeFileSync(file, shipped.replace(banner, 'const __mexe_module = globalThis.__mexeEdgeModule;'));
    const edge = await import(pathToFileURL(file).href);
    expectWorks(edge.createEvaluatorSync());
    expectWorks(await edge.createEvaluator());
    expect(caught(() => edge.createEvaluatorSync({ wasmBinary: 1 }))).toBeInstanceOf(TypeError);
  } finally {
    delete globalThis.__mexeEdgeModule;
    rmSync(dir, { recursive: true, force: true });
  }
});
