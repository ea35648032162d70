// The package's files in dist/, and how each is made: the one list of them
// (scripts/bundle.mjs writes exactly these; package.json ships dist/ but its
// demo folder; tests/js/package.test.mjs checks the tarball against this).
//   mexe-core.wasm                the module (from the wasm build)
//   index.mjs, index.cjs          browsers, workers, bundlers: fetch the module next to them
//   node.mjs, node.cjs            Node, Bun, Deno: the module embedded
//   inline.mjs, inline.cjs        the module embedded ('mexe-wasm/inline')
//   edge.mjs                      Workers, edge runtimes: the bundle imports the module
//   *.d.ts, *.d.cts               types for import and require

export const wasmFile = 'mexe-core.wasm';

// CommonJS has no import.meta: index.cjs has no URL to fetch the module from
// (index.mjs then says what to do).
const cjs = { format: 'cjs', define: { 'import.meta.url': 'undefined' } };

// [file, esbuild options]
export const bundles = [
  ['index.mjs', { entryPoints: ['web/src/index.mjs'], format: 'esm', platform: 'browser' }],
  ['index.cjs', { entryPoints: ['web/src/index.mjs'], platform: 'browser', ...cjs }],
  ['node.mjs', { entryPoints: ['web/src/node.mjs'], format: 'esm', platform: 'node' }],
  ['node.cjs', { entryPoints: ['web/src/node.mjs'], platform: 'node', ...cjs }],
  ['inline.mjs', { entryPoints: ['web/src/inline.mjs'], format: 'esm', platform: 'neutral' }],
  ['inline.cjs', { entryPoints: ['web/src/inline.mjs'], platform: 'neutral', ...cjs }],
  // Workers and edge runtimes compile only the .wasm files a bundle imports:
  // the import their bundlers understand goes above the code (web/src/edge.mjs).
  ['edge.mjs', { entryPoints: ['web/src/edge.mjs'], format: 'esm', platform: 'neutral',
    banner: { js: `import __mexe_module from './${wasmFile}?module';` } }],
];

// [file, source, the source's text → the file's]
export const typeFiles = [
  ['index.d.ts', 'web/src/index.d.ts', (text) => text],
  ['index.d.cts', 'web/src/index.d.ts', (text) => text],
  ['inline.d.ts', 'web/src/inline.d.ts', (text) => text],
  ['inline.d.cts', 'web/src/inline.d.ts', (text) => text.replaceAll("'./index.js'", "'./index.cjs'")],
];

export const distFiles = [wasmFile, ...bundles.map(([file]) => file), ...typeFiles.map(([file]) => file)];
