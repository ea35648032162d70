// A seeded generator of valid mexe expressions, each with the double that
// JavaScript computes for it.
//
// The value is NOT found with eval(): in JavaScript source `007` is a legacy
// octal literal and `08` is a syntax error. Instead every literal is read with
// Number(text) (which is what the contract says a literal means) and the tree
// is evaluated here with JavaScript's own + - * / and unary - +, with the
// grouping the text has (left to right, * and / before + and -).
//
// What it covers, on purpose: every literal form (integers, decimals,
// exponents, leading and trailing dot, leading zeros, 17 to 20 significant
// digits, up to 1200 digits, halfway cases, subnormals, overflow and
// underflow), runs of unary signs (up to 3000), nesting up to maxDepth
// (4096) in several shapes, wide expressions (up to 1000 terms side by side,
// balanced trees of parentheses) and every whitespace kind, in short and long
// runs.

// mulberry32: small, fast, and the same sequence on every platform.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export class Random {
  constructor(seed) {
    this.next32 = mulberry32(seed);
  }
  /** An integer in [0, n). */
  int(n) {
    return Math.floor((this.next32() / 2 ** 32) * n);
  }
  /** An integer in [lo, hi]. */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.next32() / 2 ** 32 < p;
  }
  pick(items) {
    return items[this.int(items.length)];
  }
  digits(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + this.int(10));
    return s;
  }
}

// ---- Literals ----

/** How many mantissa digits: mostly few, sometimes many, rarely very many. */
function digitCount(rng) {
  const r = rng.int(1000);
  if (r < 700) return rng.range(1, 4);
  if (r < 900) return rng.range(5, 17);
  if (r < 985) return rng.range(18, 40);
  return rng.range(41, 1200);
}

function exponentText(rng) {
  const mark = rng.pick(['e', 'E']);
  const sign = rng.pick(['', '+', '-']);
  const r = rng.int(100);
  let digits;
  if (r < 86) digits = String(rng.range(0, 30));
  else if (r < 90) digits = String(rng.range(280, 345));  // near overflow and underflow
  else if (r < 98) digits = '0'.repeat(rng.range(1, 5)) + String(rng.range(0, 40));
  else digits = String(rng.range(1, 9)) + rng.digits(rng.range(5, 25));  // huge
  return mark + sign + digits;
}

/** A literal in one of the forms 12, 12., .5, 1.5, each optionally with an exponent. */
function plainLiteral(rng) {
  const n = digitCount(rng);
  // Mostly non-zero, so that divisions by zero stay a small share.
  const lead = () => (rng.chance(0.9) ? String(rng.range(1, 9)) : '0');
  let intDigits = lead() + rng.digits(n - 1);
  if (rng.chance(0.1)) intDigits = '0'.repeat(rng.range(1, 3)) + intDigits;  // leading zeros
  const form = rng.int(4);
  let text;
  if (form === 0) text = intDigits;
  else if (form === 1) text = intDigits + '.';
  else if (form === 2) text = '.' + lead() + rng.digits(n - 1);
  else {
    const cut = rng.range(1, intDigits.length);
    text = intDigits.slice(0, cut) + '.' + (rng.digits(1) + intDigits.slice(cut));
  }
  if (n > 30 && form !== 2 && rng.chance(0.8)) {
    // Keep most long literals in range: scale them back down.
    text += rng.pick(['e', 'E']) + '-' + (n - rng.range(0, 25));
  } else if (rng.chance(0.25)) {
    text += exponentText(rng);
  }
  return text;
}

const pow5 = [1n];
function power5(k) {
  while (pow5.length <= k) pow5.push(pow5[pow5.length - 1] * 5n);
  return pow5[k];
}

/**
 * A literal at, just above or just below the exact midpoint between a random
 * double and the next one up: the hardest inputs for rounding.
 */
