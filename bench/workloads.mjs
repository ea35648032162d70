// The benchmark workloads, generated deterministically from a fixed seed so
// that every run, and the native benchmark, reads exactly the same inputs.
//
//   import { workloads } from './workloads.mjs'   // [{ name, title, items }]: repeated input
//   distinctWorkload('fresh-1m')                  // the same shape, input met once per pass
//   node bench/workloads.mjs --write DIR          // one file per item + DIR/manifest.tsv
//   node bench/workloads.mjs                      // prints a summary
//
// manifest.tsv has one line per item: workload name, item index, file name,
// byte length, and the expected value as the 16 hex digits of its IEEE-754
// bits (what JavaScript computes for the same text; see expectedValue below).
// The distinct formulas go to DIR/distinct-formulas.tsv (see writeWorkloads);
// the native benchmark makes its own fresh 1 MB input (cpp/tools/random_expression.hpp).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate as handwritten } from './handwritten.mjs';

const SEED = 0x6d657865; // "mexe"

// Uniform in [0, 1): mulberry32 (small, and the same sequence on every
// platform), its 32-bit output scaled down.
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(rand, lo, hi) {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

// A decimal literal with `places` digits after the point, no trailing zeros
// trimmed (prices look like 19.90). Never zero.
function decimal(rand, lo, hi, places) {
  const scale = 10 ** places;
  const n = int(rand, Math.max(1, Math.round(lo * scale)), Math.round(hi * scale));
  const whole = Math.floor(n / scale);
  const frac = String(n % scale).padStart(places, '0');
  return places === 0 ? String(whole) : `${whole}.${frac}`;
}

// A literal of a random form: mostly integers and decimals, some exponents.
// Never zero, so random divisions stay finite.
function randomLiteral(rand) {
  const r = rand();
  if (r < 0.4) return String(int(rand, 1, 9999));
  if (r < 0.85) return decimal(rand, 0.01, 999.99, int(rand, 1, 4));
  const mant = rand() < 0.5 ? String(int(rand, 1, 9)) : decimal(rand, 1, 9.99, int(rand, 1, 3));
  const e = rand() < 0.7 ? 'e' : 'E';
  const exp = int(rand, -6, 6);
  const sign = exp < 0 ? '-' : rand() < 0.3 ? '+' : '';
  return `${mant}${e}${sign}${Math.abs(exp)}`;
}

// Appends a token, keeping "--" and "++" apart so JavaScript itself can also
// read the text (it would see a decrement/increment operator).
function append(out, token) {
  if (token === '') return;
  const last = out.length ? out[out.length - 1] : '';
  const lastChar = last ? last[last.length - 1] : '';
  if ((lastChar === '-' || lastChar === '+') && token[0] === lastChar) out.push(' ');
  out.push(token);
}

function randomSpace(rand) {
  const r = rand();
  return r < 0.55 ? ' ' : r < 0.9 ? '' : r < 0.97 ? '  ' : '\t';
}

// A random expression of at least `targetBytes` bytes: random literals,
// + - * /, unary signs, parentheses up to `maxDepth` deep, and spaces.
// Products are kept short (at most 4 factors) so the value stays finite.
export function randomExpression(seed, targetBytes, maxDepth = 12) {
  const rand = prng(seed);
  const out = [];
  let bytes = 0;
  let depth = 0;
  let factors = 0; // factors in the current product
  const push = (t) => {
    const before = out.length;
    append(out, t);
    for (let i = before; i < out.length; i++) bytes += out[i].length;
  };
  const factorsStack = [];

  // An operand: maybe a unary sign, then a literal or an opening parenthesis.
  const operand = () => {
    if (rand() < 0.08) push(rand() < 0.75 ? '-' : '+');
    if (depth < maxDepth && rand() < 0.18 && bytes < targetBytes - 64) {
      push('(');
      push(randomSpace(rand));
      factorsStack.push(factors);
      factors = 0;
      depth++;
      operand();
    } else {
      push(randomLiteral(rand));
      factors++;
    }
  };

  operand();
  for (;;) {
    const closing = depth > 0 && (rand() < 0.2 || bytes >= targetBytes);
    if (closing) {
      push(randomSpace(rand));
      push(')');
      depth--;
      factors = factorsStack.pop() + 1;
      continue;
    }
    if (bytes >= targetBytes) break;
    const op = factors >= 4 || rand() < 0.5 ? pick(rand, ['+', '-']) : pick(rand, ['*', '*', '/']);
    if (op === '+' || op === '-') factors = 0;
    push(randomSpace(rand));
    push(op);
    push(randomSpace(rand));
    operand();
  }
  return out.join('');
}

// One formula of at least `targetBytes` bytes, then closed: the workloads'
// literals, + - * /, some parentheses (at most 3 deep) and unary signs.
// Written spaced ("a * b") or compact ("a*b") as a whole, as people do, with
// a stray tab or double space now and then.
function randomFormula(rand, targetBytes) {
  const spaced = rand() < 0.8;
  const blank = () => {
    const r = rand();
    return r < 0.01 ? '\t' : r < 0.04 ? '  ' : spaced ? ' ' : '';
  };
  const out = [];
  let bytes = 0;
  let factors = 0;
  let operators = 0; // binary operators in the innermost open parenthesis
  const outer = []; // [factors, operators] of each enclosing level
  const push = (t) => {
    const before = out.length;
    append(out, t);
    for (let i = before; i < out.length; i++) bytes += out[i].length;
  };
  const operand = () => {
    if (rand() < 0.06) push(rand() < 0.8 ? '-' : '+');
    if (outer.length < 3 && rand() < 0.15 && bytes < targetBytes - 16) {
      push('(');
      outer.push([factors, operators]);
      factors = 0;
      operators = 0;
      operand();
    } else {
      push(randomLiteral(rand));
      factors++;
    }
  };
  operand();
  for (;;) {
    // A parenthesis closes only around an operation, never a lone literal.
    if (outer.length > 0 && operators > 0 && (rand() < 0.25 || bytes >= targetBytes)) {
      push(')');
      [factors, operators] = outer.pop();
      factors++;
      continue;
    }
    if (outer.length === 0 && bytes >= targetBytes) break;
    const op = factors >= 4 || rand() < 0.5 ? pick(rand, ['+', '-']) : pick(rand, ['*', '*', '/']);
    if (op === '+' || op === '-') factors = 0;
    operators++;
    push(blank());
    push(op);
    push(blank());
    operand();
  }
  return out.join('');
}

// `count` distinct formulas of `minBytes` to `maxBytes` bytes, lengths spread
// evenly over the range; a draw out of range or already made is drawn again.
export function distinctFormulas(seed, count, minBytes = 20, maxBytes = 200) {
  const rand = prng(seed);
  const seen = new Set();
  while (seen.size < count) {
    const text = randomFormula(rand, int(rand, minBytes, maxBytes - 16));
    if (text.length >= minBytes && text.length <= maxBytes) seen.add(text);
  }
  return [...seen];
}

// Nesting `depth` deep in the shape `a op (b op (c op ( ... ) op d) op e)`:
// the shape that keeps a pending sum and product at every level.
export function nestedExpression(seed, depth) {
  const rand = prng(seed);
  const lit = () => decimal(rand, 1, 9.99, int(rand, 0, 2));
  const out = [];
  for (let i = 0; i < depth; i++) {
    out.push(lit(), ' ', pick(rand, ['+', '-', '*', '*', '/']), ' (');
  }
  out.push(lit());
  for (let i = 0; i < depth; i++) {
    out.push(')');
    // The closing side keeps sums: products alone would overflow to Infinity.
    if (rand() < 0.5) out.push(' ', pick(rand, ['+', '-']), ' ', lit());
  }
  return out.join('');
}

// Realistic formulas of growing length and nesting. `{p:lo:hi:places}` is a
// random decimal (places 0: an integer), `{e:m}` a literal in exponent form.
const FORMULA_TEMPLATES = [
  '{p:1:99:2} * {p:1:12:0}',                                              // price * quantity
  '({p:20:120:0} - 32) * 5 / 9',                                          // Fahrenheit to Celsius
  '{p:1:99:2} * {p:1:12:0} * (1 - {p:0.05:0.3:2})',                       // discounted line
  '0.5 * 9.81 * {p:0.5:5:2} * {p:0.5:5:2}',                               // distance fallen
  '2 * 3.141592653589793 * {p:0.1:50:3}',                                 // circumference
  '{p:1000:500000:0} * {p:0.01:0.08:4} / 12',                             // a month's interest
  '({p:1:500:2} + {p:1:500:2} + {p:1:500:2}) * (1 + {p:0.05:0.25:4})',    // subtotal plus tax
  '{e:6.674e-11} * {e:5.972e24} * {p:50:120:1} / ({e:6.371e6} * {e:6.371e6})', // gravity
  '3.141592653589793 * {p:0.5:10:2} * {p:0.5:10:2} * {p:1:30:1} / 3',     // cone volume
  '({p:1:100:2} * {p:1:100:2} + {p:1:100:2} * {p:1:100:2}) / ({p:1:100:2} + {p:1:100:2})',
  '{p:100:900:2} * (1 + {p:0.01:0.1:3} / 12) * (1 + {p:0.01:0.1:3} / 12) * (1 + {p:0.01:0.1:3} / 12) - {p:10:90:2}',
  '0.5 * {p:1:5:3} * {p:1:40:2} * {p:1:40:2} + {p:1:5:3} * 9.81 * {p:1:100:1} - {p:10:500:1}', // energy balance
  '(({p:1:50:2} - {p:1:50:2}) * ({p:1:50:2} - {p:1:50:2}) + ({p:1:50:2} - {p:1:50:2}) * ({p:1:50:2} - {p:1:50:2})) / 2', // squared distance
  '{p:1:99:2} * {p:1:20:0} + {p:1:99:2} * {p:1:20:0} + {p:1:99:2} * {p:1:20:0} - ({p:1:99:2} * {p:1:20:0}) * {p:0.05:0.2:2} + {p:2:15:2}', // an invoice
  '({p:1:10:2} * {p:1:10:2} - {p:1:10:2} * {p:1:10:2}) / ({p:1:10:2} * {p:1:10:2} + {p:1:10:2} * {p:1:10:2}) * {p:1:100:1} + -{p:1:5:2}', // rotation term
  '{e:1.380649e-23} * {p:250:400:2} / ({e:1.0e-3} * {p:1:10:3}) + {e:101.325e3} * ({p:0.5:2:3} - {p:0.1:0.5:3}) / {p:1:5:2}',
  '(({p:1:9:2} + {p:1:9:2}) * ({p:1:9:2} - {p:1:9:2} / ({p:1:9:2} + {p:1:9:2})) - {p:1:9:2} * ({p:1:9:2} + ({p:1:9:2} - {p:1:9:2}) / {p:1:9:2})) / ({p:1:9:2} * {p:1:9:2})',
  '{p:1000:9000:2} * (1 - {p:0.1:0.4:3}) - ({p:100:900:2} + {p:100:900:2} * (1 + {p:0.01:0.05:3})) * ({p:1:12:0} / 12) + ({p:10:99:2} - {p:1:9:2}) * {p:1:52:0} / (1 + {p:0.01:0.1:3}) - {p:1:500:2}',
  '(((({p:1:9:3} * {p:1:9:3} + {p:1:9:3}) * {p:1:9:3} - {p:1:9:3}) * {p:1:9:3} + {p:1:9:3}) * {p:1:9:3} - {p:1:9:3}) / ((({p:1:9:3} + {p:1:9:3}) * {p:1:9:3} - {p:1:9:3}) * {p:1:9:3} + {p:1:9:3}) + {e:2.5e-3} * ({p:1:9:3} - {p:1:9:3})',
  '({p:100:999:2} * {p:1:50:0} + {p:100:999:2} * {p:1:50:0}) * (1 - {p:0.01:0.2:3}) * (1 + {p:0.05:0.25:3}) - (({p:10:99:2} + {p:10:99:2}) * {p:1:30:0} + {p:1:9:2} * ({p:1:100:0} - {p:1:50:0} / ({p:1:5:1} + {p:1:5:1}))) / ({p:1:4:0} + {p:0.1:0.9:2}) + {e:3.2e2} * ({p:0.1:0.9:3} - {p:0.01:0.09:3}) / ({p:1:9:2} * ({p:1:9:2} + {p:1:9:2} / ({p:1:9:2} - {p:0.1:0.9:2})))',
];

export function formulas(seed) {
  const rand = prng(seed);
  return FORMULA_TEMPLATES.map((template) =>
    template.replace(/\{(p|e):([^}]*)\}/g, (_, kind, args) => {
      if (kind === 'e') {
        // Scale the given mantissa a little; keep the written exponent.
        const [mant, exp] = args.split('e');
        const m = Number(mant) * (0.9 + 0.2 * rand());
        return `${m.toFixed(3)}e${exp}`;
      }
      const [lo, hi, places] = args.split(':').map(Number);
      return decimal(rand, lo, hi, places);
    }),
  );
}

