import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointerOf } from '../../../server/src/core/model/ast';
import { buildApi } from '../../../server/src/core/openapi/buildApi';
import { locatedRefsOf, locateRef, type RefPolicy } from '../../../server/src/core/openapi/refPolicy';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';

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
