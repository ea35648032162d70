// mexe-wasm for Node: the module is read with fs from next to this file.
import { readFile } from 'node:fs/promises';
import { entryPoints } from './entry.mjs';

export { EvaluationError } from './entry.mjs';

const loadModule = async () => WebAssembly.compile(await readFile(new URL('./mexe-core.wasm', import.meta.url)));

export const { createEvaluator, createEvaluatorSync } = entryPoints(loadModule);
