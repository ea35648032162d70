// Differential test: seeded random valid expressions, evaluated by the module
// and by JavaScript itself, must give the same double (Object.is).
//
// The corpus comes from tests/support/expressions.mjs: it reads every literal
// with Number(text) and applies JavaScript's own + - * / with the text's
// grouping (no eval: `08` would be a syntax error there).
//
//   MEXE_SEED=123 npx jest tests/js/differential.test.mjs   # replay a seed
//   MEXE_DIFF_COUNT=500000 ...                               # a longer run
import { Worker } from 'node:worker_threads';
import { createEvaluator } from '../../dist/node.mjs';
import { Random } from '../support/expressions.mjs';

const seed = process.env.MEXE_SEED !== undefined
  ? Number(process.env.MEXE_SEED)
  : Math.floor(Math.random() * 2 ** 32);
const count = Number(process.env.MEXE_DIFF_COUNT ?? 100000);

let ev;
let corpus; // [{ text, value }]

// The corpus is generated in a worker thread: see differential-corpus.mjs.
function generateInWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./differential-corpus.mjs', import.meta.url), { workerData: { count, seed } });
    worker.once('message', ({ texts, values }) => {
      resolve(texts.map((text, i) => ({ text, value: values[i] })));
      worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`corpus worker exited with ${code}`)));
  });
}

beforeAll(async () => {
  if (!Number.isInteger(seed)) throw new Error(`MEXE_SEED must be a whole number, got ${process.env.MEXE_SEED}`);
  [ev, corpus] = await Promise.all([createEvaluator(), generateInWorker()]);
  expect(corpus.length).toBe(count);
});

const show = (v) => (Object.is(v, -0) ? '-0' : String(v));

function clip(text) {
  return text.length > 2000 ? `${JSON.stringify(text.slice(0, 2000))}... (${text.length} characters)` : JSON.stringify(text);
}

// Collects differences; throws once, with the seed and the first inputs.
class Mismatches {
  constructor(what) {
    this.what = what;
    this.list = [];
    this.checked = 0;
  }

  check(i, got) {
    this.checked++;
    const { text, value } = corpus[i];
    if (got.error) this.list.push({ i, text, expected: show(value), got: `${got.error.code} at ${got.error.index}` });
    else if (!Object.is(got.value, value)) this.list.push({ i, text, expected: show(value), got: show(got.value) });
  }

  assert() {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, 5).map((m) => `  #${m.i}: input ${clip(m.text)}\n    expected ${m.expected}, got ${m.got}`);
    const message = `${this.what}: ${this.list.length} of ${this.checked} expressions differ ` +
      `(seed ${seed}; replay with MEXE_SEED=${seed})\n${shown.join('\n')}`;
    throw new Error(message);
  }
}

test(`${count} random expressions equal JavaScript's value (seed ${seed})`, () => {
  const half = Math.floor(count / 2);
  const mismatches = new Mismatches('evaluateMany / evaluate');

  // First half in batches (several windows per call), the rest one by one.
  const batch = 10000;
  for (let start = 0; start < half; start += batch) {
    const end = Math.min(half, start + batch);
    const { values, errors } = ev.evaluateMany(corpus.slice(start, end).map((x) => x.text));
    for (let i = start; i < end; i++) mismatches.check(i, { value: values[i - start], error: errors[i - start] });
  }
  for (let i = half; i < count; i++) {
    const result = ev.tryEvaluate(corpus[i].text);
    mismatches.check(i, result.ok ? { value: result.value } : { error: result.error });
  }
  expect(mismatches.checked).toBe(count);
  mismatches.assert();
});

test(`a sample through evaluateStream in random chunks (seed ${seed})`, async () => {
  const rng = new Random(seed ^ 0x5bd1e995);
  const mismatches = new Mismatches('evaluateStream');
  const encoder = new TextEncoder();
  const sample = Math.min(count, 2000);
  for (let i = 0; i < sample; i++) {
    const { text } = corpus[i];
    const chunks = [];
    for (let at = 0; at < text.length;) {
      const size = 1 + rng.int(rng.chance(0.5) ? 4 : 64);
      const part = text.slice(at, at + size);
      chunks.push(rng.chance(0.5) ? encoder.encode(part) : part);
      at += size;
    }
    try {
      mismatches.check(i, { value: await ev.evaluateStream(chunks) });
    } catch (error) {
      mismatches.check(i, { error });
    }
  }
  mismatches.assert();
});

// The corpus must keep exercising what the contract promises; this guards
// the generator as much as the module.
test('the corpus covers the literal forms, unary runs, nesting and every whitespace kind', () => {
  const wanted = [
    'integer', 'decimal', 'leading dot', 'trailing dot', 'exponent', 'leading zeros', '17-20 significant digits',
    'more than 100 digits', 'subnormal', 'overflow', 'unary run', 'whitespace " "', 'whitespace "\\t"',
    'whitespace "\\n"', 'whitespace "\\r"', 'nesting deeper than 100',
  ];
  const toNumber = Number; // a global looked up once: Jest's sandbox makes each lookup slow
  const literalPattern = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g;
  const seen = new Set();
  const mark = (name, yes) => yes && seen.add(name);
  for (const { text } of corpus) {
    if (seen.size === wanted.length) break; // all seen: no need to scan the rest
    for (const [lit] of text.matchAll(literalPattern)) {
      const mantissa = lit.replace(/[eE].*$/, '');
      const significant = mantissa.replace('.', '').replace(/^0+/, '').length;
      const value = toNumber(lit);
      mark('integer', /^\d+$/.test(lit));
      mark('decimal', /^\d+\.\d+$/.test(mantissa));
      mark('leading dot', lit.startsWith('.'));
      mark('trailing dot', mantissa.endsWith('.'));
      mark('exponent', /[eE][+-]?\d/.test(lit));
      mark('leading zeros', /^0\d/.test(lit));
      mark('17-20 significant digits', significant >= 17 && significant <= 20);
      mark('more than 100 digits', mantissa.length > 100);
      mark('subnormal', value > 0 && value < 2.2250738585072014e-308);
      mark('overflow', value === Infinity);
    }
    mark('unary run', /(^|[(*/+-])[ \t\n\r]*[+-][ \t\n\r]*[+-][ \t\n\r]*[\d.(]/.test(text));
    for (const c of [' ', '\t', '\n', '\r']) mark(`whitespace ${JSON.stringify(c)}`, text.includes(c));
    let depth = 0;
    let maxDepth = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 40 && ++depth > maxDepth) maxDepth = depth;
      else if (c === 41) depth--;
    }
    mark('nesting deeper than 100', maxDepth > 100);
  }
  expect(wanted.filter((w) => !seen.has(w))).toEqual([]);
  // Results of every kind, not only finite ones.
  const results = corpus.map((x) => x.value);
  expect(results.some(Number.isNaN)).toBe(true);
  expect(results.some((v) => Object.is(v, -0))).toBe(true);
  expect(results.some((v) => v === Infinity || v === -Infinity)).toBe(true);
});
