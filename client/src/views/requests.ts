/**
 * Typed request and notification objects for the views, over the method names and shapes of the
 * server's protocol module (server/src/lsp/protocol.ts), which both sides share.
 */
import { NotificationType, RequestType } from 'vscode-languageclient/node';
import type { Inventory } from '../../../server/src/core/inventory/types';
import {
  ANALYSIS_CHANGED_NOTIFICATION,
  CHECKLIST_REQUEST,
  INVENTORY_REPORT_REQUEST,
  INVENTORY_REQUEST,
  type AnalysisChangedParams,
  type FolderChecklist,
  type InventoryReportParams,
  type InventoryReportResult,
} from '../../../server/src/lsp/protocol';

/** Without `folderUri` the server answers for every workspace folder. */
type AllFolders = Record<string, never>;

export const inventoryOfAllFoldersRequest = new RequestType<AllFolders, { folders: Inventory[] }, void>(INVENTORY_REQUEST);

export const checklistOfAllFoldersRequest = new RequestType<AllFolders, { folders: FolderChecklist[] }, void>(CHECKLIST_REQUEST);

export const inventoryReportRequest = new RequestType<InventoryReportParams, InventoryReportResult | null, void>(INVENTORY_REPORT_REQUEST);

export const analysisChangedNotification = new NotificationType<AnalysisChangedParams>(ANALYSIS_CHANGED_NOTIFICATION);
