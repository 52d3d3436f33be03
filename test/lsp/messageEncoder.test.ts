/**
 * `DiagnosticsCachingEncoder` writes what `JSON.stringify` writes, with every character outside
 * ASCII escaped, for every message the server sends, and keeps the bytes of a diagnostic sent
 * again (the publisher's reused objects).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, Message } from 'vscode-languageserver/node';
import { asciiJson, DiagnosticsCachingEncoder, keepEncoding } from '../../server/src/lsp/messageEncoder';

function diagnostic(line: number, message = `Operation on line ${line} has no security → add one…`): Diagnostic {
  return {
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    severity: 1,
    code: 'auth-missing',
    source: 'API Guard',
    message,
    data: { fingerprint: `f${line}`, fix: line % 2 === 0 ? undefined : { name: 'bearer', quote: '"\\\u2028' } },
  };
}

function publish(uri: string, diagnostics: unknown[], version?: number): Message {
  const params = version === undefined ? { uri, diagnostics } : { uri, version, diagnostics };
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params } as Message;
}

/** The bytes are ASCII, the text is `JSON.stringify`'s with its other characters escaped, and it reads back as that text does. */
function assertSameAsStringify(encoder: DiagnosticsCachingEncoder, message: Message): void {
  const bytes = encoder.encodeSync(message);
  assert.ok(bytes.every((byte) => byte < 0x80), 'every byte is ASCII');
  const text = bytes.toString('utf8');
  assert.equal(text, asciiJson(JSON.stringify(message)));
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(message)));
}

