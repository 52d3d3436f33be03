/**
 * The custom requests the extension sends to the API Guard language server. Method names and
 * result shapes come from the server's protocol module, which both sides share, so they cannot
 * drift apart; this module only wraps them in typed request objects for the language client.
 */
import { NotificationType, RequestType0 } from 'vscode-languageclient/node';
import { ANALYSE_WORKSPACE_REQUEST, FOCUS_NOTIFICATION, type AnalyseWorkspaceResult, type FocusParams } from '../../server/src/lsp/protocol';

export type { AnalyseWorkspaceResult };

/** Re-reads and re-analyses every file of every workspace folder, open or not. */
export const analyseWorkspaceRequest = new RequestType0<AnalyseWorkspaceResult | null, void>(ANALYSE_WORKSPACE_REQUEST);

/** Where the user looks in a document (see `trackFocus`). */
export const focusNotification = new NotificationType<FocusParams>(FOCUS_NOTIFICATION);
