// Worker: builds a mixed corpus: seeded valid expressions, mutants of them,
// and hand-made hostile lines.
// Receives { seed, valid, mutants }; posts back { texts }.
import { parentPort, workerData } from 'node:worker_threads';
import { generateExpressions } from '../expressions.mjs';
import { generateMutants, handMade } from '../invalid.mjs';

const { seed, valid, mutants } = workerData;
const expressions = generateExpressions(valid, seed).map((x) => x.text);
const mutated = generateMutants(mutants, seed, { valid: expressions }).map((m) => m.text);
parentPort.postMessage({ texts: [...handMade(), ...expressions, ...mutated] });
