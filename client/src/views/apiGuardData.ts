import * as vscode from 'vscode';
import { CHECKLIST_STATE_PATH } from '../../../server/src/core/checklist/checklistState';
import type { ChecklistStepReport } from '../../../server/src/core/checklist/computeChecklist';
import type { Inventory } from '../../../server/src/core/inventory/types';
import type { ChecklistStepId } from '../../../server/src/core/rules/types';
import type { ServerConnection } from '../serverConnection';
import type { ChecklistFolderInput } from './checklistModel';
import { analysisChangedNotification, checklistOfAllFoldersRequest, inventoryOfAllFoldersRequest } from './requests';

/** `loading` until the first answer, `unavailable` while the server cannot answer. */
export type DataState = 'loading' | 'ready' | 'unavailable';

/**
 * How long to wait after an `apiGuard/analysisChanged` before asking again: typing fires one per
 * analysis run, and several folders may report one after the other.
 */
const REFRESH_DELAY_MS = 300;

/**
 * The inventory and checklist of every workspace folder, fetched from the server once for the
 * inventory view, the checklist view and the status bar together. It refreshes on the server's
 * `apiGuard/analysisChanged` notification (debounced), when the server (re)starts and when
 * workspace folders change; a refresh asked for while one is running runs again afterwards, so the
 * last answer always reflects the newest analysis.
 */
export class ApiGuardData implements vscode.Disposable {
  private currentState: DataState = 'loading';
  private inventoryList: Inventory[] = [];
  private checklistList: ChecklistFolderInput[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private runAgain = false;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];

  /** Fires after every refresh (and when the state changes). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly connection: ServerConnection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      connection.onNotification(analysisChangedNotification, () => this.scheduleRefresh()),
      connection.onDidChangeState((state) => {
        if (state === 'running') this.scheduleRefresh(0);
        else if (state === 'stopped') this.setState('unavailable');
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRefresh(0)),
      this.changeEmitter,
    ];
  }

  get state(): DataState {
    return this.currentState;
  }

  get inventories(): readonly Inventory[] {
    return this.inventoryList;
  }

  get checklists(): readonly ChecklistFolderInput[] {
    return this.checklistList;
  }

  /** A step of a folder's checklist as of the last refresh. */
  step(folderUri: string, step: ChecklistStepId): ChecklistStepReport | undefined {
    return this.checklistList.find((folder) => folder.report.folderUri === folderUri)?.report.steps.find((candidate) => candidate.id === step);
  }

  /** Refreshes after a short pause; repeated calls within it cause one refresh. */
  scheduleRefresh(delayMs = REFRESH_DELAY_MS): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delayMs);
  }

  /** Fetches both views' data now; resolves when the answer is in (or the server could not answer). */
  refresh(): Promise<void> {
    if (this.running !== undefined) {
      this.runAgain = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.runAgain = false;
        await this.fetch();
      } while (this.runAgain);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async fetch(): Promise<void> {
    try {
      const [inventories, checklists] = await Promise.all([
        this.connection.sendRequest(inventoryOfAllFoldersRequest, {}),
        this.connection.sendRequest(checklistOfAllFoldersRequest, {}),
      ]);
      this.inventoryList = inventories.folders;
      this.checklistList = await Promise.all(
        checklists.folders.map(async (report): Promise<ChecklistFolderInput> => {
          const file = await readChecklistFile(report.folderUri);
          return file === undefined ? { report } : { report, file };
        }),
      );
      this.currentState = 'ready';
    } catch (error) {
      this.log.warn(`The API Guard views could not be refreshed: ${error instanceof Error ? error.message : String(error)}`);
      this.currentState = 'unavailable';
    }
    this.changeEmitter.fire();
  }

  private setState(state: DataState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.changeEmitter.fire();
  }
}

/** The checklist file's URI in a workspace folder. */
export function checklistFileUri(folderUri: string | vscode.Uri): vscode.Uri {
  const folder = typeof folderUri === 'string' ? vscode.Uri.parse(folderUri) : folderUri;
  return vscode.Uri.joinPath(folder, ...CHECKLIST_STATE_PATH.split('/'));
}

/** The checklist file as the editor shows it (unsaved changes included), or undefined when there is none. */
async function readChecklistFile(folderUri: string): Promise<{ uri: string; text: string } | undefined> {
  const uri = checklistFileUri(folderUri);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open !== undefined) return { uri: uri.toString(), text: open.getText() };
  try {
    return { uri: uri.toString(), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return undefined;
  }
}
