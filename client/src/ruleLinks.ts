import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { ruleDocsUrl } from '../../server/src/core/ruleDocs';
import { DIAGNOSTIC_SOURCE } from './views/inventoryModel';

/**
 * Links the code of each API Guard diagnostic (its rule id) to the rule's page, as the server's
 * `codeDescription` would: the client announces `ruleLinksInClient`, and the server leaves the
 * link out. After each keystroke in a large spec the server sends all of its diagnostics again
 * (7,000 for a 4 MB spec); the link was a quarter of their bytes, and the language client parsed
 * it into a `Uri` for every one of them. Here each rule's `Uri` is made once.
 */
export function ruleLinksMiddleware(): Middleware {
  const targets = new Map<string, vscode.Uri>();
  const link = (diagnostics: readonly vscode.Diagnostic[]): void => {
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code;
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof code !== 'string') continue;
      let target = targets.get(code);
      if (target === undefined) targets.set(code, (target = vscode.Uri.parse(ruleDocsUrl(code))));
      diagnostic.code = { value: code, target };
    }
  };
  const linkReport = (report: { kind: string; items?: vscode.Diagnostic[]; relatedDocuments?: Record<string, { kind: string; items?: vscode.Diagnostic[] }> } | null | undefined): void => {
    if (report === null || report === undefined) return;
    if (report.items !== undefined) link(report.items);
    for (const related of Object.values(report.relatedDocuments ?? {})) if (related.items !== undefined) link(related.items);
  };
  return {
    handleDiagnostics(uri, diagnostics, next) {
      link(diagnostics);
      next(uri, diagnostics);
    },
    async provideDiagnostics(document, previousResultId, token, next) {
      const report = await next(document, previousResultId, token);
      linkReport(report);
      return report;
    },
    async provideWorkspaceDiagnostics(resultIds, token, resultReporter, next) {
      const report = await next(resultIds, token, (chunk) => {
        for (const item of chunk?.items ?? []) linkReport(item);
        resultReporter(chunk);
      });
      for (const item of report?.items ?? []) linkReport(item);
      return report;
    },
  };
}
