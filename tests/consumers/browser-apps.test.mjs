// Browser apps built from scratch against the packed package, with no
// configuration for it: Vite (build + preview, and the dev server), webpack,
// esbuild and Bun's bundler with mexe-wasm/inline, Rollup with either entry (the default one
// with mexe-core.wasm copied beside the bundle), Parcel with either entry,
// plain module pages (no bundler), and a page whose server answers the .wasm
// URL with HTML. Each is loaded in Chromium, Firefox ESR and WebKit and must
// evaluate for real.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { ENGINES, browsersEnabled, openPage } from '../support/browsers.mjs';
import { REPORT_ERRORS, appSource, cleanEnv, expectedReport, page as html, workspace, writeApp } from './support.mjs';

// The plain page also starts evaluators synchronously from a module it
// compiled itself, and from the bytes.
const plainWithModule = appSource('../node_modules/mexe-wasm/dist/index.mjs', 'required', {
  source: `
async function compiledSync() {
  const url = new URL('../node_modules/mexe-wasm/dist/mexe-core.wasm', import.meta.url);
  const bytes = await (await fetch(url)).arrayBuffer();
  const fromModule = createEvaluatorSync({ wasmModule: new WebAssembly.Module(bytes) });
  const fromBytes = createEvaluatorSync({ wasmBinary: new Uint8Array(bytes) });
  return { value: fromModule.evaluate('6 * 7'), sum: fromBytes.evaluate('0.1 + 0.2') };
}
`,
  fields: 'compiledSync: await compiledSync()',
});

const APPS = {
  'vite-app': { 'index.html': html('vite app', './main.js'), 'main.js': appSource('mexe-wasm', 'required'), 'public/report-errors.js': REPORT_ERRORS },
  'webpack-app': { 'src/index.js': appSource('mexe-wasm', 'required'), 'dist/index.html': html('webpack app', 'main.js', { module: false }), 'dist/report-errors.js': REPORT_ERRORS },
  // A CommonJS app: require() of both entries.
  'webpack-cjs-app': {
    'src/index.js': appSource('mexe-wasm', 'required', { commonjs: true, fields: "inline: require('mexe-wasm/inline').createEvaluatorSync().evaluate('6 * 7')" }),
    'dist/index.html': html('webpack app, CommonJS', 'main.js', { module: false }),
    'dist/report-errors.js': REPORT_ERRORS,
  },
  'esbuild-app': { 'main.js': appSource('mexe-wasm/inline', 'none'), 'dist/index.html': html('esbuild app', 'main.js', { module: false }), 'dist/report-errors.js': REPORT_ERRORS },
  'bun-app': { 'main.js': appSource('mexe-wasm/inline', 'none'), 'dist/index.html': html('bun app', 'main.js'), 'dist/report-errors.js': REPORT_ERRORS },
  'rollup-app': { 'main.js': appSource('mexe-wasm', 'required'), 'dist/index.html': html('rollup app', 'main.js'), 'dist/report-errors.js': REPORT_ERRORS },
  'rollup-inline-app': { 'main.js': appSource('mexe-wasm/inline', 'none'), 'dist/index.html': html('rollup app, inline entry', 'main.js'), 'dist/report-errors.js': REPORT_ERRORS },
  // Parcel builds from the page (index.html to dist/).
  'parcel-app': { 'index.html': html('parcel app', './index.js'), 'index.js': appSource('mexe-wasm', 'required'), 'report-errors.js': REPORT_ERRORS },
  'parcel-inline-app': { 'index.html': html('parcel app, inline entry', './index.js'), 'index.js': appSource('mexe-wasm/inline', 'none'), 'report-errors.js': REPORT_ERRORS },
  'plain-app': { 'index.html': html('plain page', 'main.js'), 'main.js': plainWithModule, 'report-errors.js': REPORT_ERRORS },
  'plain-inline-app': { 'index.html': html('plain page, inline entry', 'main.js'), 'main.js': appSource('../node_modules/mexe-wasm/dist/inline.mjs', 'none'), 'report-errors.js': REPORT_ERRORS },
  'not-wasm-app': {
    'index.html': html('not wasm', '/main.js'),
    'report-errors.js': REPORT_ERRORS,
    'main.js': `import { createEvaluator } from './vendor/index.mjs';
createEvaluator().then(
  () => { window.__mexe = { loaded: true }; },
  (error) => { window.__mexe = { name: error.name, message: error.message }; });
`,
  },
};

