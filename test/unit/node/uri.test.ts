import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalFileUri, pathToUri, uriToPath } from '../../../server/src/node/uri';

describe('pathToUri / uriToPath', () => {
  it('encodes like VS Code on POSIX paths', () => {
    assert.equal(pathToUri('/home/a b/x.yaml', 'linux'), 'file:///home/a%20b/x.yaml');
    assert.equal(pathToUri('/srv/api@2 (old)/c++/ä#1.yaml', 'linux'), 'file:///srv/api%402%20%28old%29/c%2B%2B/%C3%A4%231.yaml');
  });

  it('lowercases and encodes Windows drive letters, and keeps UNC hosts', () => {
    assert.equal(pathToUri('C:\\Work\\My API\\spec.yaml', 'win32'), 'file:///c%3A/Work/My%20API/spec.yaml');
    assert.equal(pathToUri('\\\\Server\\share\\spec.yaml', 'win32'), 'file://server/share/spec.yaml');
  });

  it('round-trips paths with special characters', () => {
    for (const path of ['/tmp/a b/x.yaml', '/tmp/ä(1)/+@#%.json', '/x']) assert.equal(uriToPath(pathToUri(path)), path);
  });

  it('answers undefined for URIs that are not files', () => {
    assert.equal(uriToPath('https://example.com/x.yaml'), undefined);
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  });

  it('rewrites a Node-style file URI into the canonical form', () => {
    assert.equal(canonicalFileUri('file:///srv/api@2/x.yaml'), 'file:///srv/api%402/x.yaml');
    assert.equal(canonicalFileUri('https://example.com/a b'), 'https://example.com/a b');
  });
});
