import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointerOf } from '../../../server/src/core/model/ast';
import { buildApi } from '../../../server/src/core/openapi/buildApi';
import { isInsideFolder, locatedRefsOf, locateRef, resolveSimpleFileRef, type RefPolicy } from '../../../server/src/core/openapi/refPolicy';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { seededRandom } from '../helpers/seededRandom';

const FOLDER = 'file:///ws';
const BASE = `${FOLDER}/specs/api.yaml`;

function policy(): RefPolicy {
  return { allowedFolders: [FOLDER], allowedRemoteHosts: ['*.example.com'] };
}

describe('locateRef', () => {
  it('tells local, relative, outside, remote and invalid references apart without reading', () => {
    const p = policy();
    assert.deepEqual(locateRef('#/components/schemas/A', BASE, p), { kind: 'local', uri: BASE, pointer: '/components/schemas/A' });
    assert.deepEqual(locateRef('../shared/pet.yaml#/Pet', BASE, p), { kind: 'local', uri: `${FOLDER}/shared/pet.yaml`, pointer: '/Pet' });
    assert.deepEqual(locateRef('models/pet.yaml', BASE, p), { kind: 'local', uri: `${FOLDER}/specs/models/pet.yaml`, pointer: '' });
    assert.deepEqual(locateRef('../../etc/pet.yaml', BASE, p), { kind: 'outside', uri: 'file:///etc/pet.yaml' });
    assert.deepEqual(locateRef('https://api.example.com/pet.yaml#/Pet', BASE, p), { kind: 'remote', uri: 'https://api.example.com/pet.yaml', host: 'api.example.com', allowed: true, pointer: '/Pet' });
    assert.equal((locateRef('https://evil.test/pet.yaml', BASE, p) as { allowed: boolean }).allowed, false);
    assert.equal(locateRef('http://[::1', BASE, p).kind, 'invalid');
  });
});

describe('isInsideFolder', () => {
  it('takes a folder with or without its trailing slash, and not a longer name', () => {
    assert.equal(isInsideFolder('file:///ws/a.yaml', 'file:///ws'), true);
    assert.equal(isInsideFolder('file:///ws/a.yaml', 'file:///ws/'), true);
    assert.equal(isInsideFolder('file:///ws/', 'file:///ws'), true);
    assert.equal(isInsideFolder('file:///wsx/a.yaml', 'file:///ws'), false);
    assert.equal(isInsideFolder('file:///ws', 'file:///ws'), false);
    assert.equal(isInsideFolder('file:///w', 'file:///ws'), false);
  });
});

describe('resolveSimpleFileRef', () => {
  it('resolves plain relative paths as the URL parser does, dot segments included', () => {
    const segments = ['a', 'b.yaml', '.', '..', '', 'x-y_z~', 'models', '...', '.a', 'a.', '-'];
    const bases = ['file:///w/specs/api.yaml', 'file:///a/b/c/d.yml', 'file:///w/.hidden/x.yaml', 'file:///w/.../x.yaml', 'file:///w/v'];
    const next = seededRandom(33);
    let compared = 0;
    for (let round = 0; round < 20_000; round++) {
      const parts = Array.from({ length: 1 + Math.floor(next() * 5) }, () => segments[Math.floor(next() * segments.length)]);
      const ref = parts.join('/');
      if (ref === '' || ref.startsWith('/')) continue;
      for (const base of bases) {
        const resolved = resolveSimpleFileRef(ref, base);
        assert.notEqual(resolved, undefined, `${ref} against ${base}`);
        assert.equal(resolved, new URL(ref, base).href, `${ref} against ${base}`);
        compared++;
      }
    }
    assert.ok(compared > 50_000, `${compared} compared`);
  });

  it('leaves to the URL parser what it would change or read differently', () => {
    for (const ref of ['/abs/pet.yaml', '//host/pet.yaml', 'a b.yaml', 'a%20b.yaml', 'a?x=1', 'c:/pet.yaml', 'a\\b.yaml', 'ümlaut.yaml', 'https://example.com/pet.yaml']) {
      assert.equal(resolveSimpleFileRef(ref, 'file:///w/specs/api.yaml'), undefined, ref);
    }
    // Bases with a host, encoded or dot segments, a drive letter, or a file at the root.
    for (const base of ['file://host/w/api.yaml', 'file:///w%20x/api.yaml', 'file:///w/./api.yaml', 'file:///w/../api.yaml', 'file:///w//api.yaml', 'file:///w/', 'file:///c:/w/api.yaml', 'file:///api.yaml', 'https://example.com/w/api.yaml']) {
      assert.equal(resolveSimpleFileRef('pet.yaml', base), undefined, base);
    }
  });
});

describe('locatedRefsOf', () => {
  it('keeps one map per policy and base document, across calls', () => {
    const p = policy();
    const located = locatedRefsOf(BASE, p);
    located.set('#/a', locateRef('#/a', BASE, p));
    assert.equal(locatedRefsOf(BASE, p), located, 'the same map for the same policy and base');
    assert.notEqual(locatedRefsOf(`${FOLDER}/other.yaml`, p), located, 'another base has its own');
    // A new policy (settings changed) starts afresh, even with equal contents.
    assert.equal(locatedRefsOf(BASE, policy()).size, 0);
  });

  it('empties a document\'s map that has grown past its bound (references typed a letter at a time)', () => {
    const p = policy();
    const located = locatedRefsOf(BASE, p);
    for (let index = 0; index < 20_000; index++) located.set(`#/components/schemas/S${index}`, { kind: 'local', uri: BASE, pointer: `/components/schemas/S${index}` });
    assert.equal(locatedRefsOf(BASE, p).size, 0);
  });
});

describe('buildApi with references located in an earlier build', () => {
  it('resolves each reference against the current version of its target file', () => {
    const p = policy();
    const store = new DocumentStore({ read: () => undefined });
    const root = `${FOLDER}/specs/api.yaml`;
    const fragment = `${FOLDER}/specs/models/pet.yaml`;
    store.setOpen(
      root,
      'openapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths:\n  /pets:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: "models/pet.yaml#/Pet" }\n',
      1,
    );
    store.setOpen(fragment, 'Pet:\n  type: object\n', 1);
    const resolved = (): string[] =>
      buildApi(store.get(root)!, store, p)!.refSites.map((site) => `${site.ref} → ${site.target !== undefined ? `${site.target.doc.version} ${pointerOf(site.target.node)} ${site.target.node.type}` : site.problem?.kind}`);
    assert.deepEqual(resolved(), ['models/pet.yaml#/Pet → 1 /Pet object']);
    store.setOpen(fragment, 'Pet: just a string\n', 2);
    assert.deepEqual(resolved(), ['models/pet.yaml#/Pet → 2 /Pet string']);
    store.setOpen(fragment, 'Dog:\n  type: object\n', 3);
    assert.deepEqual(resolved(), ['models/pet.yaml#/Pet → unresolved']);
  });
});
