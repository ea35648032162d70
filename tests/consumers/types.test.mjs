// Package hygiene on the packed tarball: publint --strict, arethetypeswrong,
// and TypeScript consumers (tsc --strict) with Node's module resolution (an
// .mts and a .cts file), with bundler resolution (also under the Workers and
// edge conditions), and in a Node-only project without the DOM library. Each consumer uses the API with its types.
import { repoBin, run, tarball, writeApp } from './support.mjs';

// The consumer's code, the same in every project and module kind. A type
// error anywhere (or an `any` that lets a wrong call through: see
// @ts-expect-error) fails the check.
const USE = `import { createEvaluator, createEvaluatorSync, EvaluationError } from 'mexe-wasm';
import type { ErrorCode, EvaluationStats, Evaluator } from 'mexe-wasm';
import * as inline from 'mexe-wasm/inline';

export async function use(wasm: ArrayBuffer): Promise<number> {
  const ev: Evaluator = await createEvaluator();
  const v: number = ev.evaluate('1 + 2');
  const tried = ev.tryEvaluate('2 +');
  const code: ErrorCode | 'none' = tried.ok ? 'none' : tried.error.code;
  const index: number = tried.ok ? tried.value : tried.error.index;
  const { value, stats } = ev.evaluateWithStats('(1)');
  const peak: number = (stats satisfies EvaluationStats).peakDepth;
  const many = ev.evaluateMany(['1', '2 *']);
  const first: number = many.values[0];
  const firstError: EvaluationError | null = many.errors[0];
  const streamed: number = await ev.evaluateStream(['1', ' + ', '2']);
  try {
    ev.evaluate('1 + x');
  } catch (error) {
    if (error instanceof EvaluationError) {
      const thrownCode: ErrorCode = error.code;
      console.log(thrownCode, error.index, error.message);
    }
  }
  const fromBytes = createEvaluatorSync({ wasmBinary: new Uint8Array(wasm) });
  const fromBuffer = createEvaluatorSync({ wasmBinary: wasm });
  const sync: Evaluator = inline.createEvaluatorSync();
  const later: inline.Evaluator = await inline.createEvaluator();
  // @ts-expect-error an expression is a string
  ev.evaluate(42);
  console.log(code, firstError, ev.memory.maxDepth);
  return v + index + value + peak + first + streamed + fromBytes.evaluate('1') + fromBuffer.evaluate('1')
    + sync.evaluate('6 * 7') + later.evaluate('1');
}
`;

// A compiled module needs WebAssembly's types, which only the DOM library has.
const WITH_MODULE = `import { createEvaluatorSync } from 'mexe-wasm';

export const fromModule = (wasm: ArrayBuffer): number =>
  createEvaluatorSync({ wasmModule: new WebAssembly.Module(wasm) }).evaluate('1');
`;

const strict = { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022' };
const PROJECTS = {
  'Node resolution (--module nodenext): an .mts and a .cts file': {
    compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext', types: ['node'] },
    files: { 'use.mts': USE, 'use.cts': USE, 'module.mts': WITH_MODULE, 'module.cts': WITH_MODULE },
  },
  'bundler resolution (--moduleResolution bundler)': {
    compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [] },
    files: { 'use.ts': USE, 'module.ts': WITH_MODULE },
  },
  // What wrangler's and Next.js's edge bundles resolve: the build that imports the module.
  'a Workers or edge project (--customConditions workerd,edge-light)': {
    compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler', customConditions: ['workerd', 'edge-light'], lib: ['es2022', 'dom'], types: [] },
    files: { 'use.ts': USE, 'module.ts': WITH_MODULE },
  },
  'a Node-only project without the DOM library (--lib es2022 --types node)': {
    compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], types: ['node'] },
    files: { 'use.mts': USE, 'use.cts': USE },
  },
};

// The checks are separate processes: they run side by side.
const output = ({ code, stdout, stderr }) => ({ code, output: `${stdout}${stderr}`.trim() });

test.concurrent('publint --strict finds nothing in the tarball', async () => {
  const result = output(await run(repoBin('publint'), ['run', tarball(), '--strict']));
  expect(result.output).not.toMatch(/^(Errors|Warnings|Suggestions):/m);
  expect(result.code === 0 ? 'clean' : result.output).toBe('clean');
});

test.concurrent('arethetypeswrong finds nothing (every entry point, every resolution mode)', async () => {
  const result = output(await run(repoBin('attw'), [tarball(), '--no-color', '--no-emoji', '--format', 'table-flipped',
    '--exclude-entrypoints', './mexe-core.wasm']));
  expect(result.code === 0 ? 'clean' : result.output).toBe('clean');
});

test.concurrent.each(Object.keys(PROJECTS))('tsc --strict: %s', async (name) => {
  const { compilerOptions, files } = PROJECTS[name];
  const dir = await writeApp(`types-${Object.keys(PROJECTS).indexOf(name)}`, {
    'tsconfig.json': JSON.stringify({ compilerOptions, files: Object.keys(files) }, null, 2),
    ...files,
  });
  const result = output(await run(repoBin('tsc'), ['-p', dir, '--pretty', 'false'], { cwd: dir }));
  expect(result).toEqual({ code: 0, output: '' });
});
