// The library inside another program's WebAssembly module: the Emscripten
// app of tests/cpp/embind_consumer (built by scripts/build.sh), which calls
// mexe from C++ and exposes it through embind. Its builds (the installed
// package with the host literal reader, the source tree with fast_float) in
// Node, and with -pthread too in Chromium (a cross-origin isolated page
// under the demo's CSP): values bit for bit against JavaScript on a sample
// of the differential corpus, error codes and offsets against the reference
// model, a long input in chunks, no allocation by mexe, and with -pthread
// the one-shot call on four threads at once. embind's own allocations (for
// its string arguments) are counted apart and printed.
//
//   MEXE_SEED=123 npx jest tests/js/embind-app.test.mjs   # replay a run
import { readFile } from 'node:fs/promises';
import { serve } from '../../scripts/serve.mjs';
import { browsersEnabled, openPage } from '../support/browsers.mjs';
import { runWorker, seedFromEnv, workerUrl } from '../support/harness.mjs';

const seed = seedFromEnv();
const root = new URL('../../', import.meta.url);
const BUILDS = ['installed/mexe-app', 'subdir/mexe-app'];
const THREADED = ['installed/mexe-app-pthread', 'subdir/mexe-app-pthread'];
const MIXED = '(5 * 8) + 6 - 3.25 / (1.5 + 2) * 4';

// The checks, run on a loaded app module `m`, in Node or in a page: no
// reference to anything outside (a page gets this function's source). Values
// travel as their bits in hex ('NaN' for any NaN, as Object.is compares).
function runChecks(m, { items, long, chunkSeed, mixed }) {
  const view = new DataView(new ArrayBuffer(8));
  const bits = (x) => {
    if (Number.isNaN(x)) return 'NaN';
    view.setFloat64(0, x);
    return view.getBigUint64(0).toString(16).padStart(16, '0');
  };
  const outcome = (value) => {
    const { code, offset } = m.error();
    return code === 'NONE' ? { bits: bits(value) } : { code, index: offset };
  };
  const same = (got, want) => (want.code !== undefined
    ? got.code === want.code && got.index === want.index
    : got.code === undefined && got.bits === want.bits);
  const mismatches = [];
  const expect = (got, want, text, via) => {
    if (!same(got, want) && mismatches.length < 10) mismatches.push({ via, text: text.slice(0, 200), got, want });
  };

  // The corpus, one-shot (mexe::evaluate), and through the stream in pieces
  // of 1 to 7 bytes on every 20th item.
  let next = chunkSeed >>> 0; // a small LCG: the same pieces for the same seed
  const random = (n) => {
    next = (Math.imul(next, 1664525) + 1013904223) >>> 0;
    return next % n;
  };
  let streamed = 0;
  items.forEach((item, i) => {
    expect(outcome(m.evaluate(item.text)), item, item.text, 'evaluate');
    if (i % 20 !== 0) return;
    m.reset();
    let at = 0;
    while (item.text.length - at > 7) {
      const size = 1 + random(7);
      m.feed(item.text.slice(at, at + size));
      at += size;
    }
    expect(outcome(m.finish(item.text.slice(at))), item, item.text, 'stream');
    streamed++;
  });

  // The long input in chunks of 1 byte to 64 KiB, and whole.
  m.reset();
  let chunks = 0;
  let at = 0;
  while (at < long.text.length) {
    const size = 1 + random(2 ** (1 + random(16)));
    m.feed(long.text.slice(at, at + size));
    at += size;
    chunks++;
  }
  const longStream = outcome(m.finish(''));
  expect(longStream, long, long.text, 'stream of the long input');
  expect(outcome(m.evaluate(long.text)), long, long.text, 'evaluate of the long input');

  // embind's allocations per call, for a short string and a longer one.
  const perCall = (text) => {
    const before = m.allocations();
    for (let i = 0; i < 1000; i++) m.evaluate(text);
    return (m.allocations() - before) / 1000;
  };
  return {
    checked: items.length,
    streamed,
    chunks,
    longBytes: long.text.length,
    mismatches,
    embindPerCall: { '2 + 3': perCall('2 + 3'), [mixed]: perCall(mixed) },
    allocations: m.allocations(),
    mexeAllocations: m.mexeAllocations(),
  };
}

