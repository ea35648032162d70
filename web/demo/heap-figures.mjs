// JS-heap bytes per evaluation as `npm run bench` measured them in Node
// (heap-bytes.json, written by bench/run.mjs --demo-bytes). A page cannot
// count them: performance.memory (Chromium only) is rounded and refreshed
// rarely, and performance.measureUserAgentSpecificMemory needs cross-origin
// isolation and reports the whole page's memory, seconds later.
let loaded;
export function loadHeapFigures() {
  loaded ??= fetch(new URL('./heap-bytes.json', import.meta.url))
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
  return loaded;
}

// The single-input workloads, by size: the one nearest the text's length.
const SIZES = ['add', 'mixed', 'random-10k', 'random-1m'];
export function nearestWorkload(figures, length) {
  const known = SIZES.filter((name) => figures.workloads[name]);
  const distance = (name) => Math.abs(Math.log((figures.workloads[name].bytes + 1) / (length + 1)));
  const name = known.reduce((best, n) => (distance(n) < distance(best) ? n : best), known[0]);
  return { name, ...figures.workloads[name] };
}

export function formatHeapBytes(n) {
  if (n < 0.05) return '0 B';
  if (n < 1e4) return `${n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')} B`;
  return n < 1e6 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(1)} MB`;
}

export const measuredOn = (figures) => `${figures.measured.engine}, ${figures.measured.date} (${figures.measured.command})`;