function halfwayLiteral(rng) {
  const r = rng.int(5);
  const exponentField = r === 0 ? rng.range(0, 2) : r === 3 ? rng.range(0, 2046)
    : r === 4 ? rng.pick([0, 1, 2045, 2046]) : rng.range(950, 1100);
  let fraction = (BigInt(rng.next32() & 0xfffff) << 32n) | BigInt(rng.next32());
  // The extremes: midway between 0 and the least subnormal, between the
  // largest subnormal and the least normal, above the largest double.
  if (r === 4) fraction = rng.pick([0n, 1n, (1n << 52n) - 1n, fraction]);
  const m = exponentField === 0 ? fraction : fraction | (1n << 52n);
  const e = exponentField === 0 ? -1074 : exponentField - 1075;  // double = m * 2^e
  const odd = 2n * m + 1n;                                        // midpoint = odd * 2^(e-1)
  let intPart;
  let fracPart;
  if (e - 1 >= 0) {
    intPart = (odd << BigInt(e - 1)).toString();
    fracPart = '';
  } else {
    const k = 1 - e;
    const digits = (odd * power5(k)).toString().padStart(k + 1, '0');
    intPart = digits.slice(0, digits.length - k);
    fracPart = digits.slice(digits.length - k);
  }
  const variant = rng.int(3);
  if (variant === 1) {
    // Just above: a non-zero digit somewhere past the midpoint's digits.
    fracPart += '0'.repeat(rng.pick([0, 1, 5, 40, 200, 1000])) + '1';
  } else if (variant === 2) {
    // Just below: cut the last non-zero digit down by one, then nines.
    const all = (intPart + fracPart).split('');
    let i = all.length - 1;
    while (all[i] === '0') all[i--] = '9';
    all[i] = String(Number(all[i]) - 1);
    const joined = all.join('');
    intPart = joined.slice(0, intPart.length);
    fracPart = joined.slice(intPart.length) + '99';
  }
  if (rng.chance(0.5) && fracPart.length > 0) {
    // The same value with all digits before an exponent.
    return intPart + fracPart + rng.pick(['e', 'E']) + '-' + fracPart.length;
  }
  return intPart + '.' + fracPart;
}

const specialLiterals = [
  '0', '00', '0.', '.0', '0.0', '0e0', '0e-5', '1e400', '1e-400', '5e-324',
  '2.4703282292062328e-324', '1.7976931348623157e308', '1.7976931348623159e308',
  '9007199254740993', '2.2250738585072011e-308', '007', '08', '09.5', '0.1', '0.2',
  '000', '0.000', '.000e5', '00.5', '0e999999999999999999', '1e-0', '1E+0', '1.e1', '.5E-0',
  '4.9e-324', '2.4703282292062327e-324', '2.2250738585072014e-308', '2.225073858507201e-308',
  '1.7976931348623158e308', '179769313486231580793728971405301e276', '9007199254740992.5',
  '18446744073709551615', '18446744073709551616', '123456789012345678901', '0.30000000000000004',
  '1e23', '8.98846567431158e307', '4503599627370496.5', '4503599627370497.5',
  '1e-99999999999999999999', '1e99999999999999999999', '0.000000000000000000000000000001e30',
];

/** 17 to 20 significant digits: where a double's 15-17 digits stop being enough. */
function significantLiteral(rng) {
  const n = rng.range(17, 20);
  const digits = String(rng.range(1, 9)) + rng.digits(n - 1);
  const point = rng.range(0, n);
  let text;
  if (point === 0) text = '.' + digits;
  else if (point === n) text = digits + (rng.chance(0.3) ? '.' : '');
  else text = digits.slice(0, point) + '.' + digits.slice(point);
  if (rng.chance(0.4)) text += rng.pick(['e', 'E']) + rng.pick(['', '+', '-']) + rng.range(0, 300);
  return text;
}

/** Near the ends of the double range: subnormals, overflow, underflow to 0. */
function rangeEdgeLiteral(rng) {
  const mantissa = String(rng.range(1, 9)) + (rng.chance(0.7) ? '.' + rng.digits(rng.range(1, 20)) : '');
  const r = rng.int(3);
  const exponent = r === 0 ? -rng.range(308, 324)    // subnormal
    : r === 1 ? rng.range(307, 330)                  // near and past the largest double
    : -rng.range(323, 345);                          // the least subnormal, and below it
  return mantissa + rng.pick(['e', 'E']) + exponent;
}

export function literal(rng) {
  const r = rng.int(100);
  if (r < 5) return rng.pick(specialLiterals);
  if (r < 8) return halfwayLiteral(rng);
  if (r < 11) return significantLiteral(rng);
  if (r < 13) return rangeEdgeLiteral(rng);
  return plainLiteral(rng);
}

// ---- Expressions ----

const blanks = [' ', '\t', '\n', '\r', '  ', '\r\n', ' \t', '\n\n'];

function ws(rng) {
  if (rng.chance(0.55)) return '';
  if (rng.chance(0.001)) {
    let run = '';
    for (let i = rng.range(20, 500); i > 0; i--) run += rng.pick(blanks);
    return run;
  }
  return rng.pick(blanks);
}

// The depth SPEC.md guarantees (maxDepth is at least this; SPEC.md#nesting).
const DEFAULT_MAX_DEPTH = 4096;

class Generator {
  constructor(rng, { maxDepth = DEFAULT_MAX_DEPTH } = {}) {
    this.rng = rng;
    this.maxDepth = maxDepth;
    this.budget = 0;  // operands left for this expression
  }

  sum(depth) {
    const rng = this.rng;
    let { text, value } = this.product(depth);
    const terms = this.budget > 0 ? rng.range(0, 3) : 0;
    for (let i = 0; i < terms; i++) {
      const op = rng.pick(['+', '-']);
      const rhs = this.product(depth);
      text += ws(rng) + op + ws(rng) + rhs.text;
      value = op === '+' ? value + rhs.value : value - rhs.value;
    }
    return { text, value };
  }

