// StrykerJS over the wrapper (web/src) and the CLI (web/cli, web/shared):
// one part at a time, each judged by the tests that can see it. Prints the
// score per file and the survivors; mutants tests/mutation/equivalent-js.md
// lists are counted apart, with its reason.
//
//   node scripts/mutate-js.mjs [--part web-src|cli] [--sample N] [--seed S] [--retest REPORT]
//
// --sample N draws N of a part's mutants with the seed (and whatever mutants
// lie inside them: Stryker takes source ranges); by default every mutant.
// --retest build/mutation-js.json runs again only the mutants that survived
// that run (after tests were added; the sources must be unchanged).
// --report-only prints the last run's figures again (build/mutation-js.json).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Stryker } from '@stryker-mutator/core';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { mulberry32 } from '../tests/support/expressions.mjs';

const parts = {
  // Mutants of web/src reach the tests through dist/, rebuilt in Stryker's
  // sandbox from the mutated sources. These suites load dist/ in Jest's own
  // process, so coverage per test applies. Not heap.test: the instrumented
  // code allocates. Not hostile.test: its 100 MB inputs cost minutes per mutant.
  'web-src': {
    mutate: ['web/src/*.mjs'],
    tests: ['api', 'errors', 'streams', 'instances', 'memory', 'nesting', 'entries', 'counters', 'commonjs'],
    coverageAnalysis: 'perTest',
  },
  // The CLI runs in child processes, where Stryker sees no coverage: every
  // mutant runs the whole CLI suite (the child reads the active mutant from
  // its environment).
  cli: {
    mutate: ['web/cli/*.mjs', 'web/shared/*.mjs'],
    tests: ['cli'],
    coverageAnalysis: 'off',
  },
};

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const chosen = option('--part') ? [option('--part')] : Object.keys(parts);
const sample = option('--sample') === undefined ? Infinity : Number(option('--sample'));
const seed = Number(option('--seed', 1));
const previous = option('--retest') && JSON.parse(fs.readFileSync(option('--retest'), 'utf8'));
for (const name of chosen) if (!parts[name]) throw new Error(`--part: one of ${Object.keys(parts).join(', ')}`);

const filesOf = (patterns) => patterns.flatMap((pattern) => {
  const [dir, glob] = [pattern.slice(0, pattern.lastIndexOf('/')), pattern.slice(pattern.lastIndexOf('/') + 1)];
  const ext = glob.replace('*', '');
  return fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => `${dir}/${f}`);
});

const quiet = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, fatal: console.error,
  isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false,
  isWarnEnabled: () => true, isErrorEnabled: () => true, isFatalEnabled: () => true };

// N mutants drawn with the seed, as the source ranges Stryker mutates within.
async function sampledRanges(files) {
  const sources = files.map((name) => ({ name, content: fs.readFileSync(name, 'utf8'), mutate: true }));
  const { mutants } = await new Instrumenter(quiet).instrument(sources,
    { plugins: null, excludedMutations: [], ignorers: [] });
  const random = mulberry32(seed);
  const order = mutants.map((m) => [random(), m]).sort((a, b) => a[0] - b[0]).map(([, m]) => m);
  return order.slice(0, sample).map(rangeOf);
}

// Mutants here count lines and columns from 0, as Stryker's instrumenter does
// (its results count both from 1; its ranges count lines from 1).
const zeroBased = (m) => {
  const { start, end } = m.location;
  return { ...m, location: { start: { line: start.line - 1, column: start.column - 1 },
    end: { line: end.line - 1, column: end.column - 1 } } };
};
const rangeOf = ({ fileName, location: { start, end } }) =>
  `${fileName.replace(`${process.cwd()}/`, '')}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`;

