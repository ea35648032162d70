// Native against wasm: the same corpus (about 200,000 lines: valid
// expressions, mutants of them, hand-made hostile lines) evaluated by the
// native build (build/tests/cpp/mexe_corpus_eval, from tests/cpp/corpus_eval.cpp)
// and by the wasm module must give identical results, line by line: the same
// value bits (any NaN equals any NaN) or the same error code and index.
//
//   MEXE_SEED=123 npx jest tests/js/reliability-native.test.mjs   # replay
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvaluator } from '../../dist/node.mjs';
import { clip, runWorker, seedFromEnv, workerUrl } from '../support/harness.mjs';

const binary = fileURLToPath(new URL('../../build/tests/cpp/mexe_corpus_eval', import.meta.url));
const seed = seedFromEnv();
const validCount = 100000;
const mutantCount = 100000;

let ev;
let texts;
let dir;
let corpusPath;

async function buildCorpus() {
  const { texts } = await runWorker(workerUrl('corpus.mjs'), { seed, valid: validCount, mutants: mutantCount });
  return texts;
}

beforeAll(async () => {
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: build it with \`npm run build\` ` +
      '(or `cmake --build build --target mexe_corpus_eval`)');
  }
  [ev, texts] = await Promise.all([createEvaluator(), buildCorpus()]);
  dir = mkdtempSync(join(tmpdir(), 'mexe-corpus-'));
  corpusPath = join(dir, 'corpus.jsonl');
  // One JSON string per line: newlines, NUL and lone surrogates stay on it.
  writeFileSync(corpusPath, texts.map((t) => JSON.stringify(t)).join('\n') + '\n');
}, 120000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The native results, one line per input: 'ok <hex bits>' or 'error <CODE> <offset>'. */
function runNative(args) {
  const input = openSync(corpusPath, 'r');
  try {
    const run = spawnSync(binary, args, { stdio: [input, 'pipe', 'pipe'], maxBuffer: 1 << 30, encoding: 'latin1' });
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`${binary} ${args.join(' ')} exited with ${run.status ?? run.signal}: ${run.stderr}`);
    const lines = run.stdout.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines;
  } finally {
    closeSync(input);
  }
}

const bitsView = new DataView(new ArrayBuffer(8));
function bitsOf(value) {
  bitsView.setFloat64(0, value);
  return bitsView.getBigUint64(0).toString(16).padStart(16, '0');
}
function fromBits(hex) {
  bitsView.setBigUint64(0, BigInt(`0x${hex}`));
  return bitsView.getFloat64(0);
}

/** The wasm results, in the native program's format (value bits as read back). */
function wasmLine(result) {
  return result.ok ? `ok ${bitsOf(result.value)}` : `error ${result.error.code} ${result.error.index}`;
}

// Same outcome: identical lines, or two NaNs (their payloads are not part of
// the contract).
function sameLine(native, wasm) {
  if (native === wasm) return true;
  if (!native.startsWith('ok ') || !wasm.startsWith('ok ')) return false;
  return Number.isNaN(fromBits(native.slice(3))) && Number.isNaN(fromBits(wasm.slice(3)));
}

function compare(nativeLines, wasmLines, what) {
  expect(nativeLines.length).toBe(texts.length);
  const differences = [];
  for (let i = 0; i < texts.length; i++) {
    if (!sameLine(nativeLines[i], wasmLines[i])) differences.push(i);
  }
  if (differences.length > 0) {
    const shown = differences.slice(0, 10).map((i) =>
      `  line ${i + 1}: ${clip(texts[i], 300)}\n    native: ${nativeLines[i]}\n    wasm:   ${wasmLines[i]}`);
    throw new Error(`${what}: ${differences.length} of ${texts.length} lines differ (seed ${seed}; ` +
      `replay with MEXE_SEED=${seed})\n${shown.join('\n')}`);
  }
}

test(`about 200,000 lines: native one-shot equals wasm tryEvaluate and evaluateMany (seed ${seed})`, () => {
  expect(texts.length).toBeGreaterThanOrEqual(validCount + mutantCount);
  const native = runNative([]);
  const single = texts.map((t) => wasmLine(ev.tryEvaluate(t)));
  compare(native, single, 'native against wasm tryEvaluate');

  const { values, errors } = ev.evaluateMany(texts);
  const many = texts.map((_, i) => wasmLine(errors[i] === null ? { ok: true, value: values[i] } : { ok: false, error: errors[i] }));
  compare(native, many, 'native against wasm evaluateMany');

  // Both kinds of line were compared, not only one.
  const errorLines = native.filter((l) => l.startsWith('error ')).length;
  console.log(`native against wasm: ${texts.length} lines, ${errorLines} errors (seed ${seed})`);
  expect(errorLines).toBeGreaterThan(texts.length / 5);
  expect(texts.length - errorLines).toBeGreaterThan(texts.length / 3);
}, 300000);

test('native, fed in 7-byte chunks, equals wasm too', () => {
  const native = runNative(['--chunk', '7']);
  compare(native, texts.map((t) => wasmLine(ev.tryEvaluate(t))), 'native (7-byte chunks) against wasm tryEvaluate');
}, 300000);
