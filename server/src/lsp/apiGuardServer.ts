import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type Connection,
  type DefinitionParams,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type FileEvent,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type LocationLink,
  type TextDocumentContentChangeEvent,
  type ReferenceParams,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import type { CancellationToken } from 'vscode-languageserver/node';
import { CHECKLIST_STATE_PATH } from '../core/checklist/checklistState';
import { configProblemFindings } from '../core/config/configProblemFindings';
import { isConfigFileName, parseConfigFile } from '../core/config/loadConfig';
import { defaultSettings, type ApiGuardSettings } from '../core/config/settings';
import type { Finding } from '../core/engine/finding';
import { setLocale } from '../core/l10n/messages';
import type { AstNode } from '../core/model/ast';
import { keptPlainValue } from '../core/model/plainValue';
import { looksLikeOpenApiText } from '../core/openapi/detectVersion';
import { prepareStructureValidationSteps } from '../core/openapi/validateStructure';
import type { ApiDescription } from '../core/openapi/types';
import { DocumentStore, type BufferEdits } from '../core/workspace/documentStore';
import { FolderAnalysis, type FolderAnalysisOptions } from '../core/workspace/folderAnalysis';
import { discoverFiles, type DiscoveredFiles } from '../node/discoverFiles';
import { createNodeFileReader } from '../node/nodeFileReader';
import { canonicalFileUri, uriToPath } from '../node/uri';
import { readClientFeatures, type ClientFeatures } from './clientCapabilities';
import { CODE_ACTION_KINDS, provideCodeActions, type CodeActionHost } from './codeActions';
import { CodeDocuments, isCodeDocument } from './codeSession';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { withoutDuplicates } from './documentFindings';
import type { DiagnosticsPreEncoder } from './messageEncoder';
import type { EditorDocument } from './editorDocument';
import { FolderSettingsCache, type FolderSettingsSnapshot } from './folderSettings';
import { FolderSession } from './folderSession';
import { guardNotification, guardRequest, requestsStartedSoFar, runGuarded } from './guardHandler';
import { Logger } from './logger';
import { NAVIGATION_CAPABILITIES, provideCodeLenses, provideDefinition, provideReferences, type NavigationHost } from './navigation';
import { ANALYSIS_CHANGED_NOTIFICATION, FOCUS_NOTIFICATION, type AnalyseWorkspaceResult, type AnalysisChangedParams, type ApiGuardInitializationOptions, type FocusParams } from './protocol';
import { MIN_DIAGNOSTICS_PER_DOCUMENT } from './shownFindings';
import { serverMessages } from './serverMessages';

/**
 * How long the analysis may hold the event loop before it yields so that requests are answered.
 * 10 ms rather than 20 halved the median wait of requests during a workspace scan (bench:lsp),
 * without making the scan, an edit or the first diagnostics of an opened file measurably slower.
 */
const SLICE_MILLISECONDS = 10;

/**
 * The slice of the analysis of a folder's files as they are discovered (a workspace scan), which
 * runs while the user works and is waited for by nobody: 5 ms halved the requests' median wait
 * during the scan again (bench:lsp, ten alternating pairs: hovers 18–30 → 11–17 ms less the
 * client's delays, the 95th percentile 42–87 → 35–63 ms), without making the scan slower beyond
 * the noise. Work someone waits for keeps `SLICE_MILLISECONDS`: an edit (with 5 ms its server CPU
 * grew by a quarter), and the scan while an open spec document of the folder is not analysed yet
 * (the first diagnostics of a file opened as the workspace opens).
 */
const SCAN_SLICE_MILLISECONDS = 5;

/** The structural validation of one open document being prepared in parts (`warmUpOpenDocuments`). */
interface ValidationWarmUp {
  uri: string;
  steps: Generator<void, void, void>;
  /** The time its parts took so far, for the log. */
  milliseconds: number;
}

/** The key of the session for documents that belong to no workspace folder. */
const LOOSE_FILES = '';

/**
 * Globs the client watches for the server: every file that may be (part of) an OpenAPI document,
 * the config files, and the source files of the code analysis.
 */
export const WATCHED_FILE_GLOBS = ['**/*.{yaml,yml,json}', '**/.api-guard.{yaml,yml,json}', '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,py,java,cs,go,php}'];

const SPEC_LANGUAGE_IDS = new Set(['yaml', 'json', 'jsonc']);

/**
 * The last change of each file of one `didChangeWatchedFiles`, in the order the files first
 * appear, by canonical URI. A client reports one change several times when two of its watchers
 * match the file (a `.api-guard.yaml` matches two of the globs above); handled once each, a
 * changed configuration file is read and logged once, a new file looked at once. The last change
 * decides: a file deleted and created again is there, one created and deleted again is not.
 */
function lastChangeOfEachFile(changes: readonly FileEvent[]): FileEvent[] {
  const last = new Map<string, FileChangeType>();
  for (const change of changes) {
    last.set(canonicalFileUri(change.uri), change.type);
  }
  return [...last].map(([uri, type]) => ({ uri, type }));
}

/**
 * Lets the editor's requests in between two slices of analysis. A request read in one turn of the
 * event loop is handled in the next, and its answer written in the one after (vscode-jsonrpc
 * queues both with `setImmediate`), so three turns let it through before the next slice runs;
 * with one, every answer waited for two more slices.
 */
