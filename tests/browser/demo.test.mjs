// The demo page in Chromium, Firefox and WebKit, served by scripts/serve.mjs
// with its CSP: results, errors and carets, memory figures (checked against the
// package's own evaluateWithStats in Node), examples, the race, the history,
// the keyboard, and a clean console. Screenshots go to artifacts/.
import http from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { createEvaluator } from '../../dist/node.mjs';
import { serve, CONTENT_SECURITY_POLICY } from '../../scripts/serve.mjs';
import { buildExamples, exampleText, longExpression, deepExpression, SHORT_EXAMPLES } from '../../web/demo/examples.mjs';
import { caretExcerpt, formatValue } from '../../web/demo/format.mjs';
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
    server = await serve({ port: 0 });
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
