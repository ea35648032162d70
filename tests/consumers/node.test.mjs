// Node apps against the packed package, each run by a plain `node` in the
// workspace as a user would: require() and import of the main entry (the
// module read from disk, no options), mexe-wasm/inline started synchronously
// in ESM and in CommonJS, and both entries in a worker_threads worker.
import { CHECKS, EXPECTED_CHECKS, run, writeApp } from './support.mjs';

let dir;

// Each script prints one JSON line: checks() on its evaluators, and how
// createEvaluatorSync behaved.
const APP = {
  'main.cjs': `const { createEvaluator, createEvaluatorSync, EvaluationError } = require('mexe-wasm');
const { readFileSync } = require('node:fs');
${CHECKS}
const bytes = readFileSync(require.resolve('mexe-wasm/mexe-core.wasm'));
let threw;
try { createEvaluatorSync(); threw = 'nothing'; } catch (e) { threw = typeof createEvaluatorSync === 'function' ? e.constructor.name : 'no createEvaluatorSync'; }
createEvaluator().then((ev) => {
  const fromModule = createEvaluatorSync({ wasmModule: new WebAssembly.Module(bytes) });
  const fromBytes = createEvaluatorSync({ wasmBinary: bytes });
  console.log(JSON.stringify({ ...checks(ev, EvaluationError), threw,
    sync: [fromModule.evaluate('6 * 7'), fromBytes.evaluate('0.1 + 0.2')] }));
});
`,
  'main.mjs': `import { createEvaluator, createEvaluatorSync, EvaluationError } from 'mexe-wasm';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
${CHECKS}
const bytes = readFileSync(createRequire(import.meta.url).resolve('mexe-wasm/mexe-core.wasm'));
let threw;
try { createEvaluatorSync(); threw = 'nothing'; } catch (e) { threw = typeof createEvaluatorSync === 'function' ? e.constructor.name : 'no createEvaluatorSync'; }
const ev = await createEvaluator();
const fromModule = createEvaluatorSync({ wasmModule: new WebAssembly.Module(bytes) });
const fromBytes = createEvaluatorSync({ wasmBinary: new Uint8Array(bytes) });
console.log(JSON.stringify({ ...checks(ev, EvaluationError), threw,
  sync: [fromModule.evaluate('6 * 7'), fromBytes.evaluate('0.1 + 0.2')] }));
`,
  // No await and no callback: the evaluator exists on the next line.
  'inline.cjs': `const { createEvaluatorSync, EvaluationError } = require('mexe-wasm/inline');
${CHECKS}
const ev = createEvaluatorSync();
console.log(JSON.stringify({ ...checks(ev, EvaluationError), sync: [ev.evaluate('6 * 7'), ev.evaluate('0.1 + 0.2')] }));
`,
  'inline.mjs': `import { createEvaluator, createEvaluatorSync, EvaluationError } from 'mexe-wasm/inline';
${CHECKS}
const ev = createEvaluatorSync();
const later = await createEvaluator();
console.log(JSON.stringify({ ...checks(ev, EvaluationError), sync: [later.evaluate('6 * 7'), ev.evaluate('0.1 + 0.2')] }));
`,
  'worker.mjs': `import { Worker } from 'node:worker_threads';
const worker = new Worker(new URL('./worker-child.mjs', import.meta.url));
worker.once('message', (report) => { console.log(JSON.stringify(report)); worker.terminate(); });
worker.once('error', (error) => { console.log(JSON.stringify({ error: String(error.stack) })); });
`,
  'worker-child.mjs': `import { parentPort } from 'node:worker_threads';
import { createEvaluator, EvaluationError } from 'mexe-wasm';
import { createEvaluatorSync } from 'mexe-wasm/inline';
${CHECKS}
const ev = await createEvaluator();
const inline = createEvaluatorSync();
parentPort.postMessage({ ...checks(ev, EvaluationError), sync: [inline.evaluate('6 * 7'), inline.evaluate('0.1 + 0.2')] });
`,
};

beforeAll(async () => {
  dir = await writeApp('node-app', APP);
});

// Runs a script of the app; its one line of JSON, or its exit and stderr.
async function report(script) {
  const { code, stdout, stderr } = await run(process.execPath, [script], { cwd: dir });
  if (code !== 0 || !stdout.trim()) return { exit: code, stderr: stderr.trim() };
  return JSON.parse(stdout);
}

const both = [42, 0.30000000000000004];

test.each([
  ['require("mexe-wasm")', 'main.cjs', { threw: 'TypeError', sync: both }],
  ['import from "mexe-wasm" (top-level await)', 'main.mjs', { threw: 'TypeError', sync: both }],
  ['require("mexe-wasm/inline"): createEvaluatorSync() with no options', 'inline.cjs', { sync: both }],
  ['import from "mexe-wasm/inline": createEvaluatorSync() with no options', 'inline.mjs', { sync: both }],
  ['a worker_threads worker, both entries', 'worker.mjs', { sync: both }],
])('%s', async (_, script, more) => {
  expect(await report(script)).toEqual({ ...EXPECTED_CHECKS, ...more });
});
