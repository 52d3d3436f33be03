import type { ChecklistReport } from '../core/checklist/computeChecklist';

/**
 * The custom part of the API Guard protocol, shared by the server and the extension client:
 * method names and the shapes of their parameters. Results are the plain JSON the CLI prints
 * (`inventory --format json`, `checklist --format json`), so the views and CI always agree.
 */

/** Request `apiGuard/inventory`: the inventory of one folder, or of every folder. */
export const INVENTORY_REQUEST = 'apiGuard/inventory';

/** Request `apiGuard/checklist`: the checklist state of one folder, or of every folder. */
export const CHECKLIST_REQUEST = 'apiGuard/checklist';

/**
 * Request `apiGuard/inventoryReport`: one folder's inventory as the text that
 * `api-guard inventory --format <format>` prints, in the server's locale. The export command uses
 * it so that the extension does not have to bundle the formatter (and the engine it imports).
 * The answer is null when the report could not be made (bad parameters, an internal error).
 */
export const INVENTORY_REPORT_REQUEST = 'apiGuard/inventoryReport';

export type InventoryReportFormat = 'markdown' | 'csv' | 'json';

export interface InventoryReportParams {
  folderUri: string;
  format: InventoryReportFormat;
}

export interface InventoryReportResult {
  text: string;
}

/** Request `apiGuard/analyseWorkspace`: re-read and re-analyse every folder; answers with counts. */
export const ANALYSE_WORKSPACE_REQUEST = 'apiGuard/analyseWorkspace';

export interface AnalyseWorkspaceResult {
  /** OpenAPI documents analysed (roots, the fragments they include, and broken files that look like OpenAPI). */
  files: number;
  /** Active findings across every folder after suppressions and severity settings. */
  findings: number;
}

/** Notification `apiGuard/analysisChanged`: findings of a folder changed; views refresh. */
export const ANALYSIS_CHANGED_NOTIFICATION = 'apiGuard/analysisChanged';

export interface FolderRequestParams {
  /** A workspace folder URI; without it the answer covers every folder as `{ folders: [...] }`. */
  folderUri?: string;
}

/** One folder's checklist: what `api-guard checklist --format json` prints, plus the folder it is for. */
export type FolderChecklist = ChecklistReport & { folderUri: string };

export interface AnalysisChangedParams {
  folderUri: string;
}

/** What the client passes in `initializationOptions`. */
export interface ApiGuardInitializationOptions {
  /** False in an untrusted workspace: settings that widen access are ignored. Default true. */
  trusted?: boolean;
  /**
   * True when the client links each API Guard diagnostic's code to its rule's page itself (API
   * Guard's own extension, `ruleDocsUrl`): the server then leaves `codeDescription` out of its
   * diagnostics. That link is a quarter of a diagnostic's bytes, sent again for every diagnostic
   * of a document after each keystroke (7,000 of them for a 4 MB spec), and the client parses it
   * into a URI each time. Default false: every other client gets the link from the server.
   */
  ruleLinksInClient?: boolean;
  /**
   * The most diagnostics the client shows per document; it drops the rest. VS Code keeps 1,000 (and
   * drops by its own order: errors first, then the earliest in the list). With a limit, the server
   * sends a document with more findings its errors and warnings first, then the findings nearest
   * to where the user last edited or looked (`FOCUS_NOTIFICATION`), and one note that says how many
   * are not shown (`selectShownFindings`). An integer of at least 2; default: no limit.
   */
  maxDiagnosticsPerDocument?: number;
}

/**
 * Client → server: the line the user looks at in a document (API Guard's extension sends the
 * middle of an editor's visible lines a moment after it was scrolled or became active). With `maxDiagnosticsPerDocument`, a
 * document with more findings than that shows those nearest to this line.
 */
export const FOCUS_NOTIFICATION = 'apiGuard/focus';

export interface FocusParams {
  uri: string;
  line: number;
}

/**
 * Client command `apiGuard.showRuleDocumentation`, run by the "Show documentation for <rule>" code
 * action with the page's URL as its only argument. The extension registers it (the server does
 * not declare it in `executeCommandProvider`, or the language client would register it twice).
 */
export const SHOW_RULE_DOCUMENTATION_COMMAND = 'apiGuard.showRuleDocumentation';
