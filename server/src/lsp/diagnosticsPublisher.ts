import {
  DocumentDiagnosticReportKind,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type PreviousResultId,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { Finding } from '../core/engine/finding';
import type { ClientFeatures } from './clientCapabilities';
import { findingToDiagnostic } from './findingToDiagnostic';
import type { Logger } from './logger';

interface DocumentDiagnostics {
  diagnostics: Diagnostic[];
  /** The diagnostics as JSON, to tell whether a new set differs from the last one. */
  key: string;
  /** Changes whenever the diagnostics do; pull clients send it back to ask "anything new?". */
  resultId: string;
}

/**
 * Holds the diagnostics the server wants each document to show and delivers them in the way the
 * client asked for: pushed (`textDocument/publishDiagnostics`) by default, or pulled
 * (`textDocument/diagnostic`, `workspace/diagnostic`) when the client supports pulling, in which
 * case nothing is pushed and the client is told to pull again after each change. Only documents
 * whose diagnostics really changed are sent.
 */
export class DiagnosticsPublisher {
  private readonly documents = new Map<string, DocumentDiagnostics>();
  private nextResultId = 1;
  private refreshPending = false;

  constructor(
    private readonly connection: Connection,
    /** The client's features, known once `initialize` has been answered. */
    private readonly features: () => ClientFeatures,
    private readonly logger: Logger,
    /** The version of an open document, for pushed diagnostics and workspace reports. */
    private readonly versionOf: (uri: string) => number | undefined,
  ) {}

  get pullMode(): boolean {
    return this.features().pullDiagnostics;
  }

  /** Sets what a document should show; an empty list clears it. */
  set(uri: string, findings: readonly Finding[]): void {
    const features = this.features();
    const options = { relatedInformation: features.relatedInformation, codeDescription: features.codeDescription };
    const diagnostics: Diagnostic[] = [];
    for (const finding of findings) {
      try {
        diagnostics.push(findingToDiagnostic(finding, options));
      } catch (error) {
        this.logger.error(`Turning a ${finding.ruleId} finding into a diagnostic failed`, error);
      }
    }
    const key = JSON.stringify(diagnostics);
    const previous = this.documents.get(uri);
    if (previous?.key === key) return;
    if (previous === undefined && diagnostics.length === 0) return;
    this.documents.set(uri, { diagnostics, key, resultId: String(this.nextResultId++) });
    if (this.pullMode) {
      this.refreshPending = true;
      return;
    }
    const version = this.versionOf(uri);
    this.connection
      .sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics })
      .catch((error: unknown) => this.logger.error(`Publishing diagnostics for ${uri} failed`, error));
  }

  /** URIs that currently show diagnostics, so that a caller can clear the ones it no longer owns. */
  urisWithDiagnostics(): string[] {
    return [...this.documents].filter(([, entry]) => entry.diagnostics.length > 0).map(([uri]) => uri);
  }

  /** In pull mode, asks the client to pull again if anything changed since the last request. */
  flush(): void {
    if (!this.pullMode || !this.refreshPending || !this.features().diagnosticRefresh) return;
    this.refreshPending = false;
    this.connection.languages.diagnostics.refresh().catch((error: unknown) => this.logger.error('Asking the client to refresh diagnostics failed', error));
  }

  /** Answer to `textDocument/diagnostic`. */
  documentReport(uri: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const entry = this.entryOf(uri);
    if (previousResultId !== undefined && previousResultId === entry.resultId) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId };
    }
    return { kind: DocumentDiagnosticReportKind.Full, resultId: entry.resultId, items: entry.diagnostics };
  }

  /** Answer to `workspace/diagnostic`: every document the server has diagnostics (or had them) for. */
  workspaceReports(previousResultIds: readonly PreviousResultId[]): WorkspaceDocumentDiagnosticReport[] {
    const previous = new Map(previousResultIds.map((item) => [item.uri, item.value] as const));
    const reports: WorkspaceDocumentDiagnosticReport[] = [];
    for (const [uri, entry] of this.documents) {
      const version = this.versionOf(uri) ?? null;
      if (previous.get(uri) === entry.resultId) {
        reports.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId: entry.resultId });
      } else {
        reports.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: entry.resultId, items: entry.diagnostics });
      }
    }
    return reports;
  }

  private entryOf(uri: string): DocumentDiagnostics {
    let entry = this.documents.get(uri);
    if (entry === undefined) {
      entry = { diagnostics: [], key: '[]', resultId: String(this.nextResultId++) };
      this.documents.set(uri, entry);
    }
    return entry;
  }
}