async function yieldToEventLoop(): Promise<void> {
  let started = requestsStartedSoFar();
  for (let turn = 0; turn < 3; turn++) await nextTurn();
  // A request read in the last of those turns (one a client sent as soon as it had the answer to
  // another, as an editor asks for code actions after a hover) is answered two turns later: let
  // it out too, rather than after the next slice; a few rounds at most.
  for (let round = 0; round < 3 && requestsStartedSoFar() !== started; round++) {
    started = requestsStartedSoFar();
    await nextTurn();
    await nextTurn();
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function withoutTrailingSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}

function isSpecFileName(uri: string): boolean {
  return /\.(ya?ml|json)$/i.test(uri.split(/[?#]/)[0]);
}

/** Whether two lists hold the same finding objects in the same order (both missing counts as the same). */
function sameFindings(before: readonly Finding[] | undefined, now: readonly Finding[] | undefined): boolean {
  if (before === now) return true;
  if (before === undefined || now === undefined || before.length !== now.length) return false;
  for (let index = 0; index < before.length; index++) if (before[index] !== now[index]) return false;
  return true;
}

function elapsedSince(started: number): string {
  return `${Date.now() - started} ms`;
}

/** Settings whose change means every API must be analysed again (the scope only changes what is shown). */
function analysisKey(settings: ApiGuardSettings): string {
  return JSON.stringify({ ...settings, diagnostics: undefined });
}

/** Settings whose change means the set of files must be discovered again. */
function discoveryKey(settings: ApiGuardSettings): string {
  return JSON.stringify([settings.include, settings.exclude, settings.maxFileSizeMB, settings.code.includeTests]);
}

/**
 * The API Guard language server: keeps one `FolderAnalysis` per workspace folder over one shared
 * `DocumentStore`, feeds it editor buffers and file-system changes, and turns its findings into
 * diagnostics. Event handlers only record what changed and schedule work; each folder's analysis
 * loop does the work on the next tick, in slices, so that requests are answered during long scans.
 */
export class ApiGuardServer {
  private readonly logger: Logger;
  /** Syntax trees of open code documents; its configuration records their incremental edits. */
  private readonly codeDocuments = new CodeDocuments();
  /**
   * The changes of the last `didChange` of each document, with the version they apply to, kept on
   * their way in (`TextDocuments` keeps only the resulting text) so that the store can patch its
   * parse of a spec instead of parsing it again; `onDocumentChanged` takes them.
   */
  private readonly bufferEdits = new Map<string, BufferEdits>();
  private readonly documents = new TextDocuments<EditorDocument>({
    create: (uri, languageId, version, content) => this.codeDocuments.configuration.create(uri, languageId, version, content),
    update: (document, changes, version) => {
      this.recordBufferEdits(document, changes);
      return this.codeDocuments.configuration.update(document, changes, version);
    },
  });
  /** A file that exists but cannot be read is logged once per reason, not on every analysis. */
  private readonly store = new DocumentStore(createNodeFileReader((uri, error) => this.logUnreadable(uri, error)));
  private readonly loggedUnreadable = new Set<string>();
  /** Whether a `warmUpOpenDocuments` is pending, and the trees (root nodes) of open documents it prepared. */
  private warmUpPending = false;
  /** The preparation under way, between slices. */
  private warmingUp: ValidationWarmUp | undefined;
  private readonly preparedTrees = new WeakSet<AstNode>();
  private readonly folders = new Map<string, FolderSession>();
  private readonly loggedEngineErrors = new Set<string>();
  private features: ClientFeatures = readClientFeatures({});
  private trusted = true;
  private initialized = false;
  private shuttingDown = false;
  /** The client accepts `LocationLink`s for definitions, and can be asked to refresh its code lenses. */
  private definitionLinks = false;
  private codeLensRefresh = false;
  /** The `apiGuard` section pushed with `didChangeConfiguration`, for clients that cannot be asked. */
  private pushedEditorSection: unknown;
  private readonly settingsCache: FolderSettingsCache;
  private readonly publisher: DiagnosticsPublisher;
  private readonly loose: FolderSession;

  /** `preEncoder`: the connection's own message encoder, which can encode large diagnostics messages ahead in steps (`--stdio`). */
  constructor(
    private readonly connection: Connection,
    preEncoder?: DiagnosticsPreEncoder,
  ) {
    this.logger = new Logger(connection.console);
    this.settingsCache = this.createSettingsCache();
    this.publisher = new DiagnosticsPublisher(connection, () => this.features, this.logger, (uri) => this.documents.get(uri)?.version, preEncoder);
    this.loose = this.createSession(LOOSE_FILES, undefined, 'files outside the workspace folders');
  }

  /** Installs every handler (each one guarded) and starts listening. */
  listen(): void {
    const connection = this.connection;
    const logger = this.logger;
    connection.onInitialize(guardRequest<[InitializeParams], InitializeResult>(logger, 'initialize', () => this.capabilities(), (params: InitializeParams) => this.initialize(params)));
    connection.onInitialized(guardNotification(logger, 'initialized', () => this.onInitialized()));
    connection.onShutdown(guardRequest(logger, 'shutdown', () => undefined, () => this.shutdown()));
    connection.onDidChangeConfiguration(guardNotification(logger, 'workspace/didChangeConfiguration', (params: DidChangeConfigurationParams) => this.onConfigurationChanged(params)));
    connection.onDidChangeWatchedFiles(guardNotification(logger, 'workspace/didChangeWatchedFiles', (params: DidChangeWatchedFilesParams) => this.onWatchedFilesChanged(params)));
    this.documents.onDidChangeContent(guardNotification(logger, 'textDocument/didChange', ({ document }) => this.onDocumentChanged(document)));
    this.documents.onDidClose(guardNotification(logger, 'textDocument/didClose', ({ document }) => this.onDocumentClosed(document)));
    this.documents.onDidSave(guardNotification(logger, 'textDocument/didSave', ({ document }) => this.onDocumentSaved(document)));
    connection.onNotification(FOCUS_NOTIFICATION, guardNotification(logger, FOCUS_NOTIFICATION, (params: FocusParams) => this.onFocus(params)));
    connection.languages.diagnostics.on(
      guardRequest<[DocumentDiagnosticParams], DocumentDiagnosticReport>(
        logger,
        'textDocument/diagnostic',
        (): DocumentDiagnosticReport => ({ kind: 'full', items: [] }),
        (params: DocumentDiagnosticParams) => this.documentDiagnostics(params),
      ),
    );
    connection.languages.diagnostics.onWorkspace(
      guardRequest<[WorkspaceDiagnosticParams, CancellationToken], WorkspaceDiagnosticReport>(
        logger,
        'workspace/diagnostic',
        (): WorkspaceDiagnosticReport => ({ items: [] }),
        (params: WorkspaceDiagnosticParams, token: CancellationToken) => this.workspaceDiagnostics(params, token),
      ),
    );
    connection.onCodeAction(
      guardRequest<[CodeActionParams], CodeAction[]>(logger, 'textDocument/codeAction', () => [], (params: CodeActionParams) => provideCodeActions(this.codeActionHost(), params)),
    );
    // Navigation between code and API descriptions (issue 4): definition, references, code lenses.
    connection.onDefinition(
      guardRequest<[DefinitionParams], Location[] | LocationLink[] | null>(logger, 'textDocument/definition', () => null, (params: DefinitionParams) => provideDefinition(this.navigationHost(), params)),
    );
    connection.onReferences(guardRequest<[ReferenceParams], Location[] | null>(logger, 'textDocument/references', () => null, (params: ReferenceParams) => provideReferences(this.navigationHost(), params)));
    connection.onCodeLens(guardRequest<[CodeLensParams], CodeLens[]>(logger, 'textDocument/codeLens', () => [], (params: CodeLensParams) => provideCodeLenses(this.navigationHost(), params)));
    this.documents.listen(connection);
    connection.listen();
  }

  /** The folder sessions, for the custom requests. */
  folderSessions(): FolderSession[] {
    return [...this.folders.values()];
  }

  /** Waits until every folder has finished the analysis pending now. */
  async whenIdle(sessions: readonly FolderSession[] = [...this.folders.values(), this.loose]): Promise<void> {
    await Promise.all(sessions.map((session) => session.whenIdle()));
  }

  /**
   * Forgets every cached parse, setting and file list and analyses every folder from scratch, as
   * the "Analyse workspace" command asks; resolves when done.
   */
  async reanalyseEverything(): Promise<AnalyseWorkspaceResult> {
    this.logger.info('Analysing the whole workspace again');
    this.store.invalidateAll();
    this.settingsCache.invalidateAll();
    for (const session of this.allSessions()) {
      session.forceReset = true;
      this.markSettingsStale(session);
    }
    await this.whenIdle();
    let files = 0;
    let findings = 0;
    for (const session of this.allSessions()) {
      // Every document of an API (root or fragment) or a broken OpenAPI file has an entry, with or without findings.
      files += session.findings.size;
      for (const list of session.findings.values()) findings += list.length;
      // And every analysed code file, with its code findings.
      for (const uri of session.code.folderAnalysis?.uris() ?? []) {
        files++;
        findings += session.code.findingsFor(uri).length;
      }
    }
    return { files, findings };
  }

  /** The session of a folder given by its URI, if it is a workspace folder. */
  folderSession(folderUri: string): FolderSession | undefined {
    return this.folders.get(withoutTrailingSlash(canonicalFileUri(folderUri)));
  }

  /** What the code actions read: the documents, the folder sessions (owner first) and the client. */
  private codeActionHost(): CodeActionHost {
    return {
      store: this.store,
      logger: this.logger,
      features: this.features,
      sessionsFor: (uri) => {
        const owner = this.ownerOf(uri);
        return [owner, ...this.allSessions().filter((session) => session !== owner)];
      },
      openVersion: (uri) => this.documents.get(uri)?.version,
      openText: (uri) => this.documents.get(uri)?.getText(),
    };
  }

  /** What navigation reads: the folder sessions (owner first) and the editor's buffers. */
  private navigationHost(): NavigationHost {
    return {
      sessionsFor: (uri) => {
        const owner = this.ownerOf(uri);
        return [owner, ...this.allSessions().filter((session) => session !== owner)];
      },
      openText: (uri) => this.documents.get(uri)?.getText(),
      definitionLinks: this.definitionLinks,
    };
  }

  /** Installs a handler for a custom request, guarded like every other handler. */
  onRequest<P, R>(method: string, fallback: (params: P) => R, handler: (params: P) => R | Promise<R>): void {
    this.connection.onRequest(method, guardRequest(this.logger, method, fallback, handler));
  }

  get log(): Logger {
    return this.logger;
  }

  // ---------------------------------------------------------------- lifecycle

  private initialize(params: InitializeParams): InitializeResult {
    setLocale(params.locale);
    this.features = readClientFeatures(params.capabilities);
    this.definitionLinks = params.capabilities.textDocument?.definition?.linkSupport === true;
    this.codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const options = (params.initializationOptions ?? {}) as ApiGuardInitializationOptions;
    this.trusted = options.trusted !== false;
    if (options.ruleLinksInClient === true) this.features = { ...this.features, codeDescription: false };
    const limit = options.maxDiagnosticsPerDocument;
    if (Number.isInteger(limit) && (limit as number) >= MIN_DIAGNOSTICS_PER_DOCUMENT) this.features = { ...this.features, maxDiagnosticsPerDocument: limit };
    else if (limit !== undefined) this.logger.warn(`Ignoring maxDiagnosticsPerDocument ${JSON.stringify(limit)}: an integer of at least ${MIN_DIAGNOSTICS_PER_DOCUMENT} was expected.`);
    this.logger.info(
      `API Guard language server started (Node ${process.version}, pid ${process.pid}, locale ${params.locale ?? 'default'}, ` +
        `${this.features.pullDiagnostics ? 'pull' : 'push'} diagnostics, workspace ${this.trusted ? 'trusted' : 'untrusted'})`,
    );
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri.split('/').pop() ?? params.rootUri }] : []);
    for (const folder of folders) this.addFolder(folder);
    return this.capabilities();
  }

  private capabilities(): InitializeResult {
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'API Guard' },
    };
    Object.assign(result.capabilities, NAVIGATION_CAPABILITIES);
    if (this.features.codeActionLiterals) result.capabilities.codeActionProvider = { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false };
    if (this.features.pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'api-guard', interFileDependencies: true, workspaceDiagnostics: true };
    }
    return result;
  }

  private async onInitialized(): Promise<void> {
    this.initialized = true;
    if (this.features.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders(guardNotification(this.logger, 'workspace/didChangeWorkspaceFolders', (event) => this.onFoldersChanged(event)));
    }
    const registrations: Promise<unknown>[] = [];
    if (this.features.configurationChangeRegistration) {
      registrations.push(this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'apiGuard' }));
    }
    if (this.features.watchedFilesRegistration) {
      registrations.push(this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern })) }));
    } else {
      this.logger.info('The client cannot watch files for the server; changes on disk are seen when documents are saved in the editor.');
    }
    for (const registration of registrations) await registration.catch((error: unknown) => this.logger.error('Registering for notifications failed', error));
    for (const session of this.allSessions()) this.schedule(session);
  }

  private shutdown(): void {
    this.shuttingDown = true;
    for (const session of this.allSessions()) {
      session.disposed = true;
      session.interruptScan();
      session.notifyIdle();
    }
    this.logger.info('API Guard language server shutting down');
  }

  // ---------------------------------------------------------------- folders and settings

  private createSettingsCache(): FolderSettingsCache {
    return new FolderSettingsCache({
      readEditorSection: async (scopeUri) => {
        if (!this.features.configurationPull) return this.pushedEditorSection;
        const [section] = (await this.connection.workspace.getConfiguration([{ scopeUri, section: 'apiGuard' }])) as unknown[];
        return section;
      },
      isTrusted: () => this.trusted,
      logger: this.logger,
      showWarning: (message) => {
        // A notification, not a request: the warning offers no choice, so nothing waits for an answer.
        this.connection
          .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message })
          .catch((error: unknown) => this.logger.error('Showing a warning failed', error));
      },
    });
  }

  private createSession(folderUri: string, folderPath: string | undefined, name: string): FolderSession {
    const settings = defaultSettings();
    const analysis = new FolderAnalysis(this.store, this.analysisOptions(folderUri, folderPath === undefined, settings));
    const session: FolderSession = new FolderSession(folderUri, folderPath, name, analysis, () => this.codeApisFor(session));
    return session;
  }

  /**
   * The APIs a folder's code is matched against: its own, then every other folder's (in the order
   * the folders were added), each API once. A client in one folder of a multi-root workspace often
   * calls the API described in another. Matching takes the best fitting server and path among all
   * of them; where two APIs fit a call equally, the match is not acted on (see `matchCall`).
   */
  private codeApisFor(session: FolderSession): ApiDescription[] {
    const apis = [...session.analysis.allApis()];
    const seen = new Set(apis);
    for (const other of this.allSessions()) {
      if (other === session || other.disposed) continue;
      for (const api of other.analysis.allApis()) {
        if (seen.has(api)) continue;
        seen.add(api);
        apis.push(api);
      }
    }
    return apis;
  }

  private analysisOptions(folderUri: string, loose: boolean, settings: ApiGuardSettings): FolderAnalysisOptions {
    return {
      folderUri,
      settings,
      // Loose files may only reach files beside them; a folder's APIs may reach the whole folder.
      policy: { allowedFolders: loose ? [] : [folderUri], allowedRemoteHosts: settings.allowedRemoteRefHosts },
      onRuleError: (ruleId, error) => this.logEngineError(`Rule ${ruleId}`, error),
      onApiError: (rootUri, error) => this.logEngineError(`Analysing ${rootUri}`, error),
      reuseFindings: true,
    };
  }

  private logUnreadable(uri: string, error: NodeJS.ErrnoException): void {
    const key = `${uri}|${error.code ?? error.message}`;
    if (this.loggedUnreadable.has(key)) return;
    this.loggedUnreadable.add(key);
    this.logger.warn(`Cannot read ${uri} (${error.code ?? error.message}); it is skipped`);
  }

  /** Logs an engine bug once per place and message: it repeats on every keystroke otherwise. */
  private logEngineError(where: string, error: unknown): void {
    const key = `${where}|${error instanceof Error ? error.message : String(error)}`;
    if (this.loggedEngineErrors.has(key)) return;
    this.loggedEngineErrors.add(key);
    this.logger.error(`${where} failed (further identical failures are not logged)`, error);
  }

  private allSessions(): FolderSession[] {
    return [...this.folders.values(), this.loose];
  }

  private addFolder(folder: WorkspaceFolder): void {
    const folderUri = withoutTrailingSlash(canonicalFileUri(folder.uri));
    const folderPath = uriToPath(folderUri);
    if (folderPath === undefined) {
      this.logger.warn(`Workspace folder ${folder.uri} is not on the file system; only its open documents are analysed.`);
      return;
    }
    if (this.folders.has(folderUri)) return;
    this.folders.set(folderUri, this.createSession(folderUri, folderPath, folder.name));
    this.logger.info(`Workspace folder: ${folder.name} (${folderPath})`);
  }

  private onFoldersChanged(event: WorkspaceFoldersChangeEvent): void {
    for (const removed of event.removed) {
      const folderUri = withoutTrailingSlash(canonicalFileUri(removed.uri));
      const session = this.folders.get(folderUri);
      if (session === undefined) continue;
      this.folders.delete(folderUri);
      session.disposed = true;
      session.interruptScan();
      session.notifyIdle();
      this.settingsCache.invalidate(folderUri);
      this.logger.info(`Workspace folder removed: ${removed.name}`);
      const codeUris = session.code.folderAnalysis?.uris() ?? [];
      for (const uri of [...session.findings.keys(), ...codeUris, ...(session.configFindings ? [session.configFindings.uri] : [])]) this.publishFor(uri);
    }
    for (const added of event.added) this.addFolder(added);
    // A folder added or removed inside another one changes which files the outer folder owns.
    for (const changed of [...event.added, ...event.removed]) {
      const changedUri = withoutTrailingSlash(canonicalFileUri(changed.uri));
      for (const session of this.folders.values()) if (changedUri.startsWith(session.folderUri + '/')) session.needsDiscovery = true;
    }
    // Open documents may now belong to another folder (or to none).
    for (const document of this.documents.all()) this.onDocumentChanged(document);
    for (const session of this.allSessions()) this.schedule(session);
    this.publisher.flush();
  }

  /** The session a document belongs to: the innermost workspace folder containing it, else the loose files. */
  private ownerOf(uri: string): FolderSession {
    let owner: FolderSession | undefined;
    for (const session of this.folders.values()) {
      if (!uri.startsWith(session.folderUri + '/')) continue;
      if (owner === undefined || session.folderUri.length > owner.folderUri.length) owner = session;
    }
    return owner ?? this.loose;
  }

  private isConfigFileOf(session: FolderSession, uri: string): boolean {
    return !session.isLoose && isConfigFileName(uri) && uri.lastIndexOf('/') === session.folderUri.length && uri.startsWith(session.folderUri + '/');
  }

  private onConfigurationChanged(params: DidChangeConfigurationParams): void {
    if (!this.features.configurationPull) {
      const settings = params.settings as { apiGuard?: unknown } | null | undefined;
      this.pushedEditorSection = settings?.apiGuard;
    }
    this.logger.info('Settings changed; analysing again');
    this.settingsCache.invalidateAll();
    for (const session of this.allSessions()) this.markSettingsStale(session);
  }

  private markSettingsStale(session: FolderSession): void {
    session.settingsStale = true;
    session.interruptScan();
    this.schedule(session);
  }

  /** Pulls the folder's settings again and works out how much must be redone. */
  private async reloadSettings(session: FolderSession): Promise<void> {
    session.settingsStale = false;
    const previous = session.settings;
    session.settingsLoading = true;
    let snapshot: FolderSettingsSnapshot;
    try {
      snapshot = await this.settingsCache.get({ uri: session.folderUri, path: session.folderPath });
    } finally {
      session.settingsLoading = false;
    }
    if (session.settingsStale || session.disposed) return;
    session.snapshot = snapshot;
    const settings = snapshot.settings;
    this.updateStoreLimit();
    this.updateConfigFindings(session);
    const reset = session.forceReset;
    session.forceReset = false;
    // The code analysis re-checks its files itself when anything it reads changed (issue 4).
    session.code.configure(
      {
        folderUri: session.folderUri,
        settings,
        onRuleError: (ruleId, error) => this.logEngineError(`Rule ${ruleId}`, error),
        onExtractionError: (stage, error) => this.logEngineError(`Code extraction (${stage})`, error),
      },
      reset,
    );
    if (reset || previous === undefined || analysisKey(previous) !== analysisKey(settings)) {
      session.analysis.setOptions(this.analysisOptions(session.folderUri, session.isLoose, settings));
      // Every candidate is added back in slices, so that a large folder does not block the server.
      session.analysis.setCandidates(session.openCandidates);
      for (const uri of session.findings.keys()) session.republish.add(uri);
      session.needsCandidateSync = true;
      session.needsUpdate = true;
      session.showProgress = true;
    }
    if (!session.isLoose && (reset || previous === undefined || discoveryKey(previous) !== discoveryKey(settings))) {
      session.needsDiscovery = true;
      session.showProgress = true;
    }
    if (previous !== undefined && previous.diagnostics.scope !== settings.diagnostics.scope) {
      // Only what is shown changes: publish every document the folder has findings for, or had.
      const codeUris = session.code.folderAnalysis?.uris() ?? [];
      for (const uri of new Set([...session.findings.keys(), ...codeUris, ...this.publisher.urisWithDiagnostics()])) this.publishFor(uri);
    }
  }

  /** The store parses each file once for every folder, so it uses the largest limit any folder allows. */
  private updateStoreLimit(): void {
    let megabytes = 0;
    for (const session of this.allSessions()) megabytes = Math.max(megabytes, session.settings?.maxFileSizeMB ?? 0);
    const bytes = (megabytes > 0 ? megabytes : defaultSettings().maxFileSizeMB) * 1024 * 1024;
    if (bytes === this.store.maxFileSizeBytes) return;
    this.store.maxFileSizeBytes = bytes;
    this.store.invalidateAll();
  }

  /** Findings on the folder's configuration file: from the open editor buffer when there is one, else from disk. */
  private updateConfigFindings(session: FolderSession): void {
    const previousUri = session.configFindings?.uri;
    const config = session.snapshot?.config;
    const settings = session.settings ?? defaultSettings();
    session.configFindings = undefined;
    if (config !== undefined) {
      const buffer = this.documents.get(config.uri);
      let findings: Finding[];
      if (buffer !== undefined) {
        const text = buffer.getText();
        findings = configProblemFindings(config.uri, text, parseConfigFile(config.uri, text).problems, settings, session.folderUri);
      } else {
        findings = configProblemFindings(config.uri, config.text, config.problems, settings, session.folderUri);
      }
      session.configFindings = { uri: config.uri, findings };
      this.publishFor(config.uri);
    }
    if (previousUri !== undefined && previousUri !== config?.uri) this.publishFor(previousUri);
    this.publisher.flush();
  }

  // ---------------------------------------------------------------- documents

  private recordBufferEdits(document: EditorDocument, changes: readonly TextDocumentContentChangeEvent[]): void {
    this.bufferEdits.set(document.uri, { fromVersion: document.version, changes: changes.map((change) => ('range' in change ? { range: change.range, text: change.text } : { text: change.text })) });
    // The start of the last change, which no change after it moves.
    const last = changes[changes.length - 1];
    if (last !== undefined && 'range' in last) this.publisher.editedAt(document.uri, last.range.start.line);
  }

  /** The client says where the user looks in a document (`FOCUS_NOTIFICATION`). */
  private onFocus(params: FocusParams): void {
    if (typeof params?.uri !== 'string' || !Number.isInteger(params.line) || params.line < 0) return;
    const uri = params.uri;
    // Only an open document is looked at; the focus of others would never be forgotten.
    const document = this.documents.get(uri);
    if (document === undefined) return;
    // A document with no more findings than the client shows is not sent again, nor are others.
    if (this.publisher.lookAt(uri, params.line, this.findingsAreCurrent(uri))) this.publisher.flush();
  }

  /** Whether the findings of a document (code or spec) are those of its current text, in the folder that owns it. */
  private findingsAreCurrent(uri: string): boolean {
    const owner = this.ownerOf(uri);
    return isCodeDocument(uri, this.documents.get(uri)?.languageId) ? owner.codeIsCurrent(uri) : owner.specIsCurrent(uri);
  }

  private onDocumentChanged(document: EditorDocument): void {
    const uri = document.uri;
    const edits = this.bufferEdits.get(uri);
    this.bufferEdits.delete(uri);
    const session = this.ownerOf(uri);
    if (this.isConfigFileOf(session, uri)) {
      this.updateConfigFindings(session);
      return;
    }
    if (isCodeDocument(uri, document.languageId)) {
      this.onCodeDocumentChanged(session, uri);
      return;
    }
    if (!SPEC_LANGUAGE_IDS.has(document.languageId) && !isSpecFileName(uri)) return;
    // The buffer's pieces, not `getText()`: a patched parse reads only around the edit, and the
    // text is made one string only if something needs all of it (see PieceText).
    this.store.setOpen(uri, document.source, document.version, edits);
    session.analysis.prioritise(uri);
    for (const other of this.allSessions()) {
      if (other !== session && other.openCandidates.delete(uri) && !other.discovered.has(uri)) other.analysis.removeCandidate(uri);
    }
    if (!session.analysis.hasCandidate(uri) && looksLikeOpenApiText(document.getText())) {
      session.openCandidates.add(uri);
      session.analysis.addCandidate(uri);
    }
    session.needsUpdate = true;
    session.republish.add(uri);
    this.schedule(session);
    // A fragment shared by APIs of other folders changes their findings too.
    for (const other of this.allSessions()) {
      if (other !== session && other.analysis.isAnalysed(uri)) {
        other.analysis.prioritise(uri);
        other.needsUpdate = true;
        this.schedule(other);
      }
    }
  }

  private onDocumentClosed(document: EditorDocument): void {
    const uri = document.uri;
    this.publisher.documentClosed(uri);
    const session = this.ownerOf(uri);
    if (this.isConfigFileOf(session, uri)) {
      this.updateConfigFindings(session);
      return;
    }
    if (isCodeDocument(uri, document.languageId)) {
      this.codeDocuments.close(uri);
      session.code.documentClosed(uri);
      this.schedule(session);
      return;
    }
    this.store.close(uri);
    if (session.openCandidates.delete(uri) && !session.discovered.has(uri)) session.analysis.removeCandidate(uri);
    session.republish.add(uri);
    for (const other of this.allSessions()) {
      if (other === session || !other.analysis.isAnalysed(uri)) continue;
      other.needsUpdate = true;
      this.schedule(other);
    }
    session.needsUpdate = true;
    this.schedule(session);
  }

  /** Without file watchers, a saved configuration file is the only sign that the settings changed. */
  private onDocumentSaved(document: EditorDocument): void {
    if (this.features.watchedFilesRegistration) return;
    const session = this.ownerOf(document.uri);
    if (!this.isConfigFileOf(session, document.uri)) return;
    this.settingsCache.invalidate(session.folderUri);
    this.markSettingsStale(session);
  }

  private onWatchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    const reader = createNodeFileReader();
    for (const { uri, type } of lastChangeOfEachFile(params.changes)) {
      const session = this.ownerOf(uri);
      if (session.isLoose) continue;
      if (this.isConfigFileOf(session, uri)) {
        this.logger.info(`Configuration file ${type === FileChangeType.Deleted ? 'deleted' : 'changed'}: ${uri}`);
        this.settingsCache.invalidate(session.folderUri);
        this.markSettingsStale(session);
        continue;
      }
      if (uri === `${session.folderUri}/${CHECKLIST_STATE_PATH}`) {
        // The team's checklist progress changed (another window, a pull): the checklist view refreshes.
        session.changedSinceNotification = true;
        session.needsUpdate = true;
        this.schedule(session);
        continue;
      }
      if (isCodeDocument(uri)) {
        // A code file the scan has not seen (created, renamed) is left to a new scan, which applies the excludes.
        if (!session.code.fileChanged(uri, type === FileChangeType.Deleted)) session.needsDiscovery = true;
        this.schedule(session);
        continue;
      }
      if (!isSpecFileName(uri)) continue;
      this.store.invalidate(uri);
      if (type === FileChangeType.Deleted) {
        session.discovered.delete(uri);
        if (!session.openCandidates.has(uri)) session.analysis.removeCandidate(uri);
        session.republish.add(uri);
      } else {
        // A file a `$ref` pointed to in vain (created, or readable now), in this folder's APIs or
        // in those of a folder around it: read into the store, it makes them be built again.
        if (this.allSessions().some((any) => any.analysis.isUnread(uri))) this.store.get(uri);
        if (!session.analysis.hasCandidate(uri)) {
          // A new file, or one that became an OpenAPI document: the scan decides whether it is included.
          const text = reader.read(uri);
          if (text !== undefined && looksLikeOpenApiText(text)) session.needsDiscovery = true;
        }
      }
      session.needsUpdate = true;
      this.schedule(session);
      for (const other of this.allSessions()) {
        if (other !== session && (other.analysis.isAnalysed(uri) || other.analysis.isUnread(uri))) {
          other.needsUpdate = true;
          this.schedule(other);
        }
      }
    }
  }

  // ---------------------------------------------------------------- the analysis loop

  private schedule(session: FolderSession): void {
    if (!this.initialized || this.shuttingDown || session.disposed || session.scheduled || session.busy) return;
    session.scheduled = true;
    setImmediate(() => {
      session.scheduled = false;
      void runGuarded(this.logger, `Analysis of ${session.name}`, () => this.runSession(session));
    });
  }

  /**
   * Does the pending work of a folder, one step at a time, until none is left. Each step clears its
   * own flag first, so a step that fails is not retried forever; events that arrive meanwhile set
   * flags again and are picked up by the same loop.
   */
  private async runSession(session: FolderSession): Promise<void> {
    if (session.busy || session.disposed) return;
    session.busy = true;
    try {
      while (session.hasPendingWork() && !this.shuttingDown) {
        try {
          if (session.settingsStale) await this.reloadSettings(session);
          else if (session.needsDiscovery) await this.discover(session);
          else if (session.needsCandidateSync) await this.addCandidatesInSlices(session);
          else if (session.needsUpdate) await this.updateAnalysis(session);
          else await this.analyseCodeSlice(session);
        } catch (error) {
          this.logger.error(`Analysis of ${session.name} failed`, error);
        }
        // Requests waiting for part of the analysis (a quick fix for one file) check again.
        session.notifyProgress();
      }
    } finally {
      session.busy = false;
      this.endProgress(session);
      this.publisher.flush();
      this.notifyAnalysisChanged(session);
      session.notifyIdle();
      // The code of the other folders is matched against this folder's APIs too: if they changed,
      // those folders have matching to redo.
      for (const other of this.allSessions()) if (other !== session && !other.disposed && other.code.hasPendingWork(other.codeApis())) this.schedule(other);
      this.scheduleWarmUp();
    }
  }

  /**
   * Prepares the open documents for editing as soon as the analysis is idle, so that the first
   * keystroke does not pay for it:
   * - the line table of each open buffer (`EditorDocument.prepareLineTable`), which the first
   *   edit or position lookup would otherwise make: some 12 ms for a 4 MB spec, 35 ms for 13 MB;
   * - the structural validation of the open API documents (see `VersionValidator.prepare`): a
   *   valid document is only ever checked, and the first keystroke that makes a large one invalid
   *   would otherwise explain every composite of the whole document (some 100 ms for a 4 MB spec)
   *   instead of those along the edited path. Each tree is prepared once: an edit patches the
   *   tree (the same root node), and the validation of the patched value finds the answers of
   *   every untouched part; a full parse makes a new root. So this runs after the first analysis
   *   of an opened document, or of one parsed in full again, and not while typing. Only values
   *   the analysis built are used (none when `spec-invalid` is off or the text is broken).
   * It waits as the analysis waits between two slices (`yieldToEventLoop`), so that a message
   * that arrived during the analysis or the last slice goes first. With one turn (`setImmediate`)
   * a keystroke read during a slice waited for the next slice too: vscode-jsonrpc handles a
   * message read in one turn in the next, after the slice queued before it.
   */
  private scheduleWarmUp(): void {
    if (this.warmUpPending || this.shuttingDown) return;
    this.warmUpPending = true;
    void runGuarded(this.logger, 'Preparing the open documents', async () => {
      await yieldToEventLoop();
      this.warmUpPending = false;
      this.warmUpOpenDocuments();
    });
  }

  /**
   * Runs the preparation in slices of `SLICE_MILLISECONDS`, one line table or one part of a
   * document's validation at a time (`prepareStructureValidationSteps`), and stops as soon as other
   * work has arrived: a keystroke right after opening a large spec does not wait for the whole
   * preparation. The end of that work schedules this again, and the preparation goes on where it
   * stopped.
   */
  private warmUpOpenDocuments(): void {
    const started = Date.now();
    for (;;) {
      // Work that arrived meanwhile comes first; its end schedules this again.
      if (this.shuttingDown || this.allSessions().some((session) => session.busy || session.scheduled || session.hasPendingWork())) return;
      if (!this.documents.all().some((document) => document.prepareLineTable())) {
        this.warmingUp ??= this.nextValidationWarmUp();
        const warmUp = this.warmingUp;
        if (warmUp === undefined) return;
        const partStarted = Date.now();
        // Taken off while its part runs: a part that throws ends this document's preparation.
        this.warmingUp = undefined;
        const step = warmUp.steps.next();
        warmUp.milliseconds += Date.now() - partStarted;
        if (step.done === true) {
          this.logger.info(`Prepared the structural validation of ${warmUp.uri} in ${warmUp.milliseconds} ms`);
          continue;
        }
        this.warmingUp = warmUp;
      }
      if (Date.now() - started >= SLICE_MILLISECONDS) {
        this.scheduleWarmUp();
        return;
      }
    }
  }

  /** The preparation of the next open API document whose tree has not been prepared, if any. */
  private nextValidationWarmUp(): ValidationWarmUp | undefined {
    for (const document of this.documents.all()) {
      for (const api of this.ownerOf(document.uri).analysis.apisIncluding(document.uri)) {
        const root = api.root;
        if (root.uri !== document.uri || root.open !== true || root.root === undefined || this.preparedTrees.has(root.root)) continue;
        const value = keptPlainValue(root);
        if (value === undefined) continue;
        this.preparedTrees.add(root.root);
        return { uri: root.uri, steps: prepareStructureValidationSteps(api.version, value), milliseconds: 0 };
      }
    }
    return undefined;
  }

  private async discover(session: FolderSession): Promise<void> {
    session.needsDiscovery = false;
    const folderPath = session.folderPath;
    const settings = session.settings;
    if (folderPath === undefined || settings === undefined) return;
    const signal = session.scanAbort.signal;
    const started = Date.now();
    const progress = await this.beginProgress(session);
    progress?.report(serverMessages.discovering({ folder: session.name }));
    let discovered: DiscoveredFiles | undefined;
    try {
      discovered = await discoverFiles(folderPath, settings, { signal });
    } catch (error) {
      if (!signal.aborted) throw error;
    }
    // Superseded (settings changed meanwhile): discover again once the new settings are in.
    if (discovered === undefined || signal.aborted || session.disposed) {
      session.needsDiscovery = true;
      return;
    }
    const { specs, code } = discovered;
    const found = new Set(specs.map(canonicalFileUri).filter((uri) => this.ownerOf(uri) === session));
    for (const uri of session.discovered) {
      if (found.has(uri) || session.openCandidates.has(uri)) continue;
      session.analysis.removeCandidate(uri);
      session.republish.add(uri);
    }
    session.discovered = found;
    session.scansCompleted++;
    session.discoveredCode = code.map(canonicalFileUri).filter((uri) => this.ownerOf(uri) === session);
    session.code.setDiscovered(session.discoveredCode);
    session.needsCandidateSync = true;
    session.needsUpdate = true;
    this.logger.info(`${session.name}: ${found.size} YAML/JSON files to check (found in ${elapsedSince(started)})`);
  }

  /**
   * Adds the discovered files to the analysis and analyses them in steps, each new API as it
   * comes, yielding to the event loop between slices so that the editor's requests are answered
   * and the first diagnostics appear while the rest of the folder is still being analysed. All of
   * them go into one update: an update per file passed every candidate each time, which made the
   * scan of a folder of thousands of fragments quadratic.
   */
  private async addCandidatesInSlices(session: FolderSession): Promise<void> {
    session.needsCandidateSync = false;
    const pending = [...session.discovered].filter((uri) => !session.analysis.hasCandidate(uri));
    if (pending.length === 0) return;
    const signal = session.scanAbort.signal;
    const started = Date.now();
    const progress = await this.beginProgress(session);
    const total = pending.length;
    progress?.report(0, serverMessages.analysing({ count: total }));
    const touched = new Set<string>();
    const waiting = new Set(pending);
    for (const uri of pending) session.analysis.addCandidate(uri);
    // At the end of each slice: publish what was analysed so far, report progress, and let
    // requests in; a very large API is analysed across several slices (a rule per step).
    const endSlice = async (): Promise<void> => {
      if (touched.size > 0) {
        // The slice of analysis and the publishing of what it finished run in turns of the event
        // loop of their own, and the documents of a large API are published a slice's worth at a
        // time: a request waits for one of them, not for all of it (during the corpus scan a slice
        // and its publishing held requests for up to 43 ms).
        await yieldToEventLoop();
        const steps = this.publishTouchedSteps(session, touched, false);
        let started = Date.now();
        while (steps.next().done !== true) {
          if (Date.now() - started < SCAN_SLICE_MILLISECONDS) continue;
          await yieldToEventLoop();
          started = Date.now();
        }
      }
      touched.clear();
      progress?.report(Math.floor(((total - waiting.size) * 100) / total), serverMessages.analysing({ count: total }));
    };
    const stop = (): boolean => signal.aborted || session.disposed || session.settingsStale;
    // A stop leaves `needsUpdate` set: the next update analyses what this one did not reach.
    const sliceMilliseconds = (): number => (this.openSpecWaiting(session) ? SLICE_MILLISECONDS : SCAN_SLICE_MILLISECONDS);
    await this.updateFolderAnalysis(session, touched, { started: Date.now() }, endSlice, stop, sliceMilliseconds, (uri) => waiting.delete(uri));
    this.publishTouched(session, touched);
    if (stop()) return;
    session.needsUpdate = true;
    const apis = session.analysis.allApis().length;
    const findings = [...session.findings.values()].reduce((sum, list) => sum + list.length, 0);
    this.logger.info(`${session.name}: analysed ${total} files, ${apis} APIs, ${findings} findings in ${elapsedSince(started)}`);
  }

  /** An open code document changed: it belongs to this folder's code analysis alone, re-analysed on the next turn. */
  private onCodeDocumentChanged(session: FolderSession, uri: string): void {
    for (const other of this.allSessions()) if (other !== session) other.code.release(uri);
    session.code.documentChanged(uri);
    this.schedule(session);
    for (const other of this.allSessions()) if (other !== session && other.code.hasPendingWork(other.codeApis())) this.schedule(other);
  }

  /**
   * One slice of the folder's code analysis (open documents first, then files from disk, then
   * re-matching after the APIs changed), its diagnostics published, then a yield so that the
   * editor's requests are answered between slices.
   */
  private async analyseCodeSlice(session: FolderSession): Promise<void> {
    const progress = session.progress;
    const touched = await session.code.runSlice({
      documents: this.codeDocuments,
      openDocument: (uri) => this.documents.get(uri),
      apis: session.codeApis(),
      shouldStop: () => this.shuttingDown || session.disposed || session.settingsStale || session.needsDiscovery || session.needsUpdate,
      sliceMilliseconds: SLICE_MILLISECONDS,
      maxFileSizeBytes: (session.settings ?? defaultSettings()).maxFileSizeMB * 1024 * 1024,
      reportProgress: progress === undefined ? undefined : (percentage, message) => progress.report(percentage, message),
      onFileError: (uri, error) => this.logEngineError(`Analysing ${uri}`, error),
    });
    for (const uri of touched) this.publishFor(uri);
    if (touched.size > 0) session.changedSinceNotification = true;
    if (!session.code.hasPendingWork(session.codeApis()) && session.code.callSitesChanged) {
      // The "N call sites" lenses of the spec files count these calls.
      session.code.callSitesChanged = false;
      if (this.codeLensRefresh) this.connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => this.logger.error('Asking the client to refresh code lenses failed', error));
    }
    this.publisher.flush();
    await this.publisher.whenWritten();
    await yieldToEventLoop();
  }

  private async updateAnalysis(session: FolderSession): Promise<void> {
    session.needsUpdate = false;
    const touched = new Set<string>();
    const stop = (): boolean => session.settingsStale;
    // Between slices, publish the APIs already analysed; the documents waiting for republishing
    // (the edited one) are published at the end, with their new findings, not their old ones.
    const endSlice = (): void => {
      if (touched.size === 0) return;
      this.publishTouched(session, touched, false);
      touched.clear();
    };
    await this.updateFolderAnalysis(session, touched, { started: Date.now() }, endSlice, stop, () => SLICE_MILLISECONDS);
    this.publishTouched(session, touched);
  }

  /** Whether an open spec document of the folder (a YAML or JSON buffer) waits for its analysis. */
  private openSpecWaiting(session: FolderSession): boolean {
    for (const document of this.documents.all()) {
      if (SPEC_LANGUAGE_IDS.has(document.languageId) && this.ownerOf(document.uri) === session && !session.specIsCurrent(document.uri)) return true;
    }
    return false;
  }

  /**
   * One `FolderAnalysis.update()`, run in steps (`updateSteps`): when a slice of the event loop is
   * used up (`sliceMilliseconds`, asked at the start of each slice), `endSlice` runs (and is waited
   * for), waiting requests are let in and the update goes on in the next turn.
   * `touched` collects what changed. It stops early when `stop` says so (settings changed, scan
   * superseded) or the server shuts down; what is recorded stays consistent, and the pending flags
   * bring the rest up to date. A failure is logged and leaves the previous findings in place.
   */
  private async updateFolderAnalysis(
    session: FolderSession,
    touched: Set<string>,
    slice: { started: number },
    endSlice: () => void | Promise<void>,
    stop: () => boolean,
    sliceMilliseconds: () => number,
    passed?: (uri: string) => void,
  ): Promise<void> {
    const steps = session.analysis.updateSteps(touched, true);
    let milliseconds = sliceMilliseconds();
    try {
      for (;;) {
        const step = steps.next();
        if (step.done === true) return;
        if (passed !== undefined && typeof step.value === 'string') passed(step.value);
        if (Date.now() - slice.started < milliseconds) continue;
        await endSlice();
        session.notifyProgress();
        await this.publisher.whenWritten();
        await yieldToEventLoop();
        slice.started = Date.now();
        milliseconds = sliceMilliseconds();
        if (this.shuttingDown || session.disposed || stop()) {
          steps.return(touched);
          if (!session.disposed) session.needsUpdate = true;
          return;
        }
      }
    } catch (error) {
      this.logger.error(`Analysing ${session.name} failed`, error);
    }
  }

  /**
   * Publishes the documents whose findings may have changed: those the analysis touched, those
   * that had findings before and are no longer part of any API, and, at the end of an update
   * (`final`), those marked for republishing. Between the slices of an update the documents marked
   * (the edited one) still have their old findings: published then, they would go out with the new
   * version's number, and with a limit per document (`maxDiagnosticsPerDocument`), chosen around
   * the edit, they differ from what the client shows.
   */
  private publishTouched(session: FolderSession, touched: Set<string>, final = true): void {
    const steps = this.publishTouchedSteps(session, touched, final);
    while (steps.next().done !== true);
  }

  /** `publishTouched`, yielding after each document it publishes. */
  private *publishTouchedSteps(session: FolderSession, touched: Set<string>, final: boolean): Generator<void, void, void> {
    const forced = final ? new Set(session.republish) : new Set<string>();
    for (const uri of forced) touched.add(uri);
    if (final) session.republish.clear();
    if (touched.size === 0) return;
    const previous = session.findings;
    session.findings = session.analysis.findingsByUri();
    for (const uri of previous.keys()) if (!session.findings.has(uri)) touched.add(uri);
    for (const uri of touched) {
      // The very findings published before (handed out again by `FindingReuse`) show the same:
      // after a keystroke in a fragment, the other 2,900 files of its API need no new diagnostics.
      // Other sources of a document (code, configuration, other folders) publish when they change.
      if (!forced.has(uri) && sameFindings(previous.get(uri), session.findings.get(uri))) continue;
      this.publishFor(uri);
      yield;
    }
    session.changedSinceNotification = true;
  }

  /** Tells the client views that a folder's analysis changed, once per run of its analysis loop. */
  private notifyAnalysisChanged(session: FolderSession): void {
    if (!session.changedSinceNotification || session.isLoose || session.disposed) return;
    session.changedSinceNotification = false;
    const params: AnalysisChangedParams = { folderUri: session.folderUri };
    this.connection.sendNotification(ANALYSIS_CHANGED_NOTIFICATION, params).catch((error: unknown) => this.logger.error('Notifying the client failed', error));
  }

  /**
   * Sets what a document shows: the findings every folder has for it (a fragment may be part of
   * APIs in two folders) and, for a configuration file, its problems. With the scope `open`,
   * documents that are not open show nothing.
   */
  private publishFor(uri: string): void {
    const sources: (readonly Finding[])[] = [];
    const open = this.documents.get(uri) !== undefined;
    for (const session of this.allSessions()) {
      if (session.disposed || session.settings === undefined) continue;
      if (session.settings.diagnostics.scope === 'open' && !open) continue;
      const spec = session.findings.get(uri);
      if (spec !== undefined && spec.length > 0) sources.push(spec);
      const code = session.code.findingsFor(uri);
      if (code.length > 0) sources.push(code);
      if (session.configFindings?.uri === uri && session.configFindings.findings.length > 0) sources.push(session.configFindings.findings);
    }
    this.publisher.set(uri, withoutDuplicates(sources, open));
  }

  // ---------------------------------------------------------------- progress

  private async beginProgress(session: FolderSession): Promise<WorkDoneProgressReporter | undefined> {
    if (session.progress !== undefined) return session.progress;
    if (!session.showProgress && session.scansCompleted > 0) return undefined;
    session.showProgress = false;
    let reporter: WorkDoneProgressReporter;
    try {
      reporter = await this.connection.window.createWorkDoneProgress();
    } catch (error) {
      this.logger.error('Creating a progress report failed', error);
      return undefined;
    }
    reporter.begin(serverMessages.progressTitle(), 0, undefined, false);
    session.progress = reporter;
    return reporter;
  }

  private endProgress(session: FolderSession): void {
    session.progress?.done();
    session.progress = undefined;
  }

  // ---------------------------------------------------------------- pull diagnostics

  private async documentDiagnostics(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    // Answered once this document is analysed, not when the whole folder's scan is done: a pull
    // client (VS Code) would otherwise show nothing for an opened file until the scan ends.
    await this.ownerOf(uri).whenCurrent(() => this.findingsAreCurrent(uri));
    return this.publisher.documentReport(uri, params.previousResultId);
  }

  /** Answers once the analysis is idle, or later when there is nothing new yet (see DiagnosticsPublisher). */
  private workspaceDiagnostics(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    return this.publisher.workspaceReport(params.previousResultIds, token, () => this.whenIdle());
  }
}
