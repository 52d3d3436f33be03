import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/core/engine/finding';
import { formatJson } from '../../../server/src/cli/formats/formatJson';
import { displayPath, type LintReport } from '../../../server/src/cli/lintReport';

/** The document as `JSON.stringify` writes it, which `formatJson` must match byte for byte. */
function stringified(report: LintReport): string {
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
  const bySeverity = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of report.findings) bySeverity[finding.severity]++;
  const summary = {
    total: report.findings.length,
    bySeverity,
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

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'spec-invalid',
    severity: 'error',
    message: 'OpenAPI 3.1 schema: Must be a string',
    uri: 'file:///work/api/shop.yaml',
    range: { start: { line: 3, character: 4 }, end: { line: 3, character: 11 } },
    pointer: '/paths/~1orders/get',
    fingerprint: '0123456789abcd',
    ...overrides,
  };
}

function report(findings: Finding[]): LintReport {
  return { cwd: '/work', findings, suppressed: [], hidden: 2, baselined: 1, filesAnalysed: 3, apis: 1, minSeverity: 'hint', failOn: 'error', failed: findings.length > 0 };
}

describe('formatJson', () => {
  it('gives, in parts, exactly what JSON.stringify with an indent of 2 writes', () => {
    const samples = [
      finding({}),
      finding({ ruleId: 'spec-parse-error', severity: 'warning', pointer: undefined, uri: 'file:///work/b%20c/broken.json' }),
      finding({ message: 'Quotes " and \\ backslashes, a tab\t, a line\nbreak, a control \u0001 and an ellipsis …', pointer: '/paths/~1a~0b/"x"' }),
      finding({ message: 'Astral 😀 and a lone surrogate \ud800 here', severity: 'hint', uri: 'untitled:Untitled-1' }),
      finding({ range: { start: { line: 0, character: 0 }, end: { line: 120000, character: 65 } }, severity: 'info' }),
    ];
    for (const count of [1, 5, 63, 64, 65, 128, 200]) {
      const findings = Array.from({ length: count }, (_, index) => ({ ...samples[index % samples.length], message: `${samples[index % samples.length].message} #${index}` }));
      const cases = report(findings);
      const parts = formatJson(cases);
      assert.equal(parts.join(''), stringified(cases), `${count} findings`);
      assert.ok(parts.length >= 3 + Math.ceil(count / 64), `${count} findings in one part`);
    }
  });

  it('writes an empty findings list as JSON.stringify does', () => {
    const empty = report([]);
    assert.equal(formatJson(empty).join(''), stringified(empty));
  });
});
