// JS-heap bytes per call: evaluate allocates nothing for input that fits the
// input window and a constant per window beyond it; evaluateMany nothing per
// item beyond its results (a slot in values and one in errors), never per
// character. Measured in a child process started with the flags the method
// needs (bench/heap.mjs); bytes are counted, not timed, so a busy machine
// changes nothing. The thresholds sit far above the method's noise (a
// fraction of a byte) and far below any copy of the input. Where V8 does
// not inline evaluate into its caller, or encodeInto into evaluate, a boxed
// result (16 bytes) or encodeInto's result object (40) can remain: below
// 64 bytes a call; a copy of the 10 KB input is over 10,000.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HEAP_FLAGS } from '../../bench/heap.mjs';

const probe = fileURLToPath(new URL('../support/heap-probe.mjs', import.meta.url));
let m; // the probe's figures

beforeAll(() => {
  m = JSON.parse(execFileSync(process.execPath, [...HEAP_FLAGS, probe], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}, 120000);

test('evaluate allocates nothing for input that fits the window', () => {
  for (const name of ['short', 'formula', 'tenKB']) expect([name, m.evaluate[name]]).toEqual([name, expect.any(Number)]);
  expect(m.evaluate.short).toBeLessThan(64);
  expect(m.evaluate.formula).toBeLessThan(64);
  expect(m.evaluate.tenKB).toBeLessThan(64);
});

test('evaluate allocates a constant per window beyond it, nothing per byte', () => {
  // 16 windows: a string slice and an encodeInto result at most, per window.
  expect(m.evaluate.windows16).toBeLessThan(16 * 160);
  expect(m.evaluate.windows16 / m.lengths.windows16).toBeLessThan(0.01);
});

test('evaluateMany allocates per item only its results, nothing per character', () => {
  // 8 bytes: the item's slot in errors (values' slots are outside the JS heap).
  expect(m.many.formula).toBeLessThan(12); // 1,000 items of 34 characters (a copy: over 34 an item)
  expect(m.many.mixed).toBeLessThan(12); // 400 items, short and long in turn
  expect(m.many.tenKB).toBeLessThan(200); // 6 items of 10 KB: the call's own objects shared by 6
  expect(m.many.tenKB / m.lengths['many tenKB']).toBeLessThan(0.02); // a copy would be 1 or more a character
});
