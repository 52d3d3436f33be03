import type { Finding } from '../../core/engine/finding';
import { ruleDocsUrl } from '../../core/ruleDocs';
import { cliMessages } from '../cliMessages';
import { countBySeverity, displayPath, type LintReport } from '../lintReport';
import { severityLabel } from './formatText';

/** Makes text safe inside a Markdown table cell. */
export function tableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/** A summary table, then the findings grouped by file (for pull-request comments and job summaries). */
export function formatMarkdown(report: LintReport): string {
  const out: string[] = [`# ${cliMessages.markdownTitle()}`, ''];
  const counts = countBySeverity(report.findings);
  out.push(`| ${cliMessages.markdownSeverity()} | ${cliMessages.markdownCount()} |`, '|---|---:|');
  for (const severity of ['error', 'warning', 'info', 'hint'] as const) out.push(`| ${severityLabel(severity)} | ${counts[severity]} |`);
  out.push('');
  out.push(
    `_${cliMessages.markdownTotals({ files: report.filesAnalysed, apis: report.apis, suppressed: report.suppressed.length, baselined: report.baselined, hidden: report.hidden })}_`,
    '',
  );
  if (report.findings.length === 0) {
    out.push(cliMessages.markdownClean(), '');
    return out.join('\n');
  }
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const file = displayPath(finding.uri, report.cwd);
    let list = byFile.get(file);
    if (list === undefined) byFile.set(file, (list = []));
    list.push(finding);
  }
  for (const [file, findings] of byFile) {
    out.push(`## \`${file}\``, '');
    out.push(`| ${cliMessages.markdownLine()} | ${cliMessages.markdownSeverity()} | ${cliMessages.markdownRule()} | ${cliMessages.markdownMessage()} |`, '|---:|---|---|---|');
    for (const finding of findings) {
      const line = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      out.push(`| ${line} | ${severityLabel(finding.severity)} | [${finding.ruleId}](${ruleDocsUrl(finding.ruleId)}) | ${tableCell(finding.message)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
