// Removes the workspace global-setup.mjs made.
import { rm } from 'node:fs/promises';

export default async function teardown() {
  const workspace = process.env.MEXE_CONSUMERS_DIR;
  if (workspace) await rm(workspace, { recursive: true, force: true });
}
