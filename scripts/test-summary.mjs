// Adds up the runners' results (ctest logs, Jest's JSON) into one closing
// line, "N passed, N failed", and exits non-zero if anything failed.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const jest = JSON.parse(text);
    passed += jest.numPassedTests;
    failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  } else {
    const m = text.match(/(\d+)% tests passed, (\d+) tests failed out of (\d+)/);
    if (!m) throw new Error(`${file}: no ctest summary`);
    failed += Number(m[2]);
    passed += Number(m[3]) - Number(m[2]);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
