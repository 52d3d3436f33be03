import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { PROTECTED_API } from './helpers/fixtures';
import type { LspTestClient } from './helpers/lspTestClient';
import { hasCode, withServer } from './helpers/session';

/** A position in a text whose lines end with `\n`. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Types `inserted` into the server's copy of the document at `offset` (after `anchor` is found),
 * as an editor with incremental sync sends a keystroke, and returns the new text.
 */
async function typeAt(client: LspTestClient, uri: string, text: string, anchor: string, inserted: string, removed = 0): Promise<string> {
  const offset = text.indexOf(anchor);
  assert.ok(offset >= 0, `"${anchor}" is in the document`);
  const at = offset + anchor.length;
  await client.changeRanges(uri, [{ range: { start: positionOf(text, at), end: positionOf(text, at + removed) }, text: inserted }]);
  return text.slice(0, at) + inserted + text.slice(at + removed);
}

/** The last diagnostics published for a version of a document. */
async function diagnosticsOfVersion(client: LspTestClient, uri: string, version: number): Promise<Diagnostic[]> {
  const params = await client.waitFor(`diagnostics of version ${version}`, () => [...client.published].reverse().find((item) => item.uri === uri && item.version === version));
  return params.diagnostics;
}

/**
 * Closes the document and opens `text` in its place: the file is not on disk, so closing clears its
 * diagnostics, and opening it again parses it in full. The diagnostics it then shows.
 */
async function reopenedDiagnostics(client: LspTestClient, uri: string, text: string, languageId?: string): Promise<Diagnostic[]> {
  await client.close(uri);
  await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0, 'the closed document to be cleared');
  const mark = client.published.length;
  await client.open(uri, text, languageId);
  const reopened = await client.waitFor('diagnostics of the reopened document', () => client.published.slice(mark).find((item) => item.uri === uri && item.diagnostics.length > 0));
  return reopened.diagnostics;
}

describe('keystrokes in a large part of a spec (incremental sync)', () => {
  it('publishes after each range change exactly what a fresh open of the same text shows', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, PROTECTED_API);
      await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length > 0);
      let text = PROTECTED_API;
      // Within values and keys (patched), a new line and entry (read again in full), a deletion.
      text = await typeAt(client, uri, text, 'title: Sho', 'x');
      text = await typeAt(client, uri, text, 'operationId: list', 'All');
      text = await typeAt(client, uri, text, 'description: OK', '\n          content: {}');
      text = await typeAt(client, uri, text, 'bearerForm', '', 1);
      // Renaming the required scheme makes the requirement point nowhere: the diagnostics must change.
      text = await typeAt(client, uri, text, '  - bearerAuth', 'x');
      const edited = await diagnosticsOfVersion(client, uri, client.versionOf(uri)!);
      assert.ok(hasCode('auth-undefined-scheme')(edited), 'the renamed requirement is reported');
      assert.deepEqual(edited, await reopenedDiagnostics(client, uri, text));
    });
  });

  it('shows what a fresh open shows after the key of a path is outdented to the column of the root, and what it showed before after the undo', async () => {
    const paths = ['/orders/{id}', '/carts'].map((path) => `  ${path}:\n    get:\n      operationId: op${path.length}\n      responses:\n        "200":\n          description: OK\n`).join('');
    const spec = PROTECTED_API + paths;
    const beforeKey = 'operationId: listOrders\n      responses:\n        "200":\n          description: OK\n';
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, spec);
      const before = await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length > 0);
      // `/orders/{id}` becomes a key of the root, and `/carts` a key of the root out of its column.
      const text = await typeAt(client, uri, spec, beforeKey, '', 2);
      const outdented = await diagnosticsOfVersion(client, uri, client.versionOf(uri)!);
      assert.ok(
        outdented.some((diagnostic) => String(diagnostic.message).includes('All mapping items must start at the same column')),
        'the problem of the key out of its column is shown',
      );
      await typeAt(client, uri, text, beforeKey, '  ');
      assert.deepEqual(await diagnosticsOfVersion(client, uri, client.versionOf(uri)!), before, 'the undo shows what the spec showed before');
      assert.deepEqual(outdented, await reopenedDiagnostics(client, uri, text));
    });
  });

  it('shows what a fresh open shows after a path is pasted after itself, and after its key is renamed', async () => {
    const entry = '  /orders:\n    get:\n      operationId: listOrders\n      responses:\n        "200":\n          description: OK\n';
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, PROTECTED_API);
      await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length > 0);
      // The same path twice: the yaml problem of the repeated key.
      let text = await typeAt(client, uri, PROTECTED_API, entry, entry.replace('listOrders', 'listOrders2'));
      const pasted = await diagnosticsOfVersion(client, uri, client.versionOf(uri)!);
      assert.ok(pasted.some((diagnostic) => String(diagnostic.message).includes('Map keys must be unique')), 'the repeated key is shown');
      // The pasted path's key renamed: the problem is gone.
      text = await typeAt(client, uri, text, `${entry}  /orders`, '/{id}');
      const renamed = await diagnosticsOfVersion(client, uri, client.versionOf(uri)!);
      assert.ok(!renamed.some((diagnostic) => String(diagnostic.message).includes('Map keys must be unique')), 'the renamed key is no longer repeated');
      assert.deepEqual(renamed, await reopenedDiagnostics(client, uri, text));
      assert.deepEqual(pasted, await reopenedDiagnostics(client, uri, text.replace('/orders/{id}:', '/orders:')));
    });
  });

  it('prepares the structural validation of an open valid document while idle, and the first breaking keystroke shows what a fresh open shows', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      const prepared = (): string[] => client.logs.filter((entry) => entry.message.startsWith(`Prepared the structural validation of ${uri}`)).map((entry) => entry.message);
      await client.open(uri, PROTECTED_API);
      const opened = await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length > 0);
      assert.ok(!hasCode('spec-invalid')(opened), 'the document starts valid');
      await client.waitFor('the validation of the open document to be prepared', () => prepared().length === 1 || undefined);
      // A misspelt key: the document becomes invalid, explained from the prepared answers.
      const text = await typeAt(client, uri, PROTECTED_API, 'operationI', 'x');
      const edited = await diagnosticsOfVersion(client, uri, client.versionOf(uri)!);
      assert.ok(hasCode('spec-invalid')(edited), 'the misspelt key is reported');
      assert.deepEqual(edited, await reopenedDiagnostics(client, uri, text));
    });
  });
});

