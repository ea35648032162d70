// The history list: the last evaluations with their figures, newest first.
import { byId, el } from './dom.mjs';
import { formatInteger, formatNs, formatSize, formatValue, preview } from './format.mjs';

const LIMIT = 20;
const TYPING_MERGE_MS = 2000; // keystrokes this close together make one entry

export function createHistory(onSelect) {
  const body = byId('history-table').tBodies[0];
  const empty = byId('history-empty');
  const entries = [];

  function cell(label, ...children) {
    return el('td', { 'data-label': label }, ...children);
  }

  function render() {
    empty.hidden = entries.length > 0;
    body.replaceChildren(...entries.map((entry) => {
      const { stats, outcome } = entry;
      const result = outcome.ok
        ? el('span', { class: 'mono', text: formatValue(outcome.value) })
        : el('span', { class: 'badge badge-error', text: outcome.error.code });
      const load = el('button', {
        type: 'button',
        class: 'link mono',
        title: 'Load this expression again',
        text: preview(entry.text, 36),
      });
      load.addEventListener('click', () => onSelect(entry.text));
      return el('tr', { dataset: { inputBytes: String(stats.inputBytes) } },
        cell('Expression', load, el('span', { class: 'hint length', text: ` ${formatInteger(entry.text.length)} chars` })),
        cell('Result', result),
        cell('Input', `${formatSize(stats.inputBytes)}`),
        cell('Window fills', formatInteger(stats.chunks)),
        cell('Peak depth', formatInteger(stats.peakDepth)),
        cell('Peak stack', `${formatInteger(stats.peakStackBytes)} B`),
        cell('Heap allocs', formatInteger(stats.heapAllocations)),
        cell('Time', entry.ns === undefined ? '…' : formatNs(entry.ns)));
    }));
  }

  return {
    /** Records an evaluation; quick successive keystrokes replace one entry. */
    add({ text, outcome, stats, ns, typed }) {
      const now = performance.now();
      const last = entries[0];
      if (last && last.text === text) {
        Object.assign(last, { outcome, stats, ns, at: now });
      } else if (last && typed && last.typed && now - last.at < TYPING_MERGE_MS) {
        Object.assign(last, { text, outcome, stats, ns, at: now });
      } else {
        entries.unshift({ text, outcome, stats, ns, typed, at: now });
        entries.length = Math.min(entries.length, LIMIT);
      }
      render();
    },
  };
}
