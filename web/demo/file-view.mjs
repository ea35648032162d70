// The "Evaluate a file" panel: a file (chosen or dropped) is one expression,
// streamed from File.stream() through evaluateStream on an evaluator of its
// own, with a progress bar, a Cancel button (an AbortSignal), the result and
// the memory the whole stream used.
import { byId } from './dom.mjs';
import { caretUnder, formatBytes, formatInteger, formatSize, formatValue, progressParts } from './format.mjs';
import { createMemoryView } from './memory-view.mjs';

const CONTEXT = 30; // characters shown each side of an error

// The file's chunks as Uint8Arrays, counting bytes as they arrive. An abort
// cancels the read at once (a pending read then ends), and the evaluator
// closes this generator; closed before the end (an error), it cancels too.
async function* fileChunks(file, signal, onBytes) {
  const reader = file.stream().getReader();
  let ended = false;
  const cancel = () => {
    if (ended) return;
    ended = true;
    reader.cancel().catch(() => {});
  };
  signal.addEventListener('abort', cancel);
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        return;
      }
      bytes += value.length;
      onBytes(bytes);
      yield value;
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    cancel();
    reader.releaseLock();
  }
}

export function createFileView(ev) {
  const input = byId('file-input');
  const drop = byId('file-drop');
  const cancelButton = byId('file-cancel');
  const bar = byId('file-progress');
  const progressText = byId('file-progress-text');
  const result = byId('file-result');
  const name = byId('file-name');
  const value = byId('file-value');
  const message = byId('file-message');
  const caretLine = byId('file-caret-line');
  const caretMark = byId('file-caret-mark');
  const memoryBox = byId('file-memory');
  const linear = byId('file-linear');
  const memory = createMemoryView(byId('file-memory-map'), byId('file-memory-figures'), ev.memory);

  let current = null; // { controller, file, bytes, start }
  let frame = 0;

  function drawProgress(run) {
    const { file, bytes, start } = run;
    const total = file.size;
    const fraction = total === 0 ? 1 : bytes / total;
    bar.value = fraction;
    bar.dataset.percent = String(Math.floor(100 * fraction));
    progressText.textContent = progressParts(bytes, total, (performance.now() - start) / 1000, run.done ? 'done' : undefined).join(' · ');
  }

  // At most one redraw per frame, however many chunks arrive; the frame draws
  // the file being read then (a frame asked for by a cancelled file draws the next).
  function scheduleProgress() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (current) drawProgress(current);
    });
  }

  function setState(state) {
    result.dataset.state = state;
    drop.dataset.state = state;
    cancelButton.disabled = state !== 'reading';
  }

  // The input around a byte offset, read back from the file (every byte
  // before an error is ASCII, so the offset is also a character index).
  async function showCaret(file, index) {
    const from = Math.max(0, index - CONTEXT);
    const text = new TextDecoder().decode(await file.slice(from, index + CONTEXT + 1).arrayBuffer());
    const excerpt = caretUnder(text, index - from, from > 0, from + text.length < file.size);
    caretLine.textContent = excerpt.line;
    caretMark.textContent = excerpt.caret;
  }

  function showStats(stats) {
    memory.update(stats);
    memoryBox.hidden = false;
    const before = ev.memory.linearMemoryBytes;
    const after = stats.linearMemoryBytes;
    linear.dataset.unchanged = String(before === after);
    linear.textContent = `Linear memory before the stream ${formatBytes(before)}, after it ${formatBytes(after)}: ` +
      (before === after ? 'unchanged' : 'changed') +
      ` · ${formatSize(stats.inputBytes)} read through a ${formatSize(ev.memory.inputWindowBytes)} window,` +
      ` filled ${formatInteger(stats.chunks)} times · ${formatInteger(stats.heapAllocations)} heap allocations`;
  }

  async function evaluateFile(file) {
    current?.controller.abort(); // the evaluator is free again at once
    const controller = new AbortController();
    const run = { controller, file, bytes: 0, start: performance.now(), done: false };
    current = run;
    name.textContent = `${file.name} · ${formatBytes(file.size)}`;
    value.textContent = '…';
    delete value.dataset.value;
    message.textContent = '';
    caretLine.textContent = '';
    caretMark.textContent = '';
    delete result.dataset.code;
    setState('reading');
    drawProgress(run);
    const chunks = fileChunks(file, controller.signal, (bytes) => {
      run.bytes = bytes;
      scheduleProgress();
    });
    let outcome;
    try {
      outcome = { ok: true, ...(await ev.evaluateStream(chunks, { stats: true, signal: controller.signal })) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (current !== run) return; // another file took over
    run.done = true;
    drawProgress(run);
    if (outcome.ok) {
      setState('ok');
      value.textContent = formatValue(outcome.value);
      value.dataset.value = String(outcome.value);
      showStats(outcome.stats);
      return;
    }
    const { error } = outcome;
    if (controller.signal.aborted && error === controller.signal.reason) {
      setState('cancelled');
      value.textContent = '—';
      message.textContent = `Cancelled after ${formatBytes(run.bytes)} of ${formatBytes(file.size)}; the evaluator is free again.`;
      return;
    }
    setState('error');
    value.textContent = '—';
    if (error.stats) {
      // An EvaluationError: the code, the index and the input around it.
      result.dataset.code = error.code;
      result.dataset.index = String(error.index);
      message.textContent = `${error.code}: ${error.message}`;
      showStats(error.stats);
      await showCaret(file, error.index);
    } else {
      message.textContent = `The file could not be read: ${error.message}`;
    }
  }

  function take(files) {
    const file = files?.[0];
    if (file) evaluateFile(file);
  }

  input.addEventListener('change', () => {
    take(input.files);
    input.value = ''; // choosing the same file again reads it again
  });
  cancelButton.addEventListener('click', () => current?.controller.abort());

  // Drag and drop: the zone takes files; elsewhere the browser keeps its way.
  drop.addEventListener('dragover', (event) => {
    if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    take(event.dataTransfer?.files);
  });

  setState('idle');
}
