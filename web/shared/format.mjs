// What the CLI and the demo page both show, written once: results, sizes, a
// file's progress, and an input's text with a caret under an error.

/** A result as JavaScript's String() prints it, except that -0 keeps its sign. */
export const formatNumber = (value) => (Object.is(value, -0) ? '-0' : String(value));

/** "64 KiB", "1.5 MiB"; below 1 KiB, "512 B". */
export function formatSize(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

/** "12.3 MB" (10^6 bytes: what transfer rates are given in). */
export const formatMB = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** "0:05", "12:30", "1:02:03"; "--:--" when unknown. */
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.ceil(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/**
 * A file being read: ["3.2 MB of 20.0 MB", "16 %", "41.0 MB/s", "0:05 left"]
 * ("3.2 MB read" when the size is unknown). `ending`: 'done' or 'stopped'
 * once reading has ended, in place of the time left.
 */
export function progressParts(bytes, total, seconds, ending) {
  const rate = seconds > 0 ? bytes / seconds : NaN; // bytes per second
  const parts = [];
  if (total === undefined) {
    parts.push(`${formatMB(bytes)} read`);
  } else {
    // Rounded down: 100 % only once the whole file is read.
    const percent = total === 0 ? 100 : Math.floor((100 * bytes) / total);
    parts.push(`${formatMB(bytes)} of ${formatMB(total)}`, `${percent} %`);
  }
  parts.push(Number.isFinite(rate) && bytes > 0 ? `${(rate / 1e6).toFixed(1)} MB/s` : '-- MB/s');
  if (ending === 'done') parts.push(`done in ${seconds.toFixed(1)} s`);
  else if (ending) parts.push(ending);
  else if (total !== undefined) parts.push(`${formatDuration((total - bytes) / rate)} left`);
  return parts;
}

// One column per UTF-16 unit, so a caret lines up under it: tab, newline and
// carriage return as a space, other control characters as their symbols.
function visible(text) {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x09 || code === 0x0a || code === 0x0d) return ' ';
    if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ ␁ …
    if (code === 0x7f) return '\u2421'; // ␡
    return '\ufffd';
  });
}

/**
 * `shown` (a piece of the input) with a caret under its position `at`, "…"
 * where the input was cut before or after it. Returns { line, caret, column }:
 * caret[column] is the '^', counted in code points of line.
 */
export function caretUnder(shown, at, cutBefore, cutAfter) {
  const lead = cutBefore ? '…' : '';
  // Columns are code points: the caret's prefix is ASCII anyway (every
  // character before an error is), so this only matters for odd inputs.
  const column = lead.length + [...shown.slice(0, at)].length;
  return { line: `${lead}${visible(shown)}${cutAfter ? '…' : ''}`, caret: `${' '.repeat(column)}^`, column };
}
