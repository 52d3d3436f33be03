/**
 * `DiagnosticsPublisher.whenWritten`: the scan waits for it between slices, so that pushed
 * diagnostics (and the answers to requests queued behind them) are written before the next slice
 * of analysis rather than one per turn of the event loop.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import type { Finding } from '../../server/src/core/engine/finding';
import type { ClientFeatures } from '../../server/src/lsp/clientCapabilities';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnosticsPublisher';
import type { Logger } from '../../server/src/lsp/logger';

function finding(uri: string, line: number): Finding {
  return { ruleId: 'doc-info', severity: 'warning', message: `finding on line ${line}`, uri, range: { start: { line, character: 0 }, end: { line, character: 4 } }, fingerprint: `f${line}` };
}

/** A connection whose notifications are written when the test says so. */
function fakeConnection(): { connection: Connection; sent: string[]; writeOne(): void; failOne(): void } {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const sent: string[] = [];
  const connection = {
    sendDiagnostics: (params: { uri: string }) => {
      sent.push(params.uri);
      return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
    },
  } as unknown as Connection;
  return { connection, sent, writeOne: () => pending.shift()!.resolve(), failOne: () => pending.shift()!.reject(new Error('pipe closed')) };
}

const pushFeatures = (): ClientFeatures => ({ pullDiagnostics: false, relatedInformation: true, codeDescription: false }) as ClientFeatures;

describe('DiagnosticsPublisher.whenWritten', () => {
  it('resolves at once when nothing is being written', async () => {
    const { connection } = fakeConnection();
    const publisher = new DiagnosticsPublisher(connection, pushFeatures, { error: () => {} } as unknown as Logger, () => undefined);
    await publisher.whenWritten();
  });

  it('resolves only once every pushed notification has been written, a failed one included', async () => {
    const { connection, sent, writeOne, failOne } = fakeConnection();
    const errors: string[] = [];
    const publisher = new DiagnosticsPublisher(connection, pushFeatures, { error: (message: string) => errors.push(message) } as unknown as Logger, () => undefined);
    publisher.set('file:///a.yaml', [finding('file:///a.yaml', 1)]);
    publisher.set('file:///b.yaml', [finding('file:///b.yaml', 2)]);
    publisher.set('file:///c.yaml', [finding('file:///c.yaml', 3)]);
    assert.deepEqual(sent, ['file:///a.yaml', 'file:///b.yaml', 'file:///c.yaml']);
    let written = false;
    const waiting = publisher.whenWritten().then(() => (written = true));
    writeOne();
    failOne();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written, false, 'one notification is still being written');
    writeOne();
    await waiting;
    assert.equal(written, true);
    assert.equal(errors.length, 1, 'the failed write is logged');
    // Unchanged diagnostics are not sent again, so there is nothing to wait for.
    publisher.set('file:///a.yaml', [finding('file:///a.yaml', 1)]);
    assert.equal(sent.length, 3);
    await publisher.whenWritten();
  });
});
