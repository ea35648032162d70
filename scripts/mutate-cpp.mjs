#!/usr/bin/env node
// Mutation testing of the C++ core (cpp/src): one textual change at a time
// in the real file, an incremental Release build, ctest; then the file is
// put back. A mutant the tests do not notice is a survivor: a test is
// missing, or the mutant is equivalent (tests/mutation/equivalent-cpp.md).
//
//   node scripts/mutate-cpp.mjs [--list] [--sample N] [--seed S] [--files a.cpp,b.hpp]
//                               [--ids ID,ID] [--timeout SECONDS] [--jobs N] [--max-minutes M]
//                               [--run-equivalent]
//
// A mutant whose object files are byte for byte the unmutated ones is
// equivalent by construction ("same code") and is not tested. Mutants run
// in a Release build (build-mutate), and those that survive there again in
// the build npm test also runs: sanitizers, host literal reader
// (build-mutate-host); literal_value_host.cpp's only there. Results:
// build-mutate/mutants.json.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../tests/support/expressions.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'cpp/src');
const equivalentList = join(root, 'tests/mutation/equivalent-cpp.md');
// Tests that do not exercise the core and only cost time.
const skippedTests = 'cmake_consumer';

// ---- The mutation operators -------------------------------------------------
// Binary operators are mutated only where written with a space on each side,
// as the code is: template brackets, '->', pointer and reference declarators
// never are.
const binaryReplacements = {
  '<': ['<='], '<=': ['<'], '>': ['>='], '>=': ['>'],
  '==': ['!='], '!=': ['=='],
  '&&': ['||'], '||': ['&&'],
  '+': ['-'], '-': ['+'], '*': ['/'], '/': ['*'],
  '&': ['|'], '|': ['&'], '<<': ['>>'], '>>': ['<<'],
  '+=': ['-='], '-=': ['+='], '&=': ['|='], '|=': ['&='],
};
const binaryOperator = /(?<= )(<<|>>|<=|>=|==|!=|&&|\|\||\+=|-=|&=|\|=|<|>|\+|-|\*|\/|&|\|)(?= )/g;
const increment = /\+\+|--/g;
const logicalNot = /!(?!=)/g;
const bitwiseNot = /~/g;
const booleanLiteral = /\b(true|false)\b/g;
const integerLiteral = /(?<![\w.'])(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)(?![\w.'])/g;
// Deleted statements become `{}`: a simple assignment or increment on a line
// of its own, an early exit (return/goto), break, continue.
const deletableLine = /^(?:\*?[A-Za-z_][\w.[\]]* (?:[-+|&^]?=) [^;]*|(?:\+\+|--)[\w.]+|[\w.]+(?:\+\+|--));$/;
const exitStatement = /\b(?:return\b[^;]*|goto \w+|break|continue);/g;

function constantReplacements(text) {
  const value = BigInt(text);
  const hex = /^0[xX]/.test(text);
  const write = (v) => (hex ? '0x' + v.toString(16) : v.toString());
  if (value === 0n) return ['1'];
  if (value === 1n) return ['0', '2'];
  return [write(value + 1n)];
}

// Mutants of one line: {col (0-based), length, replacement, operator}.
function lineMutants(code) {
  const found = [];
  const add = (col, length, replacement, operator) => found.push({ col, length, replacement, operator });
  for (const m of code.matchAll(binaryOperator))
    for (const r of binaryReplacements[m[0]]) add(m.index, m[0].length, r, `${m[0]}→${r}`);
  for (const m of code.matchAll(increment)) {
    const r = m[0] === '++' ? '--' : '++';
    add(m.index, 2, r, `${m[0]}→${r}`);
  }
  for (const m of code.matchAll(logicalNot)) add(m.index, 1, '', 'drop !');
  for (const m of code.matchAll(bitwiseNot)) add(m.index, 1, '', 'drop ~');
  for (const m of code.matchAll(booleanLiteral)) {
    const r = m[0] === 'true' ? 'false' : 'true';
    add(m.index, m[0].length, r, `${m[0]}→${r}`);
  }
  for (const m of code.matchAll(integerLiteral))
    for (const r of constantReplacements(m[1])) add(m.index, m[1].length, r, `${m[1]}→${r}`);
  const trimmed = code.trim();
  const indent = code.length - code.trimStart().length;
  if (deletableLine.test(trimmed)) {
    add(indent, trimmed.length, '{}', 'delete statement');
  } else {
    const inIf = /^(?:} else )?if \(/.test(trimmed) || /^case [^:]+:/.test(trimmed);
    for (const m of code.matchAll(exitStatement)) {
      const isExit = /^(?:return|goto)/.test(m[0]);
      const voidReturn = m[0] === 'return;';
      const alone = m.index === indent && m[0].length === trimmed.length;
      // Exits in an if (or a case) on the same line, void returns and gotos
      // anywhere, break and continue anywhere.
      if (!isExit || inIf || voidReturn || (alone && m[0].startsWith('goto')))
        add(m.index, m[0].length, '{}', 'delete ' + m[0].split(/[ ;]/)[0]);
    }
  }
  return found;
}

