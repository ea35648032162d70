// The module without the wrapper, for the benchmarks that time its raw
// exports: its Emscripten object, its layout, and the compiled module.
import { readFileSync } from 'node:fs';
import createMexeModule from '../dist/mexe-core.mjs';

export async function instantiateRaw() {
  const wasmModule = await WebAssembly.compile(readFileSync(new URL('../dist/mexe-core.wasm', import.meta.url)));
  const M = await createMexeModule({
    mexe: {}, // mexe_describe() fills it
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(wasmModule, imports).then((instance) => done(instance, wasmModule));
      return {};
    },
  });
  M._mexe_describe();
  return { M, layout: M.mexe.layout, wasmModule };
}
