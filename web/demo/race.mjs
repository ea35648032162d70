// The race panel: sends the current text to the race worker and shows each
// library's value, time and agreement with mexe-wasm as the rows arrive.
import { byId, el } from './dom.mjs';
import { formatNs, formatValue } from './format.mjs';
import { formatHeapBytes, loadHeapFigures, measuredOn, nearestWorkload } from './heap-figures.mjs';

const DEBOUNCE_MS = 250; // after the page's own timing, which waits for typing to pause
const LIBRARIES = ['mexe-wasm', 'expr-eval', 'mathjs'];

// How a row compares with mexe-wasm's outcome.
function agreement(reference, row) {
  if (!reference) return { key: 'pending', text: '…' };
  if (row.name === reference.name) return { key: 'reference', text: 'reference' };
  if (reference.ok && row.ok && 'value' in row) {
    return Object.is(row.value, reference.value) ? { key: 'yes', text: '✓ same' } : { key: 'no', text: '✗ different' };
  }
  if (reference.ok && row.ok) return { key: 'no', text: '✗ not a number' };
  if (reference.ok) return { key: 'no', text: '✗ threw' };
  return row.ok ? { key: 'accepts', text: 'accepts it' } : { key: 'both-reject', text: '— both reject' };
}

export function createRace() {
  const body = byId('race-table').tBodies[0];
  const status = byId('race-status');
  const panel = byId('race-table');
  let worker = null;
  let busy = false;
  let jobId = 0;
  let timer = 0;
  let rows = [];
  let notice = '';
  let figures = null; // the bench's JS-heap bytes per evaluation
  let text = '';
  const heapNote = byId('race-heap-note');
  loadHeapFigures().then((f) => {
    figures = f;
    render();
  });

  // The bench's figure for this library on the workload nearest the text in size.
  function heapCell(name) {
    const id = figures?.libraries[name];
    if (!id) return el('td', { class: 'race-heap hint', text: '—' });
    const w = nearestWorkload(figures, text.length);
    const bytes = w.perEvaluation[id];
    return el('td', { class: 'race-heap', dataset: { bytes: String(bytes ?? '') } },
      el('span', { class: 'mono', text: bytes === undefined ? 'fails' : formatHeapBytes(bytes) }),
      el('span', { class: 'hint', text: ` (${w.name})` }));
  }

  function startWorker() {
    const started = new Worker(new URL('./race-worker.mjs', import.meta.url), { type: 'module' });
    started.addEventListener('message', onMessage);
    started.addEventListener('error', (event) => {
      event.preventDefault();
      started.terminate();
      if (worker !== started) return; // an old worker, already replaced
      worker = null; // the next race starts a fresh one
      busy = false;
      panel.dataset.state = 'error';
      status.textContent = `The race worker failed: ${event.message || 'could not load'}`;
    });
    worker = started;
  }

  function render() {
    const reference = rows.find((r) => r.name === 'mexe-wasm');
    const slowest = Math.max(...rows.map((r) => r.ns).filter(Number.isFinite), 1);
    body.replaceChildren(...LIBRARIES.map((name) => {
      const row = rows.find((r) => r.name === name);
      if (!row) {
        return el('tr', { dataset: { lib: name, same: 'pending' } },
          el('th', { scope: 'row', text: name }), el('td', { class: 'hint', text: busy ? 'running…' : '—' }), el('td'), heapCell(name), el('td'));
      }
      const result = row.ok
        ? el('span', { class: 'mono', text: 'value' in row ? formatValue(row.value) : `${row.other} (not a number)` })
        : el('span', { class: 'race-error', text: row.error });
      const same = agreement(reference, row);
      const ratio = reference && row !== reference && reference.ns > 0 ? row.ns / reference.ns : null;
      return el('tr', { dataset: { lib: name, same: same.key, ns: String(row.ns) } },
        el('th', { scope: 'row', text: name }),
        el('td', { class: 'race-result' }, result),
        el('td', { class: 'race-time' },
          el('span', { class: 'mono', text: formatNs(row.ns) }),
          ratio ? el('span', { class: 'hint', text: ` ${ratio >= 1 ? `${ratio.toFixed(ratio < 10 ? 1 : 0)}× slower` : `${(1 / ratio).toFixed(1)}× faster`}` }) : null,
          el('span', { class: 'time-bar', 'aria-hidden': 'true' },
            el('span', { class: `time-bar-fill${name === 'mexe-wasm' ? ' self' : ''}`, style: { width: `${Math.max(0.5, (100 * row.ns) / slowest)}%` } }))),
        heapCell(name),
        el('td', { class: `same same-${same.key}`, text: same.text }));
    }));
    heapNote.textContent = figures
      ? `JS heap per call: not measurable in a page (browsers give no per-call heap counter), so these are the benchmark's figures for the workload nearest in size, measured in ${measuredOn(figures)}.`
      : 'JS heap per call: the benchmark\'s figures are missing (run: npm run bench).';
  }

  function onMessage({ data }) {
    if (data.id !== jobId) return;
    if (data.type === 'notice') notice = data.message;
    if (data.type === 'row') rows.push(data.row);
    if (data.type === 'done' || data.type === 'failed') {
      busy = false;
      panel.dataset.state = data.type === 'done' ? 'done' : 'error';
      status.textContent = data.type === 'failed'
        ? `The race failed: ${data.message}`
        : notice || 'Done. Times are medians of repeated runs in a worker.';
    }
    render();
  }

  function run(next) {
    text = next;
    // A library may be stuck on a huge input: start afresh rather than wait.
    if (busy && worker) {
      worker.terminate();
      worker = null;
    }
    if (!worker) startWorker();
    busy = true;
    rows = [];
    panel.dataset.state = 'running';
    status.textContent = 'Racing…';
    render();
    worker.postMessage({ id: jobId, text });
  }

  return {
    /** The input changed: forget the rows of the old text until the next race. */
    hold() {
      clearTimeout(timer);
      jobId += 1;
      panel.dataset.state = 'waiting';
    },

    /** Races the text (after a pause unless now). */
    schedule(text, { now = false } = {}) {
      clearTimeout(timer);
      jobId += 1; // late rows of an earlier text are ignored
      panel.dataset.state = 'waiting';
      if (now) run(text);
      else timer = setTimeout(() => run(text), DEBOUNCE_MS);
    },
  };
}
