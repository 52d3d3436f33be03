import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CodeAction, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import type { LspTestClient } from './helpers/lspTestClient';
import { hasCode, lacksCode, withServer } from './helpers/session';
import type { TempWorkspace } from './helpers/tempWorkspace';
import { applyWorkspaceEdit } from './helpers/workspaceEdit';

/** A protected API whose only server is plain http: `tls-http-server` on line 5, fixed by writing `https`. */
const HTTP_SERVER_API = `openapi: 3.1.0
info:
  title: Shop
  version: "1"
servers:
  - url: http://api.example.com
security:
  - bearerAuth: []
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        "200":
          description: OK
`;

/** An OAuth2 API whose path item lives in a fragment; the root holds the scheme and its scopes. */
const OAUTH_ROOT = `openapi: 3.0.3
info:
  title: Stock
  version: "1"
servers:
  - url: https://stock.example.com
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes:
            items:read: Read items
paths:
  /items:
    $ref: "./paths/items.yaml"
`;

/** The fragment requires a scope the root does not define (`auth-undefined-scope`) and names a plain-http server (`tls-http-server`). */
const OAUTH_FRAGMENT = `get:
  operationId: listItems
  servers:
    - url: http://stock.example.com
  security:
    - oauth: [items:write]
  responses:
    "200":
      description: OK
`;

/** The texts the test client holds: open documents by its own record, other files from disk. */
class Documents {
  readonly open = new Map<string, string>();
  constructor(
    private readonly client: LspTestClient,
    private readonly workspace: TempWorkspace,
  ) {}

  async openDocument(relativePath: string, text: string): Promise<string> {
    const uri = this.workspace.uriOf(relativePath);
    this.open.set(uri, text);
    await this.client.open(uri, text);
    return uri;
  }

  text(uri: string): string {
    return this.open.get(uri) ?? readFileSync(new URL(uri), 'utf8');
  }

  /** Applies a code action's edit: open documents change through didChange, closed files on disk with a watcher event. */
  async apply(action: CodeAction): Promise<Map<string, string>> {
    assert.ok(action.edit, `"${action.title}" carries an edit`);
    const results = applyWorkspaceEdit(action.edit, (uri) => this.text(uri), (uri) => this.client.versionOf(uri));
    for (const [uri, text] of results) {
      if (this.open.has(uri)) {
        this.open.set(uri, text);
        await this.client.change(uri, text);
      } else {
        this.workspace.write(decodeURIComponent(uri.slice(this.workspace.uri.length + 1)), text);
        await this.client.filesChanged([{ uri, type: FileChangeType.Changed }]);
      }
    }
    return results;
  }
}

function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((diagnostic) => diagnostic.code === code);
  assert.equal(found.length, 1, `one ${code} diagnostic`);
  return found[0];
}

async function actionsFor(client: LspTestClient, uri: string, diagnostic: Diagnostic, kinds?: string[]): Promise<CodeAction[]> {
  const answer = await client.codeActions(uri, diagnostic.range, { diagnostics: [diagnostic], ...(kinds === undefined ? {} : { only: kinds }) });
  assert.ok(answer.every((item) => CodeAction.is(item)), 'every answer is a CodeAction literal');
  return answer as CodeAction[];
}

function titled(actions: readonly CodeAction[], title: string | RegExp): CodeAction {
  const found = actions.find((action) => (typeof title === 'string' ? action.title === title : title.test(action.title)));
  assert.ok(found, `an action "${String(title)}" among: ${actions.map((action) => action.title).join(' | ')}`);
  return found;
}

