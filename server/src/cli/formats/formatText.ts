import type { Severity } from '../../core/rules/types';
import { cliMessages } from '../cliMessages';
import { countBySeverity, displayPath, type LintReport } from '../lintReport';

const COLOURS: Record<Severity, string> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', hint: '\u001b[2m' };
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

export function severityLabel(severity: Severity): string {
  switch (severity) {
    case 'error':
      return cliMessages.severityError();
    case 'warning':
      return cliMessages.severityWarning();
    case 'info':
      return cliMessages.severityInfo();
    case 'hint':
      return cliMessages.severityHint();
  }
}

export interface TextOptions {
  colour: boolean;
  /** Only the findings, no summary and no notes. */
  quiet: boolean;
}

/**
 * One line per finding, `path:line:column  severity  message  rule-id` (1-based, as compilers
 * print them, so editors and terminals can jump to the place), then a summary.
 */
export function formatText(report: LintReport, options: TextOptions): string {
  const paint = (code: string, text: string): string => (options.colour ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const width = Math.max(0, ...report.findings.map((finding) => severityLabel(finding.severity).length));
  for (const finding of report.findings) {
    const where = `${displayPath(finding.uri, report.cwd)}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
    const severity = paint(COLOURS[finding.severity], severityLabel(finding.severity).padEnd(width));
    lines.push(`${where}  ${severity}  ${finding.message.replace(/\s*\n\s*/g, ' ')}  ${paint(DIM, finding.ruleId)}`);
  }
  if (options.quiet) return lines.length === 0 ? '' : lines.join('\n') + '\n';
  if (lines.length > 0) lines.push('');
  const counts = countBySeverity(report.findings);
  const files = new Set(report.findings.map((finding) => finding.uri)).size;
  if (report.filesAnalysed === 0) lines.push(cliMessages.summaryNoFiles());
  else if (report.findings.length === 0) lines.push(paint(BOLD, cliMessages.summaryClean({ files: report.filesAnalysed })));
  else {
    const parts = (['error', 'warning', 'info', 'hint'] as const)
      .filter((severity) => counts[severity] > 0)
      .map((severity) => paint(COLOURS[severity], cliMessages.summaryCount({ count: counts[severity], severity: severityLabel(severity) })));
    lines.push(paint(BOLD, cliMessages.summaryProblems({ total: report.findings.length, files, counts: parts.join(', ') })));
  }
  if (report.hidden > 0) lines.push(cliMessages.summaryHidden({ count: report.hidden, severity: severityLabel(report.minSeverity) }));
  if (report.suppressed.length > 0) lines.push(cliMessages.summarySuppressed({ count: report.suppressed.length }));
  if (report.baselined > 0) lines.push(cliMessages.summaryBaselined({ count: report.baselined }));
  return lines.join('\n') + '\n';
}
