// The demo's static server (scripts/serve.mjs), probed as someone on
// 127.0.0.1 would: raw HTTP requests, nothing normalised by a client. It
// serves what the page loads (web/demo/ and dist/) and nothing else.
import net from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, CONTENT_SECURITY_POLICY } from '../../scripts/serve.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** One raw request: { status, headers, body (Buffer) }. `target` is sent exactly as given. */
function request(port, target, method = 'GET') {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const parts = [];
    socket.on('data', (d) => parts.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(parts);
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0])?.[1]);
      const headers = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers, body: raw.subarray(split + 4) });
    });
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

// What an attacker asks for: the repository's secrets and sources, and ways
// out of the served directories.
const HOSTILE = [
  '/.git/config',
  '/.git/HEAD',
  '/.git',
  '/node_modules/jest/package.json',
  '/package.json',
  '/package-lock.json',
  '/README.md',
  '/scripts/serve.mjs',
  '/web/src/evaluator.mjs',
  '/web/cli/mexe-wasm.mjs',
  '/cpp/wasm/scratch.hpp',
  '/%2e%2e/etc/passwd',
  '/../../etc/passwd',
  '/dist/..%2f..%2fpackage.json',
  '/dist/%2e%2e/package.json',
  '/dist/..%5c..%5cpackage.json',
  '/web/demo/../../package.json',
  '/web/demo/..%2f..%2fpackage.json',
  '/web/demo/.hidden',
  '/web/demo/%2ehidden',
  '/dist/.env',
  '/web/demo%2f..%2f..%2fpackage.json',
  '/web/demo/%00index.html',
  'http://127.0.0.1/package.json', // absolute-form request target
  '/web',
  '/web/',
  '/tests/js/serve.test.mjs',
];

function expectRefused(response, target) {
  expect([target, [403, 404].includes(response.status)]).toEqual([target, true]);
  expect([target, response.headers['content-security-policy']]).toEqual([target, CONTENT_SECURITY_POLICY]);
}