describe('code actions', () => {
  it('declares quick fixes and fix-all', async () => {
    await withServer({}, {}, async (client) => {
      assert.deepEqual(client.initializeResult?.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.apiGuard'], resolveProvider: false });
    });
  });

  it('offers the rule’s fix for a diagnostic; applied, the diagnostic is gone from the next publication', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const documents = new Documents(client, workspace);
      const uri = await documents.openDocument('api.yaml', HTTP_SERVER_API);
      const diagnostic = only(await client.waitForDiagnostics(uri, hasCode('tls-http-server')), 'tls-http-server');
      const actions = await actionsFor(client, uri, diagnostic);
      const fix = actions[0];
      assert.equal(fix.kind, 'quickfix');
      assert.equal(fix.isPreferred, true, 'the only fix is the preferred one');
      assert.deepEqual(fix.diagnostics, [diagnostic]);
      assert.deepEqual(fix.edit?.documentChanges?.length, 1, 'a versioned edit of one document');
      const results = await documents.apply(fix);
      assert.equal(results.get(uri), HTTP_SERVER_API.replace('http://api', 'https://api'), 'the edit changes only the scheme');
      await client.waitForDiagnostics(uri, lacksCode('tls-http-server'), 'the fixed finding to disappear');

      titled(actions, 'Ignore tls-http-server here');
      titled(actions, 'Ignore tls-http-server in this file');
      const docs = titled(actions, 'Show documentation for tls-http-server');
      assert.deepEqual(docs.command, {
        title: 'Show documentation for tls-http-server',
        command: 'apiGuard.showRuleDocumentation',
        arguments: [diagnostic.codeDescription?.href],
      });
      assert.equal(docs.edit, undefined);
    });
  });

  it('matches a diagnostic older than the text to the current finding, by its fingerprint', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const documents = new Documents(client, workspace);
      const uri = await documents.openDocument('api.yaml', HTTP_SERVER_API);
      const stale = only(await client.waitForDiagnostics(uri, hasCode('tls-http-server')), 'tls-http-server');
      const moved = `# Shop API\n# owned by the shop team\n${HTTP_SERVER_API}`;
      documents.open.set(uri, moved);
      await client.change(uri, moved);
      const actions = await actionsFor(client, uri, stale);
      const results = await documents.apply(titled(actions, /https/));
      assert.equal(results.get(uri), moved.replace('http://api', 'https://api'), 'the edit lands on the moved line');
      await client.waitForDiagnostics(uri, lacksCode('tls-http-server'));
    });
  });

  it('writes an ignore comment here or for the file, and the diagnostic goes', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const documents = new Documents(client, workspace);
      const here = await documents.openDocument('here.yaml', HTTP_SERVER_API);
      const first = only(await client.waitForDiagnostics(here, hasCode('tls-http-server')), 'tls-http-server');
      const hereResult = await documents.apply(titled(await actionsFor(client, here, first), 'Ignore tls-http-server here'));
      assert.match(hereResult.get(here)!, /servers:\n {2}# api-guard-ignore tls-http-server -- \n {2}- url: http:/);
      const afterHere = await client.waitForDiagnostics(here, lacksCode('tls-http-server'), 'the ignored finding to disappear');
      assert.ok(afterHere.some((diagnostic) => diagnostic.code === 'ignore-reason-missing'), 'the empty reason is pointed out');

      const file = await documents.openDocument('file.yaml', HTTP_SERVER_API);
      const second = only(await client.waitForDiagnostics(file, hasCode('tls-http-server')), 'tls-http-server');
      const fileResult = await documents.apply(titled(await actionsFor(client, file, second), 'Ignore tls-http-server in this file'));
      assert.ok(fileResult.get(file)!.startsWith('# api-guard-ignore-file tls-http-server -- \nopenapi: 3.1.0\n'));
      await client.waitForDiagnostics(file, lacksCode('tls-http-server'), 'the file-wide ignore to apply');
    });
  });

  it('ignores a finding in JSON with x-api-guard-ignore', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const documents = new Documents(client, workspace);
      const json = JSON.stringify(
        {
          openapi: '3.1.0',
          info: { title: 'Shop', version: '1' },
          servers: [{ url: 'http://api.example.com' }],
          security: [{ bearerAuth: [] }],
          components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
          paths: {},
        },
        null,
        2,
      );
      const uri = await documents.openDocument('api.json', json);
      const diagnostic = only(await client.waitForDiagnostics(uri, hasCode('tls-http-server')), 'tls-http-server');
      const result = await documents.apply(titled(await actionsFor(client, uri, diagnostic), 'Ignore tls-http-server here'));
      const ignored = JSON.parse(result.get(uri)!) as { servers: Record<string, unknown>[] };
      assert.deepEqual(ignored.servers[0]['x-api-guard-ignore'], ['tls-http-server']);
      await client.waitForDiagnostics(uri, lacksCode('tls-http-server'));
    });
  });

  it('fixes everything safe in one edit on request, and converges', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const documents = new Documents(client, workspace);
      const uri = await documents.openDocument('api.yaml', HTTP_SERVER_API);
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('tls-http-server'));
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const atCursor = await client.codeActions(uri, range, { diagnostics: [] });
      assert.deepEqual(atCursor, [], 'no source action unless asked for');
      const asked = (await client.codeActions(uri, range, { diagnostics, only: ['source.fixAll'] })) as CodeAction[];
      assert.equal(asked.length, 1, 'only the fix-all action');
      const fixAll = asked[0];
      assert.equal(fixAll.kind, 'source.fixAll.apiGuard');
      assert.equal(fixAll.title, 'Fix all auto-fixable API Guard problems');
      assert.equal(fixAll.edit?.documentChanges?.length, 1);
      const change = fixAll.edit!.documentChanges![0] as { edits: unknown[] };
      assert.equal(change.edits.length, 1, 'one minimal edit for the file');
      const results = await documents.apply(fixAll);
      assert.match(results.get(uri)!, /url: https:\/\/api\.example\.com/);
      const after = await client.waitForDiagnostics(uri, lacksCode('tls-http-server'));
      assert.ok(after.length < diagnostics.length, 'fewer findings after fix-all');
      const again = await client.codeActions(uri, range, { diagnostics: after, only: ['source.fixAll.apiGuard'] });
      assert.deepEqual(again, [], 'nothing left to fix: fix-all converges');
    });
  });

  it('fixes a finding in a fragment, in the fragment itself or in the root that holds the definition', async () => {
    await withServer({ 'openapi.yaml': OAUTH_ROOT, 'paths/items.yaml': OAUTH_FRAGMENT }, {}, async (client, workspace) => {
      const documents = new Documents(client, workspace);
      const root = workspace.uriOf('openapi.yaml');
      const fragment = await documents.openDocument('paths/items.yaml', OAUTH_FRAGMENT);
      const diagnostics = await client.waitForDiagnostics(fragment, (list) => hasCode('auth-undefined-scope')(list) && hasCode('tls-http-server')(list));

      const tls = await actionsFor(client, fragment, only(diagnostics, 'tls-http-server'));
      const tlsResults = await documents.apply(tls[0]);
      assert.deepEqual([...tlsResults.keys()], [fragment], 'the fix edits the fragment');
      await client.waitForDiagnostics(fragment, lacksCode('tls-http-server'));

      const scope = await actionsFor(client, fragment, only(client.diagnostics.get(fragment)!, 'auth-undefined-scope'));
      const define = scope.find((action) => action.isPreferred === true);
      assert.ok(define, `a preferred fix among: ${scope.map((action) => action.title).join(' | ')}`);
      const edited = define.edit?.documentChanges?.map((change) => (change as { textDocument: { uri: string; version: number | null } }).textDocument);
      assert.deepEqual(edited, [{ uri: root, version: null }], 'the scope is defined in the root, which is not open');
      const scopeResults = await documents.apply(define);
      assert.match(scopeResults.get(root)!, /scopes:\n {12}items:read: Read items\n {12}items:write: /);
      await client.waitForDiagnostics(fragment, lacksCode('auth-undefined-scope'), 'the fragment’s finding to go once the root defines the scope');
    });
  });

  it('uses the plain changes map for a client without documentChanges', async () => {
    await withServer({}, { documentChanges: false }, async (client, workspace) => {
      const documents = new Documents(client, workspace);
      const uri = await documents.openDocument('api.yaml', HTTP_SERVER_API);
      const diagnostic = only(await client.waitForDiagnostics(uri, hasCode('tls-http-server')), 'tls-http-server');
      const fix = (await actionsFor(client, uri, diagnostic))[0];
      assert.equal(fix.edit?.documentChanges, undefined);
      assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri]);
      await documents.apply(fix);
      await client.waitForDiagnostics(uri, lacksCode('tls-http-server'));
    });
  });

  it('answers for a document with a syntax error without failing, and offers no rule fix there', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const documents = new Documents(client, workspace);
      const broken = HTTP_SERVER_API.replace('          description: OK\n', '          description: [OK\n');
      const uri = await documents.openDocument('api.yaml', broken);
      const diagnostics = await client.waitForDiagnostics(uri, hasCode('spec-parse-error'));
      const whole = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
      const actions = (await client.codeActions(uri, whole, { diagnostics })) as CodeAction[];
      assert.ok(actions.length > 0, 'ignore and documentation actions are still offered');
      for (const action of actions) assert.match(action.title, /^(Ignore|Show documentation)/, `no rule fix on a broken document: ${action.title}`);
      assert.deepEqual(await client.codeActions(uri, whole, { diagnostics, only: ['source.fixAll.apiGuard'] }), [], 'no fix-all on a broken document');
      await client.change(uri, HTTP_SERVER_API);
      await client.waitForDiagnostics(uri, lacksCode('spec-parse-error'), 'the server keeps working');
    });
  });
});
