// A small static file server for the demo: serves what the page loads and
// nothing else (web/demo/, web/shared/ and dist/; every other path is 404, a path segment
// starting with a dot is refused) on 127.0.0.1 with the Content-Security-Policy
// the demo must work under. No dependencies.
//   node scripts/serve.mjs          (PORT=8080 by default)
//   import { serve } from './serve.mjs'; const { url, close } = await serve({ port: 0 });
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// No 'unsafe-eval': the module and the page must run without string evaluation.
export const CONTENT_SECURITY_POLICY = "script-src 'self' 'wasm-unsafe-eval'";

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', // needed by WebAssembly.instantiateStreaming
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const DEMO_PAGE = '/web/demo/';

const STATUS_TEXT = { 400: 'Bad request\n', 403: 'Forbidden\n', 404: 'Not found\n' };

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

// The directories the page loads from: the page itself, the formatting it
// shares with the CLI, and the package's build (dist/index.mjs,
// dist/mexe-core.wasm, dist/demo/ for the race panel).
export const SERVED_DIRECTORIES = ['web/demo', 'web/shared', 'dist'];

function isInside(base, file) {
  const rel = path.relative(base, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

// Maps a URL path to { status } (refused) or { file, base } (a path under one
// of the served directories; base is that directory).
function resolvePath(root, directories, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  // A dot segment ('..', '.git', '.env'), a backslash or a NUL: never served.
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 403 };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return { status: 403 };
  const relative = segments.join('/');
  const dir = directories.find((d) => relative === d || relative.startsWith(d + '/'));
  if (!dir) return { status: 404 };
  const base = path.resolve(root, dir);
  const file = path.resolve(root, relative);
  if (!isInside(base, file)) return { status: 403 };
  return { file, base };
}

async function handle(root, directories, headers, req, res) {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-cache');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/') {
    res.writeHead(302, { Location: DEMO_PAGE });
    res.end();
    return;
  }
  const resolved = resolvePath(root, directories, pathname);
  if (resolved.status) {
    send(res, resolved.status, STATUS_TEXT[resolved.status]);
    return;
  }
  const { file, base } = resolved;
  let target = file;
  let info = await stat(target).catch(() => null);
  if (info?.isDirectory()) {
    // A directory without a trailing slash would break the page's relative URLs.
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { Location: pathname + '/' });
      res.end();
      return;
    }
    target = path.join(target, 'index.html');
    info = await stat(target).catch(() => null);
  }
  // A symbolic link must not lead out of the served directory either.
  if (!info?.isFile() || !isInside(await realpath(base), await realpath(target))) {
    send(res, 404, STATUS_TEXT[404]);
    return;
  }
  const type = MIME_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(target)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Starts the server; port 0 picks a free port; `directories` (under root) are
 * all it serves; `headers` are added to every response. Resolves to
 * { url, port, close }.
 */
export async function serve({ port = 8080, host = '127.0.0.1', root = repoRoot, directories = SERVED_DIRECTORIES, headers = {} } = {}) {
  const server = http.createServer((req, res) => {
    handle(root, directories, headers, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error\n');
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  const url = `http://${host}:${actualPort}/`;
  return {
    url,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const { url } = await serve({ port, host });
  console.log(`mexe-wasm demo: ${url}`);
}
