/**
 * Requests about one file are answered while the rest of the workspace is still being scanned:
 * a pull of the open file's diagnostics and its quick fixes wait until that file is analysed, not
 * until the whole folder is (they waited for the end of the scan before). Any request is answered
 * between two slices of the scan, not behind every diagnostic published so far.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { UNPROTECTED_API } from './helpers/fixtures';
import { withServer } from './helpers/session';

/** A large API of its own (thousands of operations), whose analysis keeps the scan busy for a while. */
function largeApi(paths: number): string {
  const pathItems: Record<string, unknown> = {};
  for (let index = 0; index < paths; index++) {
    pathItems[`/resources${index}/{id}`] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/Resource${index}` } } } } } },
      put: {
        requestBody: { content: { 'application/json': { schema: { $ref: `#/components/schemas/Resource${index}` } } } },
        responses: { '204': { description: 'Saved' } },
      },
    };
  }
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < paths; index++) {
    schemas[`Resource${index}`] = { type: 'object', properties: { name: { type: 'string' }, size: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } };
  }
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Large', version: '1' }, servers: [{ url: 'http://large.example.com' }], paths: pathItems, components: { schemas } }, null, 2);
}

describe('requests during a workspace scan', () => {
  it('answers the pull and the quick fixes of an open file before the scan of a large API ends', async () => {
    const files = { 'api.yaml': UNPROTECTED_API, 'large/large-api.json': largeApi(4000) };
    await withServer(files, { pullDiagnostics: true }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, UNPROTECTED_API);
      const report = (await client.pullDocument(uri)) as FullDocumentDiagnosticReport;
      const scanEndedBeforePull = client.progress.some((item) => item.value.kind === 'end');
      assert.equal(report.kind, 'full');
      const diagnostic = report.items.find((item) => item.code === 'auth-no-security-scheme');
      assert.ok(diagnostic, `the open file's findings: ${report.items.map((item) => item.code).join(', ')}`);
      const actions = (await client.codeActions(uri, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] })) as CodeAction[];
      const scanEndedBeforeFix = client.progress.some((item) => item.value.kind === 'end');
      assert.ok(actions.some((action) => action.edit !== undefined), 'a quick fix with an edit');
      assert.equal(scanEndedBeforePull, false, 'the pull was answered while the large API was still being analysed');
      assert.equal(scanEndedBeforeFix, false, 'the quick fixes were answered while the large API was still being analysed');
      // The scan still finishes, with the large API's findings.
      await client.waitForProgressEnd();
      const large = (await client.pullDocument(workspace.uriOf('large/large-api.json'))) as FullDocumentDiagnosticReport;
      assert.ok(large.items.some((item) => item.code === 'tls-http-server'), 'the large API was analysed');
    });
  });

  it('answers a request before the scan ends while hundreds of published diagnostics are still being written', async () => {
    // Hundreds of small APIs, each with findings, then a large one: every small API's diagnostics
    // are pushed, and a request must not queue behind them until the large API is done.
    const files: Record<string, string> = { 'z/large-api.json': largeApi(4000) };
    for (let index = 0; index < 400; index++) files[`a/api${String(index).padStart(3, '0')}.yaml`] = UNPROTECTED_API;
    await withServer(files, {}, async (client, workspace) => {
      await client.waitFor('diagnostics of 100 small APIs', () => client.published.length >= 100);
      const uri = workspace.uriOf('a/api000.yaml');
      // No hover provider: the (error) answer measures how long a request waits.
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }).catch(() => undefined);
      const scanEnded = client.progress.some((item) => item.value.kind === 'end');
      assert.equal(scanEnded, false, `answered while the scan was still running (${client.published.length} publishes received by then)`);
      await client.waitForProgressEnd();
      await client.waitForDiagnostics(workspace.uriOf('z/large-api.json'), (diagnostics) => diagnostics.some((item) => item.code === 'tls-http-server'));
      await client.waitFor('diagnostics of every small API', () => new Set(client.published.map((item) => item.uri)).size >= 401);
    });
  });
});
