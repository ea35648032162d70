// A reference model of the language in docs/SPEC.md, written from the
// contract alone and kept plain on purpose: a tokenizer and a recursive-descent
// parser that computes the value with JavaScript's own arithmetic.
//
//   evaluateReference(input, { maxDepth }) -> { value } | { code, index }
//
// The first error in left-to-right reading wins. To keep that order simple,
// the tokenizer never reports errors itself: it labels what it sees (a
// malformed literal, a character no token can start) and the parser reports
// the problem when it reaches that token, in the position it finds it.
//
// No recursion: each open parenthesis is a frame on an array, so the model
// checks any depth (maxDepth: Infinity too) in the stack of one call.

export const DEFAULT_MAX_DEPTH = 4096;

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const OPERATORS = new Set(['+', '-', '*', '/', '(', ')']);

// number := digits ('.' digits?)? exponent? | '.' digits exponent?
const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
// What makes a literal malformed when it comes directly after it.
const SPOILS_LITERAL = /[A-Za-z_.0-9]/;

/** Thrown inside the parser, turned into { code, index } at the top. */
class ModelError extends Error {
  constructor(code, index) {
    super(`${code} at ${index}`);
    this.code = code;
    this.index = index;
  }
}

/**
 * Tokens, one at a time: { kind, index } with kind one of
 *   'number' (with text, and valid: false when malformed), '+', '-', '*', '/',
 *   '(', ')', 'other' (a character no token can start), 'end'.
 * Whitespace between tokens is skipped. Indices are UTF-16 code units.
 */
class Tokenizer {
  constructor(input) {
    this.input = input;
    this.pos = 0;
    this.ahead = null;
  }

  peek() {
    this.ahead ??= this.read();
    return this.ahead;
  }

  next() {
    const token = this.peek();
    this.ahead = null;
    return token;
  }

  read() {
    const { input } = this;
    while (this.pos < input.length && WHITESPACE.has(input[this.pos])) this.pos++;
    const index = this.pos;
    if (index === input.length) return { kind: 'end', index };
    const c = input[index];
    if (OPERATORS.has(c)) {
      this.pos++;
      return { kind: c, index };
    }
    if (c === '.' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = index;
      const match = NUMBER.exec(input);
      if (match === null) {
        // A '.' with no digit after it.
        this.pos = index + 1;
        return { kind: 'number', index, valid: false };
      }
      const text = match[0];
      this.pos = index + text.length;
      const valid = this.pos === input.length || !SPOILS_LITERAL.test(input[this.pos]);
      return { kind: 'number', index, text, valid };
    }
    // Letters, other ASCII punctuation, control characters, anything past ASCII.
    this.pos++;
    return { kind: 'other', index };
  }
}

/** { value } for a valid expression, else { code, index } of the first error. */
export function evaluateReference(input, { maxDepth = DEFAULT_MAX_DEPTH } = {}) {
  if (typeof input !== 'string') throw new TypeError('evaluateReference expects a string');
  if (/^[ \t\n\r]*$/.test(input)) return { code: 'EMPTY_INPUT', index: 0 };
  const tokens = new Tokenizer(input);

  // A token where an operator, ')' or the end must come, but that is none of
  // them. The callers have taken '+ - * /', and ')' inside parentheses, so a
  // ')' here has no '(' to close.
  function notAnOperator(token) {
    switch (token.kind) {
      case 'number':
      case '(':
        return new ModelError('EXPECTED_OPERATOR', token.index);
      case ')':
        return new ModelError('UNMATCHED_CLOSE_PAREN', token.index);
      case 'other':
        return new ModelError('UNEXPECTED_CHARACTER', token.index);
      default:
        throw new Error(`model bug: ${token.kind} at operator position`);
    }
  }

  // sum     := product (('+' | '-') product)*
  // product := unary (('*' | '/') unary)*
  // unary   := ('+' | '-') unary | primary
  // primary := number | '(' sum ')'
  // The four rules in one loop that reads an operand at a time. A '(' saves
  // the level it interrupts (its sum and product so far, with their pending
  // operators, and the operand's sign) and starts a new one; where a level's
  // sum ends, its ')' gives the saved level its operand. A run of signs is
  // read in a loop (it can be a million long).
  function parseSum() {
    const open = []; // the levels a '(' interrupted, innermost last
    let sum;
    let sumOp = null;
    let product;
    let productOp = null;
    for (;;) {
      let negative = false;
      let token = tokens.next();
      while (token.kind === '+' || token.kind === '-') {
        if (token.kind === '-') negative = !negative;
        token = tokens.next();
      }
      let operand;
      switch (token.kind) {
        case 'number':
          if (!token.valid) throw new ModelError('INVALID_NUMBER', token.index);
          operand = Number(token.text);
          break;
        case '(':
          if (open.length + 1 > maxDepth) throw new ModelError('NESTING_TOO_DEEP', token.index);
          open.push({ sum, sumOp, product, productOp, negative, index: token.index });
          sumOp = null;
          productOp = null;
          continue;
        case '*':
        case '/':
        case ')':
          throw new ModelError('EXPECTED_OPERAND', token.index);
        case 'end':
          throw new ModelError('UNEXPECTED_END', input.length);
        case 'other':
          throw new ModelError('UNEXPECTED_CHARACTER', token.index);
        default:
          throw new Error(`model bug: ${token.kind} at operand position`);
      }
      // '+' leaves a number as it is; each '-' negates it.
      if (negative) operand = -operand;
      // The operand joins its product; where the product ends it joins the
      // sum; where the sum ends, so does its level, whose value is the operand
      // of the level around it.
      for (;;) {
        product = productOp === null ? operand : productOp === '*' ? product * operand : product / operand;
        const next = tokens.peek().kind;
        if (next === '*' || next === '/') {
          tokens.next();
          productOp = next;
          break;
        }
        productOp = null;
        sum = sumOp === null ? product : sumOp === '+' ? sum + product : sum - product;
        if (next === '+' || next === '-') {
          tokens.next();
          sumOp = next;
          break;
        }
        if (open.length === 0) return sum;
        const level = open.pop();
        const close = tokens.next();
        if (close.kind === 'end') throw new ModelError('UNCLOSED_PAREN', level.index);
        if (close.kind !== ')') throw notAnOperator(close);
        operand = level.negative ? -sum : sum;
        ({ sum, sumOp, product, productOp } = level);
      }
    }
  }

  try {
    const value = parseSum();
    const last = tokens.next();
    if (last.kind !== 'end') throw notAnOperator(last);
    return { value };
  } catch (error) {
    if (error instanceof ModelError) return { code: error.code, index: error.index };
    throw error;
  }
}
