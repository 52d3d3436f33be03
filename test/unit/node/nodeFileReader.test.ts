import assert from 'node:assert/strict';
import { appendFileSync, truncateSync, writeFileSync, type Stats } from 'node:fs';
import { after, describe, it } from 'node:test';
import { createNodeFileReader, decodeFileText, decodeFileTextSteps, readKnownSize, specialFileKind } from '../../../server/src/node/nodeFileReader';
import { pathToUri } from '../../../server/src/node/uri';
import { tempFolder } from './tempFolder';
import { drain } from '../helpers/drain';

describe('createNodeFileReader', () => {
  const folder = tempFolder({ 'a b/spec.yaml': 'openapi: 3.1.0\n', 'umlaut.yaml': 'title: Größe – “quoted” 😀\n' });
  after(() => folder.remove());
  const reader = createNodeFileReader();

  it('reads file URIs', () => {
    assert.equal(reader.read(pathToUri(folder.file('a b/spec.yaml'))), 'openapi: 3.1.0\n');
  });

  it('reads non-ASCII text as UTF-8', () => {
    assert.equal(reader.read(pathToUri(folder.file('umlaut.yaml'))), 'title: Größe – “quoted” 😀\n');
  });

  it('answers undefined for missing files, folders and non-file URIs', () => {
    assert.equal(reader.read(pathToUri(folder.file('missing.yaml'))), undefined);
    assert.equal(reader.read(pathToUri(folder.file('a b'))), undefined);
    assert.equal(reader.read('https://example.com/spec.yaml'), undefined);
    assert.equal(reader.read('not a uri'), undefined);
  });

  it('reads a file whole when its size changed after it was asked for', () => {
    const path = folder.file('a b/spec.yaml');
    // The size `stat` gave: the file's own, smaller than the file now (it grew), larger (it shrank); and an empty file.
    assert.equal(readKnownSize(path, 15).toString(), 'openapi: 3.1.0\n');
    assert.equal(readKnownSize(path, 4).toString(), 'openapi: 3.1.0\n');
    assert.equal(readKnownSize(path, 0).toString(), 'openapi: 3.1.0\n');
    assert.equal(readKnownSize(path, 400).toString(), 'openapi: 3.1.0\n');
    const empty = folder.file('empty.yaml');
    appendFileSync(empty, '');
    assert.equal(readKnownSize(empty, 0).length, 0);
    assert.equal(reader.read(pathToUri(empty)), '');
  });

  it('reads files one after another through the buffer it keeps, each to its own end', () => {
    const files: [string, string][] = [
      ['long.yaml', 'a'.repeat(5000) + '\n'],
      ['short.yaml', 'b: 1\n'],
      ['larger than the buffer.yaml', 'c'.repeat(1_048_576 + 10)],
      ['exactly the buffer.yaml', 'd'.repeat(1_048_576)],
      ['one byte less.yaml', 'e'.repeat(1_048_575)],
      ['umlaut again.yaml', 'ä: ö\n'],
      ['tiny.yaml', 'x'],
    ];
    for (const [name, text] of files) writeFileSync(folder.file(name), text);
    const fresh = createNodeFileReader();
    for (let round = 0; round < 2; round++) {
      for (const [name, text] of round === 0 ? files : [...files].reverse()) assert.equal(fresh.read(pathToUri(folder.file(name))), text, name);
    }
  });

  it('reads into a buffer it is given when the file fits, and into one of its own when not', () => {
    const path = folder.file('a b/spec.yaml');
    const into = Buffer.alloc(64, 0x7a);
    const bytes = readKnownSize(path, 15, into);
    assert.equal(bytes.toString(), 'openapi: 3.1.0\n');
    assert.equal(bytes.buffer, into.buffer);
    const small = Buffer.alloc(15);
    const own = readKnownSize(path, 15, small);
    assert.equal(own.toString(), 'openapi: 3.1.0\n');
    assert.notEqual(own.buffer, small.buffer);
    // A file that grew past the size given is read whole, into a buffer of its own.
    assert.equal(readKnownSize(path, 4, into).toString(), 'openapi: 3.1.0\n');
  });

  it('tells onError of a path that exists and cannot be read, and not of a missing file', () => {
    const errors: [string, string | undefined][] = [];
    const reporting = createNodeFileReader((uri, error) => errors.push([uri, error.code]));
    assert.equal(reporting.read(pathToUri(folder.file('missing.yaml'))), undefined);
    assert.equal(reporting.read(pathToUri(folder.file('a b'))), undefined);
    assert.equal(reporting.read(pathToUri(folder.file('umlaut.yaml'))), 'title: Größe – “quoted” 😀\n');
    assert.deepEqual(errors, [[pathToUri(folder.file('a b')), 'EISDIR']]);
  });

  it('does not read a device, and says why', { skip: process.platform === 'win32' ? 'no /dev/null on Windows' : false }, () => {
    const errors: [string, string][] = [];
    const reporting = createNodeFileReader((uri, error) => errors.push([uri, error.message]));
    // /dev/null would read as empty text; /dev/zero, which never ends, is the same kind of file.
    // (A named pipe is tried in a process of its own, in the CLI's tests: reading one here would
    // hang the test run if this check were lost.)
    assert.equal(reporting.read(pathToUri('/dev/null')), undefined);
    assert.deepEqual(errors, [[pathToUri('/dev/null'), 'a device, not a regular file']]);
  });

  it('tells a named pipe, a device and a socket from files and folders', () => {
    const kinds = { isFIFO: false, isCharacterDevice: false, isBlockDevice: false, isSocket: false, isFile: false, isDirectory: false };
    const stats = (kind: keyof typeof kinds) => Object.fromEntries(Object.keys(kinds).map((name) => [name, () => name === kind])) as unknown as Stats;
    assert.equal(specialFileKind(stats('isFIFO')), 'named pipe');
    assert.equal(specialFileKind(stats('isCharacterDevice')), 'device');
    assert.equal(specialFileKind(stats('isBlockDevice')), 'device');
    assert.equal(specialFileKind(stats('isSocket')), 'socket');
    assert.equal(specialFileKind(stats('isFile')), undefined);
    assert.equal(specialFileKind(stats('isDirectory')), undefined);
  });
});

