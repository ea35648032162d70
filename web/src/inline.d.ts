// 'mexe-wasm/inline': the main entry's API, with the module embedded.
import type { Evaluator, EvaluatorOptions } from './index.js';

export * from './index.js';

/** One evaluator from the embedded module, synchronously; options as createEvaluator's. */
export declare function createEvaluatorSync(options?: EvaluatorOptions): Evaluator;
