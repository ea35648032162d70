// --progress: one line on stderr, rewritten in place (\r): bytes read,
// percent, MB/s and time left; redrawn at most every PROGRESS_MS, and once
// more at the end.
import { progressParts } from '../shared/format.mjs';

const PROGRESS_MS = 200;

export class Progress {
  constructor(name, total) {
    this.name = name;
    this.total = total; // undefined when unknown (a pipe)
    this.start = performance.now();
    this.drawnAt = this.start;
    this.width = 0;
    this.draw(0, this.start);
  }

  update(bytes) {
    const now = performance.now();
    if (now - this.drawnAt >= PROGRESS_MS) this.draw(bytes, now);
  }

  draw(bytes, now) {
    this.drawnAt = now;
    const parts = progressParts(bytes, this.total, (now - this.start) / 1000, this.ending);
    const text = `${this.name}: ${parts.join(', ')}`;
    process.stderr.write(`\r${text.padEnd(this.width)}`);
    this.width = text.length;
  }

  // The last figures, and the end of the line.
  end(bytes, completed) {
    const now = performance.now();
    this.ending = completed ? 'done' : 'stopped';
    this.draw(bytes, now);
    process.stderr.write('\n');
  }
}
