// Runs the race off the main thread, so a slow library (or a 1 MB input)
// never freezes typing. One job at a time; the page terminates a busy worker
// when the input changes.
import { createEvaluator } from '../../dist/index.mjs';
import { measure } from './timing.mjs';

const BUDGET_MS = 250; // per library, after its first call

const WARM_UP_TEXT = '(1.5 + 2.25) * 4 - 10 / 8';

const competitorsReady = import('../../dist/demo/competitors.mjs').then(
  (module) => ({ list: module.competitors }),
  (error) => ({ list: [], error: `The other libraries are not bundled (${error.message}); run: node scripts/bundle-demo.mjs` }),
);

// Everyone gets a warm-up, so no first figure measures a cold start.
const ready = Promise.all([createEvaluator(), competitorsReady]).then(([ev, competitors]) => {
  measure(() => ev.evaluate(WARM_UP_TEXT), { budgetMs: 60 });
  for (const { evaluate } of competitors.list) measure(() => evaluate(WARM_UP_TEXT), { budgetMs: 30 });
  return { ev, competitors };
});

function describeError(error) {
  if (error && typeof error === 'object' && 'code' in error && error.name === 'EvaluationError') return error.code;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 90 ? text.slice(0, 89) + '…' : text;
}

// Times fn(text), keeping the outcome of its first call.
function race(fn, text) {
  let outcome;
  const call = () => {
    try {
      const value = fn(text);
      outcome ??= { ok: true, value };
      return value;
    } catch (error) {
      outcome ??= { ok: false, error };
      return error;
    }
  };
  const timing = measure(call, { budgetMs: BUDGET_MS, batchMs: 5 });
  return { outcome, timing };
}

// Only numbers cross back as values (other results are described in text).
function toMessage(name, { outcome, timing }) {
  const row = { name, ns: timing.ns, batches: timing.batches, reps: timing.reps, ok: outcome.ok };
  if (!outcome.ok) row.error = describeError(outcome.error);
  else if (typeof outcome.value === 'number') row.value = outcome.value;
  else row.other = `${String(outcome.value)}`.slice(0, 60);
  return row;
}

self.addEventListener('message', async ({ data }) => {
  const { id, text } = data;
  try {
    const { ev, competitors } = await ready;
    if (competitors.error) self.postMessage({ id, type: 'notice', message: competitors.error });

    const mexe = race((t) => {
      const r = ev.tryEvaluate(t);
      if (!r.ok) throw r.error;
      return r.value;
    }, text);
    self.postMessage({ id, type: 'row', row: toMessage('mexe-wasm', mexe) });
    for (const { name, evaluate } of competitors.list) {
      self.postMessage({ id, type: 'row', row: toMessage(name, race(evaluate, text)) });
    }
    self.postMessage({ id, type: 'done' });
  } catch (error) {
    // A rejected promise in a worker reaches no one: report it to the page.
    self.postMessage({ id, type: 'failed', message: String(error?.message ?? error) });
  }
});
