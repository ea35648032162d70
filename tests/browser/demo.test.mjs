// The demo page in Chromium, Firefox and WebKit, served by scripts/serve.mjs
// with its CSP: results, errors and carets, memory figures (checked against the
// package's own evaluateWithStats in Node), examples, the race, the history,
// the keyboard, and a clean console. Screenshots go to artifacts/.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdir, readFile } from 'node:fs/promises';
import { createEvaluator } from '../../dist/node.mjs';
import { serve, CONTENT_SECURITY_POLICY, SERVED_DIRECTORIES } from '../../scripts/serve.mjs';
import { buildExamples, exampleText, longExpression, deepExpression, SHORT_EXAMPLES } from '../../web/demo/examples.mjs';
import { caretExcerpt, formatValue } from '../../web/demo/format.mjs';
import { nearestWorkload } from '../../web/demo/heap-figures.mjs';
import { ENGINES, browsersEnabled, openPage } from '../support/browsers.mjs';

const STATS = ['inputBytes', 'chunks', 'peakDepth', 'peakStackBytes', 'heapAllocations', 'linearMemoryBytes', 'scratchBytes'];
const artifacts = new URL('../../artifacts/', import.meta.url);

let server;
let engine; // the engine of the suite running now (one at a time)
let page;
let response;
let ev; // the same package, in Node: the reference for every figure

// The package's own figures for a text, valid or not.
function reference(text) {
  try {
    const { value, stats } = ev.evaluateWithStats(text);
    return { ok: true, value, stats };
  } catch (error) {
    return { ok: false, error, stats: error.stats };
  }
}

const shownFigures = () => page.$$eval('#memory-figures dd[data-stat]',
  (dds) => Object.fromEntries(dds.map((dd) => [dd.dataset.stat, Number(dd.dataset.value)])));

function pick(stats) {
  return Object.fromEntries(STATS.map((k) => [k, stats[k]]));
}

// Waits until the page shows the figures of an input of inputBytes bytes.
async function waitForInputBytes(inputBytes) {
  await page.waitForFunction((n) => document.querySelector('dd[data-stat="inputBytes"]')?.dataset.value === String(n), inputBytes);
}

async function typeText(text) {
  await page.fill('#expr', text);
  await waitForInputBytes(reference(text).stats.inputBytes);
}

// Waits for the race to end, and fails at once (with its status) if it failed.
async function raceDone() {
  await page.waitForSelector('#race-table[data-state="done"], #race-table[data-state="error"]', { timeout: 60000 });
  const state = await page.getAttribute('#race-table', 'data-state');
  if (state !== 'done') throw new Error(`race ${state}: ${await page.textContent('#race-status')}`);
}

// Screenshots keep Chromium's names; other engines add theirs.
const shot = (name) => new URL(engine === 'chromium' ? `${name}.png` : `${name}-${engine}.png`, artifacts).pathname;

// MEXE_NO_BROWSER=1 (as for scripts/setup.sh) skips the browsers; otherwise a missing browser fails loudly.
const suite = browsersEnabled ? describe : describe.skip;

