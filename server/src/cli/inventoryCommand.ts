import { buildInventory } from '../core/inventory/buildInventory';
import { formatInventoryCsv, formatInventoryMarkdown } from '../core/inventory/formatInventory';
import type { Inventory } from '../core/inventory/types';
import type { CommandContext } from './runCli';

/** The inventory of each workspace root, from the same analysis as `lint`. */
export async function buildInventories(context: CommandContext): Promise<Inventory[]> {
  const run = await context.analyse();
  return run.targets.map((result) =>
    buildInventory({
      folderUri: result.rootUri,
      apis: result.lint.analysis.allApis(),
      findings: result.lint.findings,
      suppressed: result.lint.suppressed,
      // The APIs the code consumes: its call sites with their matches and findings.
      callSites: result.code?.analysis.inventoryCallSites(),
    }),
  );
}

/**
 * `api-guard inventory`: JSON (the data of the editor's inventory view; an array when several
 * workspace roots were given), an audit-ready Markdown report, or CSV for spreadsheets.
 */
export async function runInventoryCommand(context: CommandContext): Promise<number> {
  const inventories = await buildInventories(context);
  const format = context.args.values.get('format') ?? 'json';
  if (format === 'markdown') {
    const now = (context.io.now ?? (() => new Date()))();
    context.emit(inventories.map((inventory) => formatInventoryMarkdown(inventory, { generatedAt: now })).join('\n---\n\n'));
  } else if (format === 'csv') {
    // One header for all roots: each further table drops its own header line.
    context.emit(inventories.map((inventory, index) => (index === 0 ? formatInventoryCsv(inventory) : formatInventoryCsv(inventory).replace(/^[^\n]*\n/, ''))).join(''));
  } else {
    context.emit(JSON.stringify(inventories.length === 1 ? inventories[0] : inventories, null, 2) + '\n');
  }
  return 0;
}
