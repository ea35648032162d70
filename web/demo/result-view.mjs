// The result panel: the value (and its bits), or the error with a caret
// under its index; and the time per evaluation.
import { byId } from './dom.mjs';
import { caretExcerpt, formatBits, formatInteger, formatNs, formatThroughput, formatValue } from './format.mjs';

export function createResultView() {
  const root = byId('result');
  const value = byId('result-value');
  const bits = byId('result-bits');
  const code = byId('error-code');
  const message = byId('error-message');
  const caretLine = byId('caret-line');
  const caretMark = byId('caret-mark');
  const time = byId('time-value');
  const timeDetail = byId('time-detail');

  return {
    show(outcome, text) {
      if (outcome.ok) {
        root.dataset.state = 'ok';
        value.textContent = formatValue(outcome.value);
        bits.textContent = formatBits(outcome.value);
        return;
      }
      const { error } = outcome;
      root.dataset.state = 'error';
      root.dataset.code = error.code;
      root.dataset.index = String(error.index);
      code.textContent = error.code;
      message.textContent = error.message;
      const excerpt = caretExcerpt(text, error.index);
      caretLine.textContent = excerpt.line;
      caretMark.textContent = excerpt.caret;
    },

    /** Marks the time as belonging to a previous input until it is measured again. */
    timingPending() {
      time.classList.add('stale');
      delete time.dataset.ns;
    },

    showTiming(timing, inputBytes, ok) {
      time.classList.remove('stale');
      time.dataset.ns = String(timing.ns);
      time.textContent = formatNs(timing.ns);
      const rate = ok ? formatThroughput(inputBytes, timing.ns) : ''; // a rejection reads only up to the error
      const runs = timing.reps > 1
        ? `${formatInteger(timing.batches)} batches × ${formatInteger(timing.reps)} runs`
        : `${formatInteger(timing.batches)} run${timing.batches > 1 ? 's' : ''}`;
      timeDetail.textContent = `${ok ? 'To evaluate' : 'To reject'}: median of ${runs}${rate ? ` · ${rate}` : ''}`;
    },
  };
}
