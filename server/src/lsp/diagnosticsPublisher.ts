import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type PreviousResultId,
  type PublishDiagnosticsParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { Finding } from '../core/engine/finding';
import { getLocale } from '../core/l10n/messages';
import type { ClientFeatures } from './clientCapabilities';
import { DIAGNOSTIC_SOURCE, findingToDiagnostic, type DiagnosticOptions } from './findingToDiagnostic';
import type { Logger } from './logger';
import { keepEncoding, type DiagnosticsPreEncoder } from './messageEncoder';
import { serverMessages } from './serverMessages';
import { selectShownFindings } from './shownFindings';

/**
 * A pushed message with at least this many diagnostics (not those of an open document) is encoded
 * ahead in steps: as many as the encoder encodes in one step. At 1,000, the messages of a
 * workspace scan with a few hundred diagnostics each (900 for one of the DigitalOcean spec's
 * files, some 300 KB) were encoded in one go, for 10–30 ms of the scan's turn of the event loop.
 */
const PRE_ENCODE_FROM = 256;

/** How long the encoding ahead runs in one turn of the event loop. */
const PRE_ENCODE_MILLISECONDS = 8;

interface DocumentDiagnostics {
  diagnostics: Diagnostic[];
  /** Changes whenever the diagnostics do; pull clients send it back to ask "anything new?". */
  resultId: string;
}

/**
 * Holds the diagnostics the server wants each document to show and delivers them in the way the
 * client asked for: pushed (`textDocument/publishDiagnostics`) by default, or pulled
 * (`textDocument/diagnostic`, `workspace/diagnostic`) when the client supports pulling, in which
 * case nothing is pushed and the client is told to pull again after each change. Only documents
 * whose diagnostics really changed are sent.
 *
 * A workspace pull that would report nothing new is held open until the diagnostics change
 * (`whenChanged`), as the protocol allows for this long-running request: VS Code's client asks
 * again two seconds after every answer, so answering "unchanged" at once would make it poll for
 * ever and show a change of a closed file up to two seconds late. A pull that carries news (a
 * changed document, or one whose result the client no longer holds, e.g. after it closed the
 * document's tab) is answered at once, which is how the client recovers diagnostics it dropped.
 */
export class DiagnosticsPublisher {
  private readonly documents = new Map<string, DocumentDiagnostics>();
  private nextResultId = 1;
  private refreshPending = false;
  /** Held workspace pulls, woken when changed diagnostics are delivered. */
  private readonly changeWaiters = new Set<() => void>();
  /** Pushed notifications not yet written to the client, and who waits for them. */
  private unwritten = 0;
  private readonly writtenWaiters: (() => void)[] = [];
  /**
   * The diagnostic made of each finding (for the client's current features). The engine hands out
   * an unchanged finding as the same object (`FindingReuse`), so after an edit of a document with
   * thousands of findings only the changed ones are converted, and the comparison with what the
   * client shows finds the rest identical at once. Diagnostics are never modified once made.
   */
  private converted: (DiagnosticOptions & { diagnostics: WeakMap<Finding, Diagnostic> }) | undefined;
  /** Notifications to send, in order, each with its encoding ahead when it is large (see `sendQueued`). */
  private readonly outbox: { params: PublishDiagnosticsParams; ahead: Generator<void, void, void> | undefined }[] = [];
  private sendingScheduled = false;
  /**
   * Where the user last edited or looked in each document (a line), for a client that shows a
   * limited number of diagnostics per document (`ClientFeatures.maxDiagnosticsPerDocument`).
   */
  private readonly focus = new Map<string, number>();
  /** All findings of each document that had more than that limit, so that a new focus can choose again. */
  private readonly capped = new Map<string, readonly Finding[]>();
  /** Documents closed and not pulled since (see `documentReport`). */
  private readonly closedSincePull = new Set<string>();