describe('decodeFileText', () => {
  it('decodes bytes exactly as a UTF-8 read does, ASCII or not', () => {
    const samples = [
      Buffer.from('openapi: 3.1.0\npaths: {}\n'),
      Buffer.from('\ufeff{"openapi": "3.0.0"}'),
      Buffer.from('description: café, naïve – “quotes” and 😀\n'),
      Buffer.from([0x61, 0xff, 0xfe, 0x62, 0xc3]),
      Buffer.from([0x7f, 0x00, 0x0a, 0x0d, 0x09]),
      Buffer.alloc(0),
    ];
    for (const bytes of samples) assert.equal(decodeFileText(bytes), bytes.toString('utf8'));
  });
});

describe('decodeFileTextSteps and readSteps (a large file read in slices)', () => {
  it('decodes a quarter of a megabyte at a time into the string decodeFileText gives, characters split between parts included', () => {
    const ascii = Buffer.from('a: b\n'.repeat(500_000));
    // Multi-byte characters at every offset around the part boundaries.
    const mixed = Buffer.from(Array.from({ length: 300_000 }, (_, index) => ['x', 'é', '“', '😀', 'ab'][index % 5]).join('').repeat(3));
    for (const bytes of [ascii, mixed, Buffer.from('\uFEFF{"a": "Größe"}'), Buffer.alloc(0)]) {
      const { value, yields } = drain(decodeFileTextSteps(bytes));
      assert.equal(value, decodeFileText(bytes));
      assert.equal(value, bytes.toString('utf8'));
      assert.equal(yields, bytes.length > 262_144 ? Math.ceil(bytes.length / 262_144) : 0);
    }
  });

  it('readSteps reads what read reads, and answers undefined with the same report for what it cannot read', () => {
    const big = `title: ${'Größe '.repeat(400_000)}\n`;
    const folder = tempFolder({ 'big.yaml': big, 'small.yaml': 'a: 1\n' });
    try {
      const errors: string[] = [];
      const reader = createNodeFileReader((uri, error) => errors.push(`${uri} ${error.code ?? error.message}`));
      const large = drain(reader.readSteps!(pathToUri(folder.file('big.yaml'))));
      assert.equal(large.value, big);
      assert.ok(large.yields > 2, `a large file takes several steps (${large.yields})`);
      assert.deepEqual(drain(reader.readSteps!(pathToUri(folder.file('small.yaml')))), { value: 'a: 1\n', yields: 0 });
      assert.equal(drain(reader.readSteps!(pathToUri(folder.file('missing.yaml')))).value, undefined);
      assert.equal(drain(reader.readSteps!(pathToUri(folder.file('.')))).value, undefined);
      assert.deepEqual(errors, [`${pathToUri(folder.file('.'))} EISDIR`]);
    } finally {
      folder.remove();
    }
  });

  it('reads a large file a quarter of a megabyte per step, to where it ends when it grows or shrinks meanwhile', () => {
    const megabyte = 1_048_576;
    const text = 'a: b\n'.repeat(Math.ceil((2.5 * megabyte) / 5));
    const folder = tempFolder({ 'big.yaml': text, 'grows.yaml': text, 'shrinks.yaml': text });
    try {
      const reader = createNodeFileReader();
      // 10 parts read and 10 decoded.
      const read = drain(reader.readSteps!(pathToUri(folder.file('big.yaml'))));
      assert.equal(read.value, text);
      assert.equal(read.yields, 20);
      // Changed after the first part was read, before the rest.
      const grows = reader.readSteps!(pathToUri(folder.file('grows.yaml')));
      assert.equal(grows.next().done, false);
      const tail = 'c: d\n'.repeat(300_000);
      appendFileSync(folder.file('grows.yaml'), tail);
      assert.equal(drain(grows).value, text + tail);
      const shrinks = reader.readSteps!(pathToUri(folder.file('shrinks.yaml')));
      assert.equal(shrinks.next().done, false);
      truncateSync(folder.file('shrinks.yaml'), 1.5 * megabyte);
      assert.equal(drain(shrinks).value, text.slice(0, 1.5 * megabyte));
    } finally {
      folder.remove();
    }
  });
});
