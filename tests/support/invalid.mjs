// Invalid expressions by mutation of valid ones: insert, delete or replace a
// character, truncate, or unbalance the parentheses, one to three times, with
// a seeded PRNG. Most results are invalid; some stay valid (a digit replaced
// by a digit), so callers ask the reference model which is which. And a fixed
// list of hand-made hostile lines (handMade).
import { Random, generateExpressions } from './expressions.mjs';

const controls = [];
for (let c = 0; c < 32; c++) controls.push(String.fromCharCode(c));
controls.push('\x7f');

// What a mutation may put in, by kind. 'e' and 'E' appear among the grammar
// characters and the letters: they can finish or spoil an exponent.
const pools = [
  [30, ['0', '1', '5', '9', '.', 'e', 'E', '+', '-', '*', '/', '(', ')', ' ', '\t', '\n', '\r']],
  [20, ['x', 'a', 'e', 'E', '_', 'z', 'Z', 'f', 'n', 'I', 'b', 'o', 'X']],
  [15, ['#', ',', '^', '%', '!', '=', '"', "'", '\\', '$', '&', '|', '~', ';', ':', '?', '@', '[', ']', '{', '}', '<', '>', '`']],
  [15, controls],
  // Non-ASCII: look-alikes of the grammar (minus sign, full-width digit and
  // 'e', Arabic-Indic digit), spaces JavaScript would skip (NBSP, BOM, line
  // separator), a surrogate pair and lone surrogates.
  [20, ['é', 'ß', '€', '\u00a0', '\u2028', '\ufeff', '\u0663', '\uff11', '\uff45', '\u2212', '×', '÷',
    '😀', '\ud800', '\udfff', '\u0080', '\u00ff']],
];
const poolTotal = pools.reduce((sum, [weight]) => sum + weight, 0);

function randomChar(rng) {
  let r = rng.int(poolTotal);
  for (const [weight, chars] of pools) {
    if (r < weight) return rng.pick(chars);
    r -= weight;
  }
  throw new Error('unreachable');
}

/** Positions of '(' or ')' in text. */
function parenPositions(text) {
  const out = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '(' || text[i] === ')') out.push(i);
  return out;
}

/** One mutation of text: { text, how } (how says what was done, for messages). */
export function mutateOnce(rng, text) {
  const at = rng.int(text.length + 1);  // a position, the end included
  switch (rng.int(6)) {
    case 0: {
      const c = randomChar(rng);
      return { text: text.slice(0, at) + c + text.slice(at), how: `insert ${JSON.stringify(c)} at ${at}` };
    }
    case 1:
      if (at === text.length) return { text: text.slice(0, -1), how: 'delete the last character' };
      return { text: text.slice(0, at) + text.slice(at + 1), how: `delete at ${at}` };
    case 2: {
      if (at === text.length) return mutateOnce(rng, text);
      const c = randomChar(rng);
      return { text: text.slice(0, at) + c + text.slice(at + 1), how: `replace at ${at} with ${JSON.stringify(c)}` };
    }
    case 3:
      return { text: text.slice(0, at), how: `truncate to ${at}` };
    case 4: {
      // One parenthesis more, anywhere.
      const c = rng.pick(['(', ')']);
      return { text: text.slice(0, at) + c + text.slice(at), how: `insert ${c} at ${at}` };
    }
    default: {
      // One parenthesis less, or one turned round.
      const parens = parenPositions(text);
      if (parens.length === 0) return { text: '(' + text, how: 'open a parenthesis at 0' };
      const p = rng.pick(parens);
      if (rng.chance(0.5)) return { text: text.slice(0, p) + text.slice(p + 1), how: `delete the parenthesis at ${p}` };
      const flipped = text[p] === '(' ? ')' : '(';
      return { text: text.slice(0, p) + flipped + text.slice(p + 1), how: `turn the parenthesis at ${p} round` };
    }
  }
}

/** One to three mutations of text: { text, how }. */
export function mutate(rng, text) {
  const r = rng.int(10);
  const times = r < 7 ? 1 : r < 9 ? 2 : 3;
  let result = { text, how: '' };
  const hows = [];
  for (let i = 0; i < times; i++) {
    result = mutateOnce(rng, result.text);
    hows.push(result.how);
  }
  return { text: result.text, how: hows.join(', then ') };
}

/**
 * `count` mutants from `seed`: [{ text, source, how }], each from one of the
 * valid expressions generateExpressions(sources, seed) gives (source is its
 * index there). Reproducible: the same arguments give the same list.
 */
export function generateMutants(count, seed, { sources = Math.max(1, Math.ceil(count / 4)), valid } = {}) {
  const bases = valid ?? generateExpressions(sources, seed).map((x) => x.text);
  const rng = new Random((seed ^ 0x1b873593) >>> 0);
  const out = [];
  for (let i = 0; i < count; i++) {
    const source = rng.int(bases.length);
    const { text, how } = mutate(rng, bases[source]);
    out.push({ text, source, how });
  }
  return out;
}

// ---- Hand-made ----

/**
 * Short inputs around the characters that are hardest to get right: every
 * control character and some unusual units in several places, and the
 * classic mistakes. Some are valid ('0', '.5', '007').
 */
export function handMade() {
  const out = [];
  const controls = [];
  for (let c = 0; c < 32; c++) controls.push(String.fromCharCode(c));
  controls.push('\x7f');
  // Each control character at the start, after a literal, after an operator,
  // inside parentheses and at the end.
  for (const c of controls) {
    out.push(c, `${c}1`, `1${c}`, `1${c}+2`, `1+${c}2`, `(${c}1)`, `(1${c})`, `2*3${c}`, `1e${c}`, `.${c}5`);
  }
  const unusual = ['\ud800', '\udfff', '\ud83d\ude00', '\ufffd', '\u00e9', '\u00a0', '\u2028', '\ufeff', '\uff11', '\u2212', '\u0080'];
  for (const u of unusual) out.push(u, `1${u}`, `1+${u}`, `(1)${u}`, `1e${u}`, `${u}1`, `1.${u}`, `${'1+'.repeat(20)}${u}`);
  out.push('', ' ', '\t\n\r ', '0', '-0', '0*-1', '0/0', '1/0', '-1/0', '1e400', '1e-400', '.5', '5.', '007', '08');
  out.push('1e', '1e+', '1E-', '1.2.3', '0x10', '1_000', '2x', '.', '..', '.e1', '1..', '1e5e', '1e5.', '1 e', '(1)e');
  out.push('2 + * 3', '()', '2 3', '2 (3)', '2 +', '(', '-', '(1 + 2', '((1)', '1)', ')', '(()', '2 .', '#', ',', '^', '%');
  return out;
}
