import { computeChecklist, type ChecklistFacts } from '../core/checklist/computeChecklist';
import { emptyChecklistState } from '../core/checklist/checklistState';
import { buildInventory } from '../core/inventory/buildInventory';
import { formatInventoryCsv, formatInventoryMarkdown } from '../core/inventory/formatInventory';
import type { Finding } from '../core/engine/finding';
import type { Inventory } from '../core/inventory/types';
import { gatherChecklistFacts, readChecklistState } from '../node/checklistFacts';
import type { ApiGuardServer } from './apiGuardServer';
import type { FolderSession } from './folderSession';
import {
  ANALYSE_WORKSPACE_REQUEST,
  CHECKLIST_REQUEST,
  INVENTORY_REPORT_REQUEST,
  INVENTORY_REQUEST,
  type AnalyseWorkspaceResult,
  type FolderChecklist,
  type FolderRequestParams,
  type InventoryReportFormat,
  type InventoryReportParams,
  type InventoryReportResult,
} from './protocol';

/** The answer of `apiGuard/inventory` without `folderUri`: one inventory per workspace folder. */
export interface InventoryOfFolders {
  folders: Inventory[];
}

/** The answer of `apiGuard/checklist` without `folderUri`: one checklist per workspace folder. */
export interface ChecklistOfFolders {
  folders: FolderChecklist[];
}

/** Active and suppressed findings of a folder: its APIs' and its code files'. */
function folderFindings(session: FolderSession): { findings: Finding[]; suppressed: Finding[] } {
  const code = session.code.folderAnalysis;
  return {
    findings: [...session.analysis.findingsByUri().values()].flat().concat(code?.allFindings() ?? []),
    suppressed: [...session.analysis.suppressedByUri().values()].flat().concat(code?.allSuppressed() ?? []),
  };
}

/**
 * The inventory of one folder from its current analysis (the same data `api-guard inventory`
 * prints): the APIs it provides and, from the code analysis, the APIs its code consumes. The
 * operations it provides count the call sites of every folder in `sessions` (the code of each
 * folder is matched against the APIs of all).
 */
export function folderInventory(session: FolderSession, sessions: readonly FolderSession[]): Inventory {
  const callSites = session.code.folderAnalysis?.inventoryCallSites() ?? [];
  const others = sessions.filter((other) => other !== session && !other.disposed);
  return buildInventory({
    folderUri: session.folderUri,
    apis: session.analysis.allApis(),
    ...folderFindings(session),
    callSites,
    ...(others.length > 0 && { providedCallSites: callSites.concat(...others.map((other) => other.code.folderAnalysis?.inventoryCallSites() ?? [])) }),
  });
}

function emptyInventory(folderUri: string): Inventory {
  return buildInventory({ folderUri, apis: [], findings: [], suppressed: [] });
}

/**
 * The checklist of one folder, computed as `api-guard checklist` computes it: from the folder's
 * findings and APIs, the team's checklist file and the facts of the folder (exported inventory,
 * CI configuration). Problems of the checklist file are logged; its valid part counts.
 */
export function folderChecklist(server: ApiGuardServer, session: FolderSession): FolderChecklist {
  const folderPath = session.folderPath;
  const analysedDocuments = [...session.analysis.findingsByUri().keys()];
  let state = emptyChecklistState();
  let facts: ChecklistFacts = { filesAnalysed: analysedDocuments.length };
  if (folderPath !== undefined) {
    const stored = readChecklistState(folderPath);
    for (const problem of stored.problems) server.log.warn(`${stored.uri}: ${problem.message}`);
    state = stored.state;
    facts = gatherChecklistFacts(
      folderPath,
      [...analysedDocuments, ...session.discoveredCode],
      [...session.discovered, ...session.discoveredCode],
      analysedDocuments.length,
    );
  }
  const report = computeChecklist({
    ...folderFindings(session),
    apis: session.analysis.allApis(),
    state,
    now: new Date(),
    facts,
  });
  return { ...report, folderUri: session.folderUri };
}

