import { buildInventory } from '../core/inventory/buildInventory';
import type { Inventory } from '../core/inventory/types';
import type { ApiGuardServer } from './apiGuardServer';
import type { FolderSession } from './folderSession';
import { ANALYSE_WORKSPACE_REQUEST, INVENTORY_REQUEST, type AnalyseWorkspaceResult, type FolderRequestParams } from './protocol';

/** The answer of `apiGuard/inventory` without `folderUri`: one inventory per workspace folder. */
export interface InventoryOfFolders {
  folders: Inventory[];
}

/** The inventory of one folder from its current analysis (the same data `api-guard inventory` prints). */
export function folderInventory(session: FolderSession): Inventory {
  return buildInventory({
    folderUri: session.folderUri,
    apis: session.analysis.allApis(),
    findings: [...session.analysis.findingsByUri().values()].flat(),
    suppressed: [...session.analysis.suppressedByUri().values()].flat(),
  });
}

function emptyInventory(folderUri: string): Inventory {
  return buildInventory({ folderUri, apis: [], findings: [], suppressed: [] });
}

/**
 * Installs the custom requests the extension's views are built on. Each waits until the folders
 * it covers have finished their pending analysis, so that the answer matches the diagnostics.
 */
export function registerCustomRequests(server: ApiGuardServer): void {
  server.onRequest<FolderRequestParams | null | undefined, Inventory | InventoryOfFolders>(
    INVENTORY_REQUEST,
    (params) => (params?.folderUri === undefined ? { folders: [] } : emptyInventory(params.folderUri)),
    async (params) => {
      const folderUri = params?.folderUri;
      if (folderUri === undefined) {
        const sessions = server.folderSessions();
        await server.whenIdle(sessions);
        return { folders: sessions.map(folderInventory) };
      }
      const session = server.folderSession(folderUri);
      if (session === undefined) {
        server.log.warn(`${INVENTORY_REQUEST}: ${folderUri} is not a workspace folder`);
        return emptyInventory(folderUri);
      }
      await server.whenIdle([session]);
      return folderInventory(session);
    },
  );
  server.onRequest<void, AnalyseWorkspaceResult>(ANALYSE_WORKSPACE_REQUEST, () => ({ files: 0, findings: 0 }), () => server.reanalyseEverything());
}
