// The engines the Node benchmark times: mexe-wasm (evaluate, evaluateMany,
// and the module's batch export alone), a hand-written evaluator and the
// JavaScript expression libraries people use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function version(pkg) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

export async function makeEngines() {
  const { createEvaluator } = await import('../dist/node.mjs');
  const { evaluate: handwritten } = await import('./handwritten.mjs');
  const { Parser } = await import('expr-eval');
  const { evaluate: mathEvaluate } = await import('mathjs');
  const { default: Mexp } = await import('math-expression-evaluator');
  const { default: Formula } = await import('fparser');

  const ev = await createEvaluator();
  const core = await loadCore();
  const parser = new Parser();
  const mexp = new Mexp();
  const engines = [
    { id: 'mexe', label: 'mexe-wasm evaluate', fn: (s) => ev.evaluate(s) },
    { id: 'mexe-many', label: 'mexe-wasm evaluateMany (per item)', many: (list) => ev.evaluateMany(list) },
    { id: 'mexe-core', label: 'mexe-core.wasm batch export alone (no JS per item)', many: core.many, fits: core.fits, maxItems: core.capacity },
    { id: 'handwritten', label: 'hand-written JS (bench/handwritten.mjs)', fn: handwritten },
    { id: 'expr-eval', label: `expr-eval ${version('expr-eval')}`, fn: (s) => parser.evaluate(s) },
    { id: 'mathjs', label: `mathjs ${version('mathjs')} evaluate`, fn: (s) => mathEvaluate(s) },
    { id: 'mexp', label: `math-expression-evaluator ${version('math-expression-evaluator')}`, fn: (s) => mexp.eval(s) },
    { id: 'fparser', label: `fparser ${version('fparser')}`, fn: (s) => new Formula(s).evaluate({}) },
  ];
  // The rest of the API, measured for JS-heap bytes only (bench/bytes.mjs).
  const apiVariants = [
    { id: 'mexe-try', label: 'mexe-wasm tryEvaluate (result read at once)', fn: (s) => { const r = ev.tryEvaluate(s); return r.ok ? r.value : NaN; } },
    { id: 'mexe-stats', label: 'mexe-wasm evaluateWithStats', fn: (s) => ev.evaluateWithStats(s).value },
    { id: 'mexe-throw', label: 'mexe-wasm evaluate, thrown EvaluationError (the input + ")")', input: (s) => `${s})`, fn: (s) => {
      try {
        return ev.evaluate(s);
      } catch (e) {
        return e.index;
      }
    } },
  ];
  return { engines, apiVariants, windowBytes: ev.memory.inputWindowBytes };
}

// The module's own loop, without the wrapper: the batch's bytes are written
// into the window once, then each call is one call of the raw batch export.
// This is what the wasm core costs per item, to set beside the native core.
// A run over many batches (distinct workloads) copies each batch's bytes,
// encoded once beforehand, into the window before the call: one copy per
// call, no JavaScript per item.
async function loadCore() {
  const { instantiateRaw } = await import('./raw-module.mjs');
  const { exports, layout } = await instantiateRaw();
  const batch = exports.mexe_evaluate_batch;
  const u8 = new Uint8Array(exports.memory.buffer);
  const u32 = new Uint32Array(u8.buffer);
  const f64 = new Float64Array(u8.buffer);
  const encoder = new TextEncoder();
  const noErrors = [];
  let written = null;
  const encoded = new WeakMap(); // list -> { bytes, lengths }
  const fits = (list) => list.length <= layout.batchCapacity &&
    list.reduce((n, s) => n + s.length, 0) <= layout.inputWindowBytes;
  function write(list) {
    let e = encoded.get(list);
    if (!e) {
      if (!fits(list)) throw new Error('the batch does not fit the window');
      const text = list.join('');
      const bytes = encoder.encode(text);
      if (bytes.length !== text.length) throw new Error('not ASCII');
      e = { bytes, lengths: Uint32Array.from(list, (s) => s.length) };
      encoded.set(list, e);
    }
    u8.set(e.bytes, layout.inputWindowOffset);
    u32.set(e.lengths, layout.batchLengths >> 2);
  }
  function many(list) {
    const k = list.length;
    if (list !== written) {
      write(list);
      written = list;
    }
    const failed = batch(k);
    const values = f64.subarray(layout.batchValues >> 3, (layout.batchValues >> 3) + k);
    if (failed === 0) {
      while (noErrors.length < k) noErrors.push(null);
      return { values, errors: noErrors };
    }
    const errors = Array.from({ length: k }, (_, i) => {
      const code = u32[(layout.batchErrors >> 2) + i];
      return code === 0 ? null : new Error(`error code ${code} at ${f64[(layout.batchOffsets >> 3) + i]}`);
    });
    return { values, errors };
  }
  return { many, fits, capacity: layout.batchCapacity };
}

