import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeAtPointer, pointerOf } from '../../../server/src/core/model/ast';
import { buildApi, buildApiSteps } from '../../../server/src/core/openapi/buildApi';
import type { RefPolicy } from '../../../server/src/core/openapi/refPolicy';
import type { ApiDescription, RefSite } from '../../../server/src/core/openapi/types';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { seededRandom } from '../helpers/seededRandom';

// buildApi keeps the references of each document version and hands them out again while that
// version and every version they point into are unchanged. Whatever it keeps, every build must
// say what a build from scratch says, and point into the current version of every file.

const FOLDER = 'file:///ws';
const ROOT = `${FOLDER}/api.yaml`;
const PET = `${FOLDER}/models/pet.yaml`;
const TAG = `${FOLDER}/models/tag.yaml`;
const ERROR = `${FOLDER}/models/error.yaml`;

const FILES: Record<string, string> = {
  [ROOT]: [
    'openapi: 3.0.3',
    'info: { title: Pets, version: "1" }',
    'paths:',
    '  /pets:',
    '    $ref: "paths/pets.yaml"',
    'components:',
    '  schemas:',
    '    Pet: { $ref: "models/pet.yaml#/Pet" }',
    '    Tag: { $ref: "models/tag.yaml#/Tag" }',
    '',
  ].join('\n'),
  [`${FOLDER}/paths/pets.yaml`]: [
    'get:',
    '  responses:',
    '    "200":',
    '      description: ok',
    '      content:',
    '        application/json:',
    '          schema: { $ref: "../models/pet.yaml#/Pet" }',
    '    default:',
    '      description: error',
    '      content:',
    '        application/json:',
    '          schema: { $ref: "../models/error.yaml#/Error" }',
    '',
  ].join('\n'),
  [PET]: [
    'Pet:',
    '  type: object',
    '  properties:',
    '    id: { type: integer }',
    '    tag: { $ref: "tag.yaml#/Tag" }',
    '    owner: { $ref: "#/Owner" }',
    '    friends: { type: array, items: { $ref: "#/Pet" } }',
    'Owner:',
    '  type: object',
    '  properties:',
    '    pets: { type: array, items: { $ref: "#/Pet" } }',
    '',
  ].join('\n'),
  [TAG]: 'Tag:\n  type: object\n  properties:\n    name: { type: string }\n',
  [ERROR]: 'Error:\n  type: object\n  properties:\n    pet: { $ref: "pet.yaml#/Pet" }\n    tag: { $ref: "./tag.yaml#/Tag" }\n',
};

/** What a site says, by URIs and pointers, so that builds from two stores can be compared. */
function described(site: RefSite): string {
  const at = `${site.doc.uri} ${pointerOf(site.node)} ${site.ref}`;
  if (site.target !== undefined) return `${at} → ${site.target.doc.uri} ${pointerOf(site.target.node)} ${site.target.node.type}`;
  return `${at} → ${site.problem?.kind}: ${site.problem?.message}`;
}

function describeApi(api: ApiDescription | undefined): string[] {
  if (api === undefined) return ['no API'];
  return [...api.documents.map((doc) => `document ${doc.uri}`), ...(api.unreadDocuments ?? []).map((uri) => `unread ${uri}`), ...api.refSites.map(described)];
}