  constructor(
    private readonly connection: Connection,
    /** The client's features, known once `initialize` has been answered. */
    private readonly features: () => ClientFeatures,
    private readonly logger: Logger,
    /** The version of an open document, for pushed diagnostics and workspace reports. */
    private readonly versionOf: (uri: string) => number | undefined,
    /** Encodes large messages ahead in steps: the connection's own encoder, where it has one (`--stdio`). */
    private readonly preEncoder?: DiagnosticsPreEncoder,
  ) {}

  get pullMode(): boolean {
    return this.features().pullDiagnostics;
  }

  /**
   * Records where the user edited in a document (the line of an edit's start). Nothing is sent: the
   * analysis of the edit publishes, nearest to this line where the findings are more than the
   * client shows.
   */
  editedAt(uri: string, line: number): void {
    this.focus.set(uri, line);
  }

  /**
   * Records the line the user looks at in a document. Where its findings are more than the client
   * shows, those nearest to the line are sent, and the answer is true (a pull client hears of it at
   * the next `flush`). Only when `current`: findings of an earlier version of the document would go
   * out with the current version's number; an analysis under way publishes with the new line anyway.
   */
  lookAt(uri: string, line: number, current: boolean): boolean {
    if (this.focus.get(uri) === line) return false;
    this.focus.set(uri, line);
    const findings = this.capped.get(uri);
    if (findings === undefined || !current) return false;
    this.set(uri, findings);
    return true;
  }

  /**
   * A document was closed: where the user was in it is forgotten, and for a pull client its next
   * pull renews its result (see `documentReport`); a push client never pulls, so nothing is kept.
   */
  documentClosed(uri: string): void {
    this.focus.delete(uri);
    if (this.pullMode) this.closedSincePull.add(uri);
  }

  /**
   * Sets what a document should show; an empty list clears it. Where the client shows at most a
   * number of diagnostics per document and `findings` are more, the chosen ones and a note about
   * the rest are sent (`selectShownFindings`).
   */
  set(uri: string, findings: readonly Finding[]): void {
    const features = this.features();
    const limit = features.maxDiagnosticsPerDocument;
    let note: Diagnostic | undefined;
    if (limit !== undefined && findings.length > limit) {
      this.capped.set(uri, findings);
      const total = findings.length;
      const selection = selectShownFindings(findings, limit, this.focus.get(uri) ?? 0);
      findings = selection.shown;
      note = notShownNote(findings.length, total, limit);
    } else {
      this.capped.delete(uri);
    }
    if (this.converted === undefined || this.converted.relatedInformation !== features.relatedInformation || this.converted.codeDescription !== features.codeDescription) {
      this.converted = { relatedInformation: features.relatedInformation, codeDescription: features.codeDescription, diagnostics: new WeakMap() };
    }
    const converted = this.converted;
    // Only the findings of open documents come back as the same objects version after version.
    const keep = this.versionOf(uri) !== undefined;
    const diagnostics: Diagnostic[] = [];
    for (const finding of findings) {
      let diagnostic = keep ? converted.diagnostics.get(finding) : undefined;
      if (diagnostic === undefined) {
        try {
          diagnostic = findingToDiagnostic(finding, converted);
        } catch (error) {
          this.logger.error(`Turning a ${finding.ruleId} finding into a diagnostic failed`, error);
          continue;
        }
        if (keep) {
          converted.diagnostics.set(finding, diagnostic);
          keepEncoding(diagnostic);
        }
      }
      diagnostics.push(diagnostic);
    }
    if (note !== undefined) diagnostics.push(note);
    const previous = this.documents.get(uri);
    if (previous !== undefined && sameJson(previous.diagnostics, diagnostics)) return;
    if (previous === undefined && diagnostics.length === 0) return;
    this.documents.set(uri, { diagnostics, resultId: String(this.nextResultId++) });
    if (this.pullMode) {
      this.refreshPending = true;
      return;
    }
    const version = this.versionOf(uri);
    this.unwritten++;
    const params: PublishDiagnosticsParams = version === undefined ? { uri, diagnostics } : { uri, version, diagnostics };
    // The diagnostics of an open document are mostly encoded already (see `keepEncoding`).
    const ahead = !keep && this.preEncoder !== undefined && diagnostics.length >= PRE_ENCODE_FROM ? this.preEncoder.preEncodeSteps(diagnostics) : undefined;
    if (this.outbox.length === 0 && ahead === undefined) {
      this.send(params);
      return;
    }
    this.outbox.push({ params, ahead });
    this.scheduleSending();
  }

