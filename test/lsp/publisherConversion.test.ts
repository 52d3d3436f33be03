/**
 * `DiagnosticsPublisher.set` converts each finding once: the engine hands out an unchanged finding
 * as the same object, and its diagnostic is taken again, until the client's features change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../../server/src/core/engine/finding';
import type { ClientFeatures } from '../../server/src/lsp/clientCapabilities';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnosticsPublisher';
import type { Logger } from '../../server/src/lsp/logger';

const URI = 'file:///api.yaml';

function finding(line: number, message = `finding on line ${line}`): Finding {
  return { ruleId: 'doc-info', severity: 'warning', message, uri: URI, range: { start: { line, character: 0 }, end: { line, character: 4 } }, fingerprint: `f${line}` };
}

describe('DiagnosticsPublisher.set', () => {
  it('converts a finding it has seen once, and again when the client features change', () => {
    const sent: Diagnostic[][] = [];
    const connection = {
      sendDiagnostics: (params: { diagnostics: Diagnostic[] }) => {
        sent.push(params.diagnostics);
        return Promise.resolve();
      },
    } as unknown as Connection;
    const features = { pullDiagnostics: false, relatedInformation: true, codeDescription: false } as ClientFeatures;
    // An open document (it has a version): its findings come back as the same objects.
    const publisher = new DiagnosticsPublisher(connection, () => features, { error: () => {} } as unknown as Logger, () => 4);
    const kept = finding(1);
    publisher.set(URI, [kept, finding(2)]);
    assert.equal(sent.length, 1);
    publisher.set(URI, [kept, finding(2, 'changed')]);
    assert.equal(sent.length, 2, 'a changed finding is sent');
    assert.equal(sent[1][0], sent[0][0], 'the unchanged finding keeps its diagnostic');
    assert.equal(sent[1][1].message, 'changed');
    publisher.set(URI, [kept, finding(2, 'changed')]);
    assert.equal(sent.length, 2, 'equal findings are not sent again');
    features.codeDescription = true;
    publisher.set(URI, [kept, finding(2, 'changed')]);
    assert.equal(sent.length, 3, 'the same findings are sent again once the client shows rule links');
    assert.ok(sent[2].every((diagnostic) => diagnostic.codeDescription?.href.endsWith('/doc-info.md')), 'every diagnostic links its rule');
  });
});