describe('buildApi handing out the references of unchanged documents again', () => {
  it('agrees with a build from scratch after every edit, and points into the current versions only', () => {
    const next = seededRandom(20261129);
    const disk = new Map(Object.entries(FILES));
    const policy: RefPolicy = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };
    const store = new DocumentStore({ read: (uri) => disk.get(uri) });
    let pet = FILES[PET];
    let version = 1;
    store.setOpen(PET, pet, version);
    let previous = new Set<RefSite>();
    let handedOutAgain = 0;
    let madeAgain = 0;
    for (let round = 0; round < 300; round++) {
      const choice = next();
      if (choice < 0.7) {
        // A letter typed somewhere in the open fragment (in a key, a value, a pointer, an indentation).
        const at = Math.floor(next() * (pet.length + 1));
        const letter = String.fromCharCode(97 + Math.floor(next() * 26));
        const position = store.get(PET)!.lines.positionAt(at);
        pet = pet.slice(0, at) + letter + pet.slice(at);
        store.setOpen(PET, pet, ++version, { fromVersion: version - 1, changes: [{ range: { start: position, end: position }, text: letter }] });
      } else if (choice < 0.8) {
        // The open fragment back to its first text (references resolve again).
        pet = FILES[PET];
        store.setOpen(PET, pet, ++version);
      } else if (choice < 0.9) {
        // A file on disk changes: the tag renamed or back, or the error file deleted or back.
        const [uri, text] =
          next() < 0.5
            ? [TAG, disk.get(TAG) === FILES[TAG] ? FILES[TAG].replace('Tag:', 'Label:') : FILES[TAG]]
            : [ERROR, disk.has(ERROR) ? undefined : FILES[ERROR]];
        if (text === undefined) disk.delete(uri);
        else disk.set(uri, text);
        store.invalidate(uri);
      } else {
        // Nothing changed: the same versions built again.
      }
      const api = buildApi(store.get(ROOT)!, store, policy);

      const fresh = new DocumentStore({ read: (uri) => disk.get(uri) });
      fresh.setOpen(PET, pet, version);
      assert.deepEqual(describeApi(api), describeApi(buildApi(fresh.get(ROOT)!, fresh, { allowedFolders: [FOLDER], allowedRemoteHosts: [] })), `round ${round}`);

      for (const site of api!.refSites) {
        assert.equal(site.doc, store.peek(site.doc.uri), `round ${round}: ${described(site)} is in the current version of its file`);
        if (site.target !== undefined) {
          assert.equal(site.target.doc, store.peek(site.target.doc.uri), `round ${round}: ${described(site)} points into the current version`);
          assert.equal(nodeAtPointer(site.target.doc.root, pointerOf(site.target.node)), site.target.node, `round ${round}: ${described(site)} points at a node of the current tree`);
        }
        if (previous.has(site)) handedOutAgain++;
        else madeAgain++;
      }
      previous = new Set(api!.refSites);
    }
    // Both ways were taken, many times.
    assert.ok(handedOutAgain > 200, `sites handed out again: ${handedOutAgain}`);
    assert.ok(madeAgain > 200, `sites made again: ${madeAgain}`);
  });

  it('makes the references of a document again when a file it points into changed, and only then', () => {
    const disk = new Map(Object.entries(FILES));
    const policy: RefPolicy = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };
    const store = new DocumentStore({ read: (uri) => disk.get(uri) });
    const sitesOf = (api: ApiDescription | undefined, uri: string): RefSite[] => api!.refSites.filter((site) => site.doc.uri === uri);
    const first = buildApi(store.get(ROOT)!, store, policy);
    const second = buildApi(store.get(ROOT)!, store, policy);
    assert.deepEqual(second!.refSites, first!.refSites);
    assert.ok(second!.refSites.every((site, index) => site === first!.refSites[index]), 'nothing changed: the same sites');

    disk.set(TAG, FILES[TAG].replace('Tag:', 'Label:'));
    store.invalidate(TAG);
    const third = buildApi(store.get(ROOT)!, store, policy);
    // The root, pet.yaml and error.yaml point into tag.yaml; paths/pets.yaml does not.
    for (const uri of [ROOT, PET, ERROR]) assert.ok(sitesOf(third, uri).every((site, index) => site !== sitesOf(second, uri)[index]), `${uri}'s sites made again`);
    const pets = `${FOLDER}/paths/pets.yaml`;
    assert.ok(sitesOf(third, pets).every((site, index) => site === sitesOf(second, pets)[index]), 'the path file\'s sites handed out again');
    assert.deepEqual(
      sitesOf(third, ERROR).map((site) => site.problem?.message),
      ['"./tag.yaml#/Tag": nothing at #/Tag in tag.yaml', undefined],
    );

    // Another policy (the settings changed) makes every site again.
    const fourth = buildApi(store.get(ROOT)!, store, { allowedFolders: [FOLDER], allowedRemoteHosts: [] });
    assert.ok(fourth!.refSites.every((site, index) => site !== third!.refSites[index]));
  });

  it('hands out a large document\'s references in steps, as it makes them', () => {
    const count = 4500;
    const schemas = Array.from({ length: count }, (_, index) => `    S${index}: { $ref: "#/components/schemas/S${(index + 1) % count}" }`).join('\n');
    const text = `openapi: 3.0.3\ninfo: { title: Many, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n${schemas}\n`;
    const store = new DocumentStore({ read: (uri) => (uri === ROOT ? text : undefined) });
    const policy: RefPolicy = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };
    const build = (): { api: ApiDescription; yields: number } => {
      const steps = buildApiSteps(store.get(ROOT)!, store, policy);
      let yields = 0;
      for (;;) {
        const next = steps.next();
        if (next.done === true) return { api: next.value!, yields };
        yields++;
      }
    };
    const first = build();
    const second = build();
    assert.equal(first.api.refSites.length, count);
    assert.ok(second.api.refSites.every((site, index) => site === first.api.refSites[index]), 'the same sites');
    assert.ok(first.yields >= 2, `made in ${first.yields + 1} steps`);
    assert.equal(second.yields, first.yields, 'handed out in as many steps');
  });
});
