// mexe-wasm where WebAssembly is compiled only from a .wasm file the bundle
// imports (Cloudflare Workers, edge runtimes): scripts/bundle.mjs writes that
// import above this code, binding __mexe_module to a WebAssembly.Module. Both
// package entries resolve here on those platforms, so createEvaluatorSync()
// needs no options.
import { compile, compileSync } from './compile.mjs';
import { entryPoints } from './entry.mjs';

export { EvaluationError } from './entry.mjs';

/* global __mexe_module */
export const { createEvaluator, createEvaluatorSync } = entryPoints({
  load: async () => __mexe_module,
  loadSync: () => __mexe_module,
  compile,
  compileSync,
});
