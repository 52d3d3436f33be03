import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
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

  it('gives what the way through the path gives, for URIs it answers without it', { skip: process.platform === 'win32' }, () => {
    const throughPath = (uri: string): string => {
      const path = uriToPath(uri);
      return path === undefined ? uri : pathToUri(path);
    };
    const uris = [
      'file:///srv/api/openapi.yaml',
      'file:///srv/.github/workflows/ci.yml',
      'file:///srv/a~b/c-d_e.f',
      'file:///srv/./x.yaml',
      'file:///srv/../x.yaml',
      'file:///srv/a/.',
      'file:///srv/a/..',
      'file:///srv/...',
      'file:///srv/..x/x.',
      'file:///srv//x.yaml',
      'file:///srv/x/',
      'file:///',
      'file://host/srv/x.yaml',
      'file:///srv/%61pi/x.yaml',
      'file:///srv/a%2Fb/x.yaml',
      'file:///srv/a b/x.yaml',
      'file:///srv/x.yaml?query',
      'file:///srv/x.yaml#part',
      'file:///srv\\x.yaml',
      'FILE:///srv/x.yaml',
      'file:///srv/%2e/x.yaml',
    ];
    // And random ones from characters that matter to the parser and to the encoding.
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = ['a', 'Z', '0', '-', '_', '~', '.', '.', '/', '/', '%', '2e', ' ', '@', '?', '#', 'ä'];
    for (let index = 0; index < 2000; index++) {
      let path = '';
      const length = 1 + Math.floor(random() * 12);
      for (let at = 0; at < length; at++) path += alphabet[Math.floor(random() * alphabet.length)];
      uris.push(`file:///${path}`);
    }
    for (const uri of uris) assert.equal(canonicalFileUri(uri), throughPath(uri), uri);
    // The URIs a scan makes are answered as they stand.
    assert.equal(canonicalFileUri(pathToUri('/srv/api/v1/openapi.yaml')), 'file:///srv/api/v1/openapi.yaml');
  });

  it('reads every file URI as fileURLToPath does, the plain ones it answers without it included', { skip: process.platform === 'win32' }, () => {
    const uris = ['file:///srv/api/openapi.yaml', 'file:///srv/a~b/c-d_e.f', 'file:///x', 'file:///srv/..x/x.', 'file:///srv/...'];
    let seed = 5;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = ['a', 'Z', '0', '-', '_', '~', '.', '.', '/', '/', '/', '%', '2e', '2F', ' ', '@', '?', '#', 'ä'];
    for (let index = 0; index < 3000; index++) {
      let path = '';
      const length = 1 + Math.floor(random() * 14);
      for (let at = 0; at < length; at++) path += alphabet[Math.floor(random() * alphabet.length)];
      uris.push(`file:///${path}`, `file://host/${path}`);
    }
    for (const uri of uris) {
      let expected: string | undefined;
      try {
        expected = fileURLToPath(uri);
      } catch {
        expected = undefined;
      }
      assert.equal(uriToPath(uri), expected, uri);
    }
    assert.equal(uriToPath('file:///srv/api/v1/openapi.yaml'), '/srv/api/v1/openapi.yaml');
  });

  it('rewrites a Node-style file URI into the canonical form', () => {
    assert.equal(canonicalFileUri('file:///srv/api@2/x.yaml'), 'file:///srv/api%402/x.yaml');
    assert.equal(canonicalFileUri('https://example.com/a b'), 'https://example.com/a b');
  });
});
