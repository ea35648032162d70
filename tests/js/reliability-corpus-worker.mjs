// Worker: builds a mixed corpus outside Jest's module sandbox (where the
// generator runs about ten times slower): seeded valid expressions, mutants of
// them, and hand-made hostile lines.
// Receives { seed, valid, mutants }; posts back { texts }.
import { parentPort, workerData } from 'node:worker_threads';
import { generateExpressions } from '../support/expressions.mjs';
import { generateMutants } from '../support/invalid.mjs';

/** Short inputs around the characters that are hardest to get right. */
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

if (parentPort !== null && workerData?.corpus === true) {
  const { seed, valid, mutants } = workerData;
  const expressions = generateExpressions(valid, seed).map((x) => x.text);
  const mutated = generateMutants(mutants, seed, { valid: expressions }).map((m) => m.text);
  parentPort.postMessage({ texts: [...handMade(), ...expressions, ...mutated] });
}
