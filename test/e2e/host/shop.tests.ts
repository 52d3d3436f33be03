/**
 * The extension in a real VS Code on a fresh copy of examples/shop: activation, the planted
 * findings with exact ranges, agreement with the CLI, a multi-file API, quick fixes, rule
 * settings in the editor and in .api-guard.yaml, and the inventory and checklist requests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RequestType } from 'vscode-jsonrpc';
import type { Inventory } from '../../../server/src/core/inventory/types';
import { CHECKLIST_REQUEST, INVENTORY_REQUEST } from '../../../server/src/lsp/protocol';
import type { Bdd } from './mochaRun';
import { SHOP_PLANTED_FINDINGS, SHOP_QUIET } from './shopExpectations';
import {
  apiGuardDiagnostics,
  apiGuardExtension,
  codeOf,
  describeDiagnostic,
  editDocument,
  fileIn,
  formatRange,
  hasCode,
  lacksCode,
  onlyFolder,
  readText,
  revertAndClose,
  runningApi,
  severityName,
  waitForAllDiagnostics,
  waitForDiagnostics,
  waitForSelfActivation,
  writeText,
} from './vscodeHelpers';

/** One diagnostic as a comparable line: file, range, severity, code and message. */
function diagnosticKey(folder: vscode.WorkspaceFolder, uri: vscode.Uri, diagnostic: vscode.Diagnostic): string {
  return `${path.posix.relative(folder.uri.path, uri.path)} ${describeDiagnostic(diagnostic)}`;
}

function folderDiagnosticKeys(folder: vscode.WorkspaceFolder): string[] {
  const keys: string[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (!uri.path.startsWith(`${folder.uri.path}/`)) continue;
    for (const diagnostic of diagnostics) if (diagnostic.source === 'API Guard') keys.push(diagnosticKey(folder, uri, diagnostic));
  }
  return keys.sort();
}

