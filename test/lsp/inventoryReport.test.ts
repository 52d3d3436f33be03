import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatInventoryCsv, formatInventoryMarkdown } from '../../server/src/core/inventory/formatInventory';
import type { Inventory } from '../../server/src/core/inventory/types';
import type { InventoryReportResult } from '../../server/src/lsp/protocol';
import { UNPROTECTED_API } from './helpers/fixtures';
import { withServer } from './helpers/session';

/**
 * `apiGuard/inventoryReport`, which the "Export inventory report" command writes to a file: the
 * same text `api-guard inventory --format …` prints, made from the same inventory the view shows.
 */
describe('apiGuard/inventoryReport', () => {
  it('answers the folder’s inventory as Markdown, CSV and JSON, formatted like the CLI', async () => {
    await withServer({ 'shop.yaml': UNPROTECTED_API }, {}, async (client, workspace) => {
      const inventory = await client.request<Inventory>('apiGuard/inventory', { folderUri: workspace.uri });
      const json = await client.request<InventoryReportResult>('apiGuard/inventoryReport', { folderUri: workspace.uri, format: 'json' });
      assert.deepEqual(JSON.parse(json.text), inventory);
      assert.equal(json.text, JSON.stringify(inventory, null, 2) + '\n');
      const csv = await client.request<InventoryReportResult>('apiGuard/inventoryReport', { folderUri: workspace.uri, format: 'csv' });
      assert.equal(csv.text, formatInventoryCsv(inventory));
      const markdown = await client.request<InventoryReportResult>('apiGuard/inventoryReport', { folderUri: workspace.uri, format: 'markdown' });
      const today = new Date().toISOString().slice(0, 10);
      // The report is dated when it is made; around midnight the two dates may differ by a day.
      const dated = markdown.text.match(/Generated on (\d{4}-\d{2}-\d{2})\./)?.[1];
      assert.ok(dated !== undefined, 'the Markdown report is dated');
      assert.equal(markdown.text, formatInventoryMarkdown(inventory, { generatedAt: new Date(`${dated}T12:00:00Z`) }));
      assert.ok(Math.abs(Date.parse(dated) - Date.parse(today)) <= 24 * 60 * 60 * 1000);
      assert.match(markdown.text, /shop\.yaml/);
    });
  });

  it('words the report in the client’s locale', async () => {
    await withServer({ 'shop.yaml': UNPROTECTED_API }, { locale: 'de' }, async (client, workspace) => {
      const markdown = await client.request<InventoryReportResult>('apiGuard/inventoryReport', { folderUri: workspace.uri, format: 'markdown' });
      assert.match(markdown.text, /^# API-Inventar\n/);
      assert.match(markdown.text, /## Bereitgestellte APIs/);
    });
  });

  it('answers null for a request it cannot serve, never an empty report that could pass for the truth', async () => {
    await withServer({ 'shop.yaml': UNPROTECTED_API }, { allowLoggedErrors: true }, async (client, workspace) => {
      assert.equal(await client.request('apiGuard/inventoryReport', { folderUri: workspace.uri, format: 'pdf' }), null);
      assert.equal(await client.request('apiGuard/inventoryReport', { format: 'csv' }), null);
    });
  });
});
