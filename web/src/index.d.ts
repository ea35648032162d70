/** Every way an input can be wrong (see the error table in the README). */
export type ErrorCode =
  | 'EMPTY_INPUT'
  | 'UNEXPECTED_CHARACTER'
  | 'EXPECTED_OPERAND'
  | 'EXPECTED_OPERATOR'
  | 'UNEXPECTED_END'
  | 'UNCLOSED_PAREN'
  | 'UNMATCHED_CLOSE_PAREN'
  | 'NESTING_TOO_DEEP'
  | 'INVALID_NUMBER';

export declare class EvaluationError extends Error {
  readonly name: 'EvaluationError';
  /** What is wrong. */
  readonly code: ErrorCode;
  /** UTF-16 index into the input of the offending character (the length for UNEXPECTED_END). */
  readonly index: number;
  /** Set on errors thrown by evaluateWithStats. */
  stats?: EvaluationStats;
}

export interface EvaluationStats {
  /** UTF-8 bytes read (up to the error, if any). */
  inputBytes: number;
  /** Input-window fills (1 when the input fits the window). */
  chunks: number;
  /** Deepest parenthesis nesting reached. */
  peakDepth: number;
  /** Bytes of the stack area used at the peak. */
  peakStackBytes: number;
  /** malloc calls during this evaluation, measured in the module (expected: 0). */
  heapAllocations: number;
  /** The module's whole linear memory (constant). */
  linearMemoryBytes: number;
  /** The fixed scratch region (constant). */
  scratchBytes: number;
}

export interface MemoryLayout {
  linearMemoryBytes: number;
  scratchBytes: number;
  inputWindowBytes: number;
  stackBytes: number;
  maxDepth: number;
  scratchOffset: number;
  inputWindowOffset: number;
  stackOffset: number;
  frameBytes: number;
}

export type TryResult = { ok: true; value: number } | { ok: false; error: EvaluationError };

export interface Evaluator {
  /** The value of the expression; throws EvaluationError on bad input, TypeError on a non-string. */
  evaluate(expr: string): number;
  tryEvaluate(expr: string): TryResult;
  /** Per-item results: values[i] is NaN where errors[i] is set. */
  evaluateMany(exprs: readonly string[]): { values: Float64Array; errors: (EvaluationError | null)[] };
  /** Throws EvaluationError (with .stats) on bad input. */
  evaluateWithStats(expr: string): { value: number; stats: EvaluationStats };
  /** One expression given in chunks; an evaluator reads one stream at a time. */
  evaluateStream(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<number>;
  readonly memory: MemoryLayout;
  /** The error codes in the module's order, 'NONE' first. */
  readonly errorCodes: readonly string[];
}

/**
 * A compiled WebAssembly.Module. Written without the DOM lib's names, so that
 * projects without it (Node-only, `--lib es2022`) compile: the real type where
 * the global is declared, `object` elsewhere.
 */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: never) => infer M } }
  ? M
  : object;

export interface EvaluatorOptions {
  /** A compiled module of dist/mexe-core.wasm, to load it yourself. */
  wasmModule?: WasmModule;
  /** The bytes of dist/mexe-core.wasm, to load it yourself. */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
}

/** One wasm instance with its own fixed linear memory. */
export declare function createEvaluator(options?: EvaluatorOptions): Promise<Evaluator>;

/**
 * The same, synchronously, from a module you load yourself: one of
 * options.wasmModule or options.wasmBinary is required (TypeError otherwise).
 * 'mexe-wasm/inline' has the module embedded and needs none.
 */
export declare function createEvaluatorSync(options: EvaluatorOptions): Evaluator;
