// Writes the package's files into dist/ (scripts/dist-files.mjs lists them)
// and removes any other file there but the demo's folder. Each file is
// written whole and renamed into place: a test run during a rebuild never
// reads half a file.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { bundles, distFiles, typeFiles, wasmFile } from './dist-files.mjs';

await mkdir('dist', { recursive: true });

async function replace(path, write) {
  const temporary = `${path}.${process.pid}.tmp`;
  await write(temporary);
  await rename(temporary, path);
}

await replace(`dist/${wasmFile}`, (to) => copyFile(`build-wasm/${wasmFile}`, to));

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  // No keepNames: EvaluationError sets its own names (web/src/errors.mjs).
  logLevel: 'warning',
  loader: { '.wasm': 'binary' }, // inline.mjs imports the module's bytes
  // ES2021: `??=`; and no newer built-ins (esbuild's binary loader would use
  // Uint8Array.fromBase64, which Node 20 lacks).
  target: 'es2021',
  write: false,
};

for (const [name, options] of bundles) {
  const result = await build({ ...common, ...options });
  await replace(`dist/${name}`, (to) => writeFile(to, result.outputFiles[0].contents));
}

for (const [name, source, transform] of typeFiles) {
  const text = transform(await readFile(source, 'utf8'));
  await replace(`dist/${name}`, (to) => writeFile(to, text));
}

// A file an earlier version wrote would otherwise ship (package.json takes dist/ whole).
for (const entry of await readdir('dist', { withFileTypes: true })) {
  // (.tmp: another build's file in the making)
  if (entry.isFile() && !distFiles.includes(entry.name) && !entry.name.endsWith('.tmp')) await rm(`dist/${entry.name}`);
}
