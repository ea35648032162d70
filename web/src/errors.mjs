// What the API throws: EvaluationError for input that is not an expression
// (its code and message from the module's own table), TypeError for a call
// that is not what the API takes.

/** Thrown (or returned by tryEvaluate) for input that is not a valid expression. */
export class EvaluationError extends Error {
  constructor(code, index, message) {
    super(`${message} at index ${index}`);
    this.code = code;
    this.index = index;
  }
}
// Set here, not by the class: minified builds rename the class (and with it
// constructor.name), and esbuild's keepNames would wrap every function.
EvaluationError.prototype.name = 'EvaluationError';
Object.defineProperty(EvaluationError, 'name', { value: 'EvaluationError' });

export function typeName(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export function requireString(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} expects a string, got ${typeName(value)}`);
}

/**
 * [makeError, makeQuietError]: EvaluationErrors from the module's table
 * ([{ code, message }] by error code), with and without a stack trace.
 */
export function errorMaker(errorTable) {
  function makeError(code, index) {
    const entry = errorTable[code];
    return new EvaluationError(entry.code, index, entry.message);
  }

  // Errors handed back as values (tryEvaluate, evaluateMany) skip the stack
  // trace: capturing one costs microseconds, many times the evaluation.
  function makeQuietError(code, index) {
    const limit = Error.stackTraceLimit;
    if (typeof limit !== 'number') return makeError(code, index);
    Error.stackTraceLimit = 0;
    try {
      return makeError(code, index);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  return [makeError, makeQuietError];
}
