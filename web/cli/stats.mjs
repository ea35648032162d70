// --stats: an evaluation's figures (EvaluationStats) and the evaluator's
// fixed memory, in aligned columns.
import { formatSize } from '../shared/format.mjs';

// rows: [name, value, unit ('B' for bytes, or ''), note], printed in aligned columns.
export function statsBlock(rows) {
  const cells = rows.map(([name, value, unit, note]) => {
    let unitText = '';
    if (typeof value === 'number' && unit === 'B') unitText = value >= 1024 ? `B (${formatSize(value)})` : 'B';
    return [name, String(value), unitText, note ?? ''];
  });
  const width = (k) => Math.max(...cells.map((cell) => cell[k].length));
  const [nameWidth, valueWidth, unitWidth] = [width(0), width(1), width(2)];
  let text = '';
  for (const [name, value, unitText, note] of cells) {
    const line = `  ${name.padEnd(nameWidth)}  ${value.padStart(valueWidth)} ${unitText.padEnd(unitWidth)}  ${note}`;
    text += line.trimEnd() + '\n';
  }
  return text;
}

function fixedRows(memory) {
  return [
    ['linearMemoryBytes', memory.linearMemoryBytes, 'B', 'whole module memory, never grows'],
    ['scratchBytes', memory.scratchBytes, 'B', 'fixed working region'],
    ['inputWindowBytes', memory.inputWindowBytes, 'B', 'input is streamed through it'],
    ['stackBytes', memory.stackBytes, 'B', 'evaluation stacks'],
    ['maxDepth', memory.maxDepth, '', 'deepest nesting allowed'],
  ];
}

export function evaluationRows(stats, memory) {
  return [
    ['inputBytes', stats.inputBytes, 'B'],
    ['chunks', stats.chunks, '', 'input-window fills'],
    ['peakDepth', stats.peakDepth, '', 'open parentheses at the deepest point'],
    ['peakStackBytes', stats.peakStackBytes, 'B', 'stack area used at that point'],
    ['heapAllocations', stats.heapAllocations, '', 'malloc calls while evaluating'],
    ...fixedRows(memory),
  ];
}

// A stream's own figures (for the whole stream, or up to its error), and
// the process's peak memory beside them.
export function streamRows(stats, memory) {
  return [
    ...evaluationRows(stats, memory),
    ['processMaxRss', process.resourceUsage().maxRSS * 1024, 'B', 'peak memory of the whole Node process'],
  ];
}
