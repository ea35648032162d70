// Builds and serves the browser consumer apps that browser-apps.test.mjs wrote
// into the workspace, with the repository's own bundlers through their Node
// APIs and no configuration beyond the app's folder. Run as
//   node bundle-and-serve.mjs <workspace>
// it prints one JSON line (each build's outcome and the servers' URLs), then
// serves until its stdin closes. A separate process: the bundlers run in a
// plain Node, as in a user's project, not inside Jest's module system.
import { Parcel } from '@parcel/core';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, createServer as viteDevServer, preview as vitePreview } from 'vite';
import webpack from 'webpack';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, cp, readdir, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY, serve } from '../../scripts/serve.mjs';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const workspace = process.argv[2];
// In the workspace, as a user runs a bundler in the project's folder (Parcel
// takes the working directory for the project's root when it finds no lock
// file above the entry, and would not build an entry outside it).
process.chdir(workspace);
const app = (name) => path.join(workspace, name);
const local = { host: '127.0.0.1', port: 0 };
const quiet = { configFile: false, logLevel: 'silent' };
const failure = (error) => ({ ok: false, error: String(error?.stack ?? error) });

const assets = async (dir) => (await readdir(dir, { recursive: true }).catch(() => [])).sort();

// vite-app: `vite build` then `vite preview`, and `vite` (the dev server).
async function vite() {
  const root = app('vite-app');
  let built;
  let previewServer;
  try {
    await viteBuild({ ...quiet, root });
    previewServer = await vitePreview({ ...quiet, root, preview: local });
    built = { ok: true, url: previewServer.resolvedUrls.local[0], files: await assets(path.join(root, 'dist')) };
  } catch (error) {
    built = failure(error);
  }
  let devServer;
  let dev;
  try {
    devServer = await viteDevServer({ ...quiet, root, server: local });
    await devServer.listen();
    dev = { ok: true, url: devServer.resolvedUrls.local[0] };
  } catch (error) {
    dev = failure(error);
  }
  const close = () => Promise.all([previewServer?.close(), devServer?.close()]);
  return { build: built, dev, close };
}

// webpack-app (ES modules) and webpack-cjs-app (CommonJS): webpack's defaults
// (src/index.js to dist/main.js) in production mode. Its default output
// folder is relative to the working directory, as when a user runs it in the
// project: spelled out here.
async function webpackApp(name) {
  const context = app(name);
  try {
    const stats = await new Promise((resolve, reject) => {
      webpack({ mode: 'production', context, output: { path: path.join(context, 'dist') } }).run((error, result) => (error ? reject(error) : resolve(result)));
    });
    const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
    return { ok: true, errors: errors.map((e) => e.message), warnings: warnings.map((w) => w.message), files: await assets(path.join(context, 'dist')) };
  } catch (error) {
    return failure(error);
  }
}

// esbuild-app: esbuild's bundling with no options (an IIFE for browsers).
async function esbuildApp() {
  const dir = app('esbuild-app');
  try {
    const result = await esbuild({ entryPoints: [path.join(dir, 'main.js')], bundle: true, outfile: path.join(dir, 'dist', 'main.js'), logLevel: 'silent' });
    return { ok: true, errors: result.errors.map((e) => e.text), warnings: result.warnings.map((w) => w.text), files: await assets(path.join(dir, 'dist')) };
  } catch (error) {
    return { ...failure(error), errors: error.errors?.map((e) => e.text) };
  }
}

// bun-app: `bun build --target=browser main.js --outdir dist` (an ES module),
// mexe-wasm/inline. Bun's bundler, like esbuild, copies no new URL asset.
async function bunApp() {
  const dir = app('bun-app');
  const bun = path.join(repoRoot, 'node_modules', '.bin', 'bun');
  const result = await new Promise((resolve) => {
    execFile(bun, ['build', '--target=browser', 'main.js', '--outdir', 'dist'], { cwd: dir }, (error, stdout, stderr) => resolve({ error, stderr }));
  });
  if (result.error) return failure(`${result.error.message}\n${result.stderr}`);
  return { ok: true, warnings: result.stderr.split('\n').filter((line) => /warn/i.test(line)), files: await assets(path.join(dir, 'dist')) };
}

