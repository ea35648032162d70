// One small page interface over three browser engines, for the browser tests:
//   chromium  Debian's chromium, driven by playwright-core (CDP)
//   firefox   Debian's firefox-esr, driven by puppeteer-core 24 (WebDriver BiDi)
//   webkit    WebKitGTK's MiniBrowser, through Debian's WebKitWebDriver under
//             Xvfb, driven over plain W3C WebDriver HTTP
//
//   const page = await openPage('firefox', { viewport: { width: 1280, height: 900 } });
//   const response = await page.goto(url);           // response.url(), .status(), .headers()
//   await page.evaluate((n) => n + 1, 41);          // sync or async (a promise is awaited)
//   await page.waitForSelector('#ready'); await page.textContent('#out');
//   await page.readErrors()                          // console errors and page errors seen so far
//   await page.screenshot({ path }); await page.close();
//
// The method names and signatures follow Playwright's Page (one argument for
// evaluate callbacks), so a test reads the same for every engine. Callbacks run
// in the page: they must not use variables of the test's scope.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// MEXE_ENGINES=firefox,webkit runs the browser tests in those engines only.
export const ENGINES = process.env.MEXE_ENGINES?.split(',') ?? ['chromium', 'firefox', 'webkit'];

// MEXE_NO_BROWSER=1 (as for scripts/setup.sh) skips every browser test.
export const browsersEnabled = process.env.MEXE_NO_BROWSER !== '1';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || 'WebKitWebDriver';

/** Starts the engine's browser and opens one page in it. */
export async function openPage(engine, { viewport = { width: 1280, height: 900 } } = {}) {
  if (engine === 'chromium') return ChromiumPage.open(viewport);
  if (engine === 'firefox') return FirefoxPage.open(viewport);
  if (engine === 'webkit') return WebKitPage.open(viewport);
  throw new Error(`unknown engine: ${engine}`);
}

// The navigation's response, shaped as Playwright's (url(), status(), headers()).
const responseOf = (url, status, headers) => ({ url: () => url, status: () => status, headers: () => headers });

// The source of a call of fn(arg) in the page (the value must be JSON).
const call = (fn, arg) => `(${fn})(${arg === undefined ? '' : JSON.stringify(arg)})`;

// Everything but navigation, script evaluation and real input events is built
// here on evaluate(), so that it behaves the same in every engine.
class Page {
  errors = [];
  cleanups = []; // temporary files given to file inputs, removed on close()

  /** Console and page errors seen so far (every engine answers it; WebKit reads the page's collector). */
  async readErrors() {
    return this.errors;
  }

  evaluate(fn, arg) {
    return this.evaluateSource(typeof fn === 'function' ? call(fn, arg) : String(fn));
  }

  $eval(selector, fn, arg) {
    return this.evaluateSource(`((el) => { if (!el) throw new Error(${JSON.stringify(`no element matches ${selector}`)}); `
      + `return (${fn})(el, ${JSON.stringify(arg) ?? 'undefined'}); })(document.querySelector(${JSON.stringify(selector)}))`);
  }

  $$eval(selector, fn, arg) {
    return this.evaluateSource(`(${fn})(Array.from(document.querySelectorAll(${JSON.stringify(selector)})), ${JSON.stringify(arg) ?? 'undefined'})`);
  }

  /** Polls fn(arg) in the page until it is truthy; resolves to its value. */
  async waitForFunction(fn, arg, { timeout = 30000 } = {}) {
    const poll = `new Promise((resolve, reject) => {
      const end = Date.now() + ${timeout};
      const tick = () => {
        let value;
        try { value = ${call(fn, arg)}; } catch (error) { reject(error); return; }
        if (value) resolve(value);
        else if (Date.now() > end) reject(new Error('waitForFunction: timed out after ${timeout} ms: ' + ${JSON.stringify(String(fn))}));
        else setTimeout(tick, 20);
      };
      tick();
    })`;
    return this.evaluateSource(poll);
  }

