import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/engine/finding';
import { ruleDocsUrl } from '../core/ruleDocs';
import type { Severity } from '../core/rules/types';

export const DIAGNOSTIC_SOURCE = 'API Guard';

/**
 * What every API Guard diagnostic carries in `data`: the finding's fingerprint, plus whatever the
 * rule reported for its fix. Quick fixes read this and the diagnostic's `code` (the rule id),
 * never the message text; the server finds the current finding by rule and fingerprint and takes
 * its JSON pointer from there. Nothing else travels: a large document has thousands of
 * diagnostics, and every byte of each is written, sent and read again on every keystroke.
 */
export interface DiagnosticData extends Record<string, unknown> {
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

/** The one place where an engine finding becomes an LSP diagnostic. */
export function findingToDiagnostic(finding: Finding, options: DiagnosticOptions): Diagnostic {
  const data: DiagnosticData = finding.data === undefined ? { fingerprint: finding.fingerprint } : { ...finding.data, fingerprint: finding.fingerprint };
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

/** The rule of an API Guard diagnostic: its code; never read from the message. Undefined for other sources' diagnostics. */
export function ruleIdOf(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  return typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
}
