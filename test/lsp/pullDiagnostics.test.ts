import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileChangeType, type FullDocumentDiagnosticReport, type WorkspaceDiagnosticReport, type WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { PROTECTED_API, UNPROTECTED_API } from './helpers/fixtures';
import { withServer } from './helpers/session';

describe('pull diagnostics', () => {
  it('answers textDocument/diagnostic and workspace/diagnostic, pushes nothing, and asks for a refresh after changes', async () => {
    await withServer({ 'closed.yaml': UNPROTECTED_API }, { pullDiagnostics: true }, async (client, workspace) => {
      assert.deepEqual(client.initializeResult?.capabilities.diagnosticProvider, { identifier: 'api-guard', interFileDependencies: true, workspaceDiagnostics: true });
      const uri = workspace.uriOf('open.yaml');
      await client.open(uri, UNPROTECTED_API);
      const first = await client.pullDocument(uri);
      assert.equal(first.kind, 'full');
      const items = (first as FullDocumentDiagnosticReport).items;
      const finding = items.find((item) => item.code === 'auth-no-security-scheme');
      assert.ok(finding, 'the document report carries the finding');
      assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
      assert.ok(first.resultId !== undefined);

      const unchanged = await client.pullDocument(uri, first.resultId);
      assert.deepEqual(unchanged, { kind: 'unchanged', resultId: first.resultId });

      const refreshesBefore = client.refreshRequests;
      await client.change(uri, PROTECTED_API);
      await client.waitFor('a workspace/diagnostic/refresh request', () => client.refreshRequests > refreshesBefore);
      const changed = await client.pullDocument(uri, first.resultId);
      assert.equal(changed.kind, 'full');
      assert.ok(!(changed as FullDocumentDiagnosticReport).items.some((item) => item.code === 'auth-no-security-scheme'));

      // A file that is not open is reported by the workspace pull (workspace scope).
      const workspaceReport = await client.pullWorkspace();
      const closed = workspaceReport.items.find((item) => item.uri === workspace.uriOf('closed.yaml')) as WorkspaceFullDocumentDiagnosticReport | undefined;
      assert.ok(closed, 'the closed file is in the workspace report');
      assert.equal(closed.kind, 'full');
      assert.equal(closed.version, null);
      assert.ok(closed.items.some((item) => item.code === 'auth-no-security-scheme'));

      // With nothing new, the workspace pull is held open (no polling) and answered by the next change.
      let held: WorkspaceDiagnosticReport | undefined;
      const heldPull = client.pullWorkspace(workspaceReport.items.map((item) => ({ uri: item.uri, value: item.resultId! }))).then((report) => (held = report));
      await client.pullDocument(uri);
      assert.equal(held, undefined, 'a workspace pull with nothing new is still open after a later request was answered');
      const closedUri = workspace.write('closed.yaml', PROTECTED_API);
      await client.filesChanged([{ uri: closedUri, type: FileChangeType.Changed }]);
      const answer = await heldPull;
      const closedNow = answer.items.find((item) => item.uri === closedUri);
      assert.equal(closedNow?.kind, 'full', 'the changed file is reported in full');
      assert.ok(!(closedNow as WorkspaceFullDocumentDiagnosticReport).items.some((item) => item.code === 'auth-no-security-scheme'), 'with the state on disk');
      assert.ok(answer.items.filter((item) => item.uri !== closedUri).every((item) => item.kind === 'unchanged'), 'the other documents are unchanged');

      assert.equal(client.published.length, 0, 'nothing is pushed to a pulling client');
    });
  });
});