// What JavaScript computes for the text: JavaScript itself where it can read
// it (checked against the hand-written evaluator), else the hand-written
// evaluator alone.
export function expectedValue(text) {
  const mine = handwritten(text);
  let js;
  try {
    js = (0, eval)(text);
  } catch {
    return mine; // too large or too deep for the JavaScript parser
  }
  if (!Object.is(js, mine)) {
    throw new Error(`workload check: JavaScript gives ${js}, the hand-written evaluator ${mine} for ${text.slice(0, 80)}`);
  }
  return js;
}

function build() {
  const list = [
    { name: 'add', title: '2 + 3', items: ['2 + 3'] },
    { name: 'mixed', title: '(5 * 8) + 6 - 3.25 / (1.5 + 2) * 4', items: ['(5 * 8) + 6 - 3.25 / (1.5 + 2) * 4'] },
    { name: 'formulas', title: '20 formulas (set)', items: formulas(SEED + 1) },
    { name: 'random-10k', title: '10 KB random', items: [randomExpression(SEED + 2, 10 * 1024)] },
    { name: 'random-1m', title: '1 MB random', items: [randomExpression(SEED + 3, 1024 * 1024)] },
    { name: 'nested-1000', title: 'nesting depth 1,000', items: [nestedExpression(SEED + 4, 1000)] },
  ];
  for (const w of list) {
    w.bytes = w.items.reduce((n, s) => n + s.length, 0);
    w.expected = w.items.map(expectedValue);
  }
  return list;
}

