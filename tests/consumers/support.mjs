// Shared by the consumer tests: the workspace global-setup.mjs prepared (the
// packed package installed into an empty project), apps written into it, and
// commands run there as a user would run them.
import { execFile, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// npm passes its settings to children as npm_* variables: nested npm and node
// commands must not inherit them (nor Jest's NODE_OPTIONS).
export const cleanEnv = () => Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !/^npm_/i.test(key)));

/** The workspace: node_modules/mexe-wasm installed from the tarball. Throws if setting it up failed. */
export function workspace() {
  if (process.env.MEXE_CONSUMERS_SETUP_ERROR) throw new Error(process.env.MEXE_CONSUMERS_SETUP_ERROR);
  const dir = process.env.MEXE_CONSUMERS_DIR;
  if (!dir) throw new Error('no consumer workspace: run Jest with the repository\'s jest.config.cjs (globalSetup)');
  return dir;
}

/** The packed tarball (.tgz) in the workspace. */
export function tarball() {
  workspace();
  return process.env.MEXE_PACKAGE_TARBALL;
}

/** Writes an app's files ({ relativePath: text }) into workspace/name; resolves to its folder. */
export async function writeApp(name, files) {
  const dir = path.join(workspace(), name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

/** Runs a command (env: variables to add); resolves to { code, stdout, stderr } whatever its exit code. */
export function run(file, args, { cwd = workspace(), env = {}, timeout = 120000 } = {}) {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...cleanEnv(), ...env }, timeout, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr });
    });
  });
}

/** A binary from the repository's own node_modules (typescript, publint, attw...). */
export const repoBin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);

// What every consumer checks with an evaluator, as source text for the apps
// (browser and Node): exact values, error codes and indices, per-item errors.
export const CHECKS = `function checks(ev, EvaluationError) {
  const bad = ev.tryEvaluate('2 + * 3');
  let thrown = null;
  try { ev.evaluate('1 + x'); } catch (e) {
    thrown = { name: e.name, code: e.code, index: e.index, isEvaluationError: e instanceof EvaluationError };
  }
  const many = ev.evaluateMany(['1 + 1', '2 *', '0/0']);
  return {
    sum: ev.evaluate('0.1 + 0.2'),
    product: ev.evaluate('(1.5 + 2.25) * 4'),
    bad: { ok: bad.ok, code: bad.error.code, index: bad.error.index, message: bad.error.message },
    thrown,
    many: { values: Array.from(many.values, String), errors: many.errors.map((e) => e && [e.code, e.index]) },
  };
}
`;

/** What checks() returns. */
export const EXPECTED_CHECKS = {
  sum: 0.30000000000000004,
  product: 15,
  bad: { ok: false, code: 'EXPECTED_OPERAND', index: 4, message: 'Expected an operand at index 4' },
  thrown: { name: 'EvaluationError', code: 'UNEXPECTED_CHARACTER', index: 4, isEvaluationError: true },
  many: { values: ['2', 'NaN', 'NaN'], errors: [null, ['UNEXPECTED_END', 3], null] },
};

// The source of a browser app: checks() on an evaluator from createEvaluator(),
// and createEvaluatorSync, reported on window.__mexe (or its error).
// entry: the specifier to import; sync: 'required' (the main entry: a
// TypeError without options) or 'none' (the inline entry: no options needed);
// more: { source, fields } adds functions and report fields (awaited in run());
// commonjs: require() instead of import.
export function appSource(entry, sync, { source = '', fields = '', commonjs = false } = {}) {
  const syncCheck = {
    required: `if (typeof createEvaluatorSync !== 'function') return { threw: 'no createEvaluatorSync' };
  try { createEvaluatorSync(); return { threw: false }; }
  catch (e) { return { threw: true, isTypeError: e instanceof TypeError, message: e.message }; }`,
    none: `const s = createEvaluatorSync();
  return { value: s.evaluate('6 * 7'), sum: s.evaluate('0.1 + 0.2') };`,
  }[sync];
  const names = '{ createEvaluator, createEvaluatorSync, EvaluationError }';
  return `${commonjs ? `const ${names} = require('${entry}');` : `import ${names} from '${entry}';`}

${CHECKS}
function syncCheck() {
  ${syncCheck}
}
${source}
async function run() {
  const ev = await createEvaluator();
  return { ...checks(ev, EvaluationError), sync: syncCheck(), ${fields} };
}

run().then(
  (report) => { window.__mexe = report; },
  (error) => { window.__mexe = { error: String((error && error.stack) || error) }; });
`;
}

/** What appSource's app reports when everything works. */
export function expectedReport(sync) {
  return {
    ...EXPECTED_CHECKS,
    sync: sync === 'none'
      ? { value: 42, sum: 0.30000000000000004 }
      : { threw: true, isTypeError: true, message: expect.any(String) },
  };
}

// A classic script, loaded before the app: an app that cannot load or link
// (a missing export, a failed request) reports that instead of nothing.
export const REPORT_ERRORS = `window.addEventListener('error', (event) => {
  const target = event.target && event.target.src ? ' loading ' + event.target.src : '';
  window.__mexe = window.__mexe || { error: 'page error' + target + ': ' + (event.message || event.type) };
}, true);
window.addEventListener('unhandledrejection', (event) => {
  window.__mexe = window.__mexe || { error: 'unhandled rejection: ' + String(event.reason && event.reason.stack || event.reason) };
});
`;

/** An app's page: REPORT_ERRORS (as report-errors.js next to it), then the app's script. */
export const page = (title, script, { module = true } = {}) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,">
<script src="report-errors.js"></script>
<script ${module ? 'type="module" ' : ''}src="${script}"></script></head>
<body><p>${title}</p></body></html>
`;

// A server-side app's report, as source text for an ES module: checks() on
// each entry (the main one's createEvaluator, the inline one's
// createEvaluatorSync), exported as report().
export const SERVER_REPORT = `import * as main from 'mexe-wasm';
import * as inline from 'mexe-wasm/inline';
${CHECKS}
export async function report() {
  return {
    main: checks(await main.createEvaluator(), main.EvaluationError),
    inline: checks(inline.createEvaluatorSync(), inline.EvaluationError),
  };
}
`;

/** What SERVER_REPORT's report() gives when everything works. */
export const EXPECTED_SERVER_REPORT = { main: EXPECTED_CHECKS, inline: EXPECTED_CHECKS };

/** A TCP port free on 127.0.0.1 just now. */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a server process (file, args, { cwd, env }) and fetches url until it
 * answers (up to `timeout` ms). Resolves to { body, status, output, stop() };
 * output holds what the process printed.
 */
export async function startServer(file, args, url, { cwd = workspace(), env = {}, timeout = 60000 } = {}) {
  const child = spawn(file, args, { cwd, env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  // The whole process group: wrangler and next start servers of their own.
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone already */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  };
  const deadline = Date.now() + timeout;
  for (;;) {
    const early = await Promise.race([exited.then((code) => ({ code })), new Promise((r) => setTimeout(r, 300))]);
    if (early) return { status: null, body: '', output: `${output}\n(exited: ${early.code})`, stop };
    const response = await fetch(url, { signal: AbortSignal.timeout(10000) }).catch(() => null);
    if (response) return { status: response.status, body: await response.text(), output, stop };
    if (Date.now() > deadline) {
      await stop();
      return { status: null, body: '', output: `${output}\n(no answer from ${url} in ${timeout} ms)`, stop };
    }
  }
}