// The sample's expectations as runChecks reads them.
function expectations(items, long) {
  const view = new DataView(new ArrayBuffer(8));
  const bits = (x) => {
    if (Number.isNaN(x)) return 'NaN';
    view.setFloat64(0, x);
    return view.getBigUint64(0).toString(16).padStart(16, '0');
  };
  const want = (x) => (x.code !== undefined ? { text: x.text, code: x.code, index: x.index } : { text: x.text, bits: bits(x.value) });
  return { items: items.map(want), long: want(long), chunkSeed: seed, mixed: MIXED };
}

function expectClean(report, where) {
  if (report.mismatches.length > 0) {
    throw new Error(`${where}, seed ${seed}: ${report.mismatches.length}+ mismatches, first:\n` +
      report.mismatches.slice(0, 3).map((x) => JSON.stringify(x)).join('\n'));
  }
  expect(report.mexeAllocations).toBe(0);
  // The counter works: embind's string arguments were counted.
  expect(report.allocations).toBeGreaterThan(report.checked);
  expect(report.embindPerCall['2 + 3']).toBeGreaterThanOrEqual(1);
  console.log(`embind app, ${where}: ${report.checked} corpus items (${report.streamed} also streamed), ` +
    `${report.longBytes} bytes in ${report.chunks} chunks; mexe's allocations: ${report.mexeAllocations}; ` +
    `embind's per evaluate call: ${Object.entries(report.embindPerCall).map(([t, n]) => `${n} for '${t}'`).join(', ')}; ` +
    `the module's in all: ${report.allocations}`);
}

let data;

beforeAll(async () => {
  const { items, long } = await runWorker(workerUrl('outcomes.mjs'), { seed, valid: 5000, mutants: 5000, longBytes: 1 << 20 });
  data = expectations(items, long);
}, 60000);

describe.each(BUILDS)('%s in Node', (build) => {
  test('values, errors, a long input in chunks, and no allocation by mexe', async () => {
    const { default: createMexeApp } = await import(new URL(`build/embind-consumer/${build}.mjs`, root));
    // Node: the bytes are passed (the glue would fetch a file path).
    const m = await createMexeApp({ wasmBinary: await readFile(new URL(`build/embind-consumer/${build}.wasm`, root)) });
    expectClean(runChecks(m, data), `${build} in Node`);
  });
});

const inBrowser = browsersEnabled ? describe : describe.skip;

inBrowser('in Chromium', () => {
  let server;
  let page;

  beforeAll(async () => {
    // Threads need SharedArrayBuffer, which needs a cross-origin isolated page.
    server = await serve({
      port: 0,
      directories: ['tests/cpp/embind_consumer', 'build/embind-consumer'],
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    });
    page = await openPage('chromium');
  });

  afterAll(async () => {
    await page?.close();
    await server?.close();
  });

  test.each([...BUILDS, ...THREADED])('%s loads under the CSP and gives the same answers', async (build) => {
    await page.goto(`${server.url}tests/cpp/embind_consumer/index.html?build=${build}`);
    await page.waitForSelector('html[data-state="ready"]');
    const sample = { ...data, items: data.items.filter((_, i) => i % 4 === 0) };
    const report = await page.evaluate(`(${runChecks})(window.mexeApp, ${JSON.stringify(sample)})`);
    expectClean(report, `${build} in Chromium`);
    if (THREADED.includes(build)) {
      // The longest valid items, one thread each, at once.
      const texts = data.items.filter((x) => x.bits !== undefined).map((x) => x.text)
        .sort((a, b) => b.length - a.length).slice(0, 4);
      const differences = await page.evaluate(`window.mexeApp.differencesOnThreads(${JSON.stringify(texts.join('|'))}, 50)`);
      expect(differences).toBe(0);
    }
    expect(await page.readErrors()).toEqual([]);
  });
});
