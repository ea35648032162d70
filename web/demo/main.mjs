// The demo page: evaluates the expression on every keystroke and shows its
// result or error, its memory use, its time, a race against other
// libraries, and a history.
import { createEvaluator } from '../../dist/index.mjs';
import { byId, el } from './dom.mjs';
import { buildExamples, exampleText } from './examples.mjs';
import { createExampleButtons } from './examples-view.mjs';
import { createFileView } from './file-view.mjs';
import { formatInteger, formatSize } from './format.mjs';
import { createHistory } from './history.mjs';
import { createMemoryView } from './memory-view.mjs';
import { createRace } from './race.mjs';
import { createResultView } from './result-view.mjs';
import { measure } from './timing.mjs';

const TIMING_DELAY_MS = 120; // let typing settle before spending ~40 ms timing
const FIRST_TIMING_DELAY_MS = 300; // let the page finish loading: a busy CPU skews the first figure
const INITIAL_TEXT = '(1.5 + 2.25) * 4 - 10 / 8';
const LARGE_TEXT = 64 * 1024; // beyond this, no soft wrapping: layout of 1 MB stays fast

function evaluateOnce(ev, text) {
  try {
    const { value, stats } = ev.evaluateWithStats(text);
    return { ok: true, value, stats };
  } catch (error) {
    if (!error.stats) throw error; // not an input error: a bug worth seeing
    return { ok: false, error, stats: error.stats };
  }
}

function showFacts(ev) {
  const m = ev.memory;
  byId('facts').replaceChildren(
    el('li', { text: `${formatSize(m.linearMemoryBytes)} linear memory, never grows` }),
    el('li', { text: `${formatSize(m.inputWindowBytes)} input window, any input length` }),
    el('li', { text: `nesting up to ${formatInteger(m.maxDepth)} levels` }),
    el('li', { text: `${ev.errorCodes.length - 1} error codes, each with an index` }));
}

async function start() {
  const status = byId('load-status');
  const ev = await createEvaluator();
  const input = byId('expr');
  const size = byId('expr-size');
  const result = createResultView();
  const memory = createMemoryView(byId('memory-map'), byId('memory-figures'), ev.memory);
  const race = createRace();
  const history = createHistory((text) => load(text, { typed: false }));
  showFacts(ev);

  let timingTimer = 0;
  let current = null;
  let warm = false;

  function update(text, { typed, delay = typed ? TIMING_DELAY_MS : 0 }) {
    const outcome = evaluateOnce(ev, text);
    current = { text, outcome, typed };
    size.textContent = `${formatInteger(text.length)} characters`;
    result.show(outcome, text);
    memory.update(outcome.stats);
    result.timingPending();
    clearTimeout(timingTimer);
    timingTimer = setTimeout(() => time(current), delay);
    race.hold();
  }

  function time(entry) {
    if (!warm) {
      // Warm the wrapper and the module up, so the first figure is not a cold start.
      measure(() => ev.evaluate(INITIAL_TEXT), { budgetMs: 60 });
      warm = true;
    }
    const { text, outcome } = entry;
    const fn = outcome.ok ? () => ev.evaluate(text) : () => ev.tryEvaluate(text);
    const timing = measure(fn, { budgetMs: 40 });
    result.showTiming(timing, outcome.stats.inputBytes, outcome.ok);
    history.add({ text, outcome, stats: outcome.stats, ns: timing.ns, typed: entry.typed });
    // Race only now: on a two-core machine both timings at once would skew each other.
    race.schedule(text, { now: !entry.typed });
  }

  function load(text, options) {
    input.wrap = text.length > LARGE_TEXT ? 'off' : 'soft';
    input.value = text;
    update(text, options);
  }

  input.addEventListener('input', () => update(input.value, { typed: true }));
  createExampleButtons(buildExamples({ maxDepth: ev.memory.maxDepth, errorCodes: ev.errorCodes }), (example) => {
    load(exampleText(example), { typed: false });
  });

  load(INITIAL_TEXT, { typed: false, delay: FIRST_TIMING_DELAY_MS });
  // Files stream through an evaluator of their own: one reading a stream
  // refuses other calls, and typing must go on meanwhile.
  createFileView(await createEvaluator());
  status.hidden = true;
  document.documentElement.dataset.state = 'ready';
}

start().catch((error) => {
  const status = byId('load-status');
  status.hidden = false;
  status.classList.add('error');
  status.textContent = `The demo could not start: ${error.message}`;
  document.documentElement.dataset.state = 'error';
  throw error;
});