export const workloads = build();

// Input the CPU has not seen before, for which the branch predictor has
// learnt nothing: many distinct items, each evaluated once per pass over
// them (measure.mjs walks them round-robin across samples). Built on
// demand, as generating and checking them takes a few seconds.
export const FRESH_POOL = 16; // 1 MB expressions: 15 MB of other input between two visits
export const FORMULA_COUNT = 100000;
const DISTINCT = {
  'fresh-1m': () => ({
    title: `fresh 1 MB random, a pool of ${FRESH_POOL}`,
    items: Array.from({ length: FRESH_POOL }, (_, i) => randomExpression(SEED + 100 + i, 1024 * 1024)),
  }),
  'distinct-formulas': () => ({
    title: `${FORMULA_COUNT.toLocaleString('en-US')} distinct formulas`,
    items: distinctFormulas(SEED + 5, FORMULA_COUNT),
  }),
};
export const distinctNames = Object.keys(DISTINCT);
const distinctMade = new Map();

export function distinctWorkload(name) {
  if (!distinctMade.has(name)) {
    const w = { name, distinct: true, ...DISTINCT[name]() };
    w.bytes = w.items.reduce((n, s) => n + s.length, 0);
    w.expected = w.items.map(expectedValue);
    distinctMade.set(name, w);
  }
  return distinctMade.get(name);
}

