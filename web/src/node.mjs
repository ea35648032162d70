// mexe-wasm for Node, Bun and Deno: the module is embedded, so nothing is
// read from disk (bundles, single-file executables and Deno without
// --allow-read work alike). createEvaluatorSync still needs a module, as in
// every build of the main entry but the imported one.
import wasmBytes from '../../dist/mexe-core.wasm'; // a Uint8Array (scripts/bundle.mjs)
import { compile, compileSync } from './compile.mjs';
import { entryPoints } from './entry.mjs';

export { EvaluationError } from './entry.mjs';

export const { createEvaluator, createEvaluatorSync } = entryPoints({ load: () => compile(wasmBytes), compile, compileSync });