let servers; // the child process that builds and serves
let built; // its report: each build's outcome and the URLs

beforeAll(async () => {
  for (const [name, files] of Object.entries(APPS)) await writeApp(name, files);
  servers = spawn(process.execPath, [new URL('bundle-and-serve.mjs', import.meta.url).pathname, workspace()],
    { env: cleanEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await Promise.race([
    once(createInterface({ input: servers.stdout }), 'line'),
    once(servers, 'exit').then(([code]) => { throw new Error(`bundle-and-serve.mjs exited (${code}) before reporting`); }),
  ]);
  built = JSON.parse(line);
}, 180000);

afterAll(async () => {
  if (servers && servers.exitCode === null) {
    servers.stdin.end();
    await once(servers, 'exit');
  }
});

describe('builds', () => {
  test('Vite builds the app and emits the .wasm as an asset', () => {
    expect(built.vite.error).toBeUndefined();
    expect(built.vite.files.filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
  });

  test('the Vite dev server starts', () => {
    expect(built.viteDev.error).toBeUndefined();
    expect(built.viteDev.url).toMatch(/^http:/);
  });

  test('webpack builds with no warnings and no errors, and emits the .wasm', () => {
    expect(built.webpack.error).toBeUndefined();
    expect({ errors: built.webpack.errors, warnings: built.webpack.warnings }).toEqual({ errors: [], warnings: [] });
    expect(built.webpack.files.filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
  });

  test('webpack builds a CommonJS app with no warnings and no errors', () => {
    expect(built.webpackCjs.error).toBeUndefined();
    expect({ errors: built.webpackCjs.errors, warnings: built.webpackCjs.warnings }).toEqual({ errors: [], warnings: [] });
  });

  test('esbuild bundles mexe-wasm/inline with no options, no warnings, and nothing to copy', () => {
    expect(built.esbuild.error).toBeUndefined();
    expect({ errors: built.esbuild.errors, warnings: built.esbuild.warnings }).toEqual({ errors: [], warnings: [] });
    expect(built.esbuild.files).toEqual(['index.html', 'main.js', 'report-errors.js']);
  });

  test("Bun's bundler (bun build --target=browser) bundles mexe-wasm/inline with no warnings and nothing to copy", () => {
    expect(built.bun.error).toBeUndefined();
    expect(built.bun.warnings).toEqual([]);
    expect(built.bun.files).toEqual(['index.html', 'main.js', 'report-errors.js']);
  });

  test('Rollup bundles the default entry with node-resolve { browser: true } and no warnings; it fetches the .wasm from beside the bundle', () => {
    expect(built.rollup.error).toBeUndefined();
    expect(built.rollup.warnings).toEqual([]);
    expect(built.rollup.wasmUrls).toEqual(['./mexe-core.wasm']);
    expect(built.rollup.files).toEqual(['index.html', 'main.js', 'mexe-core.wasm', 'report-errors.js']);
  });

  test('Rollup bundles mexe-wasm/inline with node-resolve { browser: true }, no warnings, and nothing to copy', () => {
    expect(built.rollupInline.error).toBeUndefined();
    expect(built.rollupInline.warnings).toEqual([]);
    expect(built.rollupInline.wasmUrls).toEqual([]);
    expect(built.rollupInline.files).toEqual(['index.html', 'main.js', 'report-errors.js']);
  });

  test('Parcel builds the default entry with no configuration and no warnings; it copies mexe-core.wasm as it is, named in the page\'s import map', () => {
    expect(built.parcel.error).toBeUndefined();
    expect({ errors: built.parcel.errors, warnings: built.parcel.warnings }).toEqual({ errors: [], warnings: [] });
    const wasm = built.parcel.files.filter((f) => f.endsWith('.wasm'));
    expect(wasm).toEqual([expect.stringMatching(/^mexe-core\.\w+\.wasm$/)]);
    expect(built.parcel.wasmUnchanged).toBe(true);
    // The bundle asks the page's import map for the module's URL: its one entry.
    expect(built.parcel.importMaps).toHaveLength(1);
    expect(Object.values(built.parcel.importMaps[0].imports)).toEqual([`/${wasm[0]}`]);
  });

  test('Parcel bundles mexe-wasm/inline with no configuration, no warnings, nothing to copy and no import map', () => {
    expect(built.parcelInline.error).toBeUndefined();
    expect({ errors: built.parcelInline.errors, warnings: built.parcelInline.warnings }).toEqual({ errors: [], warnings: [] });
    expect(built.parcelInline.files.filter((f) => !f.endsWith('.map'))).toEqual(['index.html', expect.stringMatching(/\.js$/), expect.stringMatching(/\.js$/)]);
    expect(built.parcelInline.importMaps).toEqual([]);
  });
});

const urls = () => ({
  'Vite build + preview': built.vite.url,
  'Vite dev server': built.viteDev.url,
  webpack: `${built.static}webpack-app/dist/`,
  'webpack, CommonJS app': `${built.static}webpack-cjs-app/dist/`,
  'esbuild, mexe-wasm/inline': `${built.static}esbuild-app/dist/`,
  "Bun's bundler, mexe-wasm/inline": `${built.static}bun-app/dist/`,
  Rollup: `${built.static}rollup-app/dist/`,
  'Rollup, mexe-wasm/inline': `${built.static}rollup-inline-app/dist/`,
  Parcel: built.parcel.url,
  'Parcel, mexe-wasm/inline': built.parcelInline.url,
  'plain <script type="module">': `${built.static}plain-app/`,
  'plain <script type="module">, inline entry': `${built.static}plain-inline-app/`,
});
const INLINE = new Set(['esbuild, mexe-wasm/inline', "Bun's bundler, mexe-wasm/inline", 'Rollup, mexe-wasm/inline', 'Parcel, mexe-wasm/inline', 'plain <script type="module">, inline entry']);
const APP_NAMES = ['Vite build + preview', 'Vite dev server', 'webpack', 'webpack, CommonJS app', 'esbuild, mexe-wasm/inline', "Bun's bundler, mexe-wasm/inline",
  'Rollup', 'Rollup, mexe-wasm/inline', 'Parcel', 'Parcel, mexe-wasm/inline', 'plain <script type="module">', 'plain <script type="module">, inline entry'];

const suite = browsersEnabled ? describe : describe.skip;

suite.each(ENGINES)('in %s', (engine) => {
  let page;

  beforeAll(async () => {
    page = await openPage(engine);
  });

  afterAll(async () => {
    await page?.close();
  });

  // Loads the app and returns what it reported (its checks, or its error).
  async function report(url) {
    expect(url).toEqual(expect.any(String)); // else its build failed (see "builds")
    page.errors.length = 0;
    const response = await page.goto(url);
    expect(`${response.status()} ${response.url()}`).toBe(`200 ${url}`);
    return page.waitForFunction(() => window.__mexe, undefined, { timeout: 20000 });
  }

  test.each(APP_NAMES)('%s: evaluates, with error codes and indices', async (name) => {
    const got = await report(urls()[name]);
    expect(got.error).toBeUndefined();
    const expected = expectedReport(INLINE.has(name) ? 'none' : 'required');
    if (name === 'plain <script type="module">') expected.compiledSync = { value: 42, sum: 0.30000000000000004 };
    if (name === 'webpack, CommonJS app') expected.inline = 42;
    expect(got).toEqual(expected);
    expect(await page.readErrors()).toEqual([]);
  });

  test('a .wasm URL answered with HTML gives an error that names the URL, the response and the fixes', async () => {
    const got = await report(built.spa);
    expect(got.loaded).toBeUndefined();
    const { message } = got;
    expect(message).toContain(`${built.spa}vendor/mexe-core.wasm`);
    expect(message).toContain('200');
    expect(message).toMatch(/text\/html|3c 21 64 6f|<!do/i);
    expect(message).toMatch(/optimizeDeps\W+exclude/); // optimizeDeps.exclude, or optimizeDeps: { exclude: ... }
    expect(message).toContain('mexe-wasm/inline');
  });
});
