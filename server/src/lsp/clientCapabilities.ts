import type { ClientCapabilities } from 'vscode-languageserver/node';

/** The few client capabilities the server's behaviour depends on, read once at initialize. */
export interface ClientFeatures {
  /** `workspace/configuration` can be pulled per folder. */
  configurationPull: boolean;
  /** `workspace/didChangeConfiguration` may be registered dynamically. */
  configurationChangeRegistration: boolean;
  /** File watchers may be registered dynamically (`workspace/didChangeWatchedFiles`). */
  watchedFilesRegistration: boolean;
  /** The client pulls diagnostics (`textDocument/diagnostic`); the server then does not push them. */
  pullDiagnostics: boolean;
  /** The client honours `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** Diagnostics may carry `relatedInformation`. */
  relatedInformation: boolean;
  /** Diagnostics may carry `codeDescription`. */
  codeDescription: boolean;
  /** The server may create work-done progress (`window/workDoneProgress/create`). */
  workDoneProgress: boolean;
  /** Workspace folders are supported (multi-root). */
  workspaceFolders: boolean;
  /** Workspace edits may use versioned `documentChanges` instead of the plain `changes` map. */
  documentChanges: boolean;
  /** Code actions may be answered as `CodeAction` literals (with edits), not only as commands. */
  codeActionLiterals: boolean;
  /** The most diagnostics the client shows per document (`ApiGuardInitializationOptions.maxDiagnosticsPerDocument`); undefined: no limit. */
  maxDiagnosticsPerDocument?: number;
}

export function readClientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  const workspace = capabilities.workspace;
  const textDocument = capabilities.textDocument;
  return {
    configurationPull: workspace?.configuration === true,
    configurationChangeRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    pullDiagnostics: textDocument?.diagnostic !== undefined,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    relatedInformation: textDocument?.publishDiagnostics?.relatedInformation === true || textDocument?.diagnostic?.relatedInformation === true,
    codeDescription: textDocument?.publishDiagnostics?.codeDescriptionSupport !== false,
    workDoneProgress: capabilities.window?.workDoneProgress === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    codeActionLiterals: textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
  };
}
