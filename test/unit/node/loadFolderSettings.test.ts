import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { ConfigFileUnreadableError, loadFolderSettings } from '../../../server/src/node/loadFolderSettings';
import { pathToUri } from '../../../server/src/node/uri';
import { tempFolder } from './tempFolder';

describe('loadFolderSettings', () => {
  const withYaml = tempFolder({ '.api-guard.yaml': 'maxFileSizeMB: 9\nrules:\n  file-too-large: hint\n  ignore-reason-missing: off\n' });
  const withJson = tempFolder({ '.api-guard.json': '{ "maxFileSizeMB": 3 }' });
  const withBadFile = tempFolder({ '.api-guard.yml': 'maxFileSizeMB: huge\nexclude: ["gen/**"]\n', 'other.yaml': 'maxFileSizeMB: 77\n' });
  const empty = tempFolder({});
  after(() => [withYaml, withJson, withBadFile, empty].forEach((folder) => folder.remove()));

  it('uses the defaults when the folder has no configuration file', () => {
    assert.deepEqual(loadFolderSettings(empty.path), { settings: defaultSettings(), problems: [] });
  });

  it('reads .api-guard.yaml and lets the editor layer win', () => {
    const result = loadFolderSettings(withYaml.path, { rules: { 'file-too-large': 'error' } });
    assert.equal(result.configUri, pathToUri(withYaml.file('.api-guard.yaml')));
    assert.equal(result.settings.maxFileSizeMB, 9);
    assert.deepEqual(result.settings.rules, { 'file-too-large': 'error', 'ignore-reason-missing': 'off' });
    assert.deepEqual(result.problems, []);
  });

  it('finds the .json and .yml spellings', () => {
    assert.equal(loadFolderSettings(withJson.path).settings.maxFileSizeMB, 3);
    assert.equal(loadFolderSettings(withBadFile.path).configUri, pathToUri(withBadFile.file('.api-guard.yml')));
  });

  it('returns the problems with the text, and applies the valid part', () => {
    const result = loadFolderSettings(withBadFile.path);
    assert.equal(result.problems.length, 1);
    assert.equal(result.configText?.slice(result.problems[0].start, result.problems[0].end), 'huge');
    assert.equal(result.settings.maxFileSizeMB, defaultSettings().maxFileSizeMB);
    assert.deepEqual(result.settings.exclude, ['gen/**']);
  });

  it('reads an explicitly named file instead of the folder file', () => {
    const result = loadFolderSettings(withBadFile.path, {}, withBadFile.file('other.yaml'));
    assert.equal(result.settings.maxFileSizeMB, 77);
    assert.equal(result.configUri, pathToUri(withBadFile.file('other.yaml')));
  });

  it('throws a clear error for an explicitly named file that cannot be read', () => {
    assert.throws(() => loadFolderSettings(empty.path, {}, empty.file('nope.yaml')), (error: unknown) => {
      assert.ok(error instanceof ConfigFileUnreadableError);
      assert.match(error.message, /Cannot read the configuration file .*nope\.yaml: ENOENT/);
      return true;
    });
  });
});