describe('serving the repository', () => {
  let server;
  beforeAll(async () => {
    server = await serve({ port: 0 });
  });
  afterAll(() => server?.close());

  test('binds to 127.0.0.1 only', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  test('/ redirects to the demo page', async () => {
    const response = await request(server.port, '/');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/web/demo/');
  });

  test('/web/demo/, /dist/index.mjs and /dist/mexe-core.wasm come back whole, with their types and the CSP', async () => {
    const page = await request(server.port, '/web/demo/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body.toString()).toBe(readFileSync(path.join(repoRoot, 'web/demo/index.html'), 'utf8'));
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    const entry = await request(server.port, '/dist/index.mjs');
    expect(entry.status).toBe(200);
    expect(entry.headers['content-type']).toMatch(/^text\/javascript/);
    expect(entry.body.equals(readFileSync(path.join(repoRoot, 'dist/index.mjs')))).toBe(true);

    const wasm = await request(server.port, '/dist/mexe-core.wasm');
    expect(wasm.status).toBe(200);
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.body.equals(readFileSync(path.join(repoRoot, 'dist/mexe-core.wasm')))).toBe(true);
  });

  test('a directory without its slash is redirected, so relative URLs resolve', async () => {
    const response = await request(server.port, '/web/demo');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/web/demo/');
  });

  test('every URL the page loads is served', async () => {
    // Relative URLs in the page and its modules, resolved as the browser does.
    const demo = path.join(repoRoot, 'web/demo');
    const urls = new Set(['/dist/mexe-core.wasm']); // fetched by dist/index.mjs, next to itself
    for (const name of readdirSync(demo)) {
      const text = readFileSync(path.join(demo, name), 'utf8');
      const patterns = name.endsWith('.html')
        ? [/\b(?:src|href)="([^"#:]+)"/g]
        : [/\bfrom\s+'(\.[^']+)'/g, /\bimport\(\s*'(\.[^']+)'\s*\)/g, /new URL\(\s*'(\.[^']+)'\s*,\s*import\.meta\.url/g];
      for (const pattern of patterns) {
        for (const [, relative] of text.matchAll(pattern)) urls.add(new URL(relative, `http://x/web/demo/${name}`).pathname);
      }
    }
    expect([...urls]).toEqual(expect.arrayContaining(['/dist/index.mjs', '/web/demo/main.mjs', '/dist/demo/competitors.mjs']));
    for (const url of urls) {
      const { status } = await request(server.port, url);
      expect([url, status]).toEqual([url, 200]);
    }
  });

  test('refuses everything else: sources, dependencies, dotfiles, traversal', async () => {
    const packageJson = readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
    for (const target of HOSTILE) {
      const response = await request(server.port, target);
      expectRefused(response, target);
      expect(response.body.toString()).not.toContain('"devDependencies"');
      expect(response.body.toString()).not.toContain(packageJson.slice(0, 40));
    }
  });

  test('HEAD is refused the same way', async () => {
    for (const target of ['/package.json', '/.git/HEAD', '/dist/..%2f..%2fpackage.json']) {
      expectRefused(await request(server.port, target, 'HEAD'), target);
    }
    expect((await request(server.port, '/dist/mexe-core.wasm', 'HEAD')).status).toBe(200);
  });

  test('other methods are not allowed', async () => {
    const response = await request(server.port, '/dist/index.mjs', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });
});

// A root where every secret exists, so that each refusal is the server's
// doing and not a missing file: a git directory, dependencies, dotfiles in the
// served directories, a file next to the root, and symbolic links out.
describe('serving a root full of secrets', () => {
  const SECRET = 'secret-4f1c9d';
  let dir;
  let server;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mexe-serve-'));
    const root = path.join(dir, 'site');
    const files = {
      '.git/config': `[remote "origin"] ${SECRET}`,
      '.git/HEAD': `ref: ${SECRET}`,
      '.env': SECRET,
      'node_modules/jest/package.json': `{"name":"${SECRET}"}`,
      'package.json': `{"name":"${SECRET}"}`,
      'scripts/serve.mjs': SECRET,
      'web/src/evaluator.mjs': SECRET,
      'web/demo/index.html': '<!doctype html><title>demo</title>',
      'web/demo/main.mjs': 'export {};',
      'web/demo/.hidden': SECRET,
      'web/demo/.git/config': SECRET,
      'dist/index.mjs': 'export {};',
      'dist/mexe-core.wasm': '\0asm\x01\0\0\0',
      'dist/.cache/x.mjs': SECRET,
    };
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), text);
    }
    await writeFile(path.join(dir, 'outside.txt'), SECRET);
    await symlink(path.join(dir, 'outside.txt'), path.join(root, 'dist/outside.txt'));
    await symlink(path.join(root, 'package.json'), path.join(root, 'web/demo/package.json'));
    await symlink(root, path.join(root, 'dist/root'));
    server = await serve({ port: 0, root });
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('serves the page and the build', async () => {
    for (const target of ['/web/demo/', '/web/demo/main.mjs', '/dist/index.mjs', '/dist/mexe-core.wasm']) {
      const { status } = await request(server.port, target);
      expect([target, status]).toEqual([target, 200]);
    }
  });

  test('never answers with a secret', async () => {
    const targets = [
      ...HOSTILE,
      '/.env',
      '/web/demo/.git/config',
      '/dist/.cache/x.mjs',
      '/dist/%2ecache/x.mjs',
      '/outside.txt',
      '/%2e%2e/outside.txt',
      '/dist/..%2f..%2f..%2foutside.txt',
      '/web/demo/..%2f..%2f..%2foutside.txt',
      '/dist/outside.txt', // a symbolic link out of the root
      '/web/demo/package.json', // a symbolic link out of the served directory
      '/dist/root/package.json',
      '/dist/root/.git/config',
    ];
    for (const target of targets) {
      const response = await request(server.port, target);
      expectRefused(response, target);
      expect([target, response.body.toString().includes(SECRET)]).toEqual([target, false]);
    }
  });
});
