// The memory panel: the module's linear memory and, zoomed in, its fixed
// scratch region drawn to scale (input window, tables, evaluation stack),
// with what one evaluation used, and the figures beside it.
import { el, svg } from './dom.mjs';
import { formatBytes, formatInteger, formatSize } from './format.mjs';
import { formatHeapBytes, loadHeapFigures, measuredOn, nearestWorkload } from './heap-figures.mjs';

const pct = (part, whole) => `${(100 * part) / whole}%`;

// Splits the scratch region into its parts, in address order. Whatever is
// neither the window nor the stack holds the batch table and the evaluator's own state.
function scratchParts(m) {
  const start = m.scratchOffset;
  const end = start + m.scratchBytes;
  const known = [
    { kind: 'window', offset: m.inputWindowOffset, bytes: m.inputWindowBytes },
    { kind: 'stack', offset: m.stackOffset, bytes: m.stackBytes },
  ].sort((a, b) => a.offset - b.offset);
  const parts = [];
  let at = start;
  for (const part of known) {
    if (part.offset > at) parts.push({ kind: 'tables', offset: at, bytes: part.offset - at });
    parts.push(part);
    at = part.offset + part.bytes;
  }
  if (end > at) parts.push({ kind: 'tables', offset: at, bytes: end - at });
  return parts;
}

function legendItem(kind, label) {
  const value = el('span', { class: 'legend-value' });
  const item = el('li', { class: `legend-item legend-${kind}` },
    el('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' }),
    el('span', { class: 'legend-label', text: label }), ' ', value);
  return { item, value };
}