  product(depth) {
    const rng = this.rng;
    let { text, value } = this.unary(depth);
    const factors = this.budget > 0 ? rng.range(0, 2) : 0;
    for (let i = 0; i < factors; i++) {
      const op = rng.pick(['*', '/']);
      const rhs = this.unary(depth);
      text += ws(rng) + op + ws(rng) + rhs.text;
      value = op === '*' ? value * rhs.value : value / rhs.value;
    }
    return { text, value };
  }

  unary(depth) {
    const rng = this.rng;
    if (!rng.chance(0.25)) return this.primary(depth);
    const r = rng.int(1000);
    const count = r < 900 ? rng.range(1, 3) : r < 998 ? rng.range(4, 40) : rng.range(100, 3000);
    const signs = [];
    let text = '';
    for (let i = 0; i < count; i++) {
      signs.push(rng.pick(['+', '-']));
      text += signs[i] + ws(rng);
    }
    const operand = this.primary(depth);
    let value = operand.value;
    for (let i = count - 1; i >= 0; i--) value = signs[i] === '-' ? -value : +value;
    return { text: text + operand.text, value };
  }

  primary(depth) {
    const rng = this.rng;
    this.budget--;
    if (depth < 12 && this.budget > 0 && rng.chance(0.3)) {
      const inner = this.sum(depth + 1);
      return { text: '(' + ws(rng) + inner.text + ws(rng) + ')', value: inner.value };
    }
    const text = literal(rng);
    return { text, value: Number(text) };
  }

  /** A chain of `levels` parentheses, each with pending operators around it. */
  deep(levels) {
    const rng = this.rng;
    const shapes = [
      ['(', (v) => v],
      ['-(', (v) => -v],
      ['1+2*(', (v) => 1 + 2 * v],
      ['1-0.5*(', (v) => 1 - 0.5 * v],
      ['3/-(', (v) => 3 / -v],
      [' ( ', (v) => v],
      ['- + (\t', (v) => -v],
      ['(1)+(', (v) => 1 + v],          // a closed level beside each open one
      ['0.5 /\n(', (v) => 0.5 / v],
    ];
    const [open, level] = rng.pick(shapes);
    const innermost = literal(rng);
    let value = Number(innermost);
    for (let i = 0; i < levels; i++) value = level(value);
    return { text: open.repeat(levels) + innermost + ')'.repeat(levels), value };
  }

  /** Many terms side by side at the top level. */
  wide(terms) {
    const rng = this.rng;
    this.budget = terms;
    let { text, value } = this.product(0);
    for (let i = 1; i < terms; i++) {
      const op = rng.pick(['+', '-']);
      const rhs = this.product(0);
      text += ws(rng) + op + ws(rng) + rhs.text;
      value = op === '+' ? value + rhs.value : value - rhs.value;
    }
    return { text, value };
  }

  /** A balanced tree of parentheses, `levels` high: 2^levels leaves. */
  tree(levels) {
    const rng = this.rng;
    if (levels === 0) {
      const text = literal(rng);
      return rng.chance(0.2) ? { text: '-' + text, value: -Number(text) } : { text, value: Number(text) };
    }
    const left = this.tree(levels - 1);
    const right = this.tree(levels - 1);
    const op = rng.pick(['+', '-', '*', '/']);
    const value = op === '+' ? left.value + right.value : op === '-' ? left.value - right.value
      : op === '*' ? left.value * right.value : left.value / right.value;
    return { text: '(' + ws(rng) + left.text + ws(rng) + op + ws(rng) + right.text + ws(rng) + ')', value };
  }

  deepLevels() {
    const rng = this.rng;
    const r = rng.int(10);
    if (r === 0) return this.maxDepth;                       // the deepest allowed
    if (r === 1) return this.maxDepth - rng.range(1, 100);
    return rng.range(50, 2000);
  }

  expression() {
    const rng = this.rng;
    let body;
    const r = rng.int(1000);
    if (r < 10) {
      body = this.deep(this.deepLevels());
    } else if (r < 14) {
      body = this.wide(rng.range(50, 1000));
    } else if (r < 17) {
      body = this.tree(rng.range(3, 9));
    } else {
      this.budget = rng.range(1, 12);
      body = this.sum(0);
    }
    return { text: ws(rng) + body.text + ws(rng), value: body.value };
  }
}

/**
 * `count` expressions from `seed`: [{ text, value }]. Options: maxDepth, the
 * deepest nesting to generate (default 4096, the least SPEC.md allows).
 */
export function generateExpressions(count, seed, options = {}) {
  const generator = new Generator(new Random(seed), options);
  const out = [];
  for (let i = 0; i < count; i++) out.push(generator.expression());
  return out;
}

/** The 16 hex digits of a double's IEEE-754 bits. */
export function doubleBits(value) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}
