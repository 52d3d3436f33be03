import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { FOCUS_NOTIFICATION } from '../../server/src/lsp/protocol';
import { messageOf, withServer } from './helpers/session';

// A client that shows at most N diagnostics per document (VS Code: 1,000) gets N of a document
// with more findings: its errors and warnings, the findings nearest to where the user last edited
// or looked, and a note about the rest.

/** With 40 schemas, 50 findings: 1 error, 3 warnings, 46 information (40 of them `limit-string-length`, one per schema). */
function specWithManyFindings(schemas = 40): string {
  const lines = ['openapi: 3.0.3', 'info:', '  title: Limits', '  version: "1"', 'servers:', '  - url: https://api.example.com', 'paths:', '  /things:', '    get:'];
  lines.push('      operationId: listThings', '      description: Lists things.', '      responses:', '        "200":', '          description: OK', '          content:');
  lines.push('            application/json:', '              schema:', '                type: object', '                properties:');
  for (let index = 0; index < schemas; index++) lines.push(`                  s${index}:`, `                    $ref: "#/components/schemas/S${index}"`);
  lines.push('components:', '  schemas:');
  for (let index = 0; index < schemas; index++) lines.push(`    S${index}:`, '      type: object', `      description: Thing ${index}.`, '      properties:', '        name:', '          type: string');
  return `${lines.join('\n')}\n`;
}

const TEXT = specWithManyFindings();
const lineOf = (needle: string): number => TEXT.split('\n').findIndex((line) => line === needle);

const isNote = (diagnostic: Diagnostic): boolean => diagnostic.source === 'API Guard' && diagnostic.code === undefined;
const infoLines = (diagnostics: readonly Diagnostic[]): number[] =>
  diagnostics.filter((item) => item.severity === 3 && !isNote(item)).map((item) => item.range.start.line);

/** Checks the 10 shown: the 4 errors and warnings, 5 information findings within `span` lines of `line`, and the note. */
function assertShownNear(diagnostics: readonly Diagnostic[], line: number, span: number, what: string): void {
  assert.equal(diagnostics.length, 10, `${what}: the limit`);
  assert.equal(diagnostics.filter((item) => item.severity === 1 || item.severity === 2).length, 4, `${what}: every error and warning`);
  const notes = diagnostics.filter(isNote);
  assert.equal(notes.length, 1, `${what}: one note`);
  assert.match(messageOf(notes[0]), /shows 9 of the 50 findings of this file here: the editor shows at most 10 problems per file/);
  assert.deepEqual(notes[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  const infos = infoLines(diagnostics);
  assert.equal(infos.length, 5, `${what}: five information findings`);
  assert.ok(infos.every((at) => Math.abs(at - line) <= span), `${what}: information findings near line ${line}, got lines ${infos.join(', ')}`);
}

describe('a client that shows a limited number of diagnostics per document', () => {
  it('is pushed the errors and warnings, the findings nearest to the last edit or to where the user looks, and a note', async () => {
    await withServer({}, { maxDiagnosticsPerDocument: 10 }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, TEXT);
      // Nothing edited or looked at yet: nearest to the top.
      assertShownNear(await client.waitForDiagnostics(uri, (list) => list.length > 0), 0, 20, 'after opening');

      // An edit in the description of schema S10: its neighbours are shown (its `name` is 2 lines below).
      const edited = lineOf('      description: Thing 10.');
      await client.changeRanges(uri, [{ range: { start: { line: edited, character: 26 }, end: { line: edited, character: 26 } }, text: 'x' }]);
      const afterEdit = await client.waitForDiagnostics(uri, (list) => infoLines(list).some((at) => at > edited));
      assertShownNear(afterEdit, edited, 15, 'after an edit');

      // The user scrolls to schema S30: no edit, and its neighbours are shown.
      const looked = lineOf('    S30:');
      await client.notify(FOCUS_NOTIFICATION, { uri, line: looked });
      const afterLook = await client.waitForDiagnostics(uri, (list) => infoLines(list).some((at) => at > looked));
      assertShownNear(afterLook, looked, 15, 'after scrolling');
      assert.equal(client.loggedErrors().length, 0);
    });
  });

  it('does not send the findings of an earlier version when the user looks elsewhere while an edit is analysed', async () => {
    await withServer({}, { maxDiagnosticsPerDocument: 10 }, async (client, workspace) => {
      // Large enough that the edit's analysis is still under way when the focus arrives.
      const text = specWithManyFindings(4000);
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, text);
      const looked = text.split('\n').indexOf('    S30:');
      await client.notify(FOCUS_NOTIFICATION, { uri, line: looked });
      const nameOfS30 = looked + 4;
      await client.waitForDiagnostics(uri, (list) => infoLines(list).includes(nameOfS30), 'the finding of S30 shown');
      // S30's string gets a maxLength (its finding goes), and at once the user looks a schema further.
      const typeLine = nameOfS30 + 1;
      await client.changeRanges(uri, [{ range: { start: { line: typeLine, character: 22 }, end: { line: typeLine, character: 22 } }, text: '\n          maxLength: 5' }]);
      await client.notify(FOCUS_NOTIFICATION, { uri, line: looked + 6 });
      const version = client.versionOf(uri);
      await client.waitForDiagnostics(uri, () => client.published.some((item) => item.uri === uri && item.version === version), 'the diagnostics of the edited version');
      for (const params of client.published.filter((item) => item.uri === uri && item.version === version)) {
        assert.ok(!infoLines(params.diagnostics).includes(nameOfS30), `no finding of S30 in the edited version: ${infoLines(params.diagnostics).join(', ')}`);
      }
    });
  });

  it('is answered the same way when it pulls, and asked to pull again when the user looks elsewhere', async () => {
    await withServer({}, { maxDiagnosticsPerDocument: 10, pullDiagnostics: true }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, TEXT);
      // The server answers a pull once the document is analysed.
      const first = (await client.pullDocument(uri)) as FullDocumentDiagnosticReport;
      assert.equal(first.kind, 'full');
      assertShownNear(first.items, 0, 20, 'the first pull');
      const refreshes = client.refreshRequests;
      const looked = lineOf('    S30:');
      await client.notify(FOCUS_NOTIFICATION, { uri, line: looked });
      await client.waitFor('a refresh request', () => client.refreshRequests > refreshes);
      const again = await client.pullDocument(uri, first.resultId);
      assert.equal(again.kind, 'full');
      assertShownNear((again as FullDocumentDiagnosticReport).items, looked, 15, 'the pull after scrolling');
    });
  });

  it('ignores a limit that is not an integer of at least 2, with a warning, and sends every diagnostic', async () => {
    await withServer({}, { maxDiagnosticsPerDocument: 1 }, async (client, workspace) => {
      const uri = workspace.uriOf('api.yaml');
      await client.open(uri, TEXT);
      const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
      assert.equal(diagnostics.length, 50);
      assert.ok(client.logs.some((entry) => entry.type === 2 && entry.message.includes('Ignoring maxDiagnosticsPerDocument 1')), client.transcript());
    });
  });
});
