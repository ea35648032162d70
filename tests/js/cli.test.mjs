// The command-line tool, run as a child process the way a user runs it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

function run(args, { input, nodeArgs = [] } = {}) {
  const result = spawnSync(process.execPath, [...nodeArgs, cli, ...args], {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
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
      expect(r.stdout).toBe(`${Object.is(expected, -0) ? '-0' : String(expected)}\n`);
      // Holding the file (20 MB) would show on top of the small run's peak.
      const growthMiB = (maxRssKiB(r.stderr) - maxRssKiB(baseline.stderr)) / 1024;
      expect(growthMiB).toBeLessThan(14);
    } finally {
      fs.rmSync(big, { force: true });
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

  test('-f -: an unclosed parenthesis far back in stdin is still shown', () => {
    const r = run(['-f', '-'], { input: `2 * (1 + ${'1 + '.repeat(100000)}1` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stdin:1:5:\n2 * (1 + 1 + 1 + ');
    const { shown, caret, message } = errorBlock(r.stderr, 'UNCLOSED_PAREN');
    expect(message).toBe('UNCLOSED_PAREN: Unclosed parenthesis at index 4');
    expect(shown[caret.indexOf('^')]).toBe('(');
  });

  test('with --stats, prints what is known for a stream', () => {
    const file = path.join(tmp, 'stats.txt');
    fs.writeFileSync(file, '1 + 2');
    const r = run(['--stats', '-f', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('3');
    expect(r.stdout).toMatch(/inputBytes\s+5 B/);
    expect(r.stdout).toMatch(/maxDepth\s+\d+/);
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
    expect(run(['-f', '--stats']).code).toBe(2);
  });
});
