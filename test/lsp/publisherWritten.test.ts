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
import { DiagnosticsCachingEncoder } from '../../server/src/lsp/messageEncoder';
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

describe('DiagnosticsPublisher with an encoder that encodes ahead', () => {
  it('encodes a large message ahead over several turns of the event loop, and sends every notification in order', async () => {
    const { connection, sent, writeOne } = fakeConnection();
    const messages: unknown[] = [];
    const encoder = new DiagnosticsCachingEncoder();
    const steps: number[] = [];
    const preEncoder = {
      *preEncodeSteps(diagnostics: readonly unknown[]): Generator<void, void, void> {
        messages.push(diagnostics);
        const inner = encoder.preEncodeSteps(diagnostics);
        // Each step here takes some milliseconds, as a large message's do, so that the publisher's
        // time budget per turn of the event loop is used up.
        for (let next = inner.next(); next.done !== true; next = inner.next()) {
          const until = Date.now() + 3;
          while (Date.now() < until);
          steps.push(Date.now());
          yield;
        }
      },
    };
    const publisher = new DiagnosticsPublisher(connection, pushFeatures, { error: () => {} } as unknown as Logger, (uri) => (uri === 'file:///open.yaml' ? 1 : undefined), preEncoder);
    const many = (uri: string): Finding[] => Array.from({ length: 3000 }, (_, line) => finding(uri, line));
    publisher.set('file:///small.yaml', [finding('file:///small.yaml', 1)]);
    publisher.set('file:///big.yaml', many('file:///big.yaml'));
    publisher.set('file:///after.yaml', [finding('file:///after.yaml', 2)]);
    publisher.set('file:///open.yaml', many('file:///open.yaml'));
    assert.deepEqual(sent, ['file:///small.yaml'], 'the large message and those after it wait for its encoding');
    let turns = 0;
    while (sent.length < 4 && turns < 1000) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    assert.deepEqual(sent, ['file:///small.yaml', 'file:///big.yaml', 'file:///after.yaml', 'file:///open.yaml'], 'in order');
    assert.ok(turns >= 2, `the encoding took several turns (${turns})`);
    assert.equal(messages.length, 1, 'only the large message of a document that is not open is encoded ahead');
    assert.equal(steps.length, 11, 'one step per 256 of its 3,000 diagnostics');
    let written = false;
    const waiting = publisher.whenWritten().then(() => (written = true));
    for (let index = 0; index < 3; index++) writeOne();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written, false);
    writeOne();
    await waiting;
  });

  it('waits for the encoding ahead in whenWritten', async () => {
    const { connection, sent, writeOne } = fakeConnection();
    const publisher = new DiagnosticsPublisher(connection, pushFeatures, { error: () => {} } as unknown as Logger, () => undefined, new DiagnosticsCachingEncoder());
    publisher.set('file:///big.yaml', Array.from({ length: 5000 }, (_, line) => finding('file:///big.yaml', line)));
    let written = false;
    const waiting = publisher.whenWritten().then(() => (written = true));
    while (sent.length === 0) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written, false, 'sent, not written yet');
    writeOne();
    await waiting;
    assert.equal(written, true);
  });
});

