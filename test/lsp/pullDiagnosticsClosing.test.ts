/**
 * Pull diagnostics through the sequence "edit two files of a multi-file API, revert them, close
 * them" the way VS Code's language client runs it: document pulls while a file is open, and after
 * the close a workspace pull without the closed files' result ids (the client discards the last
 * document answer of a closed tab and forgets what it pulled for it). Also: a workspace pull with
 * nothing new is held until something changes, and a cancelled one is answered.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  CancellationTokenSource,
  FileChangeType,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceFullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { ITEMS_FRAGMENT, ITEMS_FRAGMENT_FIXED, ROOT_WITH_FRAGMENT, UNPROTECTED_API } from './helpers/fixtures';
import type { LspTestClient } from './helpers/lspTestClient';
import { withServer } from './helpers/session';

const ROOT_SECURITY = 'security:\n  - bearerAuth: []\n';

/** The result ids a client holds after a workspace report, as it sends them with the next pull. */
function resultIdsOf(reports: readonly WorkspaceDocumentDiagnosticReport[], except: readonly string[] = []): { uri: string; value: string }[] {
  return reports.filter((item) => !except.includes(item.uri) && item.resultId !== undefined).map((item) => ({ uri: item.uri, value: item.resultId! }));
}

function codesIn(report: WorkspaceDocumentDiagnosticReport | DocumentDiagnosticReport | undefined): string[] {
  assert.equal(report?.kind, 'full', 'a full report');
  return (report as FullDocumentDiagnosticReport).items.map((item) => String(item.code)).sort();
}

/** Pulls a document after each refresh until `accept` holds for its full report, as VS Code re-pulls visible documents. */
async function pullUntil(client: LspTestClient, uri: string, accept: (codes: string[]) => boolean, description: string): Promise<string[]> {
  for (;;) {
    const refreshes = client.refreshRequests;
    const codes = codesIn(await client.pullDocument(uri));
    if (accept(codes)) return codes;
    await client.waitFor(`${description} (last report: ${codes.join(', ') || 'nothing'})`, () => client.refreshRequests > refreshes || undefined);
  }
}

