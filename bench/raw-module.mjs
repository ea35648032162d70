// The module without the evaluator around it, for the benchmarks that time
// its raw exports: started by the package's own module.mjs, so the layout is
// read the one way the wrapper reads it.
import { readFileSync } from 'node:fs';
import { instantiate } from '../web/src/module.mjs';

export async function instantiateRaw() {
  const wasmModule = await WebAssembly.compile(readFileSync(new URL('../dist/mexe-core.wasm', import.meta.url)));
  const { exports, layout } = await instantiate(wasmModule);
  return { exports, layout, wasmModule };
}
