// A plain recursive-descent evaluator for the same grammar, written the way
// people write one themselves: the text and a position, one function per
// precedence level, numbers read by Number(text). The benchmarks use it as a
// baseline, and as a second source of the expected values (its arithmetic is
// JavaScript's own, in the same order).
//
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*
//   unary   := ('+' | '-') unary | primary
//   primary := number | '(' sum ')'
//
// The state lives at module level (not in closures made per call), which is
// what keeps V8's calls between the levels direct and inlinable.

let text = '';
let pos = 0;
let end = 0;

function fail(what) {
  throw new SyntaxError(`${what} at index ${pos}`);
}

// The character code at the position, -1 at the end (reading past the end
// of a string would make V8 deoptimize).
function peek() {
  return pos < end ? text.charCodeAt(pos) : -1;
}

function skipSpaces() {
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
    else return;
  }
}

function isDigit(c) {
  return c >= 48 && c <= 57;
}

function number() {
  const start = pos;
  let digits = 0;
  while (isDigit(peek())) { pos++; digits++; }
  if (peek() === 46) { // '.'
    pos++;
    while (isDigit(peek())) { pos++; digits++; }
  }
  if (digits === 0) fail('Expected a number');
  const e = peek();
  if (e === 101 || e === 69) { // 'e' 'E'
    pos++;
    const sign = peek();
    if (sign === 43 || sign === 45) pos++;
    if (!isDigit(peek())) fail('Malformed exponent');
    while (isDigit(peek())) pos++;
  }
  return Number(text.slice(start, pos));
}

function primary() {
  skipSpaces();
  const c = peek();
  if (c === 40) { // '('
    pos++;
    const value = sum();
    skipSpaces();
    if (peek() !== 41) fail('Expected )');
    pos++;
    return value;
  }
  if (isDigit(c) || c === 46) return number();
  return fail(c === -1 ? 'Unexpected end' : 'Unexpected character');
}

function unary() {
  skipSpaces();
  const c = peek();
  if (c === 45) { pos++; return -unary(); }
  if (c === 43) { pos++; return unary(); }
  return primary();
}

function product() {
  let value = unary();
  for (;;) {
    skipSpaces();
    const c = peek();
    if (c === 42) { pos++; value *= unary(); }
    else if (c === 47) { pos++; value /= unary(); }
    else return value;
  }
}

function sum() {
  let value = product();
  for (;;) {
    skipSpaces();
    const c = peek();
    if (c === 43) { pos++; value += product(); }
    else if (c === 45) { pos++; value -= product(); }
    else return value;
  }
}

export function evaluate(input) {
  text = String(input);
  pos = 0;
  end = text.length;
  try {
    const value = sum();
    skipSpaces();
    if (pos < end) fail('Unexpected character');
    return value;
  } finally {
    text = ''; // do not keep a large input alive
  }
}
