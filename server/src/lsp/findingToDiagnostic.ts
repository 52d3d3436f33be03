import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/engine/finding';
import type { Severity } from '../core/rules/types';

/** Where each rule's documentation page lives; `codeDescription.href` links to it. */
export const RULE_DOCS_BASE = 'https://github.com/api-guard/api-guard/blob/main/docs/rules/';

export const DIAGNOSTIC_SOURCE = 'API Guard';

/**
 * What every API Guard diagnostic carries in `data`: the rule, the node's JSON pointer and the
 * finding's fingerprint, plus whatever the rule reported for its fix. Quick fixes read this and
 * the diagnostic's `code`, never the message text.
 */
export interface DiagnosticData extends Record<string, unknown> {
  ruleId: string;
  pointer?: string;
  fingerprint: string;
}

export interface DiagnosticOptions {
  relatedInformation: boolean;
  codeDescription: boolean;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${encodeURIComponent(ruleId)}.md`;
}

/** The one place where an engine finding becomes an LSP diagnostic. */
export function findingToDiagnostic(finding: Finding, options: DiagnosticOptions): Diagnostic {
  const data: DiagnosticData = { ...finding.data, ruleId: finding.ruleId, fingerprint: finding.fingerprint };
  if (finding.pointer !== undefined) data.pointer = finding.pointer;
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
    data,
  };
  if (options.codeDescription) diagnostic.codeDescription = { href: ruleDocsUrl(finding.ruleId) };
  if (options.relatedInformation && finding.related !== undefined && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: related.uri, range: related.range },
      message: related.message,
    }));
  }
  return diagnostic;
}
