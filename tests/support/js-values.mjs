#!/usr/bin/env node
// Writes expressions and the double JavaScript computes for each, for the
// native differential test (tests/cpp/js_differential_test.cpp).
//
//   node tests/support/js-values.mjs --count N --seed S [--out FILE]
//
// Output: a header line "# mexe js-values seed=S count=N", then one line per
// expression: <16 hex digits of the value's bits> TAB <expression>, where the
// expression's '\', TAB, LF and CR are written as \\, \t, \n and \r.
import { writeFileSync } from 'node:fs';
import { doubleBits, generateExpressions } from './expressions.mjs';

function parseArgs(argv) {
  const options = { count: 1000, seed: 1, out: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--count') options.count = Number(value);
    else if (arg === '--seed') options.seed = Number(value);
    else if (arg === '--out') options.out = value;
    else throw new Error(`unknown argument: ${arg}`);
    i++;
  }
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error('--count needs a whole number');
  if (!Number.isInteger(options.seed)) throw new Error('--seed needs a whole number');
  return options;
}

function escape(text) {
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);
}

const { count, seed, out } = parseArgs(process.argv.slice(2));
const lines = [`# mexe js-values seed=${seed} count=${count}`];
for (const { text, value } of generateExpressions(count, seed)) {
  lines.push(`${doubleBits(value)}\t${escape(text)}`);
}
const output = lines.join('\n') + '\n';
if (out) writeFileSync(out, output);
else process.stdout.write(output);
