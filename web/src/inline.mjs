// mexe-wasm with the module embedded: nothing to serve or copy, and
// createEvaluatorSync() needs no options.
import wasmBytes from '../../dist/mexe-core.wasm'; // a Uint8Array (scripts/bundle.mjs)
import { compile, compileSync } from './compile.mjs';
import { entryPoints } from './entry.mjs';

export { EvaluationError } from './entry.mjs';

let compiled;

export const { createEvaluator, createEvaluatorSync } = entryPoints({
  load: async () => (compiled ??= await compile(wasmBytes)),
  loadSync: () => (compiled ??= compileSync(wasmBytes)),
  compile,
  compileSync,
});