// tests/mutation/equivalent-js.md: "- FILE · `` CODE `` · MUTATOR · `` REPLACEMENT `` — reason",
// CODE being the source text the mutant replaces (its first 80 characters,
// spaces squashed): robust to lines moving. Where a file has that mutant more
// than once, MUTATOR#n names the n-th in source order.
const squash = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 80);
const keyOf = (file, code, mutator, replacement) => [file, squash(code), mutator, squash(replacement)].join('\n');
const equivalents = new Map();
for (const entry of fs.readFileSync('tests/mutation/equivalent-js.md', 'utf8').split('\n')) {
  const m = /^- (\S+) · `` (.*?) `` · (\w+)(?:#(\d+))? · `` (.*?) `` — (.+)$/.exec(entry);
  if (m) equivalents.set(keyOf(m[1], m[2], m[3], m[5]) + (m[4] ? `#${m[4]}` : ''), { entry, reason: m[6], seen: false });
}

const sourceLines = new Map();
// The text a mutant replaces (its location counts lines and columns from 0).
function codeOf(file, { start, end }) {
  if (!sourceLines.has(file)) sourceLines.set(file, fs.readFileSync(file, 'utf8').split('\n'));
  const lines = sourceLines.get(file).slice(start.line, end.line + 1);
  lines[lines.length - 1] = lines[lines.length - 1].slice(0, end.column);
  lines[0] = lines[0].slice(start.column);
  return lines.join('\n');
}

const rows = [];
const survivors = [];
const reportFile = 'build/mutation-js.json'; // the parts not run this time are kept
const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : {};
for (const name of chosen) {
  const part = parts[name];
  const files = filesOf(part.mutate);
  const sources = createHash('sha256').update(files.map((f) => fs.readFileSync(f, 'utf8')).join('\0')).digest('hex');
  let earlier = previous?.[name];
  if (earlier && earlier.sources !== sources) throw new Error(`--retest: ${name}'s sources changed since that run`);
  if (args.includes('--report-only')) earlier = report[name];
  const again = earlier?.results.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
  const mutate = again ? again.map(rangeOf) : Number.isFinite(sample) ? await sampledRanges(files) : files;
  // tests/mutation/jest.config.cjs reads the list; Stryker's processes inherit it.
  process.env.MEXE_MUTATION_TESTS = part.tests.map((t) => `${t}.test.${t === 'commonjs' ? 'cjs' : 'mjs'}`).join(',');
  const started = Date.now();
  const tested = mutate.length === 0 || args.includes('--report-only') ? [] : await new Stryker({
    mutate,
    testRunner: 'jest',
    jest: { configFile: 'tests/mutation/jest.config.cjs', enableFindRelatedTests: false },
    testRunnerNodeArgs: ['--experimental-vm-modules'],
    coverageAnalysis: part.coverageAnalysis,
    // The tests load dist/: build it from the mutated sources.
    buildCommand: 'node scripts/bundle.mjs',
    ignorePatterns: ['/build*/', '!/build-wasm/', '/build-wasm/*', '!/build-wasm/mexe-core.wasm', '/dist/',
      '/artifacts/', '/tests/consumers/', '/tests/browser/', '/cpp/', '*.tgz', '/reports/'],
    reporters: ['progress-append-only'],
    tempDirName: 'build/stryker-tmp',
    cleanTempDir: 'always',
    concurrency: 2,
  }).runMutationTest().then((results) => results.map(zeroBased));
  const seconds = (Date.now() - started) / 1000;
  // With --retest, the earlier results stand but for the mutants run again.
  const keyOfMutant = (m) => [rangeOf(m), m.mutatorName, m.replacement].join(' ');
  const merged = new Map((earlier?.results ?? []).map((m) => [keyOfMutant(m), m]));
  for (const m of tested) merged.set(keyOfMutant(m), m);
  const results = [...merged.values()];

  const perFile = new Map();
  const occurrences = new Map(); // key → how many mutants so far, in source order
  const inOrder = [...results].sort((a, b) => a.fileName.localeCompare(b.fileName)
    || a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
  for (const m of inOrder) {
    const file = m.fileName.replace(`${process.cwd()}/`, '');
    const code = codeOf(file, m.location);
    const key = keyOf(file, code, m.mutatorName, m.replacement ?? '');
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    const known = equivalents.get(`${key}#${n}`) ?? equivalents.get(key);
    const counts = perFile.get(file) ?? { mutants: 0, killed: 0, survived: 0, equivalent: 0, errors: 0 };
    perFile.set(file, counts);
    counts.mutants++;
    if (m.status === 'Killed' || m.status === 'Timeout') counts.killed++;
    else if (m.status === 'CompileError' || m.status === 'RuntimeError' || m.status === 'Ignored') counts.errors++;
    else if (known) { counts.equivalent++; known.seen = true; }
    else {
      counts.survived++;
      // As an entry of the equivalent list would name it.
      survivors.push(`- ${file} · \`\` ${squash(code)} \`\` · ${m.mutatorName}#${n} · \`\` ${squash(m.replacement ?? '')} \`\``
        + `   (${m.status}, line ${m.location.start.line + 1})`);
    }
    if (known && (m.status === 'Killed' || m.status === 'Timeout')) known.killed = `line ${m.location.start.line + 1}`;
  }
  for (const [file, c] of perFile) rows.push([file, c]);
  report[name] = { seconds, sources, mutants: results.length, files: Object.fromEntries(perFile),
    results: results.map(({ id, fileName, mutatorName, replacement, status, location }) =>
      ({ id, fileName, mutatorName, replacement, status, location })) };
  console.log(`${name}: ${tested.length} mutants tested in ${seconds.toFixed(0)} s`);
}

const score = (c) => (c.mutants - c.errors - c.equivalent === 0 ? 100
  : (100 * c.killed) / (c.mutants - c.errors - c.equivalent));
console.log('\nfile                              mutants  killed  survived  equivalent  score');
const total = { mutants: 0, killed: 0, survived: 0, equivalent: 0, errors: 0 };
for (const [file, c] of rows) {
  for (const k of Object.keys(total)) total[k] += c[k];
  console.log(`${file.padEnd(34)}${String(c.mutants).padStart(7)}${String(c.killed).padStart(8)}` +
    `${String(c.survived).padStart(10)}${String(c.equivalent).padStart(12)}${score(c).toFixed(1).padStart(7)}%`);
}
console.log(`${'all'.padEnd(34)}${String(total.mutants).padStart(7)}${String(total.killed).padStart(8)}` +
  `${String(total.survived).padStart(10)}${String(total.equivalent).padStart(12)}${score(total).toFixed(1).padStart(7)}%`);
console.log(`\nsurvivors (${survivors.length}):`);
for (const s of survivors) console.log(`  ${s}`);
// An entry whose mutant a test now kills, or that no longer exists, is stale.
const stale = [...equivalents.values()].filter((e) => e.killed || (!Number.isFinite(sample) && !e.seen && chosen.length === 2));
for (const e of stale) {
  console.log(`stale entry in tests/mutation/equivalent-js.md (${e.killed ? `killed at ${e.killed}` : 'no such mutant'}): ${e.entry}`);
}
fs.mkdirSync('build', { recursive: true });
fs.writeFileSync(reportFile, JSON.stringify(report, null, 1));
console.log(`\nreport: ${reportFile}`);