describe('DiagnosticsCachingEncoder', () => {
  it('writes every kind of message as JSON.stringify does, in ASCII', () => {
    const encoder = new DiagnosticsCachingEncoder();
    const items = [diagnostic(1), diagnostic(2), diagnostic(3, 'Ünïcödé 😀 "quoted"')];
    const messages: unknown[] = [
      publish('file:///a.yaml', items, 4),
      publish('file:///a.yaml', items),
      publish('file:///empty.yaml', []),
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x', diagnostics: [null, 3, 'text', undefined, items[0]], extra: undefined, fn: () => 1 } },
      { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: '12', items } },
      { jsonrpc: '2.0', id: 8, result: { kind: 'unchanged', resultId: '12' } },
      {
        jsonrpc: '2.0',
        id: 9,
        result: {
          items: [
            { kind: 'full', uri: 'file:///a.yaml', version: 3, resultId: '1', items },
            { kind: 'unchanged', uri: 'file:///b.yaml', version: null, resultId: '2' },
            { kind: 'full', uri: 'file:///c.yaml', version: null, resultId: '3', items: [] },
          ],
        },
      },
      { jsonrpc: '2.0', id: 10, result: [{ title: 'Add security', kind: 'quickfix', diagnostics: items }] },
      { jsonrpc: '2.0', id: 11, result: null },
      { jsonrpc: '2.0', id: 12, error: { code: -32603, message: 'failed' } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'hello ✓' } },
      { jsonrpc: '2.0', id: 13, result: { kind: 'full', items, toJSON: () => ({ replaced: true }) } },
    ];
    // Three rounds: the first marks the diagnostics, the second keeps their bytes, the third uses them.
    for (let round = 0; round < 3; round++) for (const message of messages) assertSameAsStringify(encoder, message as Message);
  });

  it('keeps the bytes of a diagnostic sent twice and reuses them for the same object', () => {
    const encoder = new DiagnosticsCachingEncoder();
    const kept = diagnostic(5);
    encoder.encodeSync(publish('file:///a.yaml', [kept]));
    encoder.encodeSync(publish('file:///a.yaml', [kept]));
    // The object is never modified once sent; were it, the kept bytes would show the old message.
    // That is what makes reusing them observable here.
    (kept as { message: string }).message = 'changed';
    const third = encoder.encodeSync(publish('file:///a.yaml', [kept, diagnostic(6)])).toString('utf8');
    assert.match(third, /Operation on line 5 has no security/);
    assert.doesNotMatch(third, /"changed"/);
    assert.deepEqual(JSON.parse(third).params.diagnostics[1], JSON.parse(JSON.stringify(diagnostic(6))));
  });

  it('keeps the bytes of a diagnostic marked as sent again from its first sending', () => {
    const encoder = new DiagnosticsCachingEncoder();
    const marked = diagnostic(7);
    keepEncoding(marked);
    const first = encoder.encodeSync(publish('file:///a.yaml', [marked])).toString('utf8');
    assert.equal(first, asciiJson(JSON.stringify(publish('file:///a.yaml', [marked]))));
    (marked as { message: string }).message = 'changed';
    assert.doesNotMatch(encoder.encodeSync(publish('file:///a.yaml', [marked])).toString('utf8'), /"changed"/);
  });

  it('does not keep the bytes of a diagnostic sent only once', () => {
    const encoder = new DiagnosticsCachingEncoder();
    const once = diagnostic(5);
    encoder.encodeSync(publish('file:///a.yaml', [once]));
    (once as { message: string }).message = 'changed';
    assert.match(encoder.encodeSync(publish('file:///a.yaml', [once])).toString('utf8'), /"message":"changed"/);
  });

  it('matches JSON.stringify over random mixes of kept and new diagnostics', () => {
    const encoder = new DiagnosticsCachingEncoder();
    let pool = Array.from({ length: 40 }, (_, index) => diagnostic(index));
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 30; round++) {
      pool = pool.map((item, index) => (next() < 0.2 ? diagnostic(index + round * 100, `ä${round} ${'x'.repeat(index % 5)}`) : item));
      const sent = pool.filter(() => next() < 0.8);
      assertSameAsStringify(encoder, publish('file:///a.yaml', sent, round));
      assertSameAsStringify(encoder, { jsonrpc: '2.0', id: round, result: { kind: 'full', resultId: String(round), items: sent } } as Message);
    }
  });

  it('encodes in the charset asked for when it is not UTF-8 (ASCII), losing no character', async () => {
    const encoder = new DiagnosticsCachingEncoder();
    const message = publish('file:///a.yaml', [diagnostic(1)]);
    const bytes = Buffer.from(await encoder.encode(message, { charset: 'ascii' }));
    assert.deepEqual(bytes, Buffer.from(asciiJson(JSON.stringify(message)), 'ascii'));
    assert.deepEqual(JSON.parse(bytes.toString('ascii')), JSON.parse(JSON.stringify(message)));
  });

  it('asciiJson writes any string in ASCII that JSON reads back as the same string', () => {
    let seed = 11;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = [0x41, 0x22, 0x5c, 0x0a, 0x1f, 0x7f, 0x80, 0xe9, 0x2028, 0x2192, 0x2026, 0xd83d, 0xde00, 0xfeff, 0xffff];
    for (let round = 0; round < 500; round++) {
      // Random code units: characters that need escaping, lone and paired surrogates.
      const text = String.fromCharCode(...Array.from({ length: 1 + Math.floor(next() * 12) }, () => (next() < 0.5 ? pick[Math.floor(next() * pick.length)] : Math.floor(next() * 0x10000))));
      const json = asciiJson(JSON.stringify({ [text]: [text, { text }] }));
      assert.match(json, /^[\x00-\x7f]*$/);
      assert.deepEqual(JSON.parse(json), { [text]: [text, { text }] });
    }
    assert.equal(asciiJson('{"a":"plain"}'), '{"a":"plain"}');
    assert.equal(asciiJson('"→ 😀"'), '"\\u2192 \\ud83d\\ude00"');
  });

  it('encodes a diagnostics array ahead in steps into the bytes encodeSync writes, for that message only', () => {
    const encoder = new DiagnosticsCachingEncoder();
    const kept = diagnostic(5000);
    keepEncoding(kept);
    encoder.encodeSync(publish('file:///k.yaml', [kept]));
    const items = [...Array.from({ length: 700 }, (_, index) => diagnostic(index, index % 7 === 0 ? `Ünïcödé ${index} 😀` : undefined)), kept, null, 'text'];
    const steps = encoder.preEncodeSteps(items);
    let yields = 0;
    while (steps.next().done !== true) yields++;
    assert.equal(yields, 2, 'one step per 256 diagnostics');
    const message = publish('file:///big.yaml', items, 3);
    assertSameAsStringify(encoder, message);
    // The bytes were for one message: another one of the same array is encoded again, the same way.
    assertSameAsStringify(encoder, { jsonrpc: '2.0', id: 1, result: { kind: 'full', resultId: '1', items } } as Message);
    assertSameAsStringify(encoder, message);
  });
});

