// Bundles the libraries the demo's race panel compares against (expr-eval,
// mathjs) into one browser ES module: dist/demo/competitors.mjs.
// They are devDependencies, so the page cannot import them from node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Each entry parses and evaluates the text on every call, as mexe-wasm does.
const entry = `
import { Parser } from 'expr-eval';
import { evaluate as mathjsEvaluate } from 'mathjs';
export const competitors = [
  { name: 'expr-eval', evaluate: (text) => Parser.evaluate(text) },
  { name: 'mathjs', evaluate: (text) => mathjsEvaluate(text) },
];
`;

await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'competitors.mjs', loader: 'js' },
  absWorkingDir: root,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  legalComments: 'eof', // keep the libraries' license notices
  outfile: 'dist/demo/competitors.mjs',
  logLevel: 'warning',
});
