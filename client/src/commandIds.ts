/** Command ids contributed in package.json; views and other features refer to these names. */
export const COMMANDS = {
  restartServer: 'apiGuard.restartServer',
  showOutput: 'apiGuard.showOutput',
  analyseWorkspace: 'apiGuard.analyseWorkspace',
  showRuleDocumentation: 'apiGuard.showRuleDocumentation',
  exportInventory: 'apiGuard.exportInventory',
  createStarterSpec: 'apiGuard.createStarterSpec',
  inventoryRefresh: 'apiGuard.inventory.refresh',
  inventoryGroupByPath: 'apiGuard.inventory.groupByPath',
  inventoryGroupByTag: 'apiGuard.inventory.groupByTag',
  inventoryShowOnlyProblems: 'apiGuard.inventory.showOnlyProblems',
  inventoryShowAll: 'apiGuard.inventory.showAll',
  checklistRefresh: 'apiGuard.checklist.refresh',
  checklistConfirmStep: 'apiGuard.checklist.confirmStep',
  checklistReopenStep: 'apiGuard.checklist.reopenStep',
  checklistSetStartDate: 'apiGuard.checklist.setStartDate',
  checklistRecordAudit: 'apiGuard.checklist.recordAudit',
  checklistShowFindings: 'apiGuard.checklist.showFindings',
  checklistOpenFile: 'apiGuard.checklist.openFile',
} as const;

/** View ids contributed in package.json. */
export const VIEWS = {
  container: 'apiGuard',
  inventory: 'apiGuard.inventory',
  checklist: 'apiGuard.checklist',
} as const;
