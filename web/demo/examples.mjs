// The example inputs behind the page's one-click buttons. Pure (no DOM), so
// the browser test builds the very same expressions to check the figures.

export const SHORT_EXAMPLES = [
  { id: 'short', label: 'Short', text: '(1.5 + 2.25) * 4 - 10 / 8' },
  { id: 'exact', label: '0.1 + 0.2', text: '0.1 + 0.2' },
];

/** One example per error code the module reports (built from ev.errorCodes). */
const ERROR_INPUTS = {
  EMPTY_INPUT: () => '',
  UNEXPECTED_CHARACTER: () => '2 ^ 10',
  EXPECTED_OPERAND: () => '2 + * 3',
  EXPECTED_OPERATOR: () => '2 (3 + 4)',
  UNEXPECTED_END: () => '(1 + 2) *',
  UNCLOSED_PAREN: () => '((1 + 2) * 3',
  UNMATCHED_CLOSE_PAREN: () => '(1 + 2)) * 3',
  NESTING_TOO_DEEP: (maxDepth) => '('.repeat(maxDepth + 1) + '1' + ')'.repeat(maxDepth + 1),
  INVALID_NUMBER: () => '1.2.3 + 4',
};

/** A valid expression nested exactly maxDepth levels deep: (1+(1+(…1))) = maxDepth + 1. */
export function deepExpression(maxDepth) {
  return '(1+'.repeat(maxDepth) + '1' + ')'.repeat(maxDepth);
}

/**
 * About `targetBytes` of varied arithmetic: literals with fractions and
 * exponents, all four operators, shallow parentheses. One line: a textarea
 * lays out one long line far faster than thousands of short ones.
 * Deterministic: the same call gives the same text.
 */
export function longExpression(targetBytes = 1_000_000) {
  let seed = 12345;
  const next = (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; // a small LCG: repeatable
    return (seed >>> 16) % n; // its high bits are the random-looking ones
  };
  const term = () => {
    switch (next(4)) {
      case 0: return `${next(1000)}.${next(100)} * ${next(9) + 1}`;
      case 1: return `(${next(500)} - ${next(100)}e-2) / ${next(7) + 1}`;
      case 2: return `${next(90) + 10}.5e1 / (${next(50) + 1} + 0.25)`;
      default: return `-${next(100)} * (${next(10)}.125 - ${next(5)})`;
    }
  };
  const parts = [];
  let size = 0;
  while (size < targetBytes) {
    const part = `${term()} + ${term()} - ${term()} + `;
    parts.push(part);
    size += part.length;
  }
  parts.push('0');
  return parts.join('');
}

/** The example buttons: [{ id, label, group, code?, text }]. */
export function buildExamples({ maxDepth, errorCodes }) {
  const examples = SHORT_EXAMPLES.map((e) => ({ ...e, group: 'valid' }));
  examples.push({ id: 'long', label: 'Long · 1 MB', group: 'valid', lazy: () => longExpression() });
  examples.push({ id: 'deep', label: `Deep · ${maxDepth.toLocaleString('en-US')} levels`, group: 'valid', lazy: () => deepExpression(maxDepth) });
  for (const code of errorCodes) {
    if (code === 'NONE' || !ERROR_INPUTS[code]) continue;
    examples.push({ id: `error-${code}`, label: code, group: 'error', code, lazy: () => ERROR_INPUTS[code](maxDepth) });
  }
  return examples;
}

/** The text of an example (the large ones are built on first use). */
export function exampleText(example) {
  if (example.text === undefined) example.text = example.lazy();
  return example.text;
}
