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
  /**
   * Set on errors thrown by evaluateWithStats, and by evaluateStream when read with
   * `{ stats: true }`: the figures up to the error.
   */
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

/** What evaluateStream reads: chunks of text, of UTF-8 bytes, or both. */
export type StreamSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

export interface StreamOptions {
  /**
   * Resolve to `{ value, stats }`: the figures of the whole stream (`chunks` counts window fills:
   * each chunk is copied into the input window up to `memory.inputWindowBytes` at a time).
   */
  stats?: boolean;
  /**
   * Aborting it rejects with its reason, calls the source iterator's `return()` and frees the
   * evaluator at once, even while the source has not delivered its next chunk. An already-aborted
   * signal rejects before any chunk is read.
   */
  signal?: AbortSignal;
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
  /**
   * One expression given in chunks; an evaluator reads one stream at a time. Rejects with an
   * EvaluationError on bad input, with the source's own error if reading it fails, with
   * `signal.reason` (an `AbortError` DOMException by default) once `options.signal` is aborted,
   * and with a TypeError for options of the wrong type.
   */
  evaluateStream(chunks: StreamSource, options?: StreamOptions & { stats?: false }): Promise<number>;
  /** With `stats: true`: the value and the figures of the whole stream (errors carry them too). */
  evaluateStream(chunks: StreamSource, options: StreamOptions & { stats: true }): Promise<{ value: number; stats: EvaluationStats }>;
  evaluateStream(chunks: StreamSource, options?: StreamOptions): Promise<number | { value: number; stats: EvaluationStats }>;
  readonly memory: MemoryLayout;
  /** The error codes in the module's order, 'NONE' first. */
  readonly errorCodes: readonly string[];
}

export interface EvaluatorOptions {
  /**
   * A WebAssembly.Module of dist/mexe-core.wasm, to load it yourself. Typed `object`, not with the
   * DOM lib's name, so that projects without that lib (Node-only) compile.
   */
  wasmModule?: object;
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