// Every test runs in each engine in turn; page is the current engine's page.
suite.each(ENGINES)('demo page in %s', (name) => {
  beforeAll(async () => {
    engine = name;
    ev = await createEvaluator({ wasmBinary: await readFile(new URL('../../dist/mexe-core.wasm', import.meta.url)) });
    // The demo's directories, and this folder for the worker fixture.
    server = await serve({ port: 0, directories: [...SERVED_DIRECTORIES, 'tests/browser'] });
    // Console errors and page errors are collected by the page (the race
    // worker's too, where the engine reports them).
    page = await openPage(engine, { viewport: { width: 1280, height: 900 } });
    response = await page.goto(server.url);
    await page.waitForSelector('html[data-state="ready"]', { timeout: 30000 });
    await mkdir(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await page?.close();
    await server?.close();
  });

  describe('static server', () => {
    test('redirects / to the demo and sends the CSP on it', () => {
      expect(response.url()).toBe(`${server.url}web/demo/`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-security-policy']).toBe("script-src 'self' 'wasm-unsafe-eval'");
      expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'"); // only 'wasm-unsafe-eval'
    });

    test('serves .wasm and .mjs with their MIME types and the CSP', async () => {
      const wasm = await fetch(`${server.url}dist/mexe-core.wasm`);
      expect(wasm.headers.get('content-type')).toBe('application/wasm');
      expect(wasm.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const mjs = await fetch(`${server.url}web/demo/main.mjs`);
      expect(mjs.headers.get('content-type')).toMatch(/^text\/javascript/);
      const missing = await fetch(`${server.url}nope.txt`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    });

    test('refuses to leave the repository', async () => {
      for (const rawPath of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/dist/..%5c..%5cetc/passwd']) {
        const status = await new Promise((resolve, reject) => {
          http.get({ host: '127.0.0.1', port: server.port, path: rawPath }, (res) => {
            res.resume();
            resolve(res.statusCode);
          }).on('error', reject);
        });
        expect([403, 404]).toContain(status);
      }
    });

    test('the page has no inline scripts (script-src self forbids them)', async () => {
      const inline = await page.$$eval('script:not([src])', (s) => s.length);
      expect(inline).toBe(0);
    });
  });

  describe('evaluating as the user types', () => {
    test('every keystroke updates the result or the error', async () => {
      await page.fill('#expr', '');
      await page.focus('#expr');
      await page.keyboard.type('2 +');
      await page.waitForSelector('#result[data-state="error"][data-code="UNEXPECTED_END"]');
      expect(await page.getAttribute('#result', 'data-index')).toBe('3');
      await page.keyboard.type(' 3 * 4');
      await page.waitForSelector('#result[data-state="ok"]');
      expect(await page.textContent('#result-value')).toBe('14');
      expect(await page.textContent('#result-bits')).toBe('0x402C000000000000');
    });

    test('shows exact doubles, -0, Infinity and NaN', async () => {
      for (const [text, shown] of [['0.1 + 0.2', '0.30000000000000004'], ['0 * -1', '-0'], ['1/0', 'Infinity'], ['0/0', 'NaN'], ['1e400', 'Infinity']]) {
        await typeText(text);
        expect(await page.textContent('#result-value')).toBe(shown);
      }
    });

    test('an error shows its code, message and a caret under the index', async () => {
      await typeText('2 + * 3');
      expect(await page.getAttribute('#result', 'data-code')).toBe('EXPECTED_OPERAND');
      expect(await page.textContent('#error-code')).toBe('EXPECTED_OPERAND');
      expect(await page.textContent('#error-message')).toBe('Expected an operand at index 4');
      expect(await page.textContent('#caret-line')).toBe('2 + * 3');
      const caret = await page.textContent('#caret-mark');
      expect(caret.indexOf('^')).toBe(4);
      expect(caret.trim()).toBe('^');
    });

    test('the memory figures match evaluateWithStats for the same input', async () => {
      const inputs = ['2+3', '((1))', '-(2*(3+(4/5)))', '1 +', '2 ^ 3', '(((((1+2)*3)-4)/5)', '  7  ', '1e', '(1+'.repeat(100) + '1' + ')'.repeat(100)];
      for (const text of inputs) {
        await typeText(text);
        expect({ text, ...(await shownFigures()) }).toEqual({ text, ...pick(reference(text).stats) });
      }
    });

    test('the time per evaluation is measured and shown with a unit', async () => {
      await typeText('(1.5 + 2.25) * 4');
      await page.waitForSelector('#time-value[data-ns]');
      const ns = Number(await page.getAttribute('#time-value', 'data-ns'));
      expect(ns).toBeGreaterThan(0);
      expect(await page.textContent('#time-value')).toMatch(/^[\d.,]+ (ns|µs|ms|s)$/);
    });
  });

  describe('examples', () => {
    test('one button per error code, each showing that code at its index', async () => {
      const codes = ev.errorCodes.filter((c) => c !== 'NONE');
      const buttons = await page.$$eval('#examples-error button', (bs) => bs.map((b) => b.dataset.code));
      expect(buttons).toEqual(codes);
      const examples = buildExamples({ maxDepth: ev.memory.maxDepth, errorCodes: ev.errorCodes });
      for (const code of codes) {
        const text = exampleText(examples.find((e) => e.code === code));
        const expected = reference(text);
        expect(expected.ok).toBe(false);
        expect(expected.error.code).toBe(code);
        await page.click(`#examples-error button[data-code="${code}"]`);
        await page.waitForSelector(`#result[data-code="${code}"]`);
        expect(await page.getAttribute('#result', 'data-index')).toBe(String(expected.error.index));
        // The caret line, cut around the index for long input, has the caret at the index.
        const excerpt = caretExcerpt(text, expected.error.index);
        expect(await page.textContent('#caret-line')).toBe(excerpt.line);
        expect((await page.textContent('#caret-mark')).indexOf('^')).toBe(excerpt.column);
        if (text.length <= 60) expect(excerpt.column).toBe(expected.error.index);
        expect(await shownFigures()).toEqual(pick(expected.stats));
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await page.click('#examples-error button[data-code="UNMATCHED_CLOSE_PAREN"]');
      await raceDone();
      await page.screenshot({ path: shot('demo-phone'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    test('the deep example reaches maxDepth and fills the stack', async () => {
      const { maxDepth, stackBytes } = ev.memory;
      await page.click('[data-example="deep"]');
      const expected = reference(deepExpression(maxDepth));
      await waitForInputBytes(expected.stats.inputBytes);
      const shown = await shownFigures();
      expect(shown).toEqual(pick(expected.stats));
      expect(shown.peakDepth).toBe(maxDepth);
      expect(shown.peakStackBytes).toBe(stackBytes);
      expect(await page.textContent('#result-value')).toBe(String(maxDepth + 1));
    });

    test('the race shows each library on the deep example, throwing ones included', async () => {
      await raceDone();
      const rows = await page.$$eval('#race-table tbody tr', (trs) => trs.map((tr) => ({
        lib: tr.dataset.lib, same: tr.dataset.same, ns: Number(tr.dataset.ns), text: tr.textContent,
      })));
      expect(rows.map((r) => r.lib)).toEqual(['mexe-wasm', 'expr-eval', 'mathjs']);
      expect(rows[0].same).toBe('reference');
      expect(rows[0].text).toContain(String(ev.memory.maxDepth + 1));
      for (const row of rows) expect(row.ns).toBeGreaterThan(0);
      for (const row of rows.slice(1)) {
        expect(['yes', 'no']).toContain(row.same);
        if (row.same === 'no') expect(row.text).toMatch(/threw/);
      }
    });

    test('the 1 MB example streams through the window, and its figures match', async () => {
      const text = longExpression();
      const expected = reference(text);
      await page.click('[data-example="long"]');
      await waitForInputBytes(expected.stats.inputBytes);
      expect(await page.$eval('#expr', (t) => t.value.length)).toBe(text.length);
      const shown = await shownFigures();
      expect(shown).toEqual(pick(expected.stats));
      expect(shown.inputBytes).toBeGreaterThanOrEqual(1_000_000);
      expect(shown.chunks).toBeGreaterThan(1);
      expect(shown.heapAllocations).toBe(0);
      expect(await page.textContent('dd[data-stat="chunks"]')).toContain(`window reused ${shown.chunks - 1} times`);
      expect(await page.textContent('#result-value')).toBe(formatValue(expected.value));
      await raceDone();
      const mexe = await page.$eval('#race-table tr[data-lib="mexe-wasm"]', (tr) => tr.textContent);
      expect(mexe).toContain(formatValue(expected.value));
      await page.screenshot({ path: shot('demo'), fullPage: true });
    });

    test('the race agrees on a short expression', async () => {
      await page.click('[data-example="short"]');
      await page.waitForFunction((v) => document.querySelector('#result-value').textContent === v, formatValue(ev.evaluate(SHORT_EXAMPLES[0].text)));
      await raceDone();
      const same = await page.$$eval('#race-table tbody tr', (trs) => trs.map((tr) => tr.dataset.same));
      expect(same).toEqual(['reference', 'yes', 'yes']);
    });

    test('the race shows the benchmark’s JS-heap bytes per call beside each time, with where they were measured', async () => {
      const figures = JSON.parse(fs.readFileSync(new URL('../../web/demo/heap-bytes.json', import.meta.url), 'utf8'));
      await page.click('[data-example="short"]');
      await raceDone();
      const shown = await page.$$eval('#race-table tbody tr', (trs) => trs.map((tr) => Number(tr.querySelector('.race-heap').dataset.bytes)));
      const w = nearestWorkload(figures, SHORT_EXAMPLES[0].text.length);
      expect(shown).toEqual(['mexe', 'expr-eval', 'mathjs'].map((id) => w.perEvaluation[id]));
      expect(shown[0]).toBeLessThan(shown[1]);
      const note = await page.textContent('#race-heap-note');
      expect(note).toContain(figures.measured.engine);
      expect(note).toContain(figures.measured.date);
      expect(await page.textContent('#memory-figures dd[data-heap]')).toContain('not measurable in a page');
    });
  });

  describe('evaluate a file', () => {
    let tmp;
    let big; // { file, size, depth }: a generated file of ~12 MB, never committed
    const bigDepth = 40;

    // '(' x depth, integer terms over many lines, ')' x depth.
    function writeNestedFile(file, targetBytes, depth) {
      const fd = fs.openSync(file, 'w');
      let text = '('.repeat(depth);
      let size = text.length;
      for (let i = 0; size < targetBytes; i++) {
        const piece = `${i % 89} * ${(i % 7) + 1} - ${i % 4} +\n`;
        text += piece;
        size += piece.length;
        if (text.length > 1 << 20) {
          fs.writeSync(fd, text);
          text = '';
        }
      }
      text += `5${')'.repeat(depth)}`;
      fs.writeSync(fd, text);
      fs.closeSync(fd);
      return { file, size: fs.statSync(file).size, depth };
    }

    // The package's own result for the file's bytes, in Node.
    async function referenceForFile(file) {
      const bytes = fs.readFileSync(file);
      try {
        return { ok: true, ...(await ev.evaluateStream([bytes], { stats: true })) };
      } catch (error) {
        return { ok: false, error, stats: error.stats };
      }
    }

    const fileFigures = () => page.$$eval('#file-memory-figures dd[data-stat]',
      (dds) => Object.fromEntries(dds.map((dd) => [dd.dataset.stat, Number(dd.dataset.value)])));

    beforeAll(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mexe-demo-'));
      big = writeNestedFile(path.join(tmp, 'big.txt'), 12e6, bigDepth);
    });
    afterAll(() => {
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('a multi-MB file streams through: its value, progress to 100 %, and its figures', async () => {
      const expected = await referenceForFile(big.file);
      expect(expected.ok).toBe(true);
      expect(big.size).toBeGreaterThan(100 * ev.memory.inputWindowBytes);
      await page.setInputFiles('#file-input', big.file);
      await page.waitForSelector('#file-result[data-state="ok"]', { timeout: 60000 });
      expect(await page.getAttribute('#file-value', 'data-value')).toBe(String(expected.value));
      expect(await page.textContent('#file-value')).toBe(formatValue(expected.value));
      // The progress bar and its text end at 100 %.
      expect(await page.$eval('#file-progress', (bar) => bar.value)).toBe(1);
      expect(await page.getAttribute('#file-progress', 'data-percent')).toBe('100');
      const mb = (big.size / 1e6).toFixed(1);
      expect(await page.textContent('#file-progress-text')).toContain(`${mb} MB of ${mb} MB · 100 %`);
      expect(await page.isDisabled('#file-cancel')).toBe(true);
      // The figures of the whole stream.
      const shown = await fileFigures();
      const { chunks, ...rest } = pick(expected.stats);
      expect(shown).toMatchObject(rest);
      expect(shown.inputBytes).toBe(big.size);
      expect(shown.peakDepth).toBe(bigDepth);
      expect(shown.heapAllocations).toBe(0);
      expect(shown.linearMemoryBytes).toBe(ev.memory.linearMemoryBytes);
      // However the browser cuts the file, a fill holds at most a window.
      expect(shown.chunks).toBeGreaterThanOrEqual(Math.ceil(big.size / ev.memory.inputWindowBytes));
      expect(await page.getAttribute('#file-linear', 'data-unchanged')).toBe('true');
      expect(await page.textContent('#file-linear')).toContain('unchanged');
      await page.locator('.file-card').screenshot({ path: shot('demo-file') });
      // Typing goes on meanwhile in its own evaluator.
      await typeText('6 * 7');
      expect(await page.textContent('#result-value')).toBe('42');
    });

    test('an error in a file: code, index, the input around it, and the figures up to it', async () => {
      const file = path.join(tmp, 'bad.txt');
      const text = `(1 +\n${'2 * 3 + '.repeat(20000)}4 $ 5)`;
      fs.writeFileSync(file, text);
      const expected = await referenceForFile(file);
      expect(expected.ok).toBe(false);
      await page.setInputFiles('#file-input', file);
      await page.waitForSelector('#file-result[data-state="error"]');
      expect(await page.getAttribute('#file-result', 'data-code')).toBe(expected.error.code);
      expect(await page.getAttribute('#file-result', 'data-index')).toBe(String(expected.error.index));
      expect(await page.textContent('#file-message')).toBe(`${expected.error.code}: ${expected.error.message}`);
      const line = await page.textContent('#file-caret-line');
      const caret = await page.textContent('#file-caret-mark');
      expect(line[caret.indexOf('^')]).toBe('$');
      // Window fills depend on how the browser cuts the file (engines differ).
      const { chunks, ...rest } = await fileFigures();
      const { chunks: _, ...expectedRest } = pick(expected.stats);
      expect(rest).toEqual(expectedRest);
      expect(chunks).toBeGreaterThanOrEqual(Math.ceil(expected.stats.inputBytes / ev.memory.inputWindowBytes));
    });

    test('a file dropped on the panel is evaluated', async () => {
      await page.evaluate(() => {
        const dataTransfer = new DataTransfer();
        dataTransfer.items.add(new File(['(1 + 2) * 14'], 'dropped.txt', { type: 'text/plain' }));
        const target = document.querySelector('#file-drop');
        for (const type of ['dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true, composed: true }));
        }
      });
      await page.waitForFunction(() => document.querySelector('#file-value').dataset.value === '42');
      expect(await page.textContent('#file-name')).toContain('dropped.txt');
      expect(await fileFigures()).toMatchObject({ inputBytes: 12, chunks: 1, peakDepth: 1, heapAllocations: 0 });
    });

    test('Cancel stops a stream that waits for its next chunk, and the next file works', async () => {
      // The file's stream delivers its first chunk, then holds the rest back
      // until it is cancelled: the Cancel button is pressed mid-stream.
      await page.evaluate(() => {
        const original = File.prototype.stream;
        window.__restoreStream = () => { File.prototype.stream = original; };
        window.__sourceCancelled = false;
        File.prototype.stream = function heldStream() {
          const inner = original.call(this).getReader();
          let delivered = 0;
          return new ReadableStream({
            async pull(controller) {
              if (delivered > 0) return new Promise(() => {}); // held
              const { done, value } = await inner.read();
              delivered++;
              if (done) controller.close();
              else controller.enqueue(value);
            },
            cancel(reason) {
              window.__sourceCancelled = true;
              return inner.cancel(reason);
            },
          }, { highWaterMark: 0 });
        };
      });
      try {
        await page.setInputFiles('#file-input', big.file);
        await page.waitForSelector('#file-result[data-state="reading"]');
        await page.waitForFunction(() => Number(document.querySelector('#file-progress').dataset.percent) > 0 ||
          document.querySelector('#file-progress').value > 0);
        expect(await page.isEnabled('#file-cancel')).toBe(true);
        await page.click('#file-cancel');
        await page.waitForSelector('#file-result[data-state="cancelled"]');
        expect(await page.textContent('#file-message')).toMatch(/^Cancelled after [\d,]+ B/);
        expect(Number(await page.getAttribute('#file-progress', 'data-percent'))).toBeLessThan(100);
        expect(await page.$eval('#file-progress', (bar) => bar.value)).toBeLessThan(1);
        expect(await page.isDisabled('#file-cancel')).toBe(true);
        expect(await page.evaluate(() => window.__sourceCancelled)).toBe(true);
      } finally {
        await page.evaluate(() => window.__restoreStream());
      }
      // The same evaluator reads the next file at once.
      const small = path.join(tmp, 'after-cancel.txt');
      fs.writeFileSync(small, '((2)) * 21');
      await page.setInputFiles('#file-input', small);
      await page.waitForFunction(() => document.querySelector('#file-value').dataset.value === '42');
      expect(await page.getAttribute('#file-result', 'data-state')).toBe('ok');
      expect(await fileFigures()).toMatchObject({ inputBytes: 10, peakDepth: 2, heapAllocations: 0 });
    });
  });

  describe('history and keyboard', () => {
    test('the history lists recent evaluations with their figures', async () => {
      await page.waitForFunction(() => document.querySelectorAll('#history-table tbody tr').length >= 3);
      const bytes = await page.$$eval('#history-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.inputBytes)));
      expect(bytes.length).toBeLessThanOrEqual(20);
      expect(bytes).toContain(reference(longExpression()).stats.inputBytes);
      expect(bytes).toContain(reference(deepExpression(ev.memory.maxDepth)).stats.inputBytes);
      // Selecting an entry loads it again.
      await page.click(`#history-table tbody tr[data-input-bytes="${reference(deepExpression(ev.memory.maxDepth)).stats.inputBytes}"] button`);
      await page.waitForFunction((n) => document.querySelector('#expr').value.length === n, deepExpression(ev.memory.maxDepth).length);
    });

    test('examples work from the keyboard', async () => {
      await page.fill('#expr', '1');
      await page.focus('#expr');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement.dataset.example)).toBe('short');
      await page.keyboard.press('Enter');
      await page.waitForFunction((t) => document.querySelector('#expr').value === t, SHORT_EXAMPLES[0].text);
      const label = await page.$eval('#expr', (t) => t.labels[0]?.textContent ?? '');
      expect(label).toContain('expression');
    });

    test('the package in a module worker, under the same CSP', async () => {
      const got = await page.evaluate(() => new Promise((resolve, reject) => {
        const worker = new Worker('/tests/browser/package-worker.mjs', { type: 'module' });
        worker.onmessage = (event) => { resolve(event.data); worker.terminate(); };
        worker.onerror = (event) => reject(new Error(event.message || 'worker error'));
      }));
      expect(got).toEqual({
        value: 42,
        many: ['2', 'NaN', 'NaN'],
        manyErrors: [null, ['UNEXPECTED_END', 3], null],
        error: ['UNEXPECTED_CHARACTER', 4],
      });
    });

    test('no console errors and no page errors (a CSP violation would be one)', async () => {
      await raceDone();
      expect(await page.readErrors()).toEqual([]);
    });
  });
});
