import type { LintReport } from '../lintReport';
import { countBySeverity, displayPath } from '../lintReport';

/**
 * The `--format json` document: `{ findings: [...], summary: {...} }` with 0-based LSP positions,
 * `file` relative to the current folder and `pointer` the JSON pointer of the node (null for
 * findings that have no node, such as syntax errors).
 */
export function formatJson(report: LintReport): string {
  const findings = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: displayPath(finding.uri, report.cwd),
    range: {
      start: { line: finding.range.start.line, character: finding.range.start.character },
      end: { line: finding.range.end.line, character: finding.range.end.character },
    },
    pointer: finding.pointer ?? null,
  }));
  const byRule: Record<string, number> = {};
  for (const finding of report.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  const summary = {
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
  return JSON.stringify({ findings, summary }, null, 2) + '\n';
}
