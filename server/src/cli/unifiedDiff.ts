/**
 * Unified diffs (`diff -u` format) for `api-guard fix --dry-run`, so that the output can be read
 * in review and applied with `patch -p1` or `git apply`. Lines are compared with their line
 * endings, so a changed ending shows as a changed line and a CRLF file keeps its CRs in the diff.
 */

export interface UnifiedDiffOptions {
  /** Names after `---` and `+++`, e.g. `a/openapi.yaml` and `b/openapi.yaml`. */
  fromFile: string;
  toFile: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

type Operation = 'equal' | 'delete' | 'insert';

/** Splits a text into lines that keep their terminators (`\n`, `\r\n` or a lone `\r`). */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) {
      if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
      lines.push(text.slice(start, index + 1));
      start = index + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/**
 * The shortest edit script between two sequences of line ids (Myers' O((N+M)·D) algorithm). Only
 * the diagonal band each step reaches is stored, so memory grows with the square of the number
 * of differences, not with the file's length; fixes change few lines of large files.
 */
function shortestEditScript(a: readonly number[], b: readonly number[]): Operation[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  const operations: Operation[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1];
    const at = (k: number): number => previous[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      operations.push('equal');
      x--;
      y--;
    }
    operations.push(down ? 'insert' : 'delete');
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    operations.push('equal');
    x--;
    y--;
  }
  return operations.reverse();
}

function rangeText(start: number, count: number): string {
  // As GNU diff writes it: an empty range names the line before it, and a count of 1 is left out.
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

function diffLine(prefix: string, line: string): string {
  const ended = line.endsWith('\n') || line.endsWith('\r');
  return ended ? prefix + line : `${prefix}${line}\n\\ No newline at end of file\n`;
}

/** The unified diff from `before` to `after`; the empty string when they are equal. */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  // Lines become small integers, so that the search compares numbers, not strings.
  const ids = new Map<string, number>();
  const idOf = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const a = oldLines.map(idOf);
  const b = newLines.map(idOf);
  // The common head and tail are cut off first: the search then only sees the changed middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = shortestEditScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const operations: Operation[] = [...new Array<Operation>(head).fill('equal'), ...middle, ...new Array<Operation>(tail).fill('equal')];

  // Each operation with its position in both files; changes closer than twice the context share a hunk.
  const steps: { operation: Operation; oldIndex: number; newIndex: number }[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  for (const operation of operations) {
    steps.push({ operation, oldIndex, newIndex });
    if (operation !== 'insert') oldIndex++;
    if (operation !== 'delete') newIndex++;
  }
  const changed = steps.map((step, index) => (step.operation === 'equal' ? -1 : index)).filter((index) => index >= 0);
  const hunks: { first: number; last: number }[] = [];
  for (const index of changed) {
    const current = hunks[hunks.length - 1];
    if (current !== undefined && index - current.last <= 2 * context + 1) current.last = index;
    else hunks.push({ first: index, last: index });
  }

  let output = `--- ${options.fromFile}\n+++ ${options.toFile}\n`;
  for (const hunk of hunks) {
    const start = Math.max(0, hunk.first - context);
    const end = Math.min(steps.length - 1, hunk.last + context);
    let oldCount = 0;
    let newCount = 0;
    let body = '';
    for (let index = start; index <= end; index++) {
      const step = steps[index];
      if (step.operation === 'equal') {
        body += diffLine(' ', oldLines[step.oldIndex]);
        oldCount++;
        newCount++;
      } else if (step.operation === 'delete') {
        body += diffLine('-', oldLines[step.oldIndex]);
        oldCount++;
      } else {
        body += diffLine('+', newLines[step.newIndex]);
        newCount++;
      }
    }
    output += `@@ -${rangeText(steps[start].oldIndex, oldCount)} +${rangeText(steps[start].newIndex, newCount)} @@\n${body}`;
  }
  return output;
}
