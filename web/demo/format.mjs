// Formatting shared by the page's panels: numbers, bytes, times, and the
// caret excerpt under an error. Pure functions (the tests import them too);
// what the CLI shows as well comes from web/shared/format.mjs.
import { caretUnder, formatNumber, formatSize } from '../shared/format.mjs';

export { caretUnder, formatSize, progressParts } from '../shared/format.mjs';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const threeDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

export const formatInteger = (n) => integer.format(n);

/** A double as JavaScript prints it, except that -0 keeps its sign. */
export function formatValue(value) {
  if (typeof value !== 'number') return `${String(value)} (not a number)`;
  return formatNumber(value);
}

/** The double's IEEE-754 bits, to show the result is exact to the bit. */
export function formatBits(value) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return '0x' + view.getBigUint64(0).toString(16).toUpperCase().padStart(16, '0');
}

/** "65,536 B"; with a KiB/MiB figure beside it once that reads better. */
export function formatBytes(bytes) {
  const exact = `${integer.format(bytes)} B`;
  if (bytes < 1024) return exact;
  return `${exact} (${formatSize(bytes)})`;
}

/** A time in nanoseconds with the unit that keeps it short: "93 ns", "4.21 ms". */
export function formatNs(ns) {
  if (!Number.isFinite(ns)) return '—';
  if (ns < 1e3) return `${threeDigits.format(ns)} ns`;
  if (ns < 1e6) return `${threeDigits.format(ns / 1e3)} µs`;
  if (ns < 1e9) return `${threeDigits.format(ns / 1e6)} ms`;
  return `${threeDigits.format(ns / 1e9)} s`;
}

/** Bytes per nanosecond as MB/s (10^6 bytes per second). */
export function formatThroughput(bytes, ns) {
  if (!(ns > 0) || !(bytes > 0)) return '';
  return `${threeDigits.format((bytes / ns) * 1e3)} MB/s`;
}

/**
 * The input around `index` and a caret line under it. Long input is cut to
 * `width` characters around the index, with "…" where it was cut.
 * Returns { line, caret, column }, caret[column] === '^'.
 */
export function caretExcerpt(text, index, width = 60) {
  let start = 0;
  let end = text.length;
  if (text.length > width) {
    start = Math.max(0, Math.min(index - Math.floor(width / 2), text.length - width));
    end = Math.min(text.length, start + width);
  }
  return caretUnder(text.slice(start, end), index - start, start > 0, end < text.length);
}

/** A short one-line preview of an expression for lists. */
export function preview(text, max = 48) {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length === 0) return '(empty)';
  return flat.length <= max ? flat : flat.slice(0, max - 1) + '…';
}