  private scheduleSending(): void {
    if (this.sendingScheduled) return;
    this.sendingScheduled = true;
    setImmediate(() => {
      this.sendingScheduled = false;
      this.sendQueued();
    });
  }

  /**
   * Sends the queued notifications in order. A large one is encoded ahead in steps first
   * (`DiagnosticsPreEncoder`), a few milliseconds per turn of the event loop, so that the answers
   * to requests that arrive meanwhile are written at once instead of after the whole message (its
   * encoding took up to 150 ms in one go for the 13 MB GitHub spec's diagnostics). The
   * notifications after it wait, so that a document's diagnostics never arrive out of order. It
   * runs in turns of its own (`scheduleSending`), never inside the caller of `set`: a scan that
   * publishes hundreds of documents at once would otherwise encode for as long in one go.
   */
  private sendQueued(): void {
    const started = Date.now();
    while (this.outbox.length > 0) {
      const next = this.outbox[0];
      if (next.ahead !== undefined) {
        let done: boolean;
        try {
          done = next.ahead.next().done === true;
        } catch (error) {
          // The encoder then encodes the message itself.
          this.logger.error(`Encoding the diagnostics for ${next.params.uri} failed`, error);
          done = true;
        }
        if (!done) {
          if (Date.now() - started >= PRE_ENCODE_MILLISECONDS) {
            this.scheduleSending();
            return;
          }
          continue;
        }
      }
      this.outbox.shift();
      this.send(next.params);
    }
  }

  private send(params: PublishDiagnosticsParams): void {
    this.connection
      .sendDiagnostics(params)
      .catch((error: unknown) => this.logger.error(`Publishing diagnostics for ${params.uri} failed`, error))
      .finally(() => {
        if (--this.unwritten === 0) for (const wake of this.writtenWaiters.splice(0)) wake();
      });
  }

  /**
   * Resolves once every notification pushed so far has been written to the client. The connection
   * writes one message per turn of the event loop, so a scan that went on analysing meanwhile
   * would let hundreds of them (and every answer to a request, queued behind them) trickle out
   * at one per slice of analysis.
   */
  whenWritten(): Promise<void> {
    if (this.unwritten === 0) return Promise.resolve();
    return new Promise((resolve) => this.writtenWaiters.push(resolve));
  }

  /** URIs that currently show diagnostics, so that a caller can clear the ones it no longer owns. */
  urisWithDiagnostics(): string[] {
    return [...this.documents].filter(([, entry]) => entry.diagnostics.length > 0).map(([uri]) => uri);
  }

  /**
   * In pull mode, delivers what changed since the last flush: held workspace pulls are answered and
   * the client is asked to pull its open documents again.
   */
  flush(): void {
    if (!this.pullMode || !this.refreshPending) return;
    this.refreshPending = false;
    for (const wake of [...this.changeWaiters]) wake();
    if (!this.features().diagnosticRefresh) return;
    this.connection.languages.diagnostics.refresh().catch((error: unknown) => this.logger.error('Asking the client to refresh diagnostics failed', error));
  }