function bitsHex(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

export function writeWorkloads(dir) {
  mkdirSync(dir, { recursive: true });
  const lines = [];
  for (const w of workloads) {
    w.items.forEach((text, i) => {
      const file = `${w.name}.${String(i).padStart(2, '0')}.txt`;
      writeFileSync(join(dir, file), text);
      lines.push([w.name, i, file, text.length, bitsHex(w.expected[i])].join('\t'));
    });
  }
  writeFileSync(join(dir, 'manifest.tsv'), lines.join('\n') + '\n');
  // The distinct formulas in one file, a line each: the expected value's
  // bits, a tab, the text (which may hold tabs but no line break).
  const f = distinctWorkload('distinct-formulas');
  writeFileSync(join(dir, 'distinct-formulas.tsv'), f.items.map((text, i) => `${bitsHex(f.expected[i])}\t${text}\n`).join(''));
  return lines.length + f.items.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--write');
  if (at !== -1) {
    const dir = process.argv[at + 1];
    if (!dir) {
      console.error('usage: node bench/workloads.mjs --write DIR');
      process.exit(2);
    }
    const n = writeWorkloads(dir);
    console.log(`wrote ${n} workload items to ${dir}`);
  } else {
    for (const w of [...workloads, ...distinctNames.map(distinctWorkload)]) {
      const first = w.items[0];
      console.log(`${w.name.padEnd(12)} ${String(w.items.length).padStart(3)} item(s) ${String(w.bytes).padStart(8)} bytes  ` +
        `= ${w.expected.length === 1 ? w.expected[0] : w.expected.slice(0, 3).join(', ') + ', ...'}  ` +
        `${first.length > 60 ? first.slice(0, 57) + '...' : first}`);
    }
  }
}
