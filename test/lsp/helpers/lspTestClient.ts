import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkspaceDiagnosticRequest,
  DiagnosticRefreshRequest,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionContext,
  type Command,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type Registration,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

const SERVER = resolve(__dirname, '../../../dist/server.js');

/** How long a test waits for an event before it fails; generous, because a loaded CI machine is slow. */
export const EVENT_TIMEOUT_MS = 30_000;

export interface StartOptions {
  /** How the client talks to the server: stdio (default, what the extension uses) or Node IPC, which other clients may choose. */
  transport?: 'stdio' | 'ipc';
  /** Workspace folders as `{ uri, name }`; none means a single-file session. */
  folders?: { uri: string; name: string }[];
  locale?: string;
  /** `initializationOptions.trusted`; omitted means the client does not say. */
  trusted?: boolean;
  /** `initializationOptions.ruleLinksInClient`: the client links diagnostics to rule pages itself, as API Guard's extension does. */
  ruleLinksInClient?: boolean;
  /** `initializationOptions.maxDiagnosticsPerDocument`: the most diagnostics the client shows per document (VS Code: 1,000). */
  maxDiagnosticsPerDocument?: unknown;
  /** Whether the client accepts `relatedInformation` on diagnostics (default true, as VS Code). */
  relatedInformation?: boolean;
  /** Declare `textDocument.diagnostic` so that the server uses pull diagnostics. */
  pullDiagnostics?: boolean;
  /** The `apiGuard` section the client answers `workspace/configuration` with. */
  settings?: Record<string, unknown>;
  /** Whether workspace edits may use versioned `documentChanges` (default true, as VS Code). */
  documentChanges?: boolean;
}

interface Waiter {
  check(): boolean;
}

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/**
 * A small LSP client for protocol tests: it starts the bundled server over stdio, records what the
 * server sends (diagnostics, log messages, progress, registrations, custom notifications) and lets
 * a test wait for any of it by predicate, never by sleeping. It answers the server's requests the
 * way an editor would: settings from an object the test can change, and registrations accepted.
 */
