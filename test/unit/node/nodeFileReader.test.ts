import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createNodeFileReader, decodeFileText } from '../../../server/src/node/nodeFileReader';
import { pathToUri } from '../../../server/src/node/uri';
import { tempFolder } from './tempFolder';

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

  it('tells onError of a path that exists and cannot be read, and not of a missing file', () => {
    const errors: [string, string | undefined][] = [];
    const reporting = createNodeFileReader((uri, error) => errors.push([uri, error.code]));
    assert.equal(reporting.read(pathToUri(folder.file('missing.yaml'))), undefined);
    assert.equal(reporting.read(pathToUri(folder.file('a b'))), undefined);
    assert.equal(reporting.read(pathToUri(folder.file('umlaut.yaml'))), 'title: Größe – “quoted” 😀\n');
    assert.deepEqual(errors, [[pathToUri(folder.file('a b')), 'EISDIR']]);
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
