import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, CodeLens, Command, Diagnostic, Location } from 'vscode-languageserver-protocol';
import type { Inventory } from '../../server/src/core/inventory/types';
import { LineIndex } from '../../server/src/core/model/lineIndex';
import { ORDERS_API } from '../fixtures/ordersApi';
import { hasCode, lacksCode, messageOf, withServer } from './helpers/session';
import { applyWorkspaceEdit } from './helpers/workspaceEdit';

/** The orders API: GET /orders (listOrders) and GET /orders/{orderId} (getOrder), bearer auth at the root. */
const SPEC = ORDERS_API;

/** An axios client of the orders API: two documented calls and POST /orders/{id}/refund, which the API lacks. */
const CLIENT = `import axios from 'axios';

const api = axios.create({
  baseURL: 'https://api.shop.example/v1',
  headers: { Authorization: \`Bearer \${process.env.SHOP_TOKEN}\` },
});

export async function listOrders() {
  return api.get('/orders');
}

export async function getOrder(id: string) {
  return api.get(\`/orders/\${id}\`);
}

export async function refund(id: string) {
  return api.post(\`/orders/\${id}/refund\`, {});
}
`;

/** A Python script that lists the orders too, with certificate checks turned off. Never opened: read from disk. */
const REPORT = `import requests

BASE = "https://api.shop.example/v1"


def orders(token):
    return requests.get(f"{BASE}/orders", headers={"Authorization": f"Bearer {token}"}, verify=False)
`;

const FILES = { 'api/openapi.yaml': SPEC, 'src/client.ts': CLIENT, 'src/report.py': REPORT };

/** The position of the `occurrence`-th match of `search` in `text`, plus `delta` characters. */
function positionOf(text: string, search: string, delta = 0, occurrence = 1): { line: number; character: number } {
  let index = -1;
  for (let count = 0; count < occurrence; count++) index = text.indexOf(search, index + 1);
  assert.ok(index >= 0, `${search} occurs in the fixture`);
  return new LineIndex(text).positionAt(index + delta);
}

function lineOf(text: string, search: string, occurrence = 1): number {
  return positionOf(text, search, 0, occurrence).line;
}

function undocumented(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((diagnostic) => diagnostic.code === 'code-undocumented-operation');
}

function isAction(item: CodeAction | Command): item is CodeAction {
  return 'edit' in item || 'kind' in item;
}

function sortedLocations(locations: readonly Location[]): string[] {
  return locations.map((location) => `${location.uri.slice(location.uri.lastIndexOf('/') + 1)}:${location.range.start.line}:${location.range.start.character}`).sort();
}