/**
 * A code file without clients: calls, a URL literal with a password, a secret.
 * Edits of other statements take the short path (only the touched statement is extracted again);
 * edits of the call, of the constant its URL is built from and of the import take the long one.
 */
const CODE = `import fetchWithRetry from './retry.js';

const API = 'https://api.partner.example/v1';
const MIRROR = 'https://reader:hunter22@mirror.partner.example/dump';

export function listOrders() {
  return fetch(API + '/orders');
}

export function status() {
  return fetchWithRetry('http://status.partner.example/health');
}

const settings = {
  retries: 3,
  apiKey: 'q8Jf2LmZx0Rt5Vb7Kp3N',
};
`;

describe('keystrokes in a code file (incremental sync)', () => {
  it('publishes after each range change exactly what a fresh open of the same text shows', async () => {
    await withServer({}, {}, async (client, workspace) => {
      const uri = workspace.uriOf('src/orders.js');
      await client.open(uri, CODE, 'javascript');
      await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length > 0);
      let text = CODE;
      text = await typeAt(client, uri, text, 'retries: ', '1');
      text = await typeAt(client, uri, text, 'mirror.partner', '-eu');
      text = await typeAt(client, uri, text, '/orders', 'x');
      text = await typeAt(client, uri, text, "const API = 'https://api", '2');
      text = await typeAt(client, uri, text, "import fetchWithRetry from './retry.js';", '\n');
      text = await typeAt(client, uri, text, 'const settings = {', '\n  // the limits of the client');
      text = await typeAt(client, uri, text, 'retries: 1', '', 1);
      // The masked start of the secret changes, so this version's diagnostics are published.
      text = await typeAt(client, uri, text, "apiKey: '", 'Z');
      const edited = await diagnosticsOfVersion(client, uri, client.versionOf(uri)!);
      assert.ok(hasCode('code-credentials-in-url')(edited) && hasCode('code-hardcoded-secret')(edited), 'the password in the mirror URL and the key are reported');
      assert.deepEqual(edited, await reopenedDiagnostics(client, uri, text, 'javascript'));
    });
  });
});