// ---- Reading the sources ----------------------------------------------------
// Each line with comments, string and character literals blanked (columns
// kept), or null where nothing may be mutated: preprocessor lines,
// static_assert, explicit instantiations, attributes.
function codeLines(text) {
  const lines = text.split('\n');
  let inBlockComment = false;
  let assertDepth = 0;  // open parentheses of a static_assert that goes on
  let probeDepth = 0;   // inside #ifdef MEXE_FAST_PATH_PROBE
  return lines.map((line) => {
    let out = '';
    for (let i = 0; i < line.length; i++) {
      if (inBlockComment) {
        if (line.startsWith('*/', i)) { inBlockComment = false; out += '  '; i++; } else out += ' ';
        continue;
      }
      if (line.startsWith('//', i)) { out += ' '.repeat(line.length - i); break; }
      if (line.startsWith('/*', i)) { inBlockComment = true; out += '  '; i++; continue; }
      const quote = line[i];
      if (quote === '"' || (quote === "'" && !/[0-9a-fA-F]/.test(line[i - 1] ?? ''))) {
        let j = i + 1;
        while (j < line.length && line[j] !== quote) j += line[j] === '\\' ? 2 : 1;
        out += quote + ' '.repeat(Math.max(0, Math.min(j, line.length) - i - 1)) + (j < line.length ? quote : '');
        i = j;
        continue;
      }
      out += line[i];
    }
    const trimmed = out.trim();
    if (assertDepth > 0 || trimmed.startsWith('static_assert')) {
      assertDepth += (out.match(/\(/g) ?? []).length - (out.match(/\)/g) ?? []).length;
      if (trimmed.startsWith('static_assert') && assertDepth <= 0) assertDepth = 0;
      return null;
    }
    // Test-only code (the fast path's probe) is not the product's.
    if (/^#\s*ifdef MEXE_FAST_PATH_PROBE\b/.test(trimmed)) probeDepth = 1;
    else if (probeDepth > 0 && /^#\s*if/.test(trimmed)) probeDepth++;
    else if (probeDepth > 0 && (/^#\s*endif/.test(trimmed) || (probeDepth === 1 && /^#\s*else/.test(trimmed)))) probeDepth--;
    else if (probeDepth > 0) return null;
    if (trimmed.startsWith('#') || /^template (?!<)/.test(trimmed)) return null;
    return out.replace(/\[\[.*?\]\]|alignas\(\d+\)|__attribute__\(\(.*?\)\)/g, (m) => ' '.repeat(m.length));
  });
}

function enumerate(files) {
  const mutants = [];
  for (const file of files) {
    const text = readFileSync(join(sourceDir, file), 'utf8');
    const lines = text.split('\n');
    codeLines(text).forEach((code, index) => {
      const original = lines[index];
      if (code === null) return;
      for (const m of lineMutants(code)) {
        const mutated = original.slice(0, m.col) + m.replacement + original.slice(m.col + m.length);
        const line = index + 1;
        mutants.push({
          id: `${file}:${line}:${m.col + 1}:${m.operator}`,
          file, line, col: m.col + 1, operator: m.operator,
          original: original.trim(), mutated: mutated.trim(),
          offset: lines.slice(0, index).reduce((n, l) => n + l.length + 1, 0) + m.col,
          length: m.length, replacement: m.replacement,
        });
      }
    });
  }
  return mutants;
}

// ---- Known equivalent mutants -----------------------------------------------
// Lines "- `file:line:col:operator` `original line` — reason". They match a
// mutant by file, operator, column and the original line's text; the line
// number only breaks ties between identical lines, so edits elsewhere keep
// them.
function readEquivalents() {
  if (!existsSync(equivalentList)) return [];
  const entries = [];
  for (const line of readFileSync(equivalentList, 'utf8').split('\n')) {
    const m = line.match(/^- `([^`:]+):(\d+):(\d+):([^`]+)` `(.+?)` — (.+)$/);
    if (m) entries.push({ file: m[1], line: Number(m[2]), col: Number(m[3]), operator: m[4], text: m[5], reason: m[6], source: line });
  }
  return entries;
}

function matchEquivalents(mutants, entries) {
  const stale = [];
  for (const entry of entries) {
    const candidates = mutants.filter((m) => !m.equivalent && m.file === entry.file && m.operator === entry.operator &&
      m.col === entry.col && m.original === entry.text.trim());
    candidates.sort((a, b) => Math.abs(a.line - entry.line) - Math.abs(b.line - entry.line));
    if (candidates.length === 0) stale.push(entry);
    else candidates[0].equivalent = entry.reason;
  }
  return stale;
}

// ---- Builds and runs --------------------------------------------------------
// The host literal reader (the wasm module's; strtod natively) is compiled
// only when configured for it: its mutants are tested as scripts/test.sh
// tests it, under AddressSanitizer and UndefinedBehaviorSanitizer, which
// also see its reads past a buffer. Everything else in a Release build.
const builds = {
  release: { dir: join(root, 'build-mutate'), options: ['-DCMAKE_BUILD_TYPE=Release'] },
  host: {
    dir: join(root, 'build-mutate-host'),
    options: ['-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DMEXE_LITERAL_READER=host', '-DMEXE_SANITIZE=ON'],
  },
};
function buildFor(file) {
  return file === 'literal_value_host.cpp' ? builds.host : builds.release;
}

let running = null;  // the child process group, for a clean stop
function run(command, args, { timeoutMs = 0 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    let timedOut = false;
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; killGroup(child); }, timeoutMs) : null;
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      running = null;
      resolve({ code, output, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function killGroup(child) {
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
}

async function build(target, jobs) {
  if (!existsSync(join(target.dir, 'CMakeCache.txt'))) {
    const configured = await run('cmake', ['-S', '.', '-B', target.dir, '-DMEXE_BENCH=OFF', ...target.options]);
    if (configured.code !== 0) throw new Error(`configuring ${target.dir} failed:\n${configured.output}`);
  }
  return run('cmake', ['--build', target.dir, '-j', String(jobs)], { timeoutMs: 600_000 });
}

function ctest(target, jobs, timeoutSeconds) {
  const args = ['--test-dir', target.dir, '-j', String(jobs), '-E', skippedTests, '--stop-on-failure'];
  if (timeoutSeconds) args.push('--timeout', String(Math.ceil(timeoutSeconds)));
  return run('ctest', args, { timeoutMs: timeoutSeconds ? timeoutSeconds * 1000 : 0 });
}

// A digest of every object file in the build: equal to the unmutated one's,
// the mutant compiled to the same code.
function objectDigest(dir) {
  const hash = createHash('sha256');
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.o')) hash.update(path).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

function failedTests(output) {
  return [...output.matchAll(/^\s*\d+ - (\S+) \(/gm)].map((m) => m[1]);
}

// ---- Sampling -----------------------------------------------------------------
function sample(mutants, n, seed) {
  const next32 = mulberry32(seed);
  const next = () => next32() / 2 ** 32; // uniform in [0, 1)
  const shuffled = [...mutants];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled.slice(0, n);
}

// ---- Main ---------------------------------------------------------------------
function parseArgs(argv) {
  const options = { list: false, sample: 0, seed: 1, files: null, ids: null, timeout: 0, jobs: 2, runEquivalent: false, maxMinutes: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--list') options.list = true;
    else if (arg === '--run-equivalent') options.runEquivalent = true;
    else if (arg === '--sample') options.sample = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--files') options.files = value().split(',').map((f) => basename(f));
    else if (arg === '--ids') options.ids = new Set(value().split(',').map((s) => s.trim()));
    else if (arg === '--timeout') options.timeout = Number(value());
    else if (arg === '--jobs') options.jobs = Number(value());
    else if (arg === '--max-minutes') options.maxMinutes = Number(value());
    else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

function scores(results) {
  const byFile = new Map();
  for (const r of results) {
    const s = byFile.get(r.file) ?? { killed: 0, timeout: 0, survived: 0, equivalent: 0, sameCode: 0, noCompile: 0 };
    s[{ killed: 'killed', timeout: 'timeout', survived: 'survived', equivalent: 'equivalent', 'same code': 'sameCode', 'did not compile': 'noCompile' }[r.status]]++;
    byFile.set(r.file, s);
  }
  const total = { killed: 0, timeout: 0, survived: 0, equivalent: 0, sameCode: 0, noCompile: 0 };
  for (const s of byFile.values()) for (const k of Object.keys(total)) total[k] += s[k];
  const score = (s) => {
    const counted = s.killed + s.timeout + s.survived;
    return { ...s, score: counted ? (s.killed + s.timeout) / counted : 1 };
  };
  return { files: Object.fromEntries([...byFile].sort().map(([f, s]) => [f, score(s)])), total: score(total) };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const allFiles = readdirSync(sourceDir).filter((f) => /\.(cpp|hpp)$/.test(f)).sort();
  const files = options.files ?? allFiles;
  for (const f of files) if (!allFiles.includes(f)) throw new Error(`not a C++ file in cpp/src: ${f}`);

  const mutants = enumerate(files);
  const stale = matchEquivalents(mutants, readEquivalents().filter((e) => files.includes(e.file)));
  let chosen = options.ids ? mutants.filter((m) => options.ids.has(m.id)) : mutants;
  if (options.sample > 0) chosen = sample(chosen, options.sample, options.seed);
  chosen.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.operator.localeCompare(b.operator));

  for (const e of stale) console.warn(`equivalent-cpp.md: no such mutant any more: ${e.source}`);
  if (options.list) {
    for (const m of chosen) console.log(`${m.id}\t${m.equivalent ? '[equivalent] ' : ''}${m.mutated}`);
    console.log(`${chosen.length} mutants (of ${mutants.length} in ${files.join(', ')})`);
    return;
  }

  if (spawnSync('git', ['diff', '--quiet', '--', 'cpp/src'], { cwd: root }).status !== 0)
    throw new Error('cpp/src has uncommitted changes: commit or stash them first (mutants are written into the files)');

  // Baselines, made when first needed: the unmutated build must pass; its
  // test time sets the limit.
  const targets = new Map();
  const baseline = async (target) => {
    if (targets.has(target.dir)) return targets.get(target.dir);
    const built = await build(target, options.jobs);
    if (built.code !== 0) throw new Error(`the unmutated build fails in ${target.dir}:\n${built.output}`);
    const tested = await ctest(target, options.jobs, 0);
    if (tested.code !== 0) throw new Error(`the unmutated tests fail in ${target.dir}:\n${tested.output}`);
    const timeout = options.timeout || 3 * tested.seconds + 10;
    const ready = { ...target, digest: objectDigest(target.dir), testSeconds: tested.seconds, timeout };
    targets.set(target.dir, ready);
    console.log(`baseline ${basename(target.dir)}: ctest ${tested.seconds.toFixed(1)} s, limit ${timeout.toFixed(0)} s per mutant`);
    return ready;
  };
  const toRun = chosen.filter((m) => !m.equivalent || options.runEquivalent);
  for (const m of toRun) await baseline(buildFor(m.file));
  if (toRun.some((m) => m.file !== 'literal_value_fast_float.cpp')) await baseline(builds.host);  // for survivors

  // One mutant, already written into its file, in one build.
  const test = async (target) => {
    const built = await build(target, options.jobs);
    if (built.code !== 0) {
      // A compiler error, or the tests' discovery (run at build time) failed.
      if (/(\.cpp|\.hpp):\d+:\d+: error:/.test(built.output)) return { status: 'did not compile', failed: [] };
      return { status: 'killed', failed: ['test discovery'] };
    }
    if (objectDigest(target.dir) === target.digest) return { status: 'same code', failed: [] };
    const tested = await ctest(target, options.jobs, target.timeout);
    const status = tested.timedOut ? 'timeout' : tested.code === 0 ? 'survived' : 'killed';
    return { status, failed: failedTests(tested.output) };
  };

  const results = [];
  let current = null;  // {path, text}: the file to put back
  const restore = () => {
    if (current) writeFileSync(current.path, current.text);
    current = null;
  };
  const started = Date.now();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (running) killGroup(running);
      restore();
      console.error(`\n${signal}: stopped; cpp/src restored (the builds may hold a mutant until the next run)`);
      report({ options, targets, stale, results, seconds: (Date.now() - started) / 1000, stopped: true });
      process.exit(130);
    });
  }

  try {
    for (const [index, m] of chosen.entries()) {
      if (options.maxMinutes && Date.now() - started > options.maxMinutes * 60_000) {
        console.log(`--max-minutes ${options.maxMinutes}: stopped before ${chosen.length - index} more mutants`);
        break;
      }
      const head = `[${index + 1}/${chosen.length}] ${m.id}`;
      if (m.equivalent && !options.runEquivalent) {
        results.push({ ...m, status: 'equivalent', seconds: 0 });
        continue;
      }
      const target = targets.get(buildFor(m.file).dir);
      const path = join(sourceDir, m.file);
      const text = readFileSync(path, 'utf8');
      const mutantStarted = Date.now();
      let outcome;
      try {
        current = { path, text };
        writeFileSync(path, text.slice(0, m.offset) + m.replacement + text.slice(m.offset + m.length));
        outcome = await test(target);
        // npm test also runs the suite under the sanitizers (with the host
        // reader, scripts/test.sh): a survivor gets that second run, which
        // sees undefined behaviour and reads out of bounds.
        if (outcome.status === 'survived' && target !== builds.host && m.file !== 'literal_value_fast_float.cpp') {
          const second = await test(targets.get(builds.host.dir));
          if (second.status === 'killed' || second.status === 'timeout') {
            outcome = { status: second.status, failed: second.failed.map((t) => `${t} (sanitizers)`) };
          }
        }
      } finally {
        restore();
      }
      const { status, failed } = outcome;
      const seconds = (Date.now() - mutantStarted) / 1000;
      results.push({ ...m, status, seconds, failed });
      console.log(`${head} ${status} (${seconds.toFixed(1)} s)${status === 'survived' ? `\n    ${m.mutated}` : ''}`);
    }
  } finally {
    restore();
  }
  // Leave the builds as the sources are.
  for (const target of targets.values()) await build(target, options.jobs);

  report({ options, targets, stale, results, seconds: (Date.now() - started) / 1000, stopped: false });
}

// Scores, survivors and times; the JSON report.
function report({ options, targets, stale, results, seconds, stopped }) {
  const tested = results.filter((r) => r.seconds > 0);
  const summary = scores(results);
  const percent = (x) => `${(100 * x).toFixed(1)}%`;
  console.log('\nscore = killed (timeouts included) / (mutants - equivalent - did not compile)');
  for (const [file, s] of Object.entries(summary.files)) {
    console.log(`  ${file.padEnd(28)} ${percent(s.score).padStart(6)}  killed ${s.killed + s.timeout}` +
      ` (timeout ${s.timeout}), survived ${s.survived}, equivalent ${s.equivalent} + same code ${s.sameCode},` +
      ` did not compile ${s.noCompile}`);
  }
  const t = summary.total;
  console.log(`  ${'all'.padEnd(28)} ${percent(t.score).padStart(6)}  killed ${t.killed + t.timeout}, survived ${t.survived},` +
    ` equivalent ${t.equivalent} + same code ${t.sameCode}, did not compile ${t.noCompile}`);
  const survivors = results.filter((r) => r.status === 'survived');
  if (survivors.length) {
    console.log('\nsurvivors:');
    for (const s of survivors) console.log(`  ${s.id}\n      ${s.original}\n   -> ${s.mutated}`);
  }
  console.log(`\n${results.length} mutants, ${tested.length} built, total ${seconds.toFixed(0)} s,` +
    ` ${(tested.reduce((n, r) => n + r.seconds, 0) / Math.max(1, tested.length)).toFixed(1)} s per built mutant`);

  mkdirSync(join(root, 'build-mutate'), { recursive: true });
  const report = {
    options: { ...options, ids: options.ids ? [...options.ids] : null },
    baselines: [...targets.values()].map(({ dir, options, testSeconds, timeout }) => ({ dir: basename(dir), options, testSeconds, timeout })),
    totalSeconds: seconds, stopped, summary,
    staleEquivalents: stale.map((e) => e.source),
    mutants: results.map(({ id, file, line, col, operator, original, mutated, status, seconds, failed, equivalent }) =>
      ({ id, file, line, col, operator, original, mutated, status, seconds, failed, equivalent })),
  };
  writeFileSync(join(root, 'build-mutate/mutants.json'), JSON.stringify(report, null, 2) + '\n');
  console.log('report: build-mutate/mutants.json');
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