describe('code analysis in the language server', () => {
  it('publishes code findings with the matched spec location, follows edits of code and spec, and navigates both ways', async () => {
    await withServer(FILES, {}, async (client, workspace) => {
      const specUri = workspace.uriOf('api/openapi.yaml');
      const clientUri = workspace.uriOf('src/client.ts');
      const reportUri = workspace.uriOf('src/report.py');
      await client.open(specUri, SPEC);
      await client.open(clientUri, CLIENT, 'typescript');

      // The undocumented call, on its URL argument, related to the `paths` of the spec it would belong to.
      const diagnostics = await client.waitForDiagnostics(clientUri, hasCode('code-undocumented-operation'));
      const finding = undocumented(diagnostics)!;
      assert.deepEqual(finding.range.start, positionOf(CLIENT, '`/orders/${id}/refund`'));
      assert.equal(finding.severity, 2, 'a warning');
      assert.match(messageOf(finding), /POST \/orders\/\{\*\}\/refund/);
      assert.equal(finding.relatedInformation?.[0]?.location.uri, specUri);
      assert.equal(finding.relatedInformation?.[0]?.location.range.start.line, lineOf(SPEC, 'paths:'));
      assert.equal(finding.data && (finding.data as { pathTemplate?: string }).pathTemplate, '/orders/{orderId}/refund');

      // A code file that is not open is analysed from disk by the workspace scan.
      const report = await client.waitForDiagnostics(reportUri, hasCode('code-tls-disabled'));
      const tls = report.find((diagnostic) => diagnostic.code === 'code-tls-disabled')!;
      assert.deepEqual(tls.range.start, positionOf(REPORT, 'verify=False'));

      // Go to definition on a call's URL opens the operation it calls.
      const definition = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: clientUri }, position: positionOf(CLIENT, "'/orders'", 3) });
      assert.deepEqual(
        definition?.map((location) => [location.uri, location.range.start]),
        [[specUri, positionOf(SPEC, 'get:', 0, 1)]],
      );
      const templated = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: clientUri }, position: positionOf(CLIENT, '`/orders/${id}`', 2) });
      assert.deepEqual(templated?.[0]?.range.start, positionOf(SPEC, 'get:', 0, 2));
      const nowhere = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: clientUri }, position: positionOf(CLIENT, 'axios.create') });
      assert.equal(nowhere, null, 'no definition away from a call URL');

      // Find references on an operation id and on a path key lists the call sites in code.
      const byOperationId = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri: specUri },
        position: positionOf(SPEC, 'listOrders', 2),
        context: { includeDeclaration: false },
      });
      assert.deepEqual(sortedLocations(byOperationId), [`client.ts:${lineOf(CLIENT, "api.get('/orders')")}:17`, `report.py:${lineOf(REPORT, 'requests.get')}:24`].sort());
      const byPath = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri: specUri },
        position: positionOf(SPEC, '/orders/{orderId}:', 4),
        context: { includeDeclaration: true },
      });
      assert.deepEqual(sortedLocations(byPath), [`client.ts:${lineOf(CLIENT, 'api.get(`/orders/${id}`)')}:17`, `openapi.yaml:${lineOf(SPEC, 'get:', 2)}:4`].sort());

      // A code lens above each operation counts its call sites; a click lists them.
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: specUri } });
      assert.deepEqual(
        lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
        [
          [lineOf(SPEC, 'get:', 1), '2 call sites'],
          [lineOf(SPEC, 'get:', 2), '1 call site'],
        ],
      );
      assert.equal(lenses[0].command?.command, 'apiGuard.showCallSites');
      assert.equal(lenses[0].command?.arguments?.[0], specUri);
      assert.equal((lenses[0].command?.arguments?.[2] as Location[]).length, 2);

      // An edit of the spec above the operations moves the related location: the code is matched again.
      await client.change(specUri, `# The orders API of the shop.\n${SPEC}`);
      const moved = await client.waitForDiagnostics(clientUri, (list) => undocumented(list)?.relatedInformation?.[0]?.location.range.start.line === lineOf(SPEC, 'paths:') + 1);
      assert.ok(undocumented(moved));

      // Typing in the code file (incremental changes): the refund call becomes GET /orders/{id}, which is documented.
      const refundLine = lineOf(CLIENT, 'api.post(');
      const postAt = positionOf(CLIENT, 'post(`');
      await client.changeRanges(clientUri, [
        { range: { start: positionOf(CLIENT, '/refund`'), end: positionOf(CLIENT, '/refund`', 7) }, text: '' },
        { range: { start: postAt, end: { line: refundLine, character: postAt.character + 4 } }, text: 'get' },
      ]);
      await client.waitForDiagnostics(clientUri, lacksCode('code-undocumented-operation'));
      const after = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: specUri } });
      assert.deepEqual(
        after.map((lens) => lens.command?.title),
        ['2 call sites', '2 call sites'],
      );
      // And back: the finding returns on the same call.
      await client.changeRanges(clientUri, [{ range: { start: postAt, end: { line: refundLine, character: postAt.character + 3 } }, text: 'patch' }]);
      const patched = await client.waitForDiagnostics(clientUri, hasCode('code-undocumented-operation'));
      assert.match(messageOf(undocumented(patched)!), /PATCH/);
    });
  });

  it('matches the code of one workspace folder against the API described in another, and again when that API changes', async () => {
    const files = { 'api/openapi.yaml': SPEC, 'web/client.ts': CLIENT };
    await withServer(files, { folders: ['api', 'web'] }, async (client, workspace) => {
      const specUri = workspace.uriOf('api/openapi.yaml');
      const clientUri = workspace.uriOf('web/client.ts');
      // Read from disk by the scan of the folder "web"; the API is the folder "api"'s.
      const diagnostics = await client.waitForDiagnostics(clientUri, hasCode('code-undocumented-operation'), 'the undocumented call matched to the other folder');
      const finding = undocumented(diagnostics)!;
      assert.deepEqual(finding.range.start, positionOf(CLIENT, '`/orders/${id}/refund`'));
      assert.equal(finding.relatedInformation?.[0]?.location.uri, specUri);

      // Navigation both ways crosses the folders.
      const definition = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: clientUri }, position: positionOf(CLIENT, "'/orders'", 3) });
      assert.deepEqual(
        definition?.map((location) => [location.uri, location.range.start]),
        [[specUri, positionOf(SPEC, 'get:', 0, 1)]],
      );
      const references = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri: specUri },
        position: positionOf(SPEC, 'listOrders', 2),
        context: { includeDeclaration: false },
      });
      assert.deepEqual(sortedLocations(references), [`client.ts:${lineOf(CLIENT, "api.get('/orders')")}:17`]);
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: specUri } });
      assert.deepEqual(
        lenses.map((lens) => lens.command?.title),
        ['1 call site', '1 call site'],
      );
      // The inventory of "api" counts the calls of "web" for the operations it provides, as the
      // lenses do; the consumed APIs are each folder's own code's.
      const apiInventory = await client.request<Inventory>('apiGuard/inventory', { folderUri: workspace.uriOf('api') });
      assert.deepEqual(
        apiInventory.providedApis.flatMap((api) => api.operations.map((operation) => `${operation.method} ${operation.path}: ${operation.callSiteCount}`)),
        ['get /orders: 1', 'get /orders/{orderId}: 1'],
      );
      assert.deepEqual([apiInventory.consumedApis.length, apiInventory.summary.callSites], [0, 0]);
      const webInventory = await client.request<Inventory>('apiGuard/inventory', { folderUri: workspace.uriOf('web') });
      assert.equal(webInventory.summary.callSites, 3);
      assert.equal(webInventory.providedApis.length, 0);

      // "Add operation" edits the other folder's spec; applied, the code of "web" is matched again.
      await client.open(clientUri, CLIENT, 'typescript');
      const open = undocumented(await client.waitForDiagnostics(clientUri, hasCode('code-undocumented-operation')))!;
      const actions = (await client.codeActions(clientUri, open.range, { diagnostics: [open] })).filter(isAction);
      assert.equal(actions[0].title, 'Add operation POST /orders/{orderId}/refund to openapi.yaml');
      const edited = applyWorkspaceEdit(actions[0].edit!, (uri) => (uri === specUri ? SPEC : CLIENT), (uri) => client.versionOf(uri));
      assert.deepEqual([...edited.keys()], [specUri], 'only the spec in the folder "api" changes');
      await client.open(specUri, SPEC);
      await client.change(specUri, edited.get(specUri)!);
      await client.waitForDiagnostics(clientUri, lacksCode('code-undocumented-operation'), 'the call matched to the new operation');
      const after = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: specUri } });
      assert.deepEqual(
        after.map((lens) => lens.command?.title),
        ['1 call site', '1 call site', '1 call site'],
      );
    });
  });

  it('titles the code lenses in German and leaves them out when apiGuard.code.codeLens is off', async () => {
    await withServer(FILES, { locale: 'de' }, async (client, workspace) => {
      const specUri = workspace.uriOf('api/openapi.yaml');
      await client.waitForDiagnostics(workspace.uriOf('src/report.py'), hasCode('code-tls-disabled'));
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: specUri } });
      assert.deepEqual(
        lenses.map((lens) => lens.command?.title),
        ['2 Aufrufstellen', '1 Aufrufstelle'],
      );
      // The request waits for the folder to apply the new settings.
      await client.changeSettings({ code: { codeLens: false } });
      assert.deepEqual(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: specUri } }), []);
    });
  });

  it('offers the code fixes as code actions: "Add operation" edits the spec, after which the code finding goes away', async () => {
    await withServer(FILES, {}, async (client, workspace) => {
      const specUri = workspace.uriOf('api/openapi.yaml');
      const clientUri = workspace.uriOf('src/client.ts');
      const reportUri = workspace.uriOf('src/report.py');
      await client.open(clientUri, CLIENT, 'typescript');
      const finding = undocumented(await client.waitForDiagnostics(clientUri, hasCode('code-undocumented-operation')))!;
      const actions = (await client.codeActions(clientUri, finding.range, { diagnostics: [finding] })).filter(isAction);
      assert.deepEqual(
        actions.map((action) => action.title),
        ['Add operation POST /orders/{orderId}/refund to openapi.yaml', 'Ignore code-undocumented-operation here', 'Ignore code-undocumented-operation in this file', 'Show documentation for code-undocumented-operation'],
      );
      assert.equal(actions[0].isPreferred, true);
      const texts = { [specUri]: SPEC, [clientUri]: CLIENT };
      const edited = applyWorkspaceEdit(actions[0].edit!, (uri) => texts[uri], (uri) => client.versionOf(uri));
      assert.deepEqual([...edited.keys()], [specUri], 'only the spec file changes');
      const newSpec = edited.get(specUri)!;
      assert.match(newSpec, /\n {2}\/orders\/\{orderId\}\/refund:\n {4}post:\n {6}summary: "Refund order \(TODO: review\)"\n {6}operationId: refundOrder\n/);
      // The editor applies the edit to the (now open) spec; the code finding goes away.
      await client.open(specUri, newSpec);
      await client.waitForDiagnostics(clientUri, lacksCode('code-undocumented-operation'));

      // A Python file that is not open: "Turn certificate verification back on" as a versionless edit.
      const tls = (await client.waitForDiagnostics(reportUri, hasCode('code-tls-disabled'))).find((diagnostic) => diagnostic.code === 'code-tls-disabled')!;
      const tlsActions = (await client.codeActions(reportUri, tls.range, { diagnostics: [tls] })).filter(isAction);
      assert.equal(tlsActions[0].title, 'Turn certificate verification back on');
      const fixed = applyWorkspaceEdit(tlsActions[0].edit!, () => REPORT, (uri) => client.versionOf(uri));
      assert.equal(fixed.get(reportUri), REPORT.replace('verify=False', 'verify=True'));
      assert.deepEqual(tlsActions.slice(1).map((action) => action.title), ['Ignore code-tls-disabled here', 'Ignore code-tls-disabled in this file', 'Show documentation for code-tls-disabled']);
    });
  });

  it('scans every code file of the folder with a progress report, and answers apiGuard/inventory with the consumed APIs', async () => {
    const files: Record<string, string> = { 'api/openapi.yaml': SPEC };
    for (let index = 0; index < 40; index++) files[`src/module${index}.ts`] = CLIENT.replace('/refund', `/refund${index}`);
    // Tests and dependencies are not part of the scan.
    files['src/client.test.ts'] = CLIENT;
    files['node_modules/sdk/index.js'] = CLIENT;
    await withServer(files, {}, async (client, workspace) => {
      await client.waitForProgressEnd();
      const reports = client.progress.flatMap((item) => (item.value.kind === 'report' && item.value.message !== undefined ? [item.value.message] : []));
      assert.ok(reports.some((message) => /^Analysing code: \d+ of 40 files/.test(message)), `progress counts the code files: ${JSON.stringify(reports)}`);
      const inventory = await client.request<Inventory>('apiGuard/inventory', { folderUri: workspace.uri });
      assert.deepEqual(
        inventory.consumedApis.map((consumer) => [consumer.key, consumer.callSiteCount, consumer.operations.length, consumer.undocumented.length]),
        [['https://api.shop.example', 120, 2, 40]],
      );
      assert.equal(inventory.providedApis[0].operations.find((operation) => operation.operationId === 'listOrders')!.callSiteCount, 40);
      assert.deepEqual(inventory.consumedApis[0].undocumented[0].findings.map((finding) => finding.ruleId), ['code-undocumented-operation']);
      assert.equal(client.diagnostics.get(workspace.uriOf('src/client.test.ts')), undefined, 'test files are left out');
    });
  });
});