  waitForSelector(selector, { timeout = 30000 } = {}) {
    return this.waitForFunction((s) => document.querySelector(s) !== null, selector, { timeout });
  }

  getAttribute(selector, name) {
    return this.$eval(selector, (el, n) => el.getAttribute(n), name);
  }

  textContent(selector) {
    return this.$eval(selector, (el) => el.textContent);
  }

  isDisabled(selector) {
    return this.$eval(selector, (el) => el.matches(':disabled'));
  }

  async isEnabled(selector) {
    return !(await this.isDisabled(selector));
  }

  /** An element, for its screenshot: page.locator('.card').screenshot({ path }). */
  locator(selector) {
    return { screenshot: (options) => this.elementScreenshot(selector, options) };
  }

  focus(selector) {
    return this.$eval(selector, (el) => { el.focus(); });
  }

  // Clicks with clickOnce() until a click lands on the element: a guard in
  // the page drops a click that lands on something else (the layout moved in
  // between), and a click that reached nothing is tried again too.
  async clickLanding(selector, clickOnce) {
    for (let attempt = 1; ; attempt++) {
      await this.evaluate((sel) => {
        const guard = (event) => {
          const target = document.querySelector(sel);
          if (target && target.contains(event.target)) {
            window.__mexeClick = 'landed';
            return;
          }
          window.__mexeClick = 'missed';
          event.preventDefault();
          event.stopImmediatePropagation();
        };
        window.__mexeClick = 'none';
        window.__mexeClickDisarm = () => window.removeEventListener('click', guard, true);
        window.addEventListener('click', guard, true);
      }, selector);
      await clickOnce();
      // An engine may deliver the click after its command returns: wait a little for it.
      const outcome = await this.evaluate(() => new Promise((resolve) => {
        const end = Date.now() + 1000;
        const check = () => {
          if (window.__mexeClick !== 'none' || Date.now() > end) {
            window.__mexeClickDisarm?.();
            resolve(window.__mexeClick);
          } else setTimeout(check, 20);
        };
        check();
      })).catch(() => 'landed'); // the click navigated away: it landed
      if (outcome === 'landed' || outcome === undefined) return;
      if (attempt === 5) throw new Error(`click: ${selector}: the click ${outcome === 'missed' ? 'kept landing elsewhere' : 'reached nothing'}`);
    }
  }