export function createMemoryView(mapRoot, figuresRoot, memory) {
  const m = memory;
  const scratchEnd = m.scratchOffset + m.scratchBytes;
  const tablesBytes = m.scratchBytes - m.inputWindowBytes - m.stackBytes;

  // Row 1: the whole linear memory, the scratch region highlighted.
  const linearBar = el('div', { class: 'bar bar-linear', role: 'img',
    'aria-label': `Linear memory ${formatSize(m.linearMemoryBytes)}, of which the scratch region is ${formatSize(m.scratchBytes)}` },
    el('div', { class: 'seg seg-module', style: { width: pct(m.scratchOffset, m.linearMemoryBytes) } }),
    el('div', { class: 'seg seg-scratch', style: { width: pct(m.scratchBytes, m.linearMemoryBytes) } },
      el('span', { class: 'seg-label', text: 'scratch' })),
    el('div', { class: 'seg seg-module', style: { width: pct(m.linearMemoryBytes - scratchEnd, m.linearMemoryBytes) } }));

  // The zoom lines from the scratch segment down to the full-width bar.
  const left = (100 * m.scratchOffset) / m.linearMemoryBytes;
  const right = (100 * scratchEnd) / m.linearMemoryBytes;
  const zoom = svg('svg', { class: 'zoom', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
  zoom.append(svg('polygon', { points: `${left},0 ${right},0 100,10 0,10`, class: 'zoom-shape' }));

  // Row 2: the scratch region, each part with a fill for what was used.
  const fills = {};
  const parts = {};
  const scratchBar = el('div', { class: 'bar bar-scratch' });
  for (const part of scratchParts(m)) {
    const seg = el('div', { class: `seg seg-${part.kind}`, style: { width: pct(part.bytes, m.scratchBytes) } });
    if (part.kind !== 'tables') {
      const fill = el('div', { class: 'fill' });
      seg.append(fill);
      fills[part.kind] = fill;
      parts[part.kind] = seg;
    }
    scratchBar.append(seg);
  }
  const reuseBadge = el('span', { class: 'reuse-badge', hidden: true });
  parts.window.append(reuseBadge);
  const scratchLabel = `Scratch region ${formatSize(m.scratchBytes)}: input window ${formatSize(m.inputWindowBytes)}, tables ${formatSize(tablesBytes)}, evaluation stack ${formatSize(m.stackBytes)}`;
  scratchBar.setAttribute('role', 'img');

  const windowLegend = legendItem('window', `Input window · ${formatSize(m.inputWindowBytes)}`);
  const stackLegend = legendItem('stack', `Evaluation stack · ${formatSize(m.stackBytes)}`);
  const tablesLegend = legendItem('tables', `Batch table & evaluator state · ${formatSize(tablesBytes)}`);
  tablesLegend.value.textContent = 'fixed';
  const freeLegend = legendItem('free', 'Unused this time');

  mapRoot.replaceChildren(
    el('p', { class: 'bar-title' }, el('strong', { text: 'Linear memory' }), ` · ${formatBytes(m.linearMemoryBytes)}, fixed`),
    linearBar,
    zoom,
    el('p', { class: 'bar-title' }, el('strong', { text: 'Scratch region' }), ` · ${formatBytes(m.scratchBytes)}, static`),
    scratchBar,
    el('ul', { class: 'legend' }, windowLegend.item, stackLegend.item, tablesLegend.item, freeLegend.item));

  // The figures, each with a machine-readable data-value beside its text.
  const rows = {};
  const addRow = (stat, label) => {
    const dd = el('dd', { 'data-stat': stat });
    figuresRoot.append(el('div', { class: 'figure' }, el('dt', { text: label }), dd));
    rows[stat] = dd;
  };
  figuresRoot.replaceChildren();
  addRow('inputBytes', 'Input read');
  addRow('chunks', 'Window fills');
  addRow('peakDepth', 'Peak depth');
  addRow('peakStackBytes', 'Peak stack');
  addRow('heapAllocations', 'Heap allocations');
  // Not one of the evaluation's stats: its own attribute.
  const heapRow = el('dd', { 'data-heap': '' });
  figuresRoot.append(el('div', { class: 'figure' }, el('dt', { text: 'JavaScript heap' }), heapRow));
  addRow('linearMemoryBytes', 'Linear memory');
  addRow('scratchBytes', 'Scratch region');

  const setRow = (stat, value, text) => {
    rows[stat].dataset.value = String(value);
    rows[stat].textContent = text;
  };

  // A used part too small to see at scale still shows as a hairline.
  const setFill = (fill, part, whole) => {
    fill.style.width = pct(Math.min(part, whole), whole);
    fill.classList.toggle('hairline', part > 0 && part / whole < 0.004);
  };

  // The JavaScript side's bytes: not countable in a page, so the bench's.
  let figures = null;
  let lastBytes = 0;
  const setHeap = () => {
    if (!figures) {
      heapRow.textContent = 'not measurable in a page (browsers give no per-call heap counter)';
      return;
    }
    const w = nearestWorkload(figures, lastBytes);
    const bytes = w.perEvaluation['mexe-stats'];
    heapRow.dataset.heap = String(bytes ?? '');
    heapRow.textContent = `not measurable in a page; in ${measuredOn(figures)}: ${bytes === undefined ? '—' : formatHeapBytes(bytes)} per evaluateWithStats call (${w.name})`;
  };
  loadHeapFigures().then((f) => {
    figures = f;
    setHeap();
  });

  return {
    update(stats) {
      const windowUsed = Math.min(stats.inputBytes, m.inputWindowBytes);
      setFill(fills.window, windowUsed, m.inputWindowBytes);
      setFill(fills.stack, stats.peakStackBytes, m.stackBytes);
      const reused = stats.chunks > 1;
      parts.window.classList.toggle('reused', reused);
      reuseBadge.hidden = !reused;
      reuseBadge.textContent = `×${formatInteger(stats.chunks)}`;
      scratchBar.setAttribute('aria-label', `${scratchLabel}. This evaluation used ${formatInteger(windowUsed)} bytes of the window and ${formatInteger(stats.peakStackBytes)} bytes of the stack.`);

      const stackPct = (100 * stats.peakStackBytes) / m.stackBytes;
      windowLegend.value.textContent = reused
        ? `full, filled ${formatInteger(stats.chunks)} times (reused ${formatInteger(stats.chunks - 1)}×)`
        : `${formatInteger(windowUsed)} B used`;
      stackLegend.value.textContent = `peak ${formatInteger(stats.peakStackBytes)} B (${stackPct.toFixed(stackPct > 0 && stackPct < 1 ? 2 : 0)} %)`;

      setRow('inputBytes', stats.inputBytes, formatBytes(stats.inputBytes));
      setRow('chunks', stats.chunks, stats.chunks > 1
        ? `${formatInteger(stats.chunks)} · window reused ${formatInteger(stats.chunks - 1)} times`
        : `${formatInteger(stats.chunks)} · fits the ${formatSize(m.inputWindowBytes)} window`);
      setRow('peakDepth', stats.peakDepth, `${formatInteger(stats.peakDepth)} of ${formatInteger(m.maxDepth)} levels`);
      setRow('peakStackBytes', stats.peakStackBytes, `${formatInteger(stats.peakStackBytes)} B of ${formatSize(m.stackBytes)}`);
      setRow('heapAllocations', stats.heapAllocations, `${formatInteger(stats.heapAllocations)} malloc calls`);
      lastBytes = stats.inputBytes;
      setHeap();
      setRow('linearMemoryBytes', stats.linearMemoryBytes, `${formatBytes(stats.linearMemoryBytes)}, never grows`);
      setRow('scratchBytes', stats.scratchBytes, formatBytes(stats.scratchBytes));
    },
  };
}
