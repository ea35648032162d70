// Once per Jest run: packs the package as npm would publish it and installs
// the tarball into an empty workspace under the system's temp folder, which
// every consumer test (tests/consumers/) shares. The paths reach the test
// files through the environment; global-teardown.mjs removes the workspace.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './support.mjs';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup() {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'mexe-consumers-'));
  process.env.MEXE_CONSUMERS_DIR = workspace;
  try {
    const env = cleanEnv();
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workspace], { cwd: repoRoot, env });
    const tarball = path.join(workspace, JSON.parse(stdout)[0].filename);
    await writeFile(path.join(workspace, 'package.json'), JSON.stringify({ name: 'consumer-apps', private: true }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock', tarball], { cwd: workspace, env });
    // Type checks with --types node find @types/node from the workspace.
    await mkdir(path.join(workspace, 'node_modules', '@types'), { recursive: true });
    await symlink(path.join(repoRoot, 'node_modules', '@types', 'node'), path.join(workspace, 'node_modules', '@types', 'node'), 'dir');
    process.env.MEXE_PACKAGE_TARBALL = tarball;
  } catch (error) {
    // Reported by the consumer tests, not by every test file of the run.
    process.env.MEXE_CONSUMERS_SETUP_ERROR = `packing or installing the package failed: ${error.stderr || error.message}`;
  }
}
