/**
 * The custom requests the extension sends to the API Guard language server, by method name. The
 * server implements them in its LSP glue; the names are part of the contract between the two.
 */
import { RequestType0 } from 'vscode-languageclient/node';

/**
 * What the server reports after re-analysing every workspace folder. Both counts are optional so
 * that a server which answers with less detail still works with this client.
 */
export interface AnalyseWorkspaceResult {
  /** Number of files (OpenAPI documents and code files) that were analysed. */
  files?: number;
  /** Number of findings across all of them after suppressions and severity settings. */
  findings?: number;
}

/** Re-reads and re-analyses every file of every workspace folder, open or not. */
export const analyseWorkspaceRequest = new RequestType0<AnalyseWorkspaceResult | null, void>('apiGuard/analyseWorkspace');
