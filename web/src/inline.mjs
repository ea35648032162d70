// mexe-wasm with the module embedded: nothing to serve or copy, and
// createEvaluatorSync() needs no options.
import wasmBytes from '../../dist/mexe-core.wasm'; // a Uint8Array (scripts/bundle.mjs)
import { entryPoints } from './entry.mjs';

export { EvaluationError } from './entry.mjs';

let compiled;
const embedded = () => (compiled ??= new WebAssembly.Module(wasmBytes));

export const { createEvaluator, createEvaluatorSync } = entryPoints(
  async () => (compiled ??= await WebAssembly.compile(wasmBytes)),
  embedded,
);
