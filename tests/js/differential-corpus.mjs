// Worker: builds the differential corpus outside Jest's module sandbox, where
// the generator's global lookups (Math, String) run about ten times slower.
// Receives { count, seed }; posts back { texts, values }.
import { parentPort, workerData } from 'node:worker_threads';
import { generateExpressions } from '../support/expressions.mjs';

const { count, seed } = workerData;
const corpus = generateExpressions(count, seed);
const texts = corpus.map((x) => x.text);
const values = new Float64Array(corpus.map((x) => x.value)); // keeps -0 and NaN through postMessage
parentPort.postMessage({ texts, values });
