// mexe-wasm for browsers, workers and bundlers: the module is fetched from
// next to this file (bundlers that understand new URL(..., import.meta.url)
// copy it), or given as options.wasmModule / options.wasmBinary.
import { entryPoints } from './entry.mjs';

export { EvaluationError } from './entry.mjs';

const fixes = "pass { wasmModule } or { wasmBinary }, or import 'mexe-wasm/inline' (the module embedded)";

async function fetchModule() {
  // Undefined in the CommonJS build (Node and bundlers take others) and in
  // bundles that keep none (Workers take the build that imports the module).
  if (!import.meta.url) throw new Error(`mexe-wasm: no URL to fetch mexe-core.wasm from (import.meta.url is undefined here): ${fixes}.`);
  const url = new URL('./mexe-core.wasm', import.meta.url);
  let bytes;
  let answer;
  try {
    const response = await fetch(url);
    bytes = new Uint8Array(await response.arrayBuffer());
    // "\0asm": anything else is a server's answer in the module's place (often index.html).
    if (!response.ok || String.fromCharCode(...bytes.subarray(0, 4)) !== '\0asm') {
      answer = `HTTP ${response.status}, ${response.headers.get('content-type')}, starting ${JSON.stringify(String.fromCharCode(...bytes.subarray(0, 12)))}`;
    }
  } catch (error) {
    answer = `the request failed: ${error.message}`;
  }
  if (answer) {
    throw new Error(`mexe-wasm: ${url} is not the WebAssembly module (${answer}): serve the package's dist/mexe-core.wasm there `
      + `(Vite before 8: optimizeDeps: { exclude: ['mexe-wasm'] }; esbuild, Rollup and Bun's bundler do not copy it), or ${fixes}.`);
  }
  return WebAssembly.compile(bytes);
}

export const { createEvaluator, createEvaluatorSync } = entryPoints({ load: fetchModule });
