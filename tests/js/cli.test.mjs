// The command-line tool, run as a child process the way a user runs it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatValue } from '../support/harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(root, 'web/cli/mexe-wasm.mjs');

// The children get neither Jest's NODE_OPTIONS nor npm's variables.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !/^npm_/i.test(key)),
);

let tmp;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mexe-cli-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function run(args, { input, nodeArgs = [], cwd = root } = {}) {
  const result = spawnSync(process.execPath, [...nodeArgs, cli, ...args], {
    cwd,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

// The figures of a --stats block: { name: number }.
function statsRows(text) {
  return Object.fromEntries([...text.matchAll(/^ {2}(\w+) +(\d+)\b/gm)].map(([, name, value]) => [name, Number(value)]));
}

// The three lines of an error block: input, caret, "CODE: message".
function errorBlock(stderr, code) {
  const lines = stderr.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`${code}: `));
  expect(at).toBeGreaterThanOrEqual(2);
  return { shown: lines[at - 2], caret: lines[at - 1], message: lines[at] };
}

describe('expressions as arguments', () => {
  test('prints the value', () => {
    expect(run(['2 + 3'])).toMatchObject({ code: 0, stdout: '5\n', stderr: '' });
  });

  test('prints one result per line, as String() does, and -0 as -0', () => {
    const r = run(['0.1 + 0.2', '0 * -1', '1/0', '-1/0', '0/0', '1e21', '1e-7', '10 / 4 / 2', '007']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(['0.30000000000000004', '-0', 'Infinity', '-Infinity', 'NaN', '1e+21', '1e-7', '1.25', '7', ''].join('\n'));
  });

  test('arguments that start with a sign are expressions, -- ends the options', () => {
    expect(run(['-2 * 3', '--3', '-(1)']).stdout).toBe('-6\n3\n-1\n');
    expect(run(['--', '1 + 1']).stdout).toBe('2\n');
  });

  test('one bad expression among several: the others are still printed, exit 1', () => {
    const r = run(['1 + 1', '2 +', '3 * 3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('2\n9\n');
    expect(r.stderr).toContain('UNEXPECTED_END: ');
  });
});

describe('errors', () => {
  test('shows the input, a caret under the index and the code; exit 1', () => {
    const r = run(['2 + * 3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const { shown, caret, message } = errorBlock(r.stderr, 'EXPECTED_OPERAND');
    expect(shown).toBe('2 + * 3');
    expect(caret).toBe('    ^');
    expect(message).toBe('EXPECTED_OPERAND: Expected an operand at index 4');
  });

  test('tabs print as spaces so the caret lines up', () => {
    const r = run(['\t2 +\t\t* 3']);
    const { shown, caret } = errorBlock(r.stderr, 'EXPECTED_OPERAND');
    expect(shown).toBe(' 2 +  * 3');
    expect(caret.indexOf('^')).toBe(6);
    expect(shown[6]).toBe('*');
  });

  test('the caret goes after the input at its end', () => {
    const { shown, caret } = errorBlock(run(['(1 + 2) *']).stderr, 'UNEXPECTED_END');
    expect(caret.indexOf('^')).toBe(shown.length);
  });

  test('a long input is cut around the index, the caret still under the character', () => {
    const input = '1 + '.repeat(100) + 'x' + ' + 2'.repeat(100);
    const r = run([input]);
    expect(r.code).toBe(1);
    const { shown, caret, message } = errorBlock(r.stderr, 'UNEXPECTED_CHARACTER');
    expect(message).toBe('UNEXPECTED_CHARACTER: Unexpected character at index 400');
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(100);
    expect(shown[caret.indexOf('^')]).toBe('x');
  });

  test('a character outside ASCII is pointed at by its UTF-16 index', () => {
    const { shown, caret, message } = errorBlock(run(['2 + 😀 1']).stderr, 'UNEXPECTED_CHARACTER');
    expect(message).toBe('UNEXPECTED_CHARACTER: Unexpected character at index 4');
    expect(shown).toBe('2 + 😀 1');
    expect(caret).toBe('    ^');
  });

  test('an empty argument is EMPTY_INPUT', () => {
    const r = run(['']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('EMPTY_INPUT: ');
  });
});

describe('stdin, one expression per line', () => {
  test('prints one result per line and skips blank lines', () => {
    const r = run([], { input: '1 + 2\n\n   \n3 * 4\r\n0 * -1\n(1 + 2) / 4' });
    expect(r).toMatchObject({ code: 0, stdout: '3\n12\n-0\n0.75\n', stderr: '' });
  });

  test('a bad line prints its error with the line number and the rest goes on; exit 1', () => {
    const r = run([], { input: '1 + 1\n2 + * 3\n\n4 4\n5 * 5\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('2\n25\n');
    expect(r.stderr).toContain('line 2:\n2 + * 3\n    ^\nEXPECTED_OPERAND: ');
    expect(r.stderr).toContain('line 4:\n4 4\n  ^\nEXPECTED_OPERATOR: ');
  });

  test('answers each line as it arrives, before stdin ends', async () => {
    const child = spawn(process.execPath, [cli], { cwd: root, env });
    let stdout = '';
    const exited = new Promise((resolve) => child.on('close', resolve));
    const firstAnswer = new Promise((resolve) => {
      child.stdout.on('data', (data) => {
        stdout += data;
        if (stdout.includes('\n')) resolve();
      });
    });
    child.stdin.write('6 * 7\n');
    await firstAnswer; // stdin is still open here
    expect(stdout).toBe('42\n');
    child.stdin.end('1 / 8\n');
    expect(await exited).toBe(0);
    expect(stdout).toBe('42\n0.125\n');
  });
});

describe('--stats', () => {
  test('prints the memory use after the result', () => {
    const r = run(['--stats', '(1 + 2) * 3']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('9');
    expect(r.stdout).toMatch(/heapAllocations\s+0\b/);
    expect(r.stdout).toMatch(/inputBytes\s+11 B/);
    expect(r.stdout).toMatch(/peakDepth\s+1\b/);
    for (const name of ['chunks', 'peakStackBytes', 'linearMemoryBytes', 'scratchBytes', 'inputWindowBytes', 'stackBytes', 'maxDepth']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name}\\s+\\d+`, 'm'));
    }
  });

  test('a failed evaluation prints its stats with the error', () => {
    const r = run(['--stats', '((1)']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('UNCLOSED_PAREN: ');
    expect(r.stderr).toMatch(/peakDepth\s+2\b/);
  });
});

describe('--file', () => {
  // About 20 MB: a sum of parenthesized terms over many lines, with its value
  // computed in JavaScript with the same literals and the same grouping.
  function writeBigFile(file) {
    const fd = fs.openSync(file, 'w');
    let text = '';
    let size = 0;
    let value = 0;
    for (let i = 0; size < 20e6; i++) {
      const a = `${i % 1000}.${i % 10}`;
      const b = `${(i % 13) + 1}`;
      const c = `${i % 7}e-1`;
      const term = `(${a} * (${b} - ${c}) / 3)`;
      const termValue = (Number(a) * (Number(b) - Number(c))) / 3;
      const piece = i === 0 ? term : i % 3 === 0 ? ` -\n${term}` : ` +\t${term}`;
      value = i === 0 ? termValue : i % 3 === 0 ? value - termValue : value + termValue;
      text += piece;
      size += piece.length;
      if (text.length > 1 << 20) {
        fs.writeSync(fd, text);
        text = '';
      }
    }
    fs.writeSync(fd, text);
    fs.closeSync(fd);
    return value;
  }

  // Preloaded into the child: reports its peak resident memory on exit.
  function rssReporter() {
    const file = path.join(tmp, 'report-rss.cjs');
    fs.writeFileSync(file, "process.on('exit', () => require('fs').writeSync(2, `maxrss=${process.resourceUsage().maxRSS}\\n`));\n");
    return file;
  }
  const maxRssKiB = (stderr) => Number(/maxrss=(\d+)/.exec(stderr)[1]);

  test('a ~20 MB file is one expression, streamed in bounded memory', () => {
    const big = path.join(tmp, 'big.txt');
    const small = path.join(tmp, 'small.txt');
    const expected = writeBigFile(big);
    fs.writeFileSync(small, '(1 + 2) * 3');
    const nodeArgs = ['--max-old-space-size=64', '-r', rssReporter()];
    try {
      const baseline = run(['--file', small], { nodeArgs });
      expect(baseline.stdout).toBe('9\n');

      const r = run(['--file', big], { nodeArgs });
      expect(r.signal).toBe(null);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${formatValue(expected)}\n`);
      // Holding the file (20 MB) would show on top of the small run's peak.
      const growthMiB = (maxRssKiB(r.stderr) - maxRssKiB(baseline.stderr)) / 1024;
      expect(growthMiB).toBeLessThan(14);
    } finally {
      fs.rmSync(big, { force: true });
    }
  });

  test('--file=PATH is --file PATH, and takes a path that starts with "-"', () => {
    const file = path.join(tmp, '-dash.txt');
    fs.writeFileSync(file, '(1 + 2) * 4');
    try {
      expect(run([`--file=${file}`, '1 + 1'])).toMatchObject({ code: 0, stdout: '12\n2\n' });
      expect(run(['--file=-'], { input: '6 /\n3' })).toMatchObject({ code: 0, stdout: '2\n' });
      // A relative path starting with "-" reads as an option after --file; with = it cannot.
      expect(run(['--file', '-dash.txt'], { cwd: tmp }).code).toBe(2);
      expect(run(['--file=-dash.txt'], { cwd: tmp })).toMatchObject({ code: 0, stdout: '12\n' });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test('-f - reads stdin as one expression', () => {
    expect(run(['-f', '-'], { input: '1 +\n2 *\n3\n' })).toMatchObject({ code: 0, stdout: '7\n' });
  });

  test('an error shows path:line:column and the line with a caret', () => {
    const file = path.join(tmp, 'bad.txt');
    fs.writeFileSync(file, '(1 +\n\t2 * 3 4\n)');
    const r = run(['--file', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:8:\n`);
    const { shown, caret, message } = errorBlock(r.stderr, 'EXPECTED_OPERATOR');
    expect(shown).toBe(' 2 * 3 4');
    expect(caret).toBe('       ^');
    expect(message).toBe('EXPECTED_OPERATOR: Expected an operator at index 12');
  });

  test('an error in stdin read with -f - is shown too', () => {
    const r = run(['-f', '-'], { input: '1 +\n2 + * 3\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stdin:2:5:\n2 + * 3\n    ^\nEXPECTED_OPERAND: Expected an operand at index 8');
  });

  test('--file: an error right after a window boundary shows the bytes before it, from the previous window', async () => {
    const file = path.join(tmp, 'boundary.txt');
    // Line 1, then line 2 running past the window; the error is the second
    // window's fourth byte, so its context starts in the window before.
    const { createEvaluator } = await import('../../dist/node.mjs');
    const { inputWindowBytes } = (await createEvaluator()).memory;
    const line2 = '1 + '.repeat(inputWindowBytes / 4);
    const head = `7\n+ ${line2}`.slice(0, inputWindowBytes + 1);
    fs.writeFileSync(file, `${head}+ x + 3\n`);
    const r = run(['--file', file]);
    expect(r.code).toBe(1);
    const index = head.length + 2; // the x
    expect(r.stderr).toContain(`${file}:2:${index - 2 + 1}:\n`);
    const { shown, caret, message } = errorBlock(r.stderr, 'UNEXPECTED_CHARACTER');
    expect(message).toBe(`UNEXPECTED_CHARACTER: Unexpected character at index ${index}`);
    expect(shown[caret.indexOf('^')]).toBe('x');
    expect(shown.slice(0, caret.indexOf('^'))).toBe(`…${(head + '+ ').slice(-40)}`);
  });

  test('--file: an unclosed parenthesis far back in a file is shown from the file', () => {
    const file = path.join(tmp, 'unclosed.txt');
    fs.writeFileSync(file, `1 +\n2 * (1 + ${'1 + '.repeat(100000)}1`);
    const r = run(['--file', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:5:\n2 * (1 + 1 + 1 + `);
    const { shown, caret, message } = errorBlock(r.stderr, 'UNCLOSED_PAREN');
    expect(message).toBe('UNCLOSED_PAREN: Unclosed parenthesis at index 8');
    expect(shown[caret.indexOf('^')]).toBe('(');
  });

  test('--file: an unclosed parenthesis past the first bytes, far back, is read again from the file, cut to 40 on each side', () => {
    // Line 41 holds the '(' at column 121, and runs on for 120 KB: neither the
    // reader's first bytes nor its last chunks hold it.
    const line = `${'7 + '.repeat(30)}(${' 4 +'.repeat(30000)} 5`;
    const file = path.join(tmp, 'unclosed-far.txt');
    fs.writeFileSync(file, `${'1 +\n'.repeat(40)}${line}\n`);
    const at = line.indexOf('(');
    const r = run(['--file', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:41:${at + 1}:\n…${line.slice(at - 40, at + 41)}…\n${' '.repeat(41)}^\n`
      + `UNCLOSED_PAREN: Unclosed parenthesis at index ${4 * 40 + at}`);
  });

  test('-f -: an unclosed parenthesis far back in stdin is still shown', () => {
    const r = run(['-f', '-'], { input: `2 * (1 + ${'1 + '.repeat(100000)}1` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stdin:1:5:\n2 * (1 + 1 + 1 + ');
    const { shown, caret, message } = errorBlock(r.stderr, 'UNCLOSED_PAREN');
    expect(message).toBe('UNCLOSED_PAREN: Unclosed parenthesis at index 4');
    expect(shown[caret.indexOf('^')]).toBe('(');
  });

  test('with --stats, prints the stream\'s own figures', () => {
    const file = path.join(tmp, 'stats.txt');
    fs.writeFileSync(file, '(1 + 2)');
    const r = run(['--stats', '-f', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('3');
    expect(statsRows(r.stdout)).toMatchObject({ inputBytes: 7, chunks: 1, peakDepth: 1, heapAllocations: 0 });
    expect(r.stdout).toMatch(/maxDepth\s+\d+/);
    expect(r.stdout).not.toContain('n/a');
  });

  test('a file that cannot be read: message, exit 1', () => {
    const r = run(['--file', path.join(tmp, 'missing.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*missing\.txt: ENOENT/);
  });
});

describe('options', () => {
  test('--help prints the usage', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: mexe-wasm/);
    expect(r.stdout).toContain('--file');
    expect(r.stdout).toContain('--stats');
    expect(run(['-h']).stdout).toBe(r.stdout);
  });

  test('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  test('an unknown option is a usage error: exit 2', () => {
    const r = run(['--bogus', '1 + 1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown option --bogus');
  });

  test('--file without a path is a usage error: exit 2', () => {
    expect(run(['--file']).code).toBe(2);
    expect(run(['--file=']).code).toBe(2);
    expect(run(['-f', '--stats']).code).toBe(2);
  });
});

describe('--file streams: real figures, progress, Ctrl-C', () => {
  let W; // the input window, read from the module
  let ref; // the package in this process: reference figures
  let big; // a generated file of ~24 MB (never committed), and its figures
  const DEPTH = 60;

  // '(' x DEPTH, then integer terms over many lines, then ')' x DEPTH. All
  // terms are small integers: the value, summed here left to right, is exact.
  function writeNestedFile(file, targetBytes, { errorAt } = {}) {
    const fd = fs.openSync(file, 'w');
    let text = '('.repeat(DEPTH);
    let size = text.length;
    let value = 0;
    for (let i = 0; size < targetBytes; i++) {
      const a = i % 97;
      const b = i % 5;
      const c = i % 3;
      const piece = `${a} * (${b} + 1) - ${c} +\n`;
      value += a * (b + 1) - c;
      text += piece;
      size += piece.length;
      if (text.length > 1 << 20) {
        fs.writeSync(fd, text);
        text = '';
      }
    }
    const tail = `7${')'.repeat(DEPTH)}`;
    value += 7;
    fs.writeSync(fd, text + tail);
    fs.closeSync(fd);
    if (errorAt !== undefined) {
      const fdw = fs.openSync(file, 'r+');
      fs.writeSync(fdw, '$', errorAt);
      fs.closeSync(fdw);
    }
    return { file, value, size: size + tail.length };
  }

  // The \r-separated states of the progress line.
  const progressLines = (stderr) => stderr.split(/[\r\n]/).map((line) => line.trimEnd()).filter((line) => line !== '');
  const percentOf = (line) => Number(/, (\d+) %,/.exec(line)?.[1]);

  beforeAll(async () => {
    const { createEvaluator } = await import('../../dist/node.mjs');
    ref = await createEvaluator();
    W = ref.memory.inputWindowBytes;
    big = writeNestedFile(path.join(tmp, 'nested.txt'), 24e6);
  });
  afterAll(() => {
    fs.rmSync(big.file, { force: true });
  });

  test('--stats prints the figures of the whole stream of a ~24 MB file', () => {
    expect(big.size).toBeGreaterThan(300 * W); // far more than the window, and than linear memory
    const r = run(['--stats', '--file', big.file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(''); // not a terminal: no progress by default
    expect(r.stdout.split('\n')[0]).toBe(String(big.value));
    // Each term's (b + 1) opens one level more.
    const nested = '('.repeat(DEPTH + 1) + '1' + ')'.repeat(DEPTH + 1);
    expect(statsRows(r.stdout)).toMatchObject({
      inputBytes: big.size,
      chunks: Math.ceil(big.size / W), // the file is read a window at a time
      peakDepth: DEPTH + 1,
      peakStackBytes: ref.evaluateWithStats(nested).stats.peakStackBytes,
      heapAllocations: 0,
      linearMemoryBytes: ref.memory.linearMemoryBytes,
      scratchBytes: ref.memory.scratchBytes,
      inputWindowBytes: W,
    });
    expect(r.stdout).not.toContain('n/a');
  });

  test('an error far into a file: --stats shows the figures up to it, --progress stops short of 100 %', () => {
    const errorAt = 10 * W + 12345;
    const bad = writeNestedFile(path.join(tmp, 'nested-bad.txt'), 8e6 + 5 * W, { errorAt });
    try {
      const r = run(['--stats', '--progress', '--file', bad.file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`UNEXPECTED_CHARACTER: Unexpected character at index ${errorAt}`);
      expect(statsRows(r.stderr)).toMatchObject({
        inputBytes: errorAt + 1,
        chunks: Math.floor(errorAt / W) + 1,
        peakDepth: DEPTH + 1,
        heapAllocations: 0,
      });
      const last = progressLines(r.stderr.slice(0, r.stderr.indexOf('\n')));
      expect(last.at(-1)).toMatch(/, stopped$/);
      expect(percentOf(last.at(-1))).toBeLessThan(100);
    } finally {
      fs.rmSync(bad.file, { force: true });
    }
  });

  test('--progress: one line on stderr, rewritten with \\r, from 0 % to 100 %', () => {
    const r = run(['--progress', '--file', big.file, '1 + 1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${big.value}\n2\n`);
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.split('\n').length).toBe(2); // one line, ended once
    expect(r.stderr.startsWith('\r')).toBe(true);
    const lines = progressLines(r.stderr);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatch(new RegExp(`^${big.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+\\.\\d MB of ${(big.size / 1e6).toFixed(1)} MB, \\d+ %, (--|\\d+\\.\\d) MB/s, `));
    }
    const percents = lines.map(percentOf);
    expect(percents[0]).toBe(0);
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents); // never goes back
    expect(lines[0]).toMatch(/left$/);
    expect(lines.at(-1)).toMatch(/, done in \d+\.\d s$/);
    expect(lines.at(-1)).toContain(`${(big.size / 1e6).toFixed(1)} MB of ${(big.size / 1e6).toFixed(1)} MB`);
  });

  test('--no-progress, and no terminal, mean no progress line', () => {
    for (const args of [['--no-progress'], [], ['--progress', '--no-progress']]) {
      const r = run([...args, '--file', big.file]);
      expect([args, r.code, r.stderr]).toEqual([args, 0, '']);
      expect(r.stdout).toBe(`${big.value}\n`);
    }
  });

  // Under a pseudo-terminal (util-linux script), the default turns on for a
  // file larger than the window only.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  (hasScript ? test : test.skip)('on a terminal, progress is on by default for a file larger than the window', () => {
    const small = path.join(tmp, 'small-tty.txt');
    fs.writeFileSync(small, '6 * 7');
    const onTerminal = (args) => {
      const command = [process.execPath, cli, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
      const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, env, encoding: 'utf8', input: '' });
      return { code: r.status, output: r.stdout };
    };
    const withBig = onTerminal(['--file', big.file]);
    expect(withBig.code).toBe(0);
    expect(withBig.output).toMatch(/, 100 %, .* done in/);
    expect(withBig.output).toContain(String(big.value));
    const withSmall = onTerminal(['--file', small]);
    expect(withSmall.code).toBe(0);
    expect(withSmall.output.trim()).toBe('42');
    const turnedOff = onTerminal(['--no-progress', '--file', big.file]);
    expect(turnedOff.output).not.toContain('%');
  });

  test('Ctrl-C (SIGINT) while a stream waits: a message, exit 130, the rest not evaluated', async () => {
    const child = spawn(process.execPath, [cli, '--progress', '-f', '-', '2 + 2'], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    child.stdout.on('data', (data) => { stdout += data; });
    child.stderr.on('data', (data) => {
      stderr += data;
      // The first progress line: the stream is being read.
      if (!sent && stderr.includes('stdin: ')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stdin.write('1 + 2 + '); // and stdin stays open: the stream waits
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(stderr).toMatch(/mexe-wasm: interrupted after \d+ bytes of stdin\n$/);
    expect(progressLines(stderr).at(-2)).toMatch(/, stopped$/);
    expect(stdout).toBe('');
  });
});

describe('Ctrl-C with --file on a FIFO', () => {
  // A read from a FIFO that waits for input cannot be interrupted: the tool
  // still ends at once, as SIGINT's default action (the shell sees 130 either way).
  const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
  (hasMkfifo ? test : test.skip)('prints the message and ends, even with a read in progress', async () => {
    const fifo = path.join(tmp, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(process.execPath, [cli, '--progress', '--file', fifo], { cwd: root, env });
    const writer = fs.createWriteStream(fifo);
    writer.write('1 + '.repeat(1000)); // and the FIFO stays open: the stream waits
    let stderr = '';
    let sent = false;
    const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    child.stderr.on('data', (data) => {
      stderr += data;
      if (!sent && stderr.includes(' MB read')) { // the first progress line: the stream is being read
        sent = true;
        child.kill('SIGINT');
      }
    });
    try {
      const { code, signal } = await exited;
      expect(code === 130 || signal === 'SIGINT').toBe(true);
      expect(stderr).toMatch(/mexe-wasm: interrupted after \d+ bytes of .*fifo\n$/);
    } finally {
      writer.destroy();
      fs.rmSync(fifo, { force: true });
    }
  });
});