  /** Replaces an input's value and fires 'input', as a paste would. */
  fill(selector, text) {
    return this.$eval(selector, (el, value) => {
      el.focus();
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  }

  // Console errors, uncaught errors, unhandled rejections and CSP violations,
  // gathered in the page itself (engines whose driver reports none; workers'
  // messages are not seen there).
  installErrorCollector() {
    return this.evaluate(() => {
      if (window.__mexeErrors) return;
      const seen = window.__mexeErrors = [];
      const original = console.error;
      console.error = (...args) => { seen.push(`console: ${args.map(String).join(' ')}`); original.apply(console, args); };
      window.addEventListener('error', (e) => seen.push(`pageerror: ${e.message}`));
      window.addEventListener('unhandledrejection', (e) => seen.push(`pageerror: ${e.reason?.message ?? e.reason}`));
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`console: CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
  }
}

// Input files given as Playwright does: paths, or { name, mimeType, buffer }
// (written to a temporary folder: the browser reads them until the page closes).
async function filePaths(files) {
  const list = Array.isArray(files) ? files : [files];
  let dir;
  const paths = [];
  for (const file of list) {
    if (typeof file === 'string') {
      paths.push(path.resolve(file));
      continue;
    }
    dir ??= await mkdtemp(path.join(os.tmpdir(), 'mexe-upload-'));
    const target = path.join(dir, file.name);
    await writeFile(target, file.buffer);
    paths.push(target);
  }
  return { paths, cleanup: () => (dir ? rm(dir, { recursive: true, force: true }) : undefined) };
}

// Playwright's and Puppeteer's pages answer the same calls for these.
class DriverPage extends Page {
  listen() {
    this.page.on('console', (m) => { if (m.type() === 'error') this.errors.push(`console: ${m.text()}`); });
    // Workers' console messages come here too (Chromium).
    this.page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    return this;
  }

  async goto(url) {
    const response = await this.page.goto(url);
    return responseOf(response.url(), response.status(), response.headers());
  }

  url() { return this.page.url(); }
  evaluateSource(source) { return this.page.evaluate(source); }
}

class ChromiumPage extends DriverPage {
  engine = 'chromium';

  static async open(viewport) {
    const { chromium } = await import('playwright-core');
    const self = new ChromiumPage();
    self.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    self.page = await self.browser.newPage({ viewport });
    return self.listen();
  }

  click(selector) { return this.page.click(selector); }
  keyboard = { type: (text) => this.page.keyboard.type(text), press: (key) => this.page.keyboard.press(key) };
  setViewportSize(size) { return this.page.setViewportSize(size); }
  screenshot(options) { return this.page.screenshot(options); }
  elementScreenshot(selector, options) { return this.page.locator(selector).screenshot(options); }
  setInputFiles(selector, files) { return this.page.setInputFiles(selector, files); }
  close() { return this.browser.close(); }
}

class FirefoxPage extends DriverPage {
  engine = 'firefox';

  static async open(viewport) {
    const { default: puppeteer } = await import('puppeteer-core');
    const self = new FirefoxPage();
    self.browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, defaultViewport: viewport });
    self.page = await self.browser.newPage();
    return self.listen();
  }

  // A real click at the element's place, as Playwright's: the locator waits
  // until it is visible and no longer moving.
  click(selector) {
    return this.clickLanding(selector, () => this.page.locator(selector).click());
  }
  keyboard = { type: (text) => this.page.keyboard.type(text), press: (key) => this.page.keyboard.press(key) };
  setViewportSize(size) { return this.page.setViewport(size); }
  screenshot(options) { return this.page.screenshot(options); }
  async elementScreenshot(selector, options) { return (await this.page.$(selector)).screenshot(options); }

  async setInputFiles(selector, files) {
    const { paths, cleanup } = await filePaths(files);
    this.cleanups.push(cleanup);
    const input = await this.page.$(selector);
    await input.uploadFile(...paths);
  }

  async close() {
    await this.browser.close();
    await Promise.all(this.cleanups.map((cleanup) => cleanup()));
  }
}

// W3C WebDriver keys (section 17.4.2) for the names Playwright uses.
const WEBDRIVER_KEYS = { Tab: '\uE004', Enter: '\uE007', Backspace: '\uE003', Escape: '\uE00C',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015' };
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'; // the W3C web element identifier

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

class WebKitPage extends Page {
  engine = 'webkit';

  static async open(viewport) {
    const self = new WebKitPage();
    // xvfb-run -a picks a free display; two runs starting at once can pick the
    // same one, so a failed start is tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        await self.startDriver();
        break;
      } catch (error) {
        self.stopDriver();
        if (attempt === 3) throw error;
      }
    }
    try {
      // MiniBrowser needs --automation, or POST /session never answers.
      const { sessionId } = await self.command('POST', '/session', {
        capabilities: { alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { args: ['--automation'] },
          timeouts: { script: 120000, pageLoad: 60000 },
        } },
      }, 30000);
      self.session = `/session/${sessionId}`;
      await self.setViewportSize(viewport);
      return self;
    } catch (error) {
      await self.close();
      throw error;
    }
  }

  async startDriver() {
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    let output = '';
    this.driver = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.driver.stdout.on('data', (d) => { output += d; });
    this.driver.stderr.on('data', (d) => { output += d; });
    const exited = new Promise((resolve) => this.driver.once('exit', resolve));
    // Never outlive this process, whatever ends it.
    const stop = () => this.stopDriver();
    process.once('exit', stop);
    this.driver.once('exit', () => process.off('exit', stop));
    const end = Date.now() + 20000;
    for (;;) {
      const ready = await fetch(`${this.base}/status`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.ok, () => false);
      if (ready) return;
      const code = await Promise.race([exited, new Promise((r) => setTimeout(r, 100, 'running'))]);
      if (code !== 'running') throw new Error(`WebKitWebDriver exited (${code}): ${output.trim()}`);
      if (Date.now() > end) throw new Error(`WebKitWebDriver did not start on ${this.base}: ${output.trim()}`);
    }
  }

  stopDriver() {
    // The whole process group: xvfb-run, Xvfb, the driver and MiniBrowser.
    if (this.driver && this.driver.exitCode === null) {
      try { process.kill(-this.driver.pid, 'SIGTERM'); } catch { /* already gone */ }
    }
  }

  // One WebDriver command, with a timeout of its own: a stuck driver must
  // fail the test, not hang it.
  async command(method, route, body, timeout = 150000) {
    const response = await fetch(this.base + route, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeout),
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${route}: ${value?.error}: ${value?.message}`);
    return value;
  }

  async goto(url) {
    await this.command('POST', `${this.session}/url`, { url });
    // WebDriver does not expose the response: the URL is the browser's (after
    // redirects), the status and headers those of that URL fetched again.
    // Errors are collected from here on (those during the load are missed).
    const finalUrl = await this.url();
    const again = await fetch(finalUrl);
    await again.body?.cancel();
    await this.installErrorCollector();
    return responseOf(finalUrl, again.status, Object.fromEntries(again.headers));
  }

  url() { return this.command('GET', `${this.session}/url`); }

  async evaluateSource(source) {
    const outcome = await this.command('POST', `${this.session}/execute/async`, {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${source})).then(
          (value) => done({ value: value === undefined ? null : value }),
          (error) => done({ error: String(error && error.message || error) }));`,
      args: [],
    });
    if (outcome.error !== undefined) throw new Error(`evaluate: ${outcome.error}`);
    return outcome.value;
  }

  async element(selector) {
    const found = await this.command('POST', `${this.session}/element`, { using: 'css selector', value: selector });
    return found[ELEMENT];
  }

  click(selector) {
    return this.clickLanding(selector, async () => {
      // An element replaced between finding and clicking it is found again.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.command('POST', `${this.session}/element/${await this.element(selector)}/click`, {});
          return;
        } catch (error) {
          if (attempt === 3 || !/stale element/.test(error.message)) throw error;
        }
      }
    });
  }


  keyboard = {
    type: (text) => this.keys([...text]),
    press: (key) => this.keys([WEBDRIVER_KEYS[key] ?? key]),
  };

  keys(values) {
    const actions = values.flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
    return this.command('POST', `${this.session}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  async setViewportSize({ width, height }) {
    await this.command('POST', `${this.session}/window/rect`, { width, height });
  }

  // The viewport only: WebDriver has no full-page screenshot (fullPage is ignored).
  async screenshot({ path: file } = {}) {
    const png = Buffer.from(await this.command('GET', `${this.session}/screenshot`), 'base64');
    if (file) await writeFile(file, png);
    return png;
  }

  async elementScreenshot(selector, { path: file } = {}) {
    const png = Buffer.from(await this.command('GET', `${this.session}/element/${await this.element(selector)}/screenshot`), 'base64');
    if (file) await writeFile(file, png);
    return png;
  }

  async setInputFiles(selector, files) {
    const { paths, cleanup } = await filePaths(files);
    this.cleanups.push(cleanup);
    await this.command('POST', `${this.session}/element/${await this.element(selector)}/value`, { text: paths.join('\n') });
  }

  /** Adds what the page's own collector saw to page.errors (read it before asserting). */
  async readErrors() {
    const seen = await this.evaluate(() => window.__mexeErrors ?? []).catch(() => []);
    for (const line of seen) if (!this.errors.includes(line)) this.errors.push(line);
    return this.errors;
  }

  async close() {
    if (this.session) await this.command('DELETE', this.session, undefined, 10000).catch(() => {});
    this.stopDriver();
    await Promise.all(this.cleanups.map((cleanup) => cleanup()));
  }
}
