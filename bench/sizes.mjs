// What a browser downloads, gzip -9 and brotli 11: each library as an app's
// bundle carries it (esbuild, minified ESM, only what the benchmarks use),
// and where mexe-wasm's bytes go (the module's sections and functions, the
// JavaScript by source file).
//
//   node bench/sizes.mjs          (after npm run build)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

const sizeOf = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const sum = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

function version(pkg) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'entry.mjs', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { bytes: result.outputFiles[0].contents, metafile: result.metafile };
}

/** [{ name, what, raw, gzip, brotli, parts? }], mexe-wasm first. */
export async function sizes() {
  const out = [];
  // The default entry fetches the .wasm beside the bundle: both are downloaded.
  const js = sizeOf((await bundle("export { createEvaluator } from './dist/index.mjs';")).bytes);
  const wasm = sizeOf(readFileSync(join(root, 'dist/mexe-core.wasm')));
  out.push({ name: 'mexe-wasm', what: 'esbuild bundle of createEvaluator + dist/mexe-core.wasm', ...sum(js, wasm), parts: { js, wasm } });
  out.push({ name: 'mexe-wasm/inline', what: 'esbuild bundle of createEvaluatorSync (module embedded)',
    ...sizeOf((await bundle("export { createEvaluatorSync } from './dist/inline.mjs';")).bytes) });
  const others = [
    ['hand-written JS', "export { evaluate } from './bench/handwritten.mjs';"],
    [`expr-eval ${version('expr-eval')}`, "export { Parser } from 'expr-eval';"],
    [`mathjs ${version('mathjs')}`, "export { evaluate } from 'mathjs';"],
    [`math-expression-evaluator ${version('math-expression-evaluator')}`, "export { default } from 'math-expression-evaluator';"],
    [`fparser ${version('fparser')}`, "export { default } from 'fparser';"],
  ];
  for (const [name, contents] of others) {
    out.push({ name, what: `esbuild --bundle --minify --format=esm (${contents.match(/\{ (\w+) \}/)[1]})`, ...sizeOf((await bundle(contents)).bytes) });
  }
  return out;
}

// ---------------------------------------------------------------- breakdown

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'data count'];

// The module's sections, and the code section's functions (named where exported).
function wasmParts(bytes) {
  const module = new WebAssembly.Module(bytes);
  const imported = WebAssembly.Module.imports(module).filter((i) => i.kind === 'function').length;
  const names = new Map();
  // Export section order is the module's; map function indexes to names from it.
  const parts = [];
  let at = 8;
  const functions = [];
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    parts.push({ name: `section ${SECTIONS[id] ?? id}`, bytes: bytes.subarray(at, start + size) });
    if (id === 7) {
      let [count, p] = leb(bytes, start);
      for (; count > 0; count--) {
        let length;
        [length, p] = leb(bytes, p);
        const name = new TextDecoder().decode(bytes.subarray(p, p + length));
        p += length;
        const kind = bytes[p++];
        let index;
        [index, p] = leb(bytes, p);
        if (kind === 0) names.set(index, name);
      }
    }
    if (id === 10) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        const [length, body] = leb(bytes, p);
        functions.push({ index: imported + i, bytes: bytes.subarray(p, body + length) });
        p = body + length;
      }
    }
    at = start + size;
  }
  return { parts, functions: functions.map((f) => ({ name: names.get(f.index) ?? `function ${f.index}`, bytes: f.bytes })) };
}

async function breakdown() {
  const wasm = readFileSync(join(root, 'dist/mexe-core.wasm'));
  const { parts, functions } = wasmParts(wasm);
  console.log(`mexe-core.wasm: ${wasm.length} B, gzip ${sizeOf(wasm).gzip} B (each part below gzipped alone: the sum is larger)`);
  for (const { name, bytes } of parts) console.log(`  ${name.padEnd(24)} ${String(bytes.length).padStart(6)} B  gzip ${String(sizeOf(bytes).gzip).padStart(5)} B`);
  console.log('  functions of the code section, largest first:');
  for (const { name, bytes } of functions.sort((a, b) => b.bytes.length - a.bytes.length)) {
    console.log(`    ${name.padEnd(22)} ${String(bytes.length).padStart(6)} B  gzip ${String(sizeOf(bytes).gzip).padStart(5)} B`);
  }
  const { bytes, metafile } = await bundle("export { createEvaluator } from './web/src/index.mjs';");
  console.log(`\nJavaScript (bundle of createEvaluator): ${bytes.length} B, gzip ${sizeOf(bytes).gzip} B; minified bytes by source:`);
  const inputs = Object.values(metafile.outputs)[0].inputs;
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) console.log(`  ${file.padEnd(24)} ${String(bytesInOutput).padStart(6)} B`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const s of await sizes()) console.log(`${s.name.padEnd(34)} raw ${String(s.raw).padStart(7)}  gzip ${String(s.gzip).padStart(6)}  brotli ${String(s.brotli).padStart(6)}`);
  console.log('');
  await breakdown();
}
