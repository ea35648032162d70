// createEvaluator and createEvaluatorSync over a way to find the module by
// default; each entry (index, node, inline, edge) gives its own.
import { instantiate, instantiateSync } from './module.mjs';
import { makeEvaluator } from './evaluator.mjs';

export { EvaluationError } from './errors.mjs';

function checkOptions(options, what) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${what} expects an options object`);
}

/**
 * load(): Promise<WebAssembly.Module>, called once and shared (again after a
 * failure); loadSync(): WebAssembly.Module, where the entry has one at hand
 * (inline, edge); compile and compileSync make options.wasmBinary a module
 * (compile.mjs's explain a refusal; the browser build keeps the platform's).
 */
export function entryPoints({
  load, loadSync, compile = (bytes) => WebAssembly.compile(bytes), compileSync = (bytes) => new WebAssembly.Module(bytes),
}) {
  let shared;
  function loadShared() {
    shared ??= load();
    shared.catch(() => { shared = undefined; }); // let a later call retry
    return shared;
  }

  /** One evaluator: its own wasm instance and fixed linear memory. */
  async function createEvaluator(options = {}) {
    checkOptions(options, 'createEvaluator');
    const wasmModule = options.wasmModule
      || (options.wasmBinary ? await compile(options.wasmBinary) : await loadShared());
    return makeEvaluator(await instantiate(wasmModule));
  }

  /** The same, synchronously: options.wasmModule or options.wasmBinary (inline: none needed). */
  function createEvaluatorSync(options = {}) {
    checkOptions(options, 'createEvaluatorSync');
    const wasmModule = options.wasmModule
      || (options.wasmBinary ? compileSync(options.wasmBinary) : loadSync?.());
    if (!wasmModule) {
      throw new TypeError("createEvaluatorSync needs options.wasmModule or options.wasmBinary (or import it from 'mexe-wasm/inline', which embeds the module)");
    }
    return makeEvaluator(instantiateSync(wasmModule));
  }

  return { createEvaluator, createEvaluatorSync };
}
