// A Next.js app against the packed package, with no configuration at all,
// built once with webpack and once with Turbopack: a client component (in
// the browsers), a route handler on the Node runtime and one on the edge
// runtime, each reporting checks() on both entries (SERVER_REPORT).
//
// The apps live under build/ rather than in the shared workspace: Turbopack
// compiles nothing outside the project's root (the folder of the nearest lock
// file), and Next.js and React come from the repository's node_modules.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGINES, browsersEnabled, openPage } from '../support/browsers.mjs';
import { EXPECTED_SERVER_REPORT, SERVER_REPORT, freePort, repoRoot, run, startServer, tarball } from './support.mjs';

const NEXT = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
const env = { NEXT_TELEMETRY_DISABLED: '1' };

const route = (runtime) => `import { report } from '../../report.js';

export const dynamic = 'force-dynamic';
${runtime === 'edge' ? "export const runtime = 'edge';\n" : ''}
export async function GET() {
  try {
    return Response.json(await report());
  } catch (error) {
    return Response.json({ error: String(error.stack) }, { status: 500 });
  }
}
`;

const FILES = {
  'package.json': JSON.stringify({ name: 'next-app', private: true }),
  'app/report.js': SERVER_REPORT,
  // No favicon to ask for: every request the page makes must succeed.
  'app/layout.js': "export const metadata = { icons: { icon: 'data:,' } };\n\n"
    + 'export default function Layout({ children }) {\n  return <html><body>{children}</body></html>;\n}\n',
  'app/page.js': "import Client from './client.js';\n\nexport default function Page() {\n  return <Client />;\n}\n",
  'app/client.js': `'use client';
import { useEffect } from 'react';
import { report } from './report.js';

export default function Client() {
  useEffect(() => {
    report().then(
      (result) => { window.__mexe = result; },
      (error) => { window.__mexe = { error: String(error.stack || error) }; });
  }, []);
  return <p>next app</p>;
}
`,
  'app/api/node/route.js': route('nodejs'),
  'app/api/edge/route.js': route('edge'),
};

const apps = {}; // bundler → { build, url, stop }

beforeAll(async () => {
  for (const bundler of ['webpack', 'turbopack']) {
    const dir = path.join(repoRoot, 'build', 'consumers-next', bundler);
    await rm(dir, { recursive: true, force: true });
    for (const [file, text] of Object.entries(FILES)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    const install = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball()], { cwd: dir });
    if (install.code !== 0) throw new Error(`installing the package failed: ${install.stderr}`);
    const build = await run(process.execPath, [NEXT, 'build', `--${bundler}`], { cwd: dir, env, timeout: 240000 });
    apps[bundler] = { build };
    if (build.code !== 0) continue;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const server = await startServer(process.execPath, [NEXT, 'start', '-p', String(port), '-H', '127.0.0.1'], url, { cwd: dir, env });
    Object.assign(apps[bundler], { url, stop: server.stop, started: server });
  }
}, 600000);

afterAll(async () => {
  await Promise.all(Object.values(apps).map((app) => app.stop?.()));
});

describe.each(['webpack', 'turbopack'])('Next.js with %s', (bundler) => {
  test('builds with no configuration, and nothing it prints concerns the package', () => {
    const { code, stdout, stderr } = apps[bundler].build;
    expect({ code, stderr: stderr.split('\n').filter((line) => /mexe|wasm/i.test(line)) }).toEqual({ code: 0, stderr: [] });
    expect(stdout.split('\n').filter((line) => /mexe|wasm/i.test(line))).toEqual([]);
    expect(apps[bundler].started.status).toBe(200);
  });

  test.each(['node', 'edge'])('a route handler on the %s runtime evaluates with both entries', async (runtime) => {
    const response = await fetch(`${apps[bundler].url}api/${runtime}`);
    expect(await response.json()).toEqual(EXPECTED_SERVER_REPORT);
    expect(response.status).toBe(200);
  });
});

const browsers = browsersEnabled ? describe : describe.skip;

browsers.each(ENGINES)('in %s', (engine) => {
  let page;

  beforeAll(async () => {
    page = await openPage(engine);
  });

  afterAll(async () => {
    await page?.close();
  });

  test.each(['webpack', 'turbopack'])('a client component of the %s build evaluates with both entries', async (bundler) => {
    page.errors.length = 0;
    const response = await page.goto(apps[bundler].url);
    expect(response.status()).toBe(200);
    expect(await page.waitForFunction(() => window.__mexe, undefined, { timeout: 20000 })).toEqual(EXPECTED_SERVER_REPORT);
    expect(await page.readErrors()).toEqual([]);
  });
});
