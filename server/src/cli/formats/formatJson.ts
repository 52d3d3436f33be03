import type { Finding } from '../../core/engine/finding';
import type { LintReport } from '../lintReport';
import { countBySeverity, displayPath } from '../lintReport';

/** Findings per `JSON.stringify` call: each call's text stays small (see `formatJson`). */
const FINDINGS_PER_PART = 64;

/** How `JSON.stringify(…, null, 2)` opens and closes `{ findings: [one or more] }`. */
const FINDINGS_OPEN = '{\n  "findings": [\n';
const FINDINGS_CLOSE = '\n  ]\n}';

/**
 * The `--format json` document: `{ findings: [...], summary: {...} }` with 0-based LSP positions,
 * `file` relative to the current folder and `pointer` the JSON pointer of the node (null for
 * findings that have no node, such as syntax errors).
 *
 * The text is exactly `JSON.stringify({ findings, summary }, null, 2)` and a line break, but it
 * comes in parts, to be written one after the other: the findings are stringified 64 at a time
 * (the items of an array are written the same whatever their neighbours) and the summary on its
 * own. V8 returns a long stringified text as a chain of pieces, and the first read of a report of
 * megabytes copied all of it into one new string, which cost more than writing it.
 */
export function formatJson(report: LintReport): string[] {
  const summary = summaryOf(report);
  const findings = report.findings;
  if (findings.length === 0) return [JSON.stringify({ findings: [], summary }, null, 2), '\n'];
  const parts = [FINDINGS_OPEN];
  for (let start = 0; start < findings.length; start += FINDINGS_PER_PART) {
    const chunk = findings.slice(start, start + FINDINGS_PER_PART).map((finding) => plainFinding(finding, report.cwd));
    const text = JSON.stringify({ findings: chunk }, null, 2);
    if (start > 0) parts.push(',\n');
    parts.push(text.slice(FINDINGS_OPEN.length, text.length - FINDINGS_CLOSE.length));
  }
  // The end of the document, from the same call on a one-item list: `\n  ],\n  "summary": {…}\n}`.
  const tail = JSON.stringify({ findings: [0], summary }, null, 2);
  parts.push(tail.slice(tail.indexOf('\n  ],\n')), '\n');
  return parts;
}

function plainFinding(finding: Finding, cwd: string): Record<string, unknown> {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: displayPath(finding.uri, cwd),
    range: {
      start: { line: finding.range.start.line, character: finding.range.start.character },
      end: { line: finding.range.end.line, character: finding.range.end.character },
    },
    pointer: finding.pointer ?? null,
  };
}

function summaryOf(report: LintReport): Record<string, unknown> {
  const byRule: Record<string, number> = {};
  for (const finding of report.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  return {
    total: report.findings.length,
    bySeverity: countBySeverity(report.findings),
    byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1))),
    filesAnalysed: report.filesAnalysed,
    apis: report.apis,
    suppressed: report.suppressed.length,
    baselined: report.baselined,
    hidden: report.hidden,
    minSeverity: report.minSeverity,
    failOn: report.failOn,
    failed: report.failed,
  };
}