interface CliFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Runs the bundled CLI of the same build in the folder, as CI would, and returns its findings as keys. */
function cliFindingKeys(folder: vscode.WorkspaceFolder): string[] {
  const cli = path.join(apiGuardExtension().extensionPath, 'dist', 'cli.js');
  const language = vscode.env.language.toLowerCase().startsWith('de') ? 'de' : 'en';
  // Inside Electron, process.execPath is the editor itself; ELECTRON_RUN_AS_NODE makes it plain Node.
  const result = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--fail-on', 'never', '--lang', language], {
    cwd: folder.uri.fsPath,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 60_000,
  });
  assert.equal(result.status, 0, `the CLI failed (exit ${result.status ?? result.signal}): ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { findings: CliFinding[] };
  return report.findings
    .map((finding) => {
      const { start, end } = finding.range;
      return `${finding.file} ${start.line}:${start.character}-${end.line}:${end.character} ${finding.severity} ${finding.ruleId}: ${finding.message}`;
    })
    .sort();
}

function difference(left: string[], right: string[]): string[] {
  const remaining = [...right];
  const missing: string[] = [];
  for (const item of left) {
    const index = remaining.indexOf(item);
    if (index >= 0) remaining.splice(index, 1);
    else missing.push(item);
  }
  return missing;
}

interface FolderParams {
  folderUri: string;
}

/** The custom requests as the extension's API takes them (method names from the shared protocol). */
const inventoryRequest = new RequestType<FolderParams, Inventory, void>(INVENTORY_REQUEST);

interface ChecklistAnswer {
  folderUri: string;
  startDate?: string;
  steps: { id: string; week: number; status: string; automatic: { findings: { ruleId: string }[] } }[];
  progress: { done: number; total: number };
}

const checklistRequest = new RequestType<FolderParams, ChecklistAnswer, void>(CHECKLIST_REQUEST);

export function shopTests({ describe, it, before }: Bdd): void {
  describe('examples/shop in a single-folder workspace', () => {
    let folder: vscode.WorkspaceFolder;

    before(() => {
      folder = onlyFolder();
    });

    it('activates on a workspace with OpenAPI files and starts the language server', async () => {
      // Nothing in this suite has activated the extension: the workspace's openapi*.yaml files do.
      const extension = await waitForSelfActivation();
      assert.equal(extension.isActive, true, 'the extension is active because the workspace contains openapi*.yaml');
      const api = await runningApi();
      assert.equal(api.serverState, 'running');
      const commands = await vscode.commands.getCommands(true);
      for (const command of ['apiGuard.restartServer', 'apiGuard.showOutput', 'apiGuard.analyseWorkspace']) {
        assert.ok(commands.includes(command), `${command} is registered`);
      }
    });

    it('shows every planted gap with its exact code, range and severity, and nothing for excluded, disabled or suppressed findings', async () => {
      await runningApi();
      for (const expected of SHOP_PLANTED_FINDINGS) {
        const uri = fileIn(folder, expected.file);
        const matches = (diagnostic: vscode.Diagnostic): boolean =>
          codeOf(diagnostic) === expected.code && formatRange(diagnostic.range) === expected.range && severityName(diagnostic.severity) === expected.severity;
        const diagnostics = await waitForDiagnostics(uri, (shown) => shown.some(matches), `${expected.severity} ${expected.code} at ${expected.range}`);
        const diagnostic = diagnostics.find(matches)!;
        const document = await vscode.workspace.openTextDocument(uri);
        assert.equal(document.getText(diagnostic.range), expected.text, `the ${expected.code} range in ${expected.file} covers the planted gap`);
        assert.ok(diagnostic.message.length > 0, 'a diagnostic has a message');
        assert.equal(typeof diagnostic.code === 'object' && diagnostic.code.target.toString().endsWith(`/docs/rules/${expected.code}.md`), true, 'the code links to the rule documentation');
      }
      assert.deepEqual(apiGuardDiagnostics(fileIn(folder, SHOP_QUIET.excludedFile)), [], 'the drafts folder is excluded by .api-guard.yaml');
      const everything = folderDiagnosticKeys(folder);
      assert.deepEqual(everything.filter((key) => key.includes(` ${SHOP_QUIET.ruleOff}:`)), [], `${SHOP_QUIET.ruleOff} is off in .api-guard.yaml`);
      assert.ok(
        !apiGuardDiagnostics(fileIn(folder, SHOP_QUIET.suppressed.file)).some((diagnostic) => codeOf(diagnostic) === SHOP_QUIET.suppressed.code),
        'the api-guard-ignore comment suppresses the health probe finding',
      );
    });

    it('shows exactly the findings the CLI reports for the same folder', async () => {
      await runningApi();
      const expected = cliFindingKeys(folder);
      assert.ok(expected.length > 0, 'the CLI finds the planted gaps');
      let shown: string[] = [];
      await waitForAllDiagnostics(
        () => {
          shown = folderDiagnosticKeys(folder);
          return shown.length === expected.length && difference(expected, shown).length === 0;
        },
        () =>
          `the editor and the CLI disagree.\nOnly the CLI reports:\n${difference(expected, shown).join('\n') || '  (nothing)'}\n` +
          `Only the editor shows:\n${difference(shown, expected).join('\n') || '  (nothing)'}`,
      );
    });

    it('reports a multi-file API’s finding in the fragment, judged with the root’s security', async () => {
      await runningApi();
      const fragment = fileIn(folder, 'api/orders/paths/order-by-id.yaml');
      await waitForDiagnostics(fragment, hasCode('auth-operation-unprotected'), 'auth-operation-unprotected on DELETE');
      const document = await vscode.workspace.openTextDocument(fragment);
      await vscode.window.showTextDocument(document);
      try {
        // Without `security: []` the operation inherits the root document's bearer requirement,
        // which only an analysis of the whole API (root plus fragment) can know.
        await editDocument(document, '  security: []\n', '');
        await waitForDiagnostics(fragment, lacksCode('auth-operation-unprotected'), 'no auth-operation-unprotected once DELETE inherits the root security');
        const root = fileIn(folder, 'api/orders/openapi.yaml');
        const rootDocument = await vscode.workspace.openTextDocument(root);
        await vscode.window.showTextDocument(rootDocument);
        try {
          // Removing the root requirement leaves GET /orders/{orderId} in the fragment unprotected.
          await editDocument(rootDocument, 'security:\n  - bearerAuth: []\n', '');
          const shown = await waitForDiagnostics(
            fragment,
            (diagnostics) => diagnostics.some((diagnostic) => codeOf(diagnostic) === 'auth-operation-unprotected' && diagnostic.range.start.line === 9),
            'auth-operation-unprotected on GET (line 10) after the root security was removed',
          );
          assert.ok(shown.every((diagnostic) => diagnostic.range.end.line < document.lineCount), 'the finding lies inside the fragment');
        } finally {
          await revertAndClose(rootDocument);
        }
      } finally {
        await revertAndClose(document);
      }
      await waitForDiagnostics(fragment, hasCode('auth-operation-unprotected'), 'the original finding after reverting both files');
    });

    it('links a code file’s finding to the operation in the spec', async () => {
      await runningApi();
      const checkout = fileIn(folder, 'src/checkout.ts');
      const isPatchCall = (diagnostic: vscode.Diagnostic): boolean =>
        codeOf(diagnostic) === 'code-undocumented-operation' && formatRange(diagnostic.range) === '52:21-52:41';
      const diagnostic = (await waitForDiagnostics(checkout, (shown) => shown.some(isPatchCall), 'code-undocumented-operation on the PATCH call at 52:21-52:41')).find(isPatchCall)!;
      const related = diagnostic.relatedInformation ?? [];
      const intoOrdersSpec = related.filter((item) => item.location.uri.path.startsWith(`${folder.uri.path}/api/orders/`));
      assert.ok(
        intoOrdersSpec.length > 0,
        `the finding links to the orders API (path /orders/{orderId}); its related information: ${
          related.map((item) => `${vscode.workspace.asRelativePath(item.location.uri, false)} ${formatRange(item.location.range)} ${item.message}`).join(' / ') || 'none'
        }`,
      );
    });

    it('applies a quick fix from vscode.executeCodeActionProvider and the diagnostic goes away', async () => {
      await runningApi();
      const uri = fileIn(folder, 'api/orders/openapi.yaml');
      const isStaging = (diagnostic: vscode.Diagnostic): boolean => codeOf(diagnostic) === 'tls-http-server' && formatRange(diagnostic.range) === '19:9-19:39';
      const diagnostic = (await waitForDiagnostics(uri, (shown) => shown.some(isStaging), 'tls-http-server on the staging server')).find(isStaging)!;
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      try {
        const actions =
          (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, 20)) ?? [];
        // VS Code's executeCodeActionProvider does not pass on an action's `diagnostics`, so the
        // fix for this finding is recognised by what it edits: a quickfix that changes the text
        // the diagnostic covers (the ignore actions add comments elsewhere).
        const editsFinding = (action: vscode.CodeAction): boolean =>
          (action.edit?.get(uri) ?? []).some((edit) => edit.range.intersection(diagnostic.range) !== undefined);
        const fix = actions.find((action) => action.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(action.kind) && editsFinding(action));
        const describeAction = (action: vscode.CodeAction): string =>
          `"${action.title}" (kind ${action.kind?.value ?? 'none'}, ` +
          `${action.edit === undefined ? 'no edit' : `edits ${(action.edit.get(uri) ?? []).map((edit) => formatRange(edit.range)).join(', ') || 'other files'}`})`;
        assert.ok(
          fix,
          `the server offers no quick fix for tls-http-server at 19:9-19:39 (a quickfix whose edit changes that range); ` +
            `it offered ${actions.length === 0 ? 'no code actions at all' : actions.map(describeAction).join('; ')}`,
        );
        assert.equal(await vscode.workspace.applyEdit(fix.edit!), true, `the edit of "${fix.title}" applies`);
        if (fix.command !== undefined) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
        assert.equal(document.lineAt(19).text.includes('https://staging.shop.example/v1'), true, `line 20 after the fix: ${document.lineAt(19).text}`);
        await waitForDiagnostics(uri, (shown) => !shown.some((item) => codeOf(item) === 'tls-http-server' && item.range.start.line === 19), 'no tls-http-server on line 20 after the fix');
      } finally {
        await revertAndClose(document);
      }
      await waitForDiagnostics(uri, (shown) => shown.some(isStaging), 'tls-http-server back after reverting');
    });

    it('removes a rule’s diagnostics when it is turned off in the workspace settings, and restores them', async () => {
      await runningApi();
      const orders = fileIn(folder, 'api/orders/openapi.yaml');
      const inventory = fileIn(folder, 'api/inventory/swagger.json');
      await waitForDiagnostics(orders, hasCode('tls-http-server'), 'tls-http-server');
      const configuration = vscode.workspace.getConfiguration('apiGuard', folder.uri);
      await configuration.update('rules', { 'tls-http-server': 'off' }, vscode.ConfigurationTarget.Workspace);
      try {
        await waitForDiagnostics(orders, lacksCode('tls-http-server'), 'no tls-http-server with the rule off in the settings');
        await waitForDiagnostics(inventory, lacksCode('tls-http-server'), 'no tls-http-server with the rule off in the settings');
        assert.ok(hasCode('auth-http-basic')(apiGuardDiagnostics(inventory)), 'the other rules still report');
      } finally {
        await configuration.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await waitForDiagnostics(orders, hasCode('tls-http-server'), 'tls-http-server back after the setting was removed');
    });

    it('removes a rule’s diagnostics when it is turned off in .api-guard.yaml, and restores them', async () => {
      await runningApi();
      const configFile = fileIn(folder, '.api-guard.yaml');
      const inventory = fileIn(folder, 'api/inventory/swagger.json');
      await waitForDiagnostics(inventory, hasCode('auth-http-basic'), 'auth-http-basic');
      const original = await readText(configFile);
      assert.ok(original.includes('\nrules:\n'), '.api-guard.yaml has a rules section');
      await writeText(configFile, original.replace('\nrules:\n', '\nrules:\n  auth-http-basic: off\n'));
      try {
        await waitForDiagnostics(inventory, lacksCode('auth-http-basic'), 'no auth-http-basic with the rule off in .api-guard.yaml');
        assert.ok(hasCode('tls-http-server')(apiGuardDiagnostics(inventory)), 'the other rules still report');
      } finally {
        await writeText(configFile, original);
      }
      await waitForDiagnostics(inventory, hasCode('auth-http-basic'), 'auth-http-basic back after .api-guard.yaml was restored');
    });

    it('answers apiGuard/inventory through the extension API with the example’s four APIs', async () => {
      const api = await runningApi();
      const inventory = await api.sendRequest(inventoryRequest, { folderUri: folder.uri.toString() });
      assert.equal(inventory.folderUri, folder.uri.toString());
      assert.deepEqual(
        inventory.providedApis.map((item) => item.rootFile).sort(),
        ['api/inventory/swagger.json', 'api/notifications/openapi.yaml', 'api/orders/openapi.yaml', 'api/payments/openapi.json'],
        'the drafts folder is excluded',
      );
      const orders = inventory.providedApis.find((item) => item.rootFile === 'api/orders/openapi.yaml')!;
      assert.equal(orders.title, 'Shop Orders API');
      assert.ok(orders.files.includes('api/orders/paths/order-by-id.yaml'), `the fragments belong to the orders API: ${orders.files.join(', ')}`);
      const cancel = orders.operations.find((operation) => operation.method === 'delete' && operation.path === '/orders/{orderId}');
      assert.equal(cancel?.security.state, 'none', 'DELETE /orders/{orderId} is callable without credentials');
      const staging = orders.servers.find((server) => server.url === 'http://staging.shop.example/v1');
      assert.equal(staging?.transport, 'unencrypted');
    });

    it('answers apiGuard/checklist through the extension API with the eight steps and the team’s start date', async () => {
      const api = await runningApi();
      const checklist = await api.sendRequest(checklistRequest, { folderUri: folder.uri.toString() });
      assert.equal(checklist.folderUri, folder.uri.toString());
      assert.deepEqual(
        checklist.steps.map((step) => step.id),
        ['1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'],
      );
      assert.deepEqual([...new Set(checklist.steps.map((step) => step.week))], [1, 2, 3, 4], 'four weeks');
      assert.equal(checklist.startDate, '2026-11-16', 'the start date from .api-guard/checklist.json');
      assert.equal(checklist.progress.total, 8);
      const encryption = checklist.steps.find((step) => step.id === '3.1')!;
      assert.ok(encryption.automatic.findings.some((finding) => finding.ruleId === 'tls-http-server'), 'the http:// servers keep step 3.1 open');
    });

    it('shows a file with more findings than VS Code keeps: 1,000 with a note, those on screen after scrolling', async () => {
      await runningApi();
      const large = fileIn(folder, 'api/large/openapi.yaml');
      const text = specWithStringFindings(3000);
      const lastSchemaLine = text.split('\n').length - 3;
      await writeText(large, text);
      const editor = await vscode.window.showTextDocument(large);
      try {
        const isNote = (diagnostic: vscode.Diagnostic): boolean => diagnostic.code === undefined && /findings of this file here/.test(diagnostic.message);
        const stringLines = (diagnostics: vscode.Diagnostic[]): number[] => diagnostics.filter((item) => codeOf(item) === 'limit-string-length').map((item) => item.range.start.line);
        const atTop = await waitForDiagnostics(large, (list) => list.length === 1000 && list.some(isNote), '999 findings and the note');
        // All of what VS Code holds is API Guard's: no "Not showing N further" marker of its own.
        assert.equal(vscode.languages.getDiagnostics(large).length, 1000);
        assert.match(atTop.find(isNote)!.message, /shows 999 of the 3,0\d\d findings/);
        assert.ok(Math.max(...stringLines(atTop)) < lastSchemaLine - 1000, 'at first, the findings near the top');
        // Scrolled to the end: the findings there are shown.
        editor.revealRange(new vscode.Range(lastSchemaLine, 0, lastSchemaLine, 0), vscode.TextEditorRevealType.InCenter);
        await waitForDiagnostics(large, (list) => stringLines(list).some((line) => line > lastSchemaLine - 20), 'the findings near the end after scrolling there');
      } finally {
        // The last test of the suite: the file goes, though VS Code may keep its document (and so
        // its diagnostics) for a while after the tab closes, until it sends didClose.
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(large);
      }
    });
  });
}

/** An API whose `count` schemas each have a string property without `maxLength` (a `limit-string-length` finding each). */
function specWithStringFindings(count: number): string {
  const lines = ['openapi: 3.0.3', 'info:', '  title: Large', '  version: "1"', 'paths:', '  /things:', '    get:', '      operationId: listThings', '      responses:', '        "200":'];
  lines.push('          description: OK', '          content:', '            application/json:', '              schema:', '                type: object', '                properties:');
  for (let index = 0; index < count; index++) lines.push(`                  s${index}:`, `                    $ref: "#/components/schemas/S${index}"`);
  lines.push('components:', '  schemas:');
  for (let index = 0; index < count; index++) lines.push(`    S${index}:`, '      type: object', '      properties:', '        name:', '          type: string');
  return `${lines.join('\n')}\n`;
}
