import type { Finding } from '../../core/engine/finding';
import type { Range } from '../../core/model/lineIndex';
import { ruleDocsUrl } from '../../core/ruleDocs';
import { allRuleMeta } from '../../core/rules/registry';
import type { RuleMeta, RuleSeverity } from '../../core/rules/types';
import { pathToUri } from '../../node/uri';
import type { LintReport } from '../lintReport';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

function levelOf(severity: RuleSeverity): SarifLevel {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'info':
    case 'hint':
      return 'note';
    case 'off':
      return 'none';
  }
}

/**
 * GitHub code scanning ranks security alerts by this score (0–10); it follows the default
 * severity of rules that are about security, and is absent for documentation and meta rules.
 */
const SECURITY_SEVERITY: Record<RuleSeverity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0', off: '3.0' };
const SECURITY_CATEGORIES = new Set(['auth', 'tls', 'limit', 'code']);

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function describeRule(meta: RuleMeta): Record<string, unknown> {
  const tags = ['api-guard', meta.category, ...(SECURITY_CATEGORIES.has(meta.category) ? ['security'] : []), ...(meta.owasp ?? []).map((id) => `OWASP-${id}`)];
  const properties: Record<string, unknown> = { tags };
  if (SECURITY_CATEGORIES.has(meta.category)) properties['security-severity'] = SECURITY_SEVERITY[meta.severity];
  if (meta.step !== undefined) properties.checklistStep = meta.step;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description, markdown: meta.description },
    help: { text: `${meta.title} See ${ruleDocsUrl(meta.id)}`, markdown: `${meta.description}\n\n[Documentation](${ruleDocsUrl(meta.id)})` },
    helpUri: ruleDocsUrl(meta.id),
    defaultConfiguration: meta.severity === 'off' ? { enabled: false, level: 'warning' } : { enabled: true, level: levelOf(meta.severity) },
    properties,
  };
}

/** SARIF regions are 1-based; columns count UTF-16 code units (declared by `columnKind`), and the end column is exclusive. */
function regionOf(range: Range): Record<string, number> {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A file relative to the source root when it lies inside it (as code scanning wants), else absolute. */
function artifactLocation(uri: string, rootUri: string): Record<string, string> {
  const prefix = rootUri.endsWith('/') ? rootUri : rootUri + '/';
  return uri.startsWith(prefix) ? { uri: uri.slice(prefix.length), uriBaseId: 'SRCROOT' } : { uri };
}

/** SARIF 2.1.0 for code-scanning upload: every rule with its docs, results with stable fingerprints. */
export function formatSarif(report: LintReport, toolVersion: string): string {
  const metas = allRuleMeta();
  const ruleIndex = new Map(metas.map((meta, index) => [meta.id, index] as const));
  const rootUri = pathToUri(report.cwd);
  const result = (finding: Finding): Record<string, unknown> => {
    const out: Record<string, unknown> = {
      ruleId: finding.ruleId,
      level: levelOf(finding.severity),
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.uri, rootUri), region: regionOf(finding.range) } }],
      partialFingerprints: { 'apiGuard/v1': finding.fingerprint },
    };
    const index = ruleIndex.get(finding.ruleId);
    if (index !== undefined) out.ruleIndex = index;
    if (finding.pointer !== undefined) out.properties = { pointer: finding.pointer };
    if (finding.related !== undefined && finding.related.length > 0) {
      out.relatedLocations = finding.related.map((related, id) => ({
        id,
        message: { text: related.message },
        physicalLocation: { artifactLocation: artifactLocation(related.uri, rootUri), region: regionOf(related.range) },
      }));
    }
    if (finding.suppressed !== undefined) {
      const suppression: Record<string, string> = { kind: 'inSource' };
      if (finding.suppressed.reason !== undefined) suppression.justification = finding.suppressed.reason;
      out.suppressions = [suppression];
    }
    return out;
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'API Guard',
            informationUri: 'https://github.com/api-guard/api-guard',
            version: toolVersion,
            semanticVersion: toolVersion,
            rules: metas.map(describeRule),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: rootUri.endsWith('/') ? rootUri : rootUri + '/' } },
        columnKind: 'utf16CodeUnits',
        results: [...report.findings.map(result), ...report.suppressed.map(result)],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
