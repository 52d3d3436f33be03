import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createNodeFileReader } from '../../../server/src/node/nodeFileReader';
import { pathToUri } from '../../../server/src/node/uri';
import { tempFolder } from './tempFolder';

describe('createNodeFileReader', () => {
  const folder = tempFolder({ 'a b/spec.yaml': 'openapi: 3.1.0\n' });
  after(() => folder.remove());
  const reader = createNodeFileReader();

  it('reads file URIs', () => {
    assert.equal(reader.read(pathToUri(folder.file('a b/spec.yaml'))), 'openapi: 3.1.0\n');
  });

  it('answers undefined for missing files, folders and non-file URIs', () => {
    assert.equal(reader.read(pathToUri(folder.file('missing.yaml'))), undefined);
    assert.equal(reader.read(pathToUri(folder.file('a b'))), undefined);
    assert.equal(reader.read('https://example.com/spec.yaml'), undefined);
    assert.equal(reader.read('not a uri'), undefined);
  });
});