export class LspTestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics notification in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: { type: number; message: string }[] = [];
  readonly shownMessages: { type: number; message: string }[] = [];
  readonly registrations: Registration[] = [];
  /** Work-done progress in arrival order, each with how many publishDiagnostics had arrived before it. */
  readonly progress: { token: string | number; value: ProgressValue; publishedBefore: number }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** `workspace/configuration` items the server asked for. */
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  refreshRequests = 0;
  /** The `apiGuard` section answered to `workspace/configuration`, per scope URI or for all. */
  settings: Record<string, unknown>;
  readonly folderSettings = new Map<string, Record<string, unknown>>();
  initializeResult: InitializeResult | undefined;
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private stderr = '';
  private exitCode: number | null | undefined;

  private constructor(
    private readonly process: ChildProcess,
    private readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  /** Starts the server (stdio by default) and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing; run \`node esbuild.mjs\` (npm run test:lsp builds first)`);
    let child: ChildProcess;
    let connection: MessageConnection;
    if (options.transport === 'ipc') {
      // No inherited execArgv: the test runner's loader (tsx) has no business in the bundled server.
      child = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], execArgv: [] });
      connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const client = new LspTestClient(child, connection, options.settings ?? {});
    client.install();
    connection.listen();
    await client.initialize(options);
    return client;
  }

  private install(): void {
    const connection = this.connection;
    this.process.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.process.on('exit', (code) => {
      this.exitCode = code;
      this.notifyWaiters();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.published.push(params);
      this.notifyWaiters();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.notifyWaiters();
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.shownMessages.push(params);
      this.notifyWaiters();
    });
    // Progress for tokens the server created itself arrives as unhandled progress.
    connection.onUnhandledProgress((params) => {
      this.progress.push({ token: params.token, value: params.value as ProgressValue, publishedBefore: this.published.length });
      this.notifyWaiters();
    });
    connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.notifyWaiters();
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationRequests.push(item);
        this.notifyWaiters();
        if (item.section !== 'apiGuard') return null;
        const forFolder = item.scopeUri === undefined ? undefined : this.folderSettings.get(item.scopeUri);
        return forFolder ?? this.settings;
      }),
    );
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.notifyWaiters();
    });
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
      this.notifyWaiters();
    });
  }

  private async initialize(options: StartOptions): Promise<void> {
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
        workspaceEdit: { documentChanges: options.documentChanges !== false },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        codeAction: {
          dynamicRegistration: false,
          isPreferredSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
        },
        publishDiagnostics: { relatedInformation: options.relatedInformation !== false, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
        ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      window: { workDoneProgress: true, showMessage: {} },
    };
    const folders = options.folders ?? [];
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length > 0 ? folders : null,
      capabilities,
      locale: options.locale,
      ...(options.trusted === undefined && options.ruleLinksInClient === undefined && options.maxDiagnosticsPerDocument === undefined
        ? {}
        : { initializationOptions: { trusted: options.trusted, ruleLinksInClient: options.ruleLinksInClient, maxDiagnosticsPerDocument: options.maxDiagnosticsPerDocument } }),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  // ------------------------------------------------------------------ documents and events

  async open(uri: string, text: string, languageId = uri.endsWith('.json') ? 'json' : 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text of an open document (a full-content change, which every server must accept). */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The version the client last sent for an open document; undefined when it is not open. */
  versionOf(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /** Edits an open document with range changes, as an editor with incremental sync sends keystrokes. */
  async changeRanges(uri: string, changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Changes the settings the client answers with and tells the server, as an editor does. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { apiGuard: settings } });
  }

  async changeFolders(added: WorkspaceFolder[], removed: WorkspaceFolder[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added, removed } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Sends a custom notification. */
  async notify(method: string, params: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params);
  }

  /** `textDocument/codeAction` for a range of a document, as the editor asks at the cursor or on save. */
  async codeActions(uri: string, range: CodeActionContext['diagnostics'][number]['range'], context: CodeActionContext): Promise<(CodeAction | Command)[]> {
    return (await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context })) ?? [];
  }

  pullDocument(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  }

  /** `workspace/diagnostic`; the server may hold it open until something changes, so it takes a cancellation token. */
  pullWorkspace(previousResultIds: { uri: string; value: string }[] = [], token?: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }, token);
  }

  // ------------------------------------------------------------------ waiting

  /** Resolves when `check` holds (checked now and after every message); rejects after the timeout. */
  waitFor<T>(description: string, check: () => T | undefined | false, timeoutMs = EVENT_TIMEOUT_MS): Promise<T> {
    return new Promise<T>((resolvePromise, reject) => {
      let settled = false;
      const waiter: Waiter = {
        check: () => {
          if (settled) return true;
          let value: T | undefined | false;
          try {
            value = check();
          } catch (error) {
            settled = true;
            clearTimeout(timer);
            reject(error);
            return true;
          }
          if (value === undefined || value === false) {
            if (this.exitCode !== undefined) {
              settled = true;
              clearTimeout(timer);
              reject(new Error(`The server exited (code ${this.exitCode}) while waiting for ${description}.${this.transcript()}`));
              return true;
            }
            return false;
          }
          settled = true;
          clearTimeout(timer);
          resolvePromise(value);
          return true;
        },
      };
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}.${this.transcript()}`));
      }, timeoutMs);
      if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  /** Waits until the diagnostics last published for `uri` satisfy `predicate`. */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, description = `diagnostics of ${uri}`): Promise<Diagnostic[]> {
    return this.waitFor(description, () => {
      const diagnostics = this.diagnostics.get(uri);
      return diagnostics !== undefined && predicate(diagnostics) ? diagnostics : undefined;
    });
  }

  /** Waits for the end of the `count`-th work-done progress the server reported (the workspace scan). */
  async waitForProgressEnd(count = 1): Promise<void> {
    await this.waitFor(`${count} finished progress report(s)`, () => this.progress.filter((item) => item.value.kind === 'end').length >= count || undefined);
  }

  /** Waits for a notification of a custom method, counting from `after` (an index into `notifications`). */
  waitForNotification(method: string, after = 0, predicate: (params: unknown) => boolean = () => true): Promise<unknown> {
    return this.waitFor(`notification ${method}`, () => this.notifications.slice(after).find((item) => item.method === method && predicate(item.params))?.params);
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) if (waiter.check()) this.waiters.delete(waiter);
  }

  /** What the server said, appended to a failure so that it can be understood from the test output. */
  transcript(): string {
    const logs = this.logs.map((entry) => `  [log ${entry.type}] ${entry.message}`).join('\n');
    const diagnostics = [...this.diagnostics].map(([uri, list]) => `  ${uri}: ${list.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).join(', ')}`).join('\n');
    return `\nServer log:\n${logs}\nLatest diagnostics:\n${diagnostics}${this.stderr ? `\nServer stderr:\n${this.stderr}` : ''}`;
  }

  /** Errors the server logged (console.error); a healthy run has none. */
  loggedErrors(): string[] {
    return this.logs.filter((entry) => entry.type === 1).map((entry) => entry.message);
  }

  // ------------------------------------------------------------------ shutdown

  /** Clean shutdown: `shutdown`, `exit`, and the process ends with code 0. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.waitFor('the server process to exit', () => (this.exitCode === undefined ? undefined : { code: this.exitCode }));
    this.connection.dispose();
    return code.code;
  }

  /** Ends the server however it is doing; for cleanup after a failed test. */
  kill(): void {
    if (this.exitCode === undefined) this.process.kill();
    this.connection.dispose();
  }
}
