// Bundles the wrapper and the module's glue into the package's entry points:
// dist/index.mjs (ES module: browsers, bundlers, Node) and dist/index.cjs
// (CommonJS), next to dist/mexe-core.wasm which both load at run time.
import { build } from 'esbuild';
import { copyFile } from 'node:fs/promises';

const common = {
  entryPoints: ['web/src/index.mjs'],
  bundle: true,
  minify: true,
  legalComments: 'none',
  // No keepNames: it would wrap every function of the glue in a naming call
  // (1.2 KB gzipped); EvaluationError sets its prototype's name itself.
  logLevel: 'warning',
};

await build({ ...common, format: 'esm', platform: 'neutral', outfile: 'dist/index.mjs' });
await build({
  ...common,
  format: 'cjs',
  platform: 'node',
  outfile: 'dist/index.cjs',
  // CommonJS has no import.meta: the module's URL comes from __filename.
  banner: { js: 'const __mexe_url = require("url").pathToFileURL(__filename).href, __mexe_require = require;' },
  define: { 'import.meta.url': '__mexe_url' },
});
await copyFile('web/src/index.d.ts', 'dist/index.d.ts');
