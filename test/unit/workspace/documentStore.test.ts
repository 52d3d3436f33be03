import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from '../../../server/src/core/model/parseDocument';
import { PieceText } from '../../../server/src/core/model/textSource';
import { DocumentStore, type FileReader } from '../../../server/src/core/workspace/documentStore';

const URI = 'file:///ws/api.json';
const TEXT = JSON.stringify({ openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: Object.fromEntries(Array.from({ length: 3000 }, (_, index) => [`/p${index}`, { get: { responses: { '200': { description: 'OK' } } } }])) });

/** A reader over one file whose `readSteps` yields twice before it answers. */
function readerOf(files: Map<string, string>): FileReader & { reads: number } {
  return {
    reads: 0,
    read(uri) {
      this.reads++;
      return files.get(uri);
    },
    *readSteps(uri) {
      yield;
      yield;
      return files.get(uri);
    },
  };
}

/** Runs `getSteps`, calling `between` at its first yield. */
function getInSteps(store: DocumentStore, uri: string, between?: () => void): ReturnType<DocumentStore['get']> {
  const steps = store.getSteps(uri);
  let first = true;
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    if (first) between?.();
    first = false;
  }
}

describe('DocumentStore.getSteps (a file read and parsed in slices)', () => {
  it('reads and parses in steps, keeps the document, and gives what get would', () => {
    const reader = readerOf(new Map([[URI, TEXT]]));
    const store = new DocumentStore(reader);
    const steps = store.getSteps(URI);
    let yields = 0;
    let next = steps.next();
    for (; next.done !== true; next = steps.next()) yields++;
    const document = next.value!;
    assert.ok(TEXT.length > 150_000 && yields >= 4, `the reader's two steps and the parse's (${yields})`);
    assert.equal(store.peek(URI), document, 'kept');
    assert.equal(store.get(URI), document);
    assert.equal(getInSteps(store, URI), document, 'asked again: the kept document, without reading');
    assert.equal(reader.reads, 0);
    const whole = parseDocument(URI, TEXT, 0, { maxFileSizeBytes: store.maxFileSizeBytes });
    // `parseDocument` finds the line starts on first use, the stepped parse as it goes.
    assert.equal(whole.lines.lineCount, document.lines.lineCount);
    assert.ok(isDeepStrictEqual({ ...document, version: 0 }, { ...whole }));
  });

  it('answers undefined for a file it cannot read, and reads with read where the reader has no readSteps', () => {
    const files = new Map([[URI, TEXT]]);
    assert.equal(getInSteps(new DocumentStore(readerOf(files)), 'file:///ws/missing.json'), undefined);
    const plain = { reads: 0, read: (uri: string) => (plain.reads++, files.get(uri)) };
    const store = new DocumentStore(plain);
    const document = getInSteps(store, URI);
    assert.equal(plain.reads, 1);
    assert.equal(store.peek(URI), document);
  });

  it('does not keep what it read when the file changed on disk meanwhile: the next get reads it again', () => {
    const files = new Map([[URI, TEXT]]);
    const reader = readerOf(files);
    const store = new DocumentStore(reader);
    const stale = getInSteps(store, URI, () => {
      files.set(URI, '{"openapi": "3.1.0"}');
      store.invalidate(URI);
    });
    assert.ok(stale !== undefined && stale.root !== undefined, 'the caller gets what was read');
    assert.equal(store.peek(URI), undefined, 'but it is not kept');
    assert.equal(store.get(URI)?.text, '{"openapi": "3.1.0"}');
  });

  it('keeps what it read when only other files changed meanwhile (typing in another buffer)', () => {
    const store = new DocumentStore(readerOf(new Map([[URI, TEXT]])));
    const got = getInSteps(store, URI, () => {
      store.setOpen('file:///ws/other.yaml', 'a: 1', 1);
      store.invalidate('file:///ws/third.yaml');
      store.close('file:///ws/other.yaml');
    });
    assert.equal(store.peek(URI), got);
  });

  it('does not keep a read given up half-way, nor mind it afterwards', () => {
    const store = new DocumentStore(readerOf(new Map([[URI, TEXT]])));
    const steps = store.getSteps(URI);
    steps.next();
    steps.return(undefined);
    assert.equal(store.peek(URI), undefined);
    const document = getInSteps(store, URI);
    assert.equal(store.peek(URI), document);
  });

  it('does not keep either of two reads of one file when it changed during both', () => {
    const files = new Map([[URI, TEXT]]);
    const store = new DocumentStore(readerOf(files));
    const first = store.getSteps(URI);
    const second = store.getSteps(URI);
    first.next();
    second.next();
    store.invalidate(URI);
    for (let next = first.next(); next.done !== true; next = first.next());
    for (let next = second.next(); next.done !== true; next = second.next());
    assert.equal(store.peek(URI), undefined);
  });

  it('gives the editor\'s buffer when the file was opened meanwhile', () => {
    const store = new DocumentStore(readerOf(new Map([[URI, TEXT]])));
    let open: ReturnType<DocumentStore['get']>;
    const got = getInSteps(store, URI, () => {
      open = store.setOpen(URI, '{"openapi": "3.0.3"}', 4);
    });
    assert.equal(got, open!);
    assert.equal(store.peek(URI), open!);
    assert.equal(store.isOpen(URI), true);
  });

  it('does not keep what it read when the size limit changed meanwhile', () => {
    const store = new DocumentStore(readerOf(new Map([[URI, TEXT]])));
    getInSteps(store, URI, () => {
      store.maxFileSizeBytes = 1000;
      store.invalidateAll();
    });
    assert.equal(store.peek(URI), undefined);
    assert.match(store.get(URI)?.skippedReason ?? '', /over the limit/);
  });

  it('changes its change count whenever a document is added, replaced or dropped, and only then', () => {
    const files = new Map([[URI, '{"openapi": "3.0.3"}']]);
    const store = new DocumentStore(readerOf(files));
    const count = (): number => store.changeCount;
    let before = count();
    const expectChange = (label: string, change: () => unknown, changes: boolean): void => {
      change();
      assert.equal(count() !== before, changes, label);
      before = count();
    };
    expectChange('peek of an unknown file', () => store.peek(URI), false);
    expectChange('get reads a new file', () => store.get(URI), true);
    expectChange('get of a kept file', () => store.get(URI), false);
    expectChange('open', () => store.setOpen(URI, '{"openapi": "3.1.0"}', 1), true);
    expectChange('the same version and text again', () => store.setOpen(URI, '{"openapi": "3.1.0"}', 1), false);
    expectChange('a new version', () => store.setOpen(URI, '{"openapi": "3.1.1"}', 2), true);
    expectChange('invalidate of an open file', () => store.invalidate(URI), false);
    expectChange('close', () => store.close(URI), true);
    expectChange('close of a closed file', () => store.close(URI), false);
    expectChange('getSteps reads it again', () => getInSteps(store, URI), true);
    expectChange('invalidate on disk', () => store.invalidate(URI), true);
    expectChange('get after invalidate', () => store.get(URI), true);
    expectChange('invalidateAll', () => store.invalidateAll(), true);
  });
});

describe('DocumentStore.setOpen', () => {
  it('keeps an editor buffer as the source of a version it parses whole, and of the versions patched from it', () => {
    const store = new DocumentStore({ read: () => undefined });
    const opened = PieceText.of('openapi: 3.0.3\ninfo:\n  title: T\n  version: "1"\npaths: {}\n');
    const first = store.setOpen('file:///ws/api.yaml', opened, 1);
    // The per-keystroke checks ask the buffer, whose answers the next version takes over.
    assert.equal(first.source, opened);
    assert.equal(first.text, opened.toString());
    // The same buffer and version again: the same document.
    assert.equal(store.setOpen('file:///ws/api.yaml', opened, 1), first);
    const typed = opened.edited(31, 31, 'x');
    const second = store.setOpen('file:///ws/api.yaml', typed, 2, { fromVersion: 1, changes: [{ range: { start: { line: 2, character: 10 }, end: { line: 2, character: 10 } }, text: 'x' }] });
    assert.equal(second.source, typed);
    assert.equal(second.text, 'openapi: 3.0.3\ninfo:\n  title: Tx\n  version: "1"\npaths: {}\n');
    assert.notEqual(second.patch, undefined);
  });
});
