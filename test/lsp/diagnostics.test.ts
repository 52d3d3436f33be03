import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { DUPLICATE_OPERATION_ID_API, PROTECTED_API, UNPROTECTED_API } from './helpers/fixtures';
import { hasCode, lacksCode, messageOf, withServer } from './helpers/session';

describe('diagnostics of an open document (push)', () => {
  it('publishes findings with code, exact range, severity, source, docs link and fix data', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'));
      const diagnostic = diagnostics.find((item) => item.code === 'auth-no-security-scheme')!;
      assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
      assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
      assert.equal(diagnostic.source, 'API Guard');
      assert.match(messageOf(diagnostic), /1 operation\(s\) but defines no security scheme/);
      assert.equal(diagnostic.codeDescription?.href, 'https://github.com/api-guard/api-guard/blob/main/docs/rules/auth-no-security-scheme.md');
      const data = diagnostic.data as Record<string, unknown>;
      assert.match(String(data.fingerprint), /^[0-9a-f]{14}$/);
      assert.equal(data.version, '3.1', 'the rule’s own fix data travels in data too');
      assert.deepEqual(Object.keys(data).sort(), ['fingerprint', 'version'], 'nothing the server can look up itself (rule, pointer) is sent');
      const unprotected = diagnostics.find((item) => item.code === 'auth-operation-unprotected');
      assert.ok(unprotected, 'the unprotected GET is reported as well');
      assert.deepEqual(unprotected.range.start, { line: 8, character: 4 });
      assert.equal(unprotected.severity, DiagnosticSeverity.Warning);
    });
  });

  it('leaves the docs link out when the client links rule pages itself (ruleLinksInClient): pushed, pulled and workspace diagnostics', async () => {
    const assertUnlinked = (diagnostics: Diagnostic[]): void => {
      assert.ok(diagnostics.some((item) => item.code === 'auth-no-security-scheme'));
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.codeDescription, undefined);
        assert.equal(typeof diagnostic.code, 'string', 'the code the client links from');
        assert.equal(diagnostic.source, 'API Guard');
      }
    };
    await withServer({}, { ruleLinksInClient: true }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      assertUnlinked(await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme')));
    });
    await withServer({ 'closed.yaml': UNPROTECTED_API }, { ruleLinksInClient: true, pullDiagnostics: true }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      const report = await client.pullDocument(uri);
      assert.equal(report.kind, 'full');
      assertUnlinked((report as FullDocumentDiagnosticReport).items);
      const closed = (await client.pullWorkspace()).items.find((item) => item.uri === workspace.uriOf('closed.yaml'));
      assert.equal(closed?.kind, 'full');
      assertUnlinked((closed as FullDocumentDiagnosticReport).items);
    });
  });

  it('links the other end of a finding through relatedInformation, when the client supports it', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, DUPLICATE_OPERATION_ID_API);
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('doc-operation-id-unique'));
      const first = diagnostics.find((item) => item.code === 'doc-operation-id-unique' && item.range.start.line === 7)!;
      assert.deepEqual(first.range, { start: { line: 7, character: 19 }, end: { line: 7, character: 29 } });
      assert.equal(first.relatedInformation?.length, 1);
      assert.deepEqual(first.relatedInformation![0].location, { uri, range: { start: { line: 13, character: 6 }, end: { line: 13, character: 17 } } });
      assert.match(first.relatedInformation![0].message, /also used here, by GET \/archive\/orders/);
    });
    await withServer({}, { relatedInformation: false }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, DUPLICATE_OPERATION_ID_API);
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('doc-operation-id-unique'));
      assert.ok(diagnostics.every((item) => item.relatedInformation === undefined), 'no relatedInformation for a client that cannot show it');
    });
  });

  it('updates the diagnostics when the document changes, and again when the change is undone', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'));
      await client.change(uri, PROTECTED_API);
      const fixed = await client.waitForDiagnostics(uri, lacksCode('auth-no-security-scheme'), 'the scheme finding to disappear');
      assert.ok(!fixed.some((item) => item.code === 'auth-operation-unprotected'));
      await client.change(uri, UNPROTECTED_API);
      await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'), 'the scheme finding to return');
    });
  });

  it('ends a burst of changes with the diagnostics of the last state', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'));
      const threeOperations = UNPROTECTED_API.replace('    get:\n', '    get:\n      responses: { "200": { description: OK } }\n    put:\n      responses: { "200": { description: OK } }\n    post:\n');
      for (let index = 0; index < 6; index++) await client.change(uri, index % 2 === 0 ? PROTECTED_API : UNPROTECTED_API);
      await client.change(uri, threeOperations);
      const last = await client.waitForDiagnostics(
        uri,
        (diagnostics) => diagnostics.some((item) => item.code === 'auth-no-security-scheme' && messageOf(item).includes('3 operation(s)')),
        'the diagnostics of the last change',
      );
      assert.equal(last.filter((item) => item.code === 'auth-operation-unprotected').length, 3);
    });
  });

  it('turns a rule off when the editor settings change', async () => {
    await withServer({}, { settings: {} }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'));
      await client.changeSettings({ rules: { 'auth-no-security-scheme': 'off' } });
      const after = await client.waitForDiagnostics(uri, lacksCode('auth-no-security-scheme'), 'the rule to switch off');
      assert.ok(after.some((item) => item.code === 'auth-operation-unprotected'), 'other rules keep reporting');
      await client.changeSettings({ rules: { 'auth-no-security-scheme': 'hint' } });
      const hinted = await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'), 'the rule to come back as a hint');
      assert.equal(hinted.find((item) => item.code === 'auth-no-security-scheme')!.severity, DiagnosticSeverity.Hint);
      assert.ok(
        client.configurationRequests.some((item) => item.section === 'apiGuard' && item.scopeUri === workspace.uri),
        'settings are pulled for the folder',
      );
    });
  });

  it('works over Node IPC, which a client may choose instead of stdio', async () => {
    await withServer({}, { transport: 'ipc' }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      await client.waitForDiagnostics(uri, hasCode('auth-no-security-scheme'));
    });
  });
});
