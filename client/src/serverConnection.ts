import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type NotificationType,
  type RequestType0,
  type RequestType,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { ApiGuardInitializationOptions } from '../../server/src/lsp/protocol';
import { CrashErrorHandler } from './crashErrorHandler';
import { SERVER_DOCUMENT_SELECTOR } from './documentSelector';
import { ruleLinksMiddleware } from './ruleLinks';
import { explicitSettingsMiddleware } from './settingsMiddleware';

export type ServerState = 'starting' | 'running' | 'stopped';

/** How many diagnostics of one document VS Code's extension host passes on (`ExtHostDiagnostics._maxDiagnosticsPerFile`). */
const VSCODE_DIAGNOSTICS_PER_DOCUMENT = 1000;

/** The port the server listens on for a debugger when the extension itself runs under a debugger. */
const SERVER_DEBUG_PORT = 6011;

/**
 * Owns the language client. Features such as views subscribe to server notifications and send
 * requests through this object rather than through a `LanguageClient`, because a manual restart
 * creates a fresh client (a client whose first start failed cannot be started again) and the
 * subscriptions have to move over to it.
 */
export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private clientResources: vscode.Disposable[] = [];
  private currentState: ServerState = 'stopped';
  private lifecycle: Promise<void> = Promise.resolve();
  private readonly notificationHandlers = new Map<string, Set<(params: unknown) => void>>();
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();

  /** Fires whenever the server starts, becomes ready or stops. */
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): ServerState {
    return this.currentState;
  }

  /** Starts the server unless it is already running. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      if (this.client === undefined) await this.startNewClient();
    });
  }

  /** Stops the running server (if any) and starts a new one with fresh initialisation options. */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopClient();
      await this.startNewClient();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopClient());
  }

  /** Sends a request to the server; rejects when the server is not running. */
  async sendRequest<R>(type: RequestType0<R, void>): Promise<R>;
  async sendRequest<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  async sendRequest<P, R>(type: RequestType0<R, void> | RequestType<P, R, void>, params?: P): Promise<R> {
    await this.lifecycle;
    const client = this.client;
    if (client === undefined || this.currentState === 'stopped') throw new ServerNotRunningError();
    return params === undefined ? client.sendRequest<R>(type.method) : client.sendRequest<R>(type.method, params);
  }

  /** Sends a notification to the running server; does nothing while none runs. */
  sendNotification<P>(type: NotificationType<P>, params: P): void {
    const client = this.client;
    if (client === undefined || this.currentState !== 'running') return;
    client.sendNotification(type.method, params).catch((error: unknown) => this.log.warn(`Sending ${type.method} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Calls `handler` for every notification of `type`, across restarts, until disposed. */
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): vscode.Disposable {
    const untyped = handler as (params: unknown) => void;
    let handlers = this.notificationHandlers.get(type.method);
    if (handlers === undefined) {
      handlers = new Set();
      this.notificationHandlers.set(type.method, handlers);
      this.client?.onNotification(type.method, (params: unknown) => this.dispatch(type.method, params));
    }
    handlers.add(untyped);
    return new vscode.Disposable(() => handlers.delete(untyped));
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
  }

  /** Runs lifecycle operations one after another so that a restart never overlaps a start. */
  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(operation, operation);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  private dispatch(method: string, params: unknown): void {
    for (const handler of this.notificationHandlers.get(method) ?? []) {
      try {
        handler(params);
      } catch (error) {
        this.log.error(`Handling the server notification ${method} failed: ${String(error)}`);
      }
    }
  }

  private setState(state: ServerState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }

  private async startNewClient(): Promise<void> {
    const client = this.createClient();
    this.client = client;
    this.clientResources.push(
      client.onDidChangeState(({ newState }) => {
        if (this.client !== client) return;
        this.setState(newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped');
      }),
    );
    for (const method of this.notificationHandlers.keys()) client.onNotification(method, (params: unknown) => this.dispatch(method, params));
    this.setState('starting');
    try {
      await client.start();
    } catch (error) {
      this.log.error(`Starting the API Guard server failed: ${error instanceof Error ? error.message : String(error)}`);
      this.setState('stopped');
      throw error;
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) {
      try {
        await client.dispose(2000);
      } catch (error) {
        // A client whose server already died can fail to shut down cleanly; the process is gone either way.
        this.log.warn(`Stopping the API Guard server failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    for (const resource of this.clientResources) resource.dispose();
    this.clientResources = [];
    this.setState('stopped');
  }

  private createClient(): LanguageClient {
    const serverModule = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      // Standard input and output rather than Node's IPC channel: over a stream the server writes
      // each message's bytes itself and keeps those of diagnostics it sends again, where IPC
      // would stringify all of a large document's diagnostics on every keystroke.
      run: { module: serverModule, transport: TransportKind.stdio },
      debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', `--inspect=${SERVER_DEBUG_PORT}`] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SERVER_DOCUMENT_SELECTOR,
      outputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // A function so that every (re)start tells the server the trust state of that moment.
      // The client links each diagnostic's code to its rule's page (see `ruleLinksMiddleware`).
      // VS Code's extension host keeps at most 1,000 diagnostics of a document and drops the rest;
      // told so, the server chooses which (errors and warnings, then those nearest to where the user
      // edits or looks, see `trackFocus`) and says how many it left out.
      initializationOptions: (): ApiGuardInitializationOptions => ({ trusted: vscode.workspace.isTrusted, ruleLinksInClient: true, maxDiagnosticsPerDocument: VSCODE_DIAGNOSTICS_PER_DOCUMENT }),
      errorHandler: new CrashErrorHandler(this.log, {
        openLog: () => this.log.show(true),
        restartServer: () => void this.restart().catch(() => undefined),
      }),
      synchronize: {
        // The server pulls settings per folder; this section makes the client announce changes.
        configurationSection: 'apiGuard',
        // No `fileEvents`: the server registers its file watchers itself (WATCHED_FILE_GLOBS), and
        // watchers given here as well made the client report every change on disk twice.
      },
      middleware: { ...ruleLinksMiddleware(), workspace: { configuration: explicitSettingsMiddleware(this.context) } },
    };
    return new LanguageClient('apiGuard', 'API Guard', serverOptions, clientOptions);
  }
}

/** Raised by `sendRequest` when the server is stopped (e.g. after repeated crashes). */
export class ServerNotRunningError extends Error {
  constructor() {
    super('The API Guard server is not running.');
    this.name = 'ServerNotRunningError';
  }
}