  /**
   * Answer to `workspace/diagnostic`, once `whenIdle` resolves: at once when some document's
   * report is news to the client, otherwise when the diagnostics change or `token` is cancelled.
   */
  async workspaceReport(previousResultIds: readonly PreviousResultId[], token: CancellationToken, whenIdle: () => Promise<void>): Promise<WorkspaceDiagnosticReport> {
    for (;;) {
      await whenIdle();
      const items = this.workspaceReports(previousResultIds);
      if (token.isCancellationRequested || items.some((item) => item.kind === DocumentDiagnosticReportKind.Full)) return { items };
      await this.whenChanged(token);
    }
  }

  /** Resolves at the next flush that delivers changed diagnostics, or at once when `token` is cancelled. */
  whenChanged(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      if (token.isCancellationRequested) return resolve();
      const wake = (): void => {
        this.changeWaiters.delete(wake);
        cancellation.dispose();
        resolve();
      };
      const cancellation = token.onCancellationRequested(wake);
      this.changeWaiters.add(wake);
    });
  }

  /**
   * Answer to `textDocument/diagnostic`.
   *
   * The first pull of a document after it was closed renews the document's result id once it is
   * answered, and wakes the held workspace pulls, so that the next workspace report carries the
   * document in full. VS Code's client pulls a document once more when its tab closes and then
   * drops the answer (the document is no longer visible); until then it skips the workspace
   * reports about that document but keeps their result ids. A document deleted right after it was
   * closed (its findings cleared by the analysis meanwhile) kept its last problems for good.
   */
  documentReport(uri: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const entry = this.entryOf(uri);
    const report: DocumentDiagnosticReport =
      previousResultId !== undefined && previousResultId === entry.resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId }
        : { kind: DocumentDiagnosticReportKind.Full, resultId: entry.resultId, items: entry.diagnostics };
    if (this.closedSincePull.delete(uri) && this.versionOf(uri) === undefined) {
      entry.resultId = String(this.nextResultId++);
      // After this answer is written: the client reads it first and stops tracking the document.
      setImmediate(() => {
        for (const wake of [...this.changeWaiters]) wake();
      });
    }
    return report;
  }

  /**
   * Answer to `workspace/diagnostic`: every document the server has diagnostics (or had them) for,
   * each as a full report unless the client already holds its current result.
   */
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
      entry = { diagnostics: [], resultId: String(this.nextResultId++) };
      this.documents.set(uri, entry);
    }
    return entry;
  }
}

/**
 * The diagnostic that says how many findings of a document are not shown, on the document's first
 * character: information, with API Guard's source and no code, so that no quick fix or rule page
 * is offered for it.
 */
function notShownNote(shown: number, total: number, limit: number): Diagnostic {
  const separator = getLocale() === 'de' ? '.' : ',';
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: serverMessages.findingsNotShown({ shown: groupDigits(shown, separator), total: groupDigits(total, separator), limit: groupDigits(limit, separator) }),
  };
}

/**
 * A count with its digits in groups of three, as `Intl.NumberFormat` writes it in English
 * (`1,000`) and German (`1.000`). Made by hand: the first `Intl.NumberFormat` of a process loads
 * the locale's data, which took 10–20 ms of a workspace scan's turn of the event loop (exported
 * for tests).
 */
export function groupDigits(count: number, separator: string): string {
  const digits = String(Math.trunc(Math.abs(count)));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += separator + digits.slice(at, at + 3);
  return count <= -1 ? '-' + grouped : grouped;
}

/**
 * Whether two JSON values are equal as JSON (the same members with equal values, `undefined`
 * members left out, member order ignored), compared in place: a large document's diagnostics are
 * several megabytes of JSON, too much to write out on every keystroke just to compare, and
 * `Object.entries` would allocate a pair per member of every diagnostic.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameJson(a[index] ?? null, b[index] ?? null)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let members = 0;
  for (const key in left) {
    const value = left[key];
    if (value === undefined) continue;
    members++;
    const other = right[key];
    if (other === undefined || !Object.prototype.hasOwnProperty.call(right, key) || !sameJson(value, other)) return false;
  }
  for (const key in right) if (right[key] !== undefined) members--;
  return members === 0;
}
