// The package's files in dist/, from web/src and the wasm build:
//   mexe-core.wasm                the module
//   index.mjs, index.cjs          browsers, workers, bundlers: fetch the module next to them
//   node.mjs, node.cjs            Node, Bun, Deno: the module embedded
//   inline.mjs, inline.cjs        the module embedded ('mexe-wasm/inline')
//   edge.mjs                      Workers, edge runtimes: the bundle imports the module
//   *.d.ts, *.d.cts               types for import and require
// Each file is written whole and renamed into place: a test run during a
// rebuild never reads half a file.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';

await mkdir('dist', { recursive: true });

async function replace(path, write) {
  const temporary = `${path}.${process.pid}.tmp`;
  await write(temporary);
  await rename(temporary, path);
}

await replace('dist/mexe-core.wasm', (to) => copyFile('build-wasm/mexe-core.wasm', to));

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  // No keepNames: EvaluationError sets its own names (web/src/evaluator.mjs).
  logLevel: 'warning',
  loader: { '.wasm': 'binary' }, // inline.mjs imports the module's bytes
  // ES2021: `??=`; and no newer built-ins (esbuild's binary loader would use
  // Uint8Array.fromBase64, which Node 20 lacks).
  target: 'es2021',
  write: false,
};

// CommonJS has no import.meta: index.cjs has no URL to fetch the module from
// (index.mjs then says what to do).
const cjs = { format: 'cjs', define: { 'import.meta.url': 'undefined' } };


const outputs = [
  ['index.mjs', { entryPoints: ['web/src/index.mjs'], format: 'esm', platform: 'browser' }],
  ['index.cjs', { entryPoints: ['web/src/index.mjs'], platform: 'browser', ...cjs }],
  ['node.mjs', { entryPoints: ['web/src/node.mjs'], format: 'esm', platform: 'node' }],
  ['node.cjs', { entryPoints: ['web/src/node.mjs'], platform: 'node', ...cjs }],
  ['inline.mjs', { entryPoints: ['web/src/inline.mjs'], format: 'esm', platform: 'neutral' }],
  ['inline.cjs', { entryPoints: ['web/src/inline.mjs'], platform: 'neutral', ...cjs }],
  // Workers and edge runtimes compile only the .wasm files a bundle imports:
  // the import their bundlers understand goes above the code (web/src/edge.mjs).
  ['edge.mjs', { entryPoints: ['web/src/edge.mjs'], format: 'esm', platform: 'neutral',
    banner: { js: "import __mexe_module from './mexe-core.wasm?module';" } }],
];
for (const [name, options] of outputs) {
  const result = await build({ ...common, ...options });
  await replace(`dist/${name}`, (to) => writeFile(to, result.outputFiles[0].contents));
}

const types = await readFile('web/src/index.d.ts', 'utf8');
const inlineTypes = await readFile('web/src/inline.d.ts', 'utf8');
for (const [name, text] of [
  ['index.d.ts', types],
  ['index.d.cts', types],
  ['inline.d.ts', inlineTypes],
  ['inline.d.cts', inlineTypes.replaceAll("'./index.js'", "'./index.cjs'")],
]) {
  await replace(`dist/${name}`, (to) => writeFile(to, text));
}