// rollup-app (the default entry) and rollup-inline-app: main.js to
// dist/main.js, an ES module (Rollup's default format), with
// @rollup/plugin-node-resolve { browser: true } and nothing else. Rollup leaves
// new URL('./mexe-core.wasm', import.meta.url) as it is and copies nothing, so
// the default entry's app copies the module beside its bundle after the build,
// as a user's build script would: cp node_modules/mexe-wasm/dist/mexe-core.wasm dist/
async function rollupApp(name, { copyWasm }) {
  const dir = app(name);
  const warnings = [];
  try {
    const bundle = await rollup({ input: path.join(dir, 'main.js'), plugins: [nodeResolve({ browser: true })], onwarn: (warning) => warnings.push(warning.message) });
    try {
      await bundle.write({ file: path.join(dir, 'dist', 'main.js'), format: 'es' });
    } finally {
      await bundle.close();
    }
    if (copyWasm) await copyFile(path.join(workspace, 'node_modules', 'mexe-wasm', 'dist', 'mexe-core.wasm'), path.join(dir, 'dist', 'mexe-core.wasm'));
    // What the bundle fetches the module from, as new URL(<this>, import.meta.url).
    const wasmUrls = [...(await readFile(path.join(dir, 'dist', 'main.js'), 'utf8')).matchAll(/new URL\((["'`])([^"'`]*)\1,\s*import\.meta\.url\)/g)].map((m) => m[2]);
    return { ok: true, warnings, wasmUrls, files: await assets(path.join(dir, 'dist')) };
  } catch (error) {
    return { ...failure(error), warnings };
  }
}

// parcel-app (the default entry) and parcel-inline-app: what `parcel build
// index.html` does with no configuration (@parcel/config-default, production
// mode), through Parcel's Node API, into the app's dist/, with no cache.
// Parcel copies mexe-core.wasm itself (it follows new URL(..., import.meta.url))
// under a hashed name, and the page maps it in an inline import map. Its page
// refers to its files from the site's root (Parcel's default public URL, '/'):
// each app is served at the root of a server of its own, with the demo's
// Content-Security-Policy and the hash of each inline import map (what a strict
// policy must allow for Parcel's page to run). What Parcel logs reaches
// parcel-reporter/ (Parcel loads reporters by path).
const PARCEL_REPORTER = require.resolve('./parcel-reporter');
async function parcelApp(name) {
  const dir = app(name);
  const dist = path.join(dir, 'dist');
  globalThis.mexeParcelLogs = [];
  const logged = (level) => globalThis.mexeParcelLogs.filter((event) => event.level === level)
    .flatMap((event) => event.diagnostics.map((d) => `${d.origin}: ${d.message}`));
  try {
    await new Parcel({
      entries: path.join(dir, 'index.html'),
      defaultConfig: require.resolve('@parcel/config-default'),
      mode: 'production',
      shouldDisableCache: true,
      defaultTargetOptions: { distDir: dist },
      additionalReporters: [{ packageName: PARCEL_REPORTER, resolveFrom: PARCEL_REPORTER }],
    }).run();
    const files = await assets(dist);
    const importMaps = [...(await readFile(path.join(dist, 'index.html'), 'utf8')).matchAll(/<script type=["']?importmap["']?>(.*?)<\/script>/gs)].map((m) => m[1]);
    const wasm = files.filter((f) => f.endsWith('.wasm'));
    const packageWasm = await readFile(path.join(workspace, 'node_modules', 'mexe-wasm', 'dist', 'mexe-core.wasm'));
    const wasmUnchanged = wasm.length === 1 && (await readFile(path.join(dist, wasm[0]))).equals(packageWasm);
    const policy = [CONTENT_SECURITY_POLICY, ...importMaps.map((map) => `'sha256-${createHash('sha256').update(map).digest('base64')}'`)].join(' ');
    const server = await siteServer(dist, { 'Content-Security-Policy': policy });
    return { ok: true, errors: logged('error'), warnings: logged('warn'), files, importMaps: importMaps.map((map) => JSON.parse(map)), wasmUnchanged, url: server.url, close: server.close };
  } catch (error) {
    return { ...failure(error), errors: [...logged('error'), ...(error.diagnostics ?? []).map((d) => `${d.origin}: ${d.message}`)], warnings: logged('warn') };
  }
}

// One folder served at the root of its own server, with the given headers;
// a folder's path answers its index.html, a path with no file 404.
async function siteServer(root, headers) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.map': 'application/json' };
  const server = http.createServer(async (req, res) => {
    let file = path.join(root, path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
    const body = file.startsWith(root) ? await readFile(file).catch(() => null) : null;
    res.writeHead(body ? 200 : 404, { ...headers, 'Content-Type': body ? types[path.extname(file)] ?? 'application/octet-stream' : 'text/plain' });
    res.end(body ?? 'Not found\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

// not-wasm-app: the package's dist/ copied without its .wasm, served by a
// single-page-app server that answers every unknown path with index.html
// (status 200), as Vite 7's dev server and many static hosts do.
async function spaServer() {
  const root = app('not-wasm-app');
  const dist = path.join(workspace, 'node_modules', 'mexe-wasm', 'dist');
  await cp(dist, path.join(root, 'vendor'), { recursive: true, filter: (from) => !from.endsWith('.wasm') });
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };
  const server = http.createServer(async (req, res) => {
    const file = path.join(root, path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    const found = file.startsWith(root) && (await stat(file).catch(() => null))?.isFile();
    const target = found ? file : path.join(root, 'index.html');
    res.writeHead(200, { 'Content-Type': types[path.extname(target)] ?? 'application/octet-stream' });
    res.end(await readFile(target));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

const [viteResult, webpackResult, webpackCjsResult, esbuildResult, bunResult, rollupResult, rollupInlineResult, parcelResult, parcelInlineResult] =
  [await vite(), await webpackApp('webpack-app'), await webpackApp('webpack-cjs-app'), await esbuildApp(), await bunApp(),
    await rollupApp('rollup-app', { copyWasm: true }), await rollupApp('rollup-inline-app', { copyWasm: false }),
    await parcelApp('parcel-app'), await parcelApp('parcel-inline-app')];
// plain pages, and the webpack, esbuild and Rollup outputs: the repository's static
// server (with the demo's Content-Security-Policy) over the apps' folders and
// the installed package.
const files = await serve({ port: 0, root: workspace,
  directories: ['webpack-app/dist', 'webpack-cjs-app/dist', 'esbuild-app/dist', 'bun-app/dist', 'rollup-app/dist', 'rollup-inline-app/dist', 'plain-app', 'plain-inline-app', 'node_modules/mexe-wasm'] });
const spa = await spaServer();
const parcelServers = [parcelResult, parcelInlineResult].filter((result) => result.ok);

process.stdout.write(JSON.stringify({
  vite: viteResult.build,
  viteDev: viteResult.dev,
  webpack: webpackResult,
  webpackCjs: webpackCjsResult,
  esbuild: esbuildResult,
  bun: bunResult,
  rollup: rollupResult,
  rollupInline: rollupInlineResult,
  parcel: parcelResult,
  parcelInline: parcelInlineResult,
  static: files.url,
  spa: spa.url,
}) + '\n');

process.stdin.resume();
process.stdin.on('end', async () => {
  await Promise.all([viteResult.close(), files.close(), spa.close(), ...parcelServers.map((result) => result.close())]);
  process.exit(0);
});