function emptyChecklist(folderUri: string): FolderChecklist {
  const report = computeChecklist({ findings: [], suppressed: [], apis: [], state: emptyChecklistState(), now: new Date(), facts: { filesAnalysed: 0 } });
  return { ...report, folderUri };
}

/**
 * Answers a request for one folder (`folderUri`) or for every folder (`{ folders: [...] }`),
 * after the folders it covers have finished their pending analysis, so that the answer matches
 * the diagnostics. A URI that is no workspace folder gets the neutral answer. An `acrossFolders`
 * request (the inventory, whose call-site counts come from every folder's code) about one folder
 * waits for every folder's analysis.
 */
function registerFolderRequest<T>(
  server: ApiGuardServer,
  method: string,
  compute: (session: FolderSession, sessions: readonly FolderSession[]) => T,
  empty: (folderUri: string) => T,
  acrossFolders = false,
): void {
  server.onRequest<FolderRequestParams | null | undefined, T | { folders: T[] }>(
    method,
    (params) => (params?.folderUri === undefined ? { folders: [] } : empty(params.folderUri)),
    async (params) => {
      const folderUri = params?.folderUri;
      const sessions = server.folderSessions();
      if (folderUri === undefined) {
        await server.whenIdle(sessions);
        return { folders: sessions.map((session) => compute(session, sessions)) };
      }
      const session = server.folderSession(folderUri);
      if (session === undefined) {
        server.log.warn(`${method}: ${folderUri} is not a workspace folder`);
        return empty(folderUri);
      }
      await server.whenIdle(acrossFolders ? sessions : [session]);
      return compute(session, sessions);
    },
  );
}

/**
 * One inventory as `api-guard inventory --format <format>` prints it for a single root: the
 * Markdown report dated `now`, CSV, or the JSON of the inventory request.
 */
export function formatInventoryReport(inventory: Inventory, format: InventoryReportFormat, now: Date): string {
  if (format === 'markdown') return formatInventoryMarkdown(inventory, { generatedAt: now });
  if (format === 'csv') return formatInventoryCsv(inventory);
  return JSON.stringify(inventory, null, 2) + '\n';
}

const REPORT_FORMATS: ReadonlySet<string> = new Set<InventoryReportFormat>(['markdown', 'csv', 'json']);

/** Installs the custom requests the extension's views and commands are built on. */
export function registerCustomRequests(server: ApiGuardServer): void {
  registerFolderRequest(server, INVENTORY_REQUEST, folderInventory, emptyInventory, true);
  registerFolderRequest(server, CHECKLIST_REQUEST, (session) => folderChecklist(server, session), emptyChecklist);
  // A report that could not be made answers null, never an empty report that could pass for the truth.
  server.onRequest<InventoryReportParams | null | undefined, InventoryReportResult | null>(
    INVENTORY_REPORT_REQUEST,
    () => null,
    async (params) => {
      const folderUri = params?.folderUri;
      const format = params?.format;
      if (typeof folderUri !== 'string' || typeof format !== 'string' || !REPORT_FORMATS.has(format)) {
        throw new Error(`${INVENTORY_REPORT_REQUEST} needs a folderUri and a format (markdown, csv or json)`);
      }
      const session = server.folderSession(folderUri);
      if (session === undefined) {
        server.log.warn(`${INVENTORY_REPORT_REQUEST}: ${folderUri} is not a workspace folder`);
        return { text: formatInventoryReport(emptyInventory(folderUri), format, new Date()) };
      }
      const sessions = server.folderSessions();
      await server.whenIdle(sessions);
      return { text: formatInventoryReport(folderInventory(session, sessions), format, new Date()) };
    },
  );
  server.onRequest<void, AnalyseWorkspaceResult>(ANALYSE_WORKSPACE_REQUEST, () => ({ files: 0, findings: 0 }), () => server.reanalyseEverything());
}
