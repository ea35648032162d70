// Worker for generators.test.mjs: generates `count` expressions from `seed`
// and 20,000 mutants, and posts what they cover: { features, ties, mutations }
// (counts by name; see ../coverage.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import { coverage, mutationKinds } from '../coverage.mjs';
import { generateExpressions } from '../expressions.mjs';

const { seed, count, maxDepth } = workerData;
const result = coverage(generateExpressions(count, seed, { maxDepth }), maxDepth);
parentPort.postMessage({ ...result, mutations: mutationKinds(20000, seed) });
