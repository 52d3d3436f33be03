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

/** Request `apiGuard/analyseWorkspace`: re-read and re-analyse every folder; answers with counts. */
export const ANALYSE_WORKSPACE_REQUEST = 'apiGuard/analyseWorkspace';

export interface AnalyseWorkspaceResult {
  /** YAML/JSON files the folders' scans found (each is checked for being an OpenAPI root). */
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
}
