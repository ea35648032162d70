// mexe-wasm for browsers, workers and bundlers: the module is fetched from
// next to this file (bundlers that understand new URL(..., import.meta.url)
// copy it), or given as options.wasmModule / options.wasmBinary.
import { entryPoints } from './entry.mjs';

export { EvaluationError } from './entry.mjs';

const fixes = "pass { wasmModule } or { wasmBinary }, or import from 'mexe-wasm/inline', which embeds the module";

async function fetchModule() {
  // undefined in the CommonJS build for neither Node nor bundlers (which take the ESM one).
  if (!import.meta.url) throw new Error(`mexe-wasm: CommonJS outside Node has no location to load mexe-core.wasm from: ${fixes}.`);
  const url = new URL('./mexe-core.wasm', import.meta.url);
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // "\0asm": anything else is a server's answer in the module's place (often index.html).
  if (!response.ok || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    const start = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new Error(`mexe-wasm: ${url} is not the WebAssembly module: HTTP ${response.status}, `
      + `content-type ${response.headers.get('content-type')}, first bytes ${start || '(none)'}. Serve the package's `
      + `dist/mexe-core.wasm there (Vite before 8: optimizeDeps: { exclude: ['mexe-wasm'] }; esbuild and Rollup do not copy it), or ${fixes}.`);
  }
  return WebAssembly.compile(bytes);
}

export const { createEvaluator, createEvaluatorSync } = entryPoints(fetchModule);
