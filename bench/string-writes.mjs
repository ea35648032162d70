// What each way of putting a string's characters into wasm memory costs
// from JavaScript, on the 100,000 distinct formulas (20 to 200 characters):
// the choice evaluateMany makes (web/src/window.mjs). One process, the ways
// taking turns, five rounds; the figure is the fastest round's time per item
// and per character (the machine may be shared: compare the ratios).
//
//   node bench/string-writes.mjs
import { distinctWorkload } from './workloads.mjs';

const items = distinctWorkload('distinct-formulas').items;
const chars = items.reduce((n, s) => n + s.length, 0);
const memory = new WebAssembly.Memory({ initial: 2, maximum: 2 });
const window = new Uint8Array(memory.buffer, 0, 65536);
const encoder = new TextEncoder();
const room = window.length - 256; // every formula fits after this

function charCodes(text, at) {
  for (let i = 0; i < text.length; i++) window[at + i] = text.charCodeAt(i);
}

const ways = [
  // Copies nothing: each item written where it goes, a character at a time.
  ['charCodeAt, a character at a time', () => {
    let at = 0;
    for (const s of items) {
      if (at > room) at = 0;
      charCodes(s, at);
      at += s.length;
    }
  }],
  // Copies nothing: encodeInto writes at its view's start, so one call per item.
  ['TextEncoder.encodeInto per item', () => { for (const s of items) encoder.encodeInto(s, window); }],
  // One string of 500 items (a copy of every character), one encodeInto.
  ['join 500 items, one encodeInto', () => {
    for (let i = 0; i < items.length; i += 500) encoder.encodeInto(items.slice(i, i + 500).join(''), window);
  }],
];
if (typeof Buffer === 'function') {
  const buffer = Buffer.from(memory.buffer, 0, 65536);
  // Node's own: writes at an offset, one call per item.
  ways.push(['Buffer latin1Write per item (Node only)', () => {
    let at = 0;
    for (const s of items) {
      if (at > room) at = 0;
      buffer.latin1Write(s, at);
      at += s.length;
    }
  }]);
}

const best = ways.map(() => Infinity);
for (let round = 0; round < 6; round++) {
  ways.forEach(([, write], w) => {
    const start = process.cpuUsage();
    write();
    const used = process.cpuUsage(start);
    if (round > 0) best[w] = Math.min(best[w], (used.user + used.system) * 1000); // round 0 warms up
  });
}
console.log(`${items.length.toLocaleString('en-US')} items, ${(chars / items.length).toFixed(1)} characters each on average`);
console.log('| way | ns per item | ns per character |\n|---|---:|---:|');
ways.forEach(([name], w) => console.log(`| ${name} | ${(best[w] / items.length).toFixed(1)} | ${(best[w] / chars).toFixed(2)} |`));
