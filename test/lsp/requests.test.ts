import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory } from '../../server/src/core/inventory/types';
import type { FolderChecklist } from '../../server/src/lsp/protocol';
import { ITEMS_FRAGMENT, PROTECTED_API, ROOT_WITH_FRAGMENT, UNPROTECTED_API } from './helpers/fixtures';
import { hasCode, messageOf, withServer } from './helpers/session';
import { tempWorkspace } from './helpers/tempWorkspace';

describe('custom requests', () => {
  it('apiGuard/inventory answers the inventory of one folder, including unsaved editor state', async () => {
    const files = { 'shop.yaml': UNPROTECTED_API, 'stock/api.yaml': ROOT_WITH_FRAGMENT, 'stock/paths/items.yaml': ITEMS_FRAGMENT };
    await withServer(files, {}, async (client, workspace) => {
      const inventory = await client.request<Inventory>('apiGuard/inventory', { folderUri: workspace.uri });
      assert.equal(inventory.folderUri, workspace.uri);
      assert.deepEqual(
        inventory.providedApis.map((api) => api.rootFile),
        ['shop.yaml', 'stock/api.yaml'],
      );
      const shop = inventory.providedApis.find((api) => api.rootFile === 'shop.yaml')!;
      assert.equal(shop.title, 'Shop');
      assert.equal(shop.specVersion, '3.1.0');
      assert.deepEqual(
        shop.operations.map((operation) => [operation.method, operation.path, operation.security.state]),
        [['get', '/orders', 'none']],
      );
      assert.deepEqual(shop.servers.map((server) => [server.url, server.transport]), [['https://api.example.com', 'encrypted']]);
      assert.ok(shop.findingCounts.error >= 1, 'the missing scheme is counted');
      const stock = inventory.providedApis.find((api) => api.rootFile === 'stock/api.yaml')!;
      assert.deepEqual(stock.files, ['stock/api.yaml', 'stock/paths/items.yaml']);
      assert.deepEqual(stock.securitySchemes.map((scheme) => [scheme.name, scheme.scheme]), [['bearerAuth', 'bearer']]);
      assert.equal(stock.operations[0].security.state, 'required');

      // An unsaved edit is part of the next answer: the request waits for the pending analysis.
      await client.open(workspace.uriOf('shop.yaml'), PROTECTED_API);
      const edited = await client.request<Inventory>('apiGuard/inventory', { folderUri: workspace.uri });
      const shopEdited = edited.providedApis.find((api) => api.rootFile === 'shop.yaml')!;
      assert.equal(shopEdited.operations[0].security.state, 'required');
      assert.deepEqual(shopEdited.securitySchemes.map((scheme) => scheme.name), ['bearerAuth']);
    });
  });

  it('apiGuard/inventory without a folder answers one inventory per workspace folder', async () => {
    const second = tempWorkspace({ 'other.yaml': PROTECTED_API });
    try {
      await withServer({ 'shop.yaml': UNPROTECTED_API }, {}, async (client, workspace) => {
        const all = await client.request<{ folders: Inventory[] }>('apiGuard/inventory', {});
        assert.deepEqual(all.folders.map((inventory) => inventory.folderUri), [workspace.uri]);
        assert.equal(all.folders[0].providedApis.length, 1);
        // An unknown folder is not an error: it has an empty inventory.
        const unknown = await client.request<Inventory>('apiGuard/inventory', { folderUri: second.uri });
        assert.deepEqual(unknown.providedApis, []);
        assert.equal(unknown.folderUri, second.uri);
      });
    } finally {
      second.remove();
    }
  });

  it('apiGuard/checklist answers the checklist the CLI computes, from findings, the checklist file and the folder', async () => {
    const checklistFile = JSON.stringify({ version: 1, startDate: '2025-01-06', steps: { '4.2': { lastAudit: { date: '2025-01-20' } } } });
    await withServer({ 'shop.yaml': UNPROTECTED_API, '.api-guard/checklist.json': checklistFile }, {}, async (client, workspace) => {
      const checklist = await client.request<FolderChecklist>('apiGuard/checklist', { folderUri: workspace.uri });
      assert.equal(checklist.folderUri, workspace.uri);
      assert.deepEqual(
        checklist.steps.map((step) => step.id),
        ['1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'],
      );
      assert.equal(checklist.startDate, '2025-01-06');
      assert.equal(checklist.progress.total, 8);
      const step11 = checklist.steps.find((step) => step.id === '1.1')!;
      assert.ok(step11.automatic.findings.some((finding) => finding.ruleId === 'auth-no-security-scheme'), 'the open error keeps step 1.1 open');
      assert.equal(step11.automatic.findings.find((finding) => finding.ruleId === 'auth-no-security-scheme')!.location.uri, workspace.uriOf('shop.yaml'));
      const inventoryStep = checklist.steps.find((step) => step.id === '1.2')!;
      assert.ok(inventoryStep.automatic.details.some((detail) => detail.kind === 'inventory-export' && detail.state === 'missing'));

      await client.open(workspace.uriOf('shop.yaml'), PROTECTED_API);
      const after = await client.request<{ folders: FolderChecklist[] }>('apiGuard/checklist', {});
      assert.equal(after.folders.length, 1);
      const step11After = after.folders[0].steps.find((step) => step.id === '1.1')!;
      assert.ok(!step11After.automatic.findings.some((finding) => finding.ruleId === 'auth-no-security-scheme'), 'the edit is reflected');
    });
  });

  it('apiGuard/analyseWorkspace re-reads everything and answers with counts', async () => {
    const files = { 'shop.yaml': UNPROTECTED_API, 'notes.json': '{"a": 1}', 'stock/api.yaml': ROOT_WITH_FRAGMENT, 'stock/paths/items.yaml': ITEMS_FRAGMENT };
    await withServer(files, {}, async (client, workspace) => {
      await client.waitForDiagnostics(workspace.uriOf('shop.yaml'), hasCode('auth-no-security-scheme'));
      // The file changes on disk without the watcher telling the server; the command still sees it.
      workspace.write('shop.yaml', PROTECTED_API);
      const result = await client.request<{ files: number; findings: number }>('apiGuard/analyseWorkspace');
      assert.equal(result.files, 3, 'two roots and one fragment; the JSON file that is no API does not count');
      const diagnostics = client.diagnostics.get(workspace.uriOf('shop.yaml')) ?? [];
      assert.ok(!diagnostics.some((item) => item.code === 'auth-no-security-scheme'), 'the disk state is published before the answer');
      const shown = [...client.diagnostics.values()].reduce((sum, list) => sum + list.length, 0);
      assert.equal(result.findings, shown, 'the count is what the editor shows');
    });
  });
});

describe('locale', () => {
  it('speaks German when the client’s locale is German', async () => {
    await withServer({}, { locale: 'de-CH' }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'));
      assert.equal(messageOf(diagnostics.find((item) => item.code === 'auth-no-security-scheme')!), 'Die API hat 1 Operation(en), definiert aber kein Sicherheitsschema');
    });
  });

  it('speaks English by default', async () => {
    await withServer({}, { locale: 'fr' }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'));
      assert.equal(messageOf(diagnostics.find((item) => item.code === 'auth-no-security-scheme')!), 'The API has 1 operation(s) but defines no security scheme');
    });
  });
});
