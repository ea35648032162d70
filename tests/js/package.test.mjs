// The published package: pack it, install the tarball in an empty project,
// and use it there through import, require and the CLI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distFiles } from '../../scripts/dist-files.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

// npm and npx pass settings to children through npm_* variables (the install
// prefix among them): the nested npm commands must not see them.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !/^npm_/i.test(key)),
);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function exec(file, args, cwd) {
  return execFileSync(file, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// What the build writes into dist/ (its one list), the CLI's modules (and
// the formatting they share with the demo), and the inline entry's package.json.
const intended = [
  ...distFiles.map((file) => `dist/${file}`),
  ...['web/cli', 'web/shared'].flatMap((dir) => fs.readdirSync(path.join(root, dir)).map((file) => `${dir}/${file}`)),
  'inline/package.json',
  'package.json',
];
// npm always adds these when they exist.
const allowed = new Set([...intended, 'README.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt']);

let tmp;
let packed;
let app;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mexe-package-'));
  [packed] = JSON.parse(exec(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], root));
  app = path.join(tmp, 'app');
  fs.mkdirSync(app);
}, 120000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds exactly the intended files', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const file of intended) expect(files).toContain(file);
  if (fs.existsSync(path.join(root, 'README.md'))) expect(files).toContain('README.md');
  expect(files.filter((file) => !allowed.has(file))).toEqual([]);
  // Spelled out, for a clearer failure: no sources, tests or build trees.
  const unwanted = /^(cpp|tests|bench|scripts|build[^/]*|node_modules|web\/src|web\/demo|\.ci)\//;
  expect(files.filter((file) => unwanted.test(file))).toEqual([]);
});

test('installs from the tarball and works through import, require and the CLI', () => {
  const tarball = path.join(tmp, packed.filename);
  exec(npm, ['init', '-y'], app);
  const install = ['install', tarball, '--no-audit', '--no-fund'];
  try {
    exec(npm, [...install, '--offline'], app); // no dependencies: no network needed
  } catch {
    exec(npm, install, app);
  }
  const installed = path.join(app, 'node_modules', 'mexe-wasm');
  expect(fs.existsSync(path.join(installed, 'dist', 'mexe-core.wasm'))).toBe(true);

  fs.writeFileSync(
    path.join(app, 'use.mjs'),
    `import { createEvaluator, EvaluationError } from 'mexe-wasm';
const ev = await createEvaluator();
const bad = ev.tryEvaluate('2 +');
console.log(ev.evaluate('2 + 3'), bad.error instanceof EvaluationError, bad.error.code, bad.error.index);
`,
  );
  expect(exec(process.execPath, ['use.mjs'], app)).toBe('5 true UNEXPECTED_END 3\n');

  fs.writeFileSync(
    path.join(app, 'use.cjs'),
    `const { createEvaluator } = require('mexe-wasm');
createEvaluator().then((ev) => {
  console.log(ev.evaluate('(1 + 2) * 3'), Object.is(ev.evaluate('0 * -1'), -0));
});
`,
  );
  expect(exec(process.execPath, ['use.cjs'], app)).toBe('9 true\n');

  // Run through the bin link as a shell would: needs the shebang and the exec bit npm sets.
  const bin = path.join(app, 'node_modules', '.bin', process.platform === 'win32' ? 'mexe-wasm.cmd' : 'mexe-wasm');
  expect(exec(bin, ['2 + 3'], app)).toBe('5\n');
}, 120000);