describe('pull diagnostics across edit, revert and close', () => {
  it('reports the disk state of a multi-file API’s fragment once both edited files are reverted and closed', async () => {
    const files = { 'api.yaml': ROOT_WITH_FRAGMENT, 'paths/items.yaml': ITEMS_FRAGMENT };
    await withServer(files, { pullDiagnostics: true }, async (client, workspace) => {
      const root = workspace.uriOf('api.yaml');
      const fragment = workspace.uriOf('paths/items.yaml');
      const first = await client.pullWorkspace();
      assert.deepEqual(
        codesIn(first.items.find((item) => item.uri === fragment)).filter((code) => code === 'auth-missing-401'),
        ['auth-missing-401'],
        'the fragment’s GET inherits the root’s bearer requirement and documents no 401',
      );
      // A pull with every current result id has nothing to report: it stays open across the edits.
      const heldPull = client.pullWorkspace(resultIdsOf(first.items));

      await client.open(fragment, ITEMS_FRAGMENT);
      await client.open(root, ROOT_WITH_FRAGMENT);
      await client.change(fragment, ITEMS_FRAGMENT_FIXED);
      await pullUntil(client, fragment, (codes) => !codes.includes('auth-missing-401'), 'the fragment without auth-missing-401 after documenting 401');
      const answered: WorkspaceDiagnosticReport = await heldPull;
      assert.ok(
        answered.items.some((item) => item.uri === fragment && item.kind === 'full'),
        'the held workspace pull is answered by the change, with the fragment’s new report',
      );

      await client.change(root, ROOT_WITH_FRAGMENT.replace(ROOT_SECURITY, ''));
      await client.change(fragment, ITEMS_FRAGMENT);
      await pullUntil(client, fragment, (codes) => !codes.includes('auth-missing-401'), 'no auth-missing-401 with the original fragment but no root security');

      // Revert and Close: both buffers back to the disk text, then closed.
      await client.change(root, ROOT_WITH_FRAGMENT);
      await client.change(fragment, ITEMS_FRAGMENT);
      await client.close(root);
      await client.close(fragment);

      // The client forgot the closed documents' result ids, so the next workspace pull is answered
      // at once, with the closed files in full as they are on disk.
      const afterClose = await client.pullWorkspace(resultIdsOf(answered.items, [root, fragment]));
      const fragmentReport = afterClose.items.find((item) => item.uri === fragment) as WorkspaceFullDocumentDiagnosticReport | undefined;
      assert.ok(codesIn(fragmentReport).includes('auth-missing-401'), `the fragment’s finding is back: ${JSON.stringify(fragmentReport)}`);
      assert.equal(fragmentReport!.version, null, 'a closed file has no version');
      const finding = fragmentReport!.items.find((item) => item.code === 'auth-missing-401')!;
      assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, 'on the GET of the file on disk');
      assert.equal(afterClose.items.find((item) => item.uri === root)?.kind, 'full', 'the root is reported in full too');
    });
  });

  it('answers a held workspace pull when the client cancels it', async () => {
    await withServer({ 'api.yaml': ROOT_WITH_FRAGMENT, 'paths/items.yaml': ITEMS_FRAGMENT }, { pullDiagnostics: true }, async (client) => {
      const first = await client.pullWorkspace();
      const cancellation = new CancellationTokenSource();
      const heldPull = client.pullWorkspace(resultIdsOf(first.items), cancellation.token).then(
        (report) => ({ report }),
        (error: unknown) => ({ error }),
      );
      await client.pullWorkspace([]);
      cancellation.cancel();
      const outcome = await heldPull;
      if ('report' in outcome) {
        assert.ok(outcome.report.items.every((item) => item.kind === 'unchanged'), 'a cancelled pull reports what the client already has');
      } else {
        assert.match(String(outcome.error), /cancel/i, 'or it ends as cancelled');
      }
    });
  });

  it('reports a closed document in full in the workspace pull after its last document pull, though the client took the report in between', async () => {
    await withServer({ 'api.yaml': ROOT_WITH_FRAGMENT, 'paths/items.yaml': ITEMS_FRAGMENT }, { pullDiagnostics: true }, async (client, workspace) => {
      const first = await client.pullWorkspace();
      // A new file, opened and pulled (VS Code's client then tracks it as a pulled document).
      const uri = workspace.write('new/orders.yaml', UNPROTECTED_API);
      await client.open(uri, UNPROTECTED_API);
      const opened = await client.pullDocument(uri);
      assert.ok(codesIn(opened).includes('auth-no-security-scheme'));
      // The new document is news to a workspace pull (VS Code's client skips that report while it
      // tracks the document's own pulls, and keeps its result id).
      const withNew = await client.pullWorkspace(resultIdsOf(first.items));
      assert.ok(codesIn(withNew.items.find((item) => item.uri === uri)).includes('auth-no-security-scheme'));
      const heldPull = client.pullWorkspace(resultIdsOf(withNew.items));
      // Closed, then deleted: the held workspace pull is answered with the document cleared.
      await client.close(uri);
      rmSync(`${workspace.path}/new/orders.yaml`);
      await client.filesChanged([{ uri, type: FileChangeType.Deleted }]);
      const answered = await heldPull;
      assert.deepEqual(codesIn(answered.items.find((item) => item.uri === uri)), [], 'the held pull reports the deleted file without findings');
      // VS Code's client skips that report (it still tracks the document pull) but keeps its result
      // id; it pulls the closed document once more and drops that answer too (the tab is gone).
      await client.pullDocument(uri, opened.resultId);
      // The next workspace pull is answered at once (not held as one with nothing new), with it.
      const cancel = new CancellationTokenSource();
      let timer: NodeJS.Timeout | undefined;
      const held = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          cancel.cancel();
          reject(new Error('the workspace pull after the last document pull was held: nothing new for the client'));
        }, 15_000);
      });
      const report = await Promise.race([client.pullWorkspace(resultIdsOf(answered.items), cancel.token), held]).finally(() => clearTimeout(timer));
      assert.deepEqual(codesIn(report.items.find((item) => item.uri === uri)), [], 'the closed document in full, without findings');
    });
  });
});
