// What a generated corpus contains: literal forms, halfway cases, unary runs,
// nesting, width, whitespace, kinds of result; and which mutations the
// invalid generator made. Run in tests/support/workers/coverage.mjs for
// generators.test.mjs.
import { generateMutants } from './invalid.mjs';

const LITERAL = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/g;

/** A literal's exact value as a fraction [numerator, denominator] of BigInts. */
function literalFraction(text) {
  const [, int = '', frac = '', exp = '0'] = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  const e = BigInt(exp) - BigInt(frac.length);
  const digits = BigInt((int + frac) || '0');
  return e >= 0n ? [digits * 10n ** e, 1n] : [digits, 10n ** -e];
}

/** False for literals far outside the double range (too big for BigInt, never a tie). */
function inTieRange(text) {
  const [, int = '', frac = '', exp = '0'] = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  const magnitude = Number(exp) + int.replace(/^0+/, '').length;
  return exp.length < 10 && magnitude < 400 && magnitude - frac.length > -3000;
}

const view = new DataView(new ArrayBuffer(8));
/** The exact value of the non-negative double with these bits (0x7ff0... is 2^1024). */
function bitsFraction(bits) {
  const field = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const m = field === 0 ? fraction : fraction | (1n << 52n);
  const e = field === 0 ? -1074 : field - 1075;
  return e >= 0 ? [m << BigInt(e), 1n] : [m, 1n << BigInt(-e)];
}

const compare = ([a, b], [c, d]) => {
  const l = a * d;
  const r = c * b;
  return l < r ? -1 : l > r ? 1 : 0;
};

/**
 * 'tie' when the literal lies exactly midway between its double and the
 * next one, 'near' when within 2^-40 of a spacing from that midpoint.
 */
function halfway(text) {
  const exact = literalFraction(text);
  view.setFloat64(0, Number(text));
  const bits = view.getBigUint64(0);
  const rounded = bitsFraction(bits);
  const side = compare(exact, rounded);
  if (side === 0) return null;
  const neighbour = bitsFraction(side > 0 ? bits + 1n : bits - 1n);
  const mid = [rounded[0] * neighbour[1] + neighbour[0] * rounded[1], 2n * rounded[1] * neighbour[1]];
  if (compare(exact, mid) === 0) return 'tie';
  // |exact - mid| * 2^40 < |neighbour - rounded|
  const gap = [exact[0] * mid[1] - mid[0] * exact[1], exact[1] * mid[1]];
  const spacing = [neighbour[0] * rounded[1] - rounded[0] * neighbour[1], neighbour[1] * rounded[1]];
  const abs = ([a, b]) => [a < 0n ? -a : a, b];
  return compare([abs(gap)[0] << 40n, gap[1]], abs(spacing)) < 0 ? 'near' : null;
}

function significantDigits(mantissa) {
  return mantissa.replace('.', '').replace(/^0+/, '').length;
}

/** Feature name -> how many times it was seen, over the corpus. */
export function coverage(corpus, maxDepth) {
  const features = {};
  const ties = { tie: 0, near: 0, tieAtZero: 0, tieAtInfinity: 0, tieAtNormalBoundary: 0 };
  const see = (name, yes = true) => {
    if (yes) features[name] = (features[name] ?? 0) + 1;
  };
  for (const { text, value } of corpus) {
    for (const [lit] of text.matchAll(LITERAL)) {
      const mantissa = lit.replace(/[eE].*$/, '');
      const exponent = /[eE]([+-]?)([0-9]+)$/.exec(lit);
      const significant = significantDigits(mantissa);
      const v = Number(lit);
      see('integer', /^[0-9]+$/.test(lit));
      see('decimal', /^[0-9]+\.[0-9]+$/.test(mantissa));
      see('leading dot', lit.startsWith('.'));
      see('trailing dot', mantissa.endsWith('.'));
      see('trailing dot and exponent', mantissa.endsWith('.') && exponent !== null);
      see('exponent e', lit.includes('e'));
      see('exponent E', lit.includes('E'));
      see('exponent +', exponent?.[1] === '+');
      see('exponent -', exponent?.[1] === '-');
      see('exponent leading zeros', exponent !== null && exponent[2].length > 1 && exponent[2].startsWith('0'));
      see('exponent past 20 digits', exponent !== null && exponent[2].length > 20);
      see('leading zeros', /^0[0-9]/.test(lit));
      see('only zeros', /^[0.]+$/.test(mantissa));
      see('17-20 significant digits', significant >= 17 && significant <= 20);
      see('more than 800 digits', mantissa.length > 800);
      see('subnormal', v > 0 && v < 2.2250738585072014e-308);
      see('overflow to Infinity', v === Infinity);
      see('underflow to 0', v === 0 && /[1-9]/.test(mantissa));
      if (significant >= 16 && inTieRange(lit)) {
        const h = halfway(lit);
        if (h) ties[h]++;
        if (h === 'tie' && v === 0) ties.tieAtZero++;
        if (h === 'tie' && v === Infinity) ties.tieAtInfinity++;
        if (h === 'tie' && (v === 2.2250738585072014e-308 || v === 2.225073858507201e-308)) ties.tieAtNormalBoundary++;
      }
    }
    const compact = text.replace(/[ \t\n\r]/g, '');
    const run = compact.match(/[+-]{2,}/g)?.reduce((m, r) => Math.max(m, r.length), 0) ?? 0;
    see('unary run', run >= 2);
    see('unary run of 100+', run >= 100);
    see('unary run of 1000+', run >= 1000);
    let depth = 0;
    let deepest = 0;
    let topLevelTerms = 1;
    for (let i = 0; i < compact.length; i++) {
      const c = compact[i];
      if (c === '(' && ++depth > deepest) deepest = depth;
      else if (c === ')') depth--;
      else if (depth === 0 && (c === '+' || c === '-') && i > 0 && /[0-9.)]/.test(compact[i - 1])) topLevelTerms++;
    }
    see('nesting deeper than 100', deepest > 100);
    see('nesting at maxDepth', deepest === maxDepth);
    see('100+ terms side by side', topLevelTerms >= 100);
    for (const [name, c] of [['space', ' '], ['tab', '\t'], ['newline', '\n'], ['return', '\r']]) see(`whitespace ${name}`, text.includes(c));
    see('whitespace run of 20+', /[ \t\n\r]{20,}/.test(text));
    see('result NaN', Number.isNaN(value));
    see('result -0', Object.is(value, -0));
    see('result Infinity', value === Infinity || value === -Infinity);
    see('result subnormal', value !== 0 && Math.abs(value) < 2.2250738585072014e-308);
  }
  return { features, ties };
}

/** Mutation kind -> count, over `count` mutants. */
export function mutationKinds(count, seed) {
  const kinds = {};
  for (const { how } of generateMutants(count, seed)) {
    for (const step of how.split(', then ')) {
      // 'insert "x" at 3' -> 'insert'; 's' flag: the character may be U+2028.
      const kind = step.replace(/ at [0-9]+.*$| to [0-9]+$/s, '').replace(/^(insert|replace) ".*"$/s, '$1');
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
  }
  return kinds;
}
