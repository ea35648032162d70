// A module worker that uses the package as a page's worker would; the browser
// test starts it under the server's Content-Security-Policy.
import { createEvaluator } from '../../dist/index.mjs';

const ev = await createEvaluator();
const many = ev.evaluateMany(['1 + 1', '2 *', '0/0']);
self.postMessage({
  value: ev.evaluate('(1 + 2) * 14'),
  many: Array.from(many.values, String),
  manyErrors: many.errors.map((e) => e && [e.code, e.index]),
  error: [ev.tryEvaluate('1 + x').error.code, ev.tryEvaluate('1 + x').error.index],
});
