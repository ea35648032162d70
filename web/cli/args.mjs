// The command line: the usage text, the options, and the version.
import fs from 'node:fs';

export const HELP = `Usage: mexe-wasm [options] [expression ...]

Evaluates arithmetic expressions (numbers, + - * /, unary + -, parentheses)
to the same double JavaScript computes, in fixed WebAssembly memory.

  mexe-wasm "2 + 3"          prints 5; several expressions print one result per line
  mexe-wasm < exprs.txt      no expression: reads one expression per line from stdin;
                             blank lines are skipped
  mexe-wasm -f big.txt       the whole file is one expression, streamed in constant memory

Options:
  -f, --file PATH   evaluate the whole file as one expression ("-" reads stdin;
  --file=PATH       the second form for a path that starts with "-");
                    may be repeated, and mixed with expressions (evaluated in order)
      --stats       after each result, print the memory the evaluation used
                    (for a file: the figures of the whole stream)
      --progress    while a file is read, show bytes read, percent, MB/s and time
                    left on one line of stderr; on by default when stderr is a
                    terminal and the file is larger than the input window
      --no-progress never show it
  -h, --help        print this help
      --version     print the version
      --            the arguments that follow are expressions

An argument that starts with "-" and a letter is an option; "-2 * 3" and "--3"
are expressions.
Numbers print as JavaScript's String() prints them, except that -0 prints as -0.
An error prints the input, a caret under the problem and its code to stderr;
the other expressions are still evaluated.

Ctrl-C while a file is read stops it cleanly.

Exit status: 0 if every expression was evaluated, 1 if any failed (or a file
could not be read), 2 on a usage error, 130 when interrupted (Ctrl-C).
`;

export class UsageError extends Error {}

// "-2 * 3" and "--3" are expressions; "-h" and "--file" are options.
const looksLikeOption = (arg) => /^--?[A-Za-z]/.test(arg);

export function parseArgs(argv) {
  const options = { help: false, version: false, stats: false, progress: undefined, items: [] };
  let onlyExpressions = false;
  let stdinUsed = false;

  function addFile(path) {
    if (path === '-') {
      if (stdinUsed) throw new UsageError('stdin can be read only once (--file -)');
      stdinUsed = true;
    }
    options.items.push({ file: path });
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyExpressions || (arg !== '--' && !looksLikeOption(arg))) {
      options.items.push({ expr: arg });
    } else if (arg === '--') {
      onlyExpressions = true;
    } else if (arg === '-h' || arg === '--help') {
      options.help = true;
    } else if (arg === '--version') {
      options.version = true;
    } else if (arg === '--stats') {
      options.stats = true;
    } else if (arg === '--progress') {
      options.progress = true;
    } else if (arg === '--no-progress') {
      options.progress = false;
    } else if (arg === '-f' || arg === '--file') {
      const path = argv[i + 1];
      if (path === undefined || path === '' || looksLikeOption(path)) throw new UsageError(`${arg} needs a file path (or - for stdin)`);
      addFile(path);
      i++;
    } else if (arg.startsWith('--file=')) {
      const path = arg.slice('--file='.length);
      if (path === '') throw new UsageError('--file needs a file path (or - for stdin)');
      addFile(path);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return options;
}

export function packageVersion() {
  // The CLI sits at web/cli/ both in the repository and in the installed package.
  const text = fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return JSON.parse(text).version;
}
