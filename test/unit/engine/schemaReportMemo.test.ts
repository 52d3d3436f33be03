import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { reachOfPatch } from '../../../server/src/core/engine/schemaReportMemo';
import { setLocale } from '../../../server/src/core/l10n/messages';
import type { AstNode, ObjectNode } from '../../../server/src/core/model/ast';
import { patchLimits } from '../../../server/src/core/model/incrementalParse';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { parseDocument } from '../../../server/src/core/model/parseDocument';
import { PieceText } from '../../../server/src/core/model/textSource';
import { schemaIndexFromPrevious, schemasOf, type SchemaEntry } from '../../../server/src/core/openapi/schemas';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { FolderAnalysis } from '../../../server/src/core/workspace/folderAnalysis';
import { toBlockYaml } from '../helpers/blockYaml';
import { EditedBuffer as AnalysedBuffer, typeOrDeleteLetter } from '../helpers/editedBuffer';
import { seededRandom } from '../helpers/seededRandom';

// The language server keeps what the schema rules reported about each schema of an edited
// document and hands it out again where the edit cannot have changed it
// (engine/schemaReportMemo.ts). Their labels read more than the schema (a parameter's name and
// location, the keys above it), and some of their verdicts the API's version. Whatever is kept,
// the findings must be a fresh analysis'.

const FOLDER = 'file:///ws';
const POLICY = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };

/** Schemas the four rules report about, under every kind of label: parameters, items, maps, bodies, headers, compositions. */
function specValue(version: '2.0' | '3.0.3' | '3.1.0'): Record<string, unknown> {
  const v2 = version === '2.0';
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < 3; index++) {
    schemas[`Item${index}`] = {
      type: 'object',
      ...(index === 1 && { maxProperties: 9 }),
      ...(index === 2 && !v2 && { unevaluatedProperties: false }),
      properties: {
        name: { type: 'string' },
        count: { type: 'integer', minimum: 0 },
        tags: { type: 'array', items: { type: 'string', maxLength: 20 } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        ...(version === '3.1.0' && { kind: { type: ['string', 'null'] } }),
        // Members of a composition: closed when the owner is (Item1's maxProperties).
        part: { allOf: [{ type: 'object', properties: { code: { type: 'integer' } } }] },
        ...(index === 0 && { parent: { $ref: v2 ? '#/definitions/Item1' : '#/components/schemas/Item1' } }),
      },
    };
    const ref = v2 ? `#/definitions/Item${index}` : `#/components/schemas/Item${index}`;
    const parameters = v2
      ? [
          { name: 'limit', in: 'query', type: 'integer' },
          { name: 'ids', in: 'query', type: 'array', items: { type: 'string' } },
          { name: 'body', in: 'body', schema: { $ref: ref } },
        ]
      : [
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer', maximum: 5 } } },
        ];
    paths[`/items${index}`] = {
      post: {
        operationId: `create${index}`,
        parameters,
        ...(!v2 && { requestBody: { content: { 'application/json': { schema: { $ref: ref } }, 'text/plain': { schema: { type: 'string' } } } } }),
        responses: v2
          ? { '200': { description: 'OK', headers: { 'X-Rate': { type: 'integer' } }, schema: { $ref: ref } } }
          : { '200': { description: 'OK', headers: { 'X-Rate': { schema: { type: 'integer' } } }, content: { 'application/json': { schema: { $ref: ref } } } } },
      },
    };
  }
  const head = v2 ? { swagger: '2.0', host: 'api.example.com', schemes: ['https'] } : { openapi: version, servers: [{ url: 'https://api.example.com' }] };
  return { ...head, info: { title: 'Items', version: '1' }, paths, ...(v2 ? { definitions: schemas } : { components: { schemas } }) };
}

const RULES = ['limit-string-length', 'limit-integer-range', 'limit-array-items', 'limit-additional-properties'];

/** Everything the four rules' findings say, per document. */
function everything(analysis: FolderAnalysis): string {
  const out: unknown[] = [];
  for (const byUri of [analysis.findingsByUri(), analysis.suppressedByUri()]) {
    for (const uri of [...byUri.keys()].sort()) out.push(uri, byUri.get(uri)!.filter((finding) => RULES.includes(finding.ruleId)));
  }
  return JSON.stringify(out);
}

function openAnalysis(store: DocumentStore, uri: string): FolderAnalysis {
  const analysis = new FolderAnalysis(store, { folderUri: FOLDER, settings: defaultSettings(), policy: POLICY, reuseFindings: true });
  analysis.setCandidates([uri]);
  analysis.update();
  return analysis;
}

function freshAnalysis(uri: string, text: string): FolderAnalysis {
  const store = new DocumentStore({ read: () => undefined });
  store.setOpen(uri, text, 1);
  const analysis = new FolderAnalysis(store, { folderUri: FOLDER, settings: defaultSettings(), policy: POLICY });
  analysis.setCandidates([uri]);
  analysis.update();
  return analysis;
}

/** An editor buffer analysed version after version, each compared with a fresh analysis of its text. */
class EditedBuffer extends AnalysedBuffer {
  constructor(uri: string, text: string) {
    super(uri, text, { folderUri: FOLDER, settings: defaultSettings(), policy: POLICY, reuseFindings: true });
  }

  assertFresh(what: string): void {
    assert.equal(everything(this.analysis), everything(freshAnalysis(this.uri, this.text)), what);
  }

  /** The schema index entries of the buffer's API. */
  entries(): SchemaEntry[] {
    return schemasOf(this.analysis.allApis()[0]).entries;
  }
}

/** What an entry keeps: the reports of each rule slot (the same arrays while nothing is worked out again). */
function keptOf(entry: SchemaEntry | undefined): unknown[] {
  const kept = entry?.kept as { byRule: unknown[] } | undefined;
  assert.ok(kept !== undefined, 'the entry keeps its reports');
  return kept.byRule;
}

describe('kept schema reports (reportAboutSchema)', () => {
  after(() => setLocale('en'));

  it('works out again what an edit can change, a label read from a parameter or a key above included, and keeps the rest', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3')));
    buffer.assertFresh('the first analysis');
    const byLabel = (pointerEnd: string): SchemaEntry => buffer.entries().find((entry) => pointerOfEntry(entry).endsWith(pointerEnd))!;
    // The limit parameter of the third path: no edit below touches it or a node above it.
    const untouched = [...keptOf(byLabel('/items2/post/parameters/0/schema'))];
    assert.ok(untouched.some((reports) => Array.isArray(reports) && reports.length > 0), 'a rule reported about it');
    const steps: [string, () => void][] = [
      // The parameter's name and location label the schemas below it ("items of parameter "ids"").
      ['a parameter renamed', () => buffer.replace('"ids"', '"idz"')],
      ['a parameter moved to the path', () => buffer.replace('"query"', '"path"', 1)],
      // The schema's own keywords.
      ['a bound added by a digit', () => buffer.replace('"maximum": 5', '"maximum": 55')],
      ['a type changed', () => buffer.replace('"type": "integer"', '"type": "string"', 2)],
      ['a property renamed', () => buffer.replace('"name"', '"nick"', 0)],
      // A key above the schema labels it ("schema "Item0"") and names its pointer.
      ['a component renamed', () => buffer.replace('"Item0"', '"ItemA"')],
      ['a media type renamed', () => buffer.replace('"text/plain"', '"text/html"')],
      ['a response header renamed', () => buffer.replace('"X-Rate"', '"X-Ratio"')],
      // A map's keyword renamed in place: the schema is open to any property now.
      ['a map no longer a map', () => buffer.replace('"additionalProperties"', '"additionalPropertiez"')],
      ['the owner of a composition closed', () => buffer.replace('"maxProperties": 9', '"minProperties": 9')],
    ];
    for (const [what, step] of steps) {
      step();
      buffer.assertFresh(what);
    }
    assert.equal(buffer.patched, steps.length, 'every edit was patched');
    const now = keptOf(byLabel('/items2/post/parameters/0/schema'));
    untouched.forEach((reports, slot) => assert.equal(now[slot], reports, `the reports about a schema no edit touched are the ones made first (slot ${slot})`));

    // A version the server never analysed (the next keystroke came first): what its patch changed
    // is not known to the next one, so everything is worked out again.
    buffer.replace('"limit"', '"limes"', 1, false);
    buffer.replace('"Item1"', '"ItemB"');
    buffer.assertFresh('a parameter renamed in a version not analysed, then a schema renamed');
  });

  it('works out everything again in another locale and for another version of the specification', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.1.0')));
    setLocale('de');
    buffer.replace('"Item0"', '"ItemA"');
    buffer.assertFresh('German messages');
    setLocale('en');
    buffer.replace('"Item1"', '"ItemB"');
    buffer.assertFresh('English again');
    // 3.0 has no unevaluatedProperties: Item2 is then open to additional properties.
    const before = everything(buffer.analysis);
    buffer.replace('"3.1.0"', '"3.0.3"');
    buffer.assertFresh('3.1 → 3.0');
    assert.notEqual(everything(buffer.analysis), before, 'the version changes what is reported');
  });

  it('works out again the schemas of another file of the API when the root file changes the version of the specification', () => {
    const store = new DocumentStore({ read: () => undefined });
    const rootUri = `${FOLDER}/api.yaml`;
    const shared = `${FOLDER}/schemas.yaml`;
    const root = (version: string) =>
      toBlockYaml({
        openapi: version,
        info: { title: 'Items', version: '1' },
        servers: [{ url: 'https://api.example.com' }],
        paths: { '/items': { post: { requestBody: { content: { 'application/json': { schema: { $ref: 'schemas.yaml#/Item' } } } }, responses: { '204': { description: 'Done' } } } } },
      });
    // Closed in 3.1 only: 3.0 has no unevaluatedProperties.
    const schemas = toBlockYaml({ Item: { type: 'object', unevaluatedProperties: false, properties: { name: { type: 'string', maxLength: 9 } } } });
    let text = root('3.1.0');
    store.setOpen(rootUri, PieceText.of(text), 1);
    store.setOpen(shared, PieceText.of(schemas), 1);
    const analysis = openAnalysis(store, rootUri);
    const additional = () => [...analysis.findingsByUri().values()].flat().filter((finding) => finding.ruleId === 'limit-additional-properties').length;
    assert.equal(additional(), 0, '3.1: closed');
    const at = text.indexOf('3.1.0') + 2;
    const lines = new LineIndex(text);
    text = text.slice(0, at) + '0' + text.slice(at + 1);
    store.setOpen(rootUri, PieceText.of(text), 2, { fromVersion: 1, changes: [{ range: { start: lines.positionAt(at), end: lines.positionAt(at + 1) }, text: '0' }] });
    analysis.update();
    assert.equal(additional(), 1, '3.0: open');
  });

  for (const [layout, version, format, seed] of [
    ['3.0 YAML', '3.0.3', 'yaml', 3],
    ['3.1 JSON', '3.1.0', 'json', 9],
    ['2.0 YAML', '2.0', 'yaml', 17],
  ] as const) {
    it(`always reports what a fresh analysis reports, over random edits (${layout})`, () => {
      const value = specValue(version);
      const buffer = new EditedBuffer(`${FOLDER}/api.${format}`, format === 'yaml' ? toBlockYaml(value) : JSON.stringify(value, null, 2));
      buffer.assertFresh('the first analysis');
      const next = seededRandom(seed);
      const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
      const swaps: [string, string][] = [
        ['"query"', '"path"'],
        ['"path"', '"header"'],
        ['"integer"', '"string"'],
        ['"string"', '"array"'],
        ['"array"', '"integer"'],
        ['"object"', '"string"'],
        ['"maxLength"', '"minLength"'],
        ['"minimum"', '"maximum"'],
        ['"maxProperties"', '"maxItems"'],
        ['"additionalProperties"', '"additionalItems"'],
        ['"unevaluatedProperties"', '"unevaluatedItems"'],
      ];
      let reused = 0;
      for (let step = 0; step < 120; step++) {
        const kind = next();
        const before = new Set(keptArrays(buffer.entries()));
        if (kind < 0.55) {
          typeOrDeleteLetter(buffer, next);
        } else if (kind < 0.85) {
          // A word swapped for another that means something else to the rules.
          const present = swaps.filter(([from]) => buffer.text.includes(from));
          const [from, by] = pick(present);
          const count = buffer.text.split(from).length - 1;
          buffer.replace(from, by, Math.floor(next() * count));
        } else {
          // A number changed.
          const numbers = [...buffer.text.matchAll(/: (\d+)\n|: (\d+),?\n/g)];
          if (numbers.length === 0) continue;
          const number = pick(numbers);
          const at = number.index! + 2;
          buffer.edit(at, at, String(Math.floor(next() * 9) + 1));
        }
        buffer.assertFresh(`step ${step} (version ${buffer.version})`);
        for (const kept of keptArrays(buffer.entries())) if (before.has(kept)) reused++;
      }
      assert.ok(buffer.patched > 60, `most edits were patched (${buffer.patched})`);
      assert.ok(reused > 1000, `reports were handed out again (${reused})`);
    });
  }

  it('keeps the reports about schemas outside a mapping whose entries an edit took away, and about those of its kept entries', () => {
    // Below this size an entry is read whole; `paths` (2.7 KB) is larger, so that deleting a whole
    // path makes the mapping anew around its other entries (incrementalParse.ts
    // patchEntriesInContext), as in a large spec.
    const region = patchLimits.region;
    patchLimits.region = 2400;
    try {
      const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3')));
      const entryAt = (pointer: string): SchemaEntry => buffer.entries().find((entry) => pointerOfEntry(entry) === pointer)!;
      const component = '/components/schemas/Item2/properties/name';
      const inPaths = '/paths//items2/post/parameters/1/schema/items';
      const componentBefore = [...keptOf(entryAt(component))];
      const pathBefore = [...keptOf(entryAt(inPaths))];
      assert.ok(componentBefore.some((reports) => Array.isArray(reports) && reports.length > 0), 'a rule reported about the component');
      const start = buffer.text.indexOf('\n  "/items1":') + 1;
      const end = buffer.text.indexOf('\n  "/items2":') + 1;
      const lines = buffer.text.slice(start, end);
      buffer.edit(start, end, '');
      const patch = buffer.store.get(buffer.uri)!.patch;
      assert.ok(patch?.kept !== undefined, `the path was taken away from a mapping made anew around the others (${patch === undefined ? 'no patch' : String(patch.node.key)}, ${lines.length} characters)`);
      buffer.assertFresh('a path deleted');
      keptOf(entryAt(component)).forEach((reports, slot) => assert.equal(reports, componentBefore[slot], `the reports about a component are kept (slot ${slot})`));
      // The other paths are kept entries of the mapping made anew: none of their schemas reads
      // whether a path came or went (no key of READ_FROM_ANCESTORS did), so their reports are kept.
      assert.ok(pathBefore.some((reports) => Array.isArray(reports) && reports.length > 0), 'a rule reported about the schema of a kept path');
      keptOf(entryAt(inPaths)).forEach((reports, slot) => assert.equal(reports, pathBefore[slot], `the reports about a schema of a kept path are kept (slot ${slot})`));
      buffer.edit(start, start, lines);
      buffer.assertFresh('the path put back');
    } finally {
      patchLimits.region = region;
    }
  });

  it('keeps the reports and the schema index of a tree that an undo takes back', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3')));
    const first = buffer.store.get(buffer.uri)!;
    const entriesBefore = buffer.entries();
    const keptBy = (entry: SchemaEntry): unknown[] => (entry.kept as { byRule: unknown[] } | undefined)?.byRule ?? [];
    const keptBefore = entriesBefore.map((entry) => [...keptBy(entry)]);
    assert.ok(keptBefore.some((byRule) => byRule.some((reports) => Array.isArray(reports) && reports.length > 0)), 'the rules reported');
    // A letter at the start of a deep line stands at the root mapping's column: the structure of
    // everything after it changes, and the whole text is parsed again.
    const at = buffer.text.lastIndexOf('\n', buffer.text.indexOf('"count"', buffer.text.indexOf('"Item2"'))) + 1;
    buffer.edit(at, at, 'q');
    const broken = buffer.store.get(buffer.uri)!;
    assert.ok(broken.errors.length > 0 && broken.patch === undefined && broken.root !== first.root, 'parsed whole, with problems');
    buffer.edit(at, at + 1, '');
    const undone = buffer.store.get(buffer.uri)!;
    assert.equal(undone.root, first.root, 'the undo takes the first tree back');
    assert.equal(undone.treeOfVersion, first.version);
    buffer.assertFresh('the undo');
    const api = buffer.analysis.allApis()[0];
    assert.ok(schemaIndexFromPrevious(api), 'the schema index is the first version\'s, not walked again');
    const entriesAfter = buffer.entries();
    assert.equal(entriesAfter.length, entriesBefore.length);
    entriesAfter.forEach((entry, index) => {
      assert.equal(entry, entriesBefore[index], `entry ${index} is the first version's`);
      assert.equal(entry.at.doc, undone, `entry ${index} is about the version of the undo`);
      assert.equal(keptBy(entry).length, keptBefore[index].length);
      keptBy(entry).forEach((reports, slot) => assert.equal(reports, keptBefore[index][slot], `the reports about ${pointerOfEntry(entry)} are kept (slot ${slot})`));
    });
    // The edit after it is patched from the tree taken back.
    buffer.replace('"maximum": 5', '"maximum": 55');
    assert.equal(buffer.patched, 1, 'the edit after the undo is patched');
    buffer.assertFresh('a bound changed after the undo');
  });

  it('counts as reached by a patch its scope, everything below it and everything above it: the patched entry, or its parent when its key is read from below or renamed', () => {
    const doc = parseDocument(`${FOLDER}/a.yaml`, 'a:\n  b:\n    c: 1\n    d: 2\n    name: n\n  e:\n    f: 3\ng: 4\n', 1);
    const at = (...keys: string[]): AstNode => keys.reduce((node, key) => (node as ObjectNode).properties.get(key)!, doc.root!);
    const patch = (node: AstNode, replacedKey = node.key) => ({ fromVersion: 1, node, replaced: node, replacedKey, changeStart: 0, changeEndLine: 0, delta: 0, lineDelta: 0 });
    // A value rewritten under its key: what reads it is above it.
    const reach = reachOfPatch(patch(at('a', 'b', 'c')))!;
    assert.ok(reach.has(at('a', 'b', 'c')), 'the patched node');
    assert.ok(reach.has(at('a', 'b')), 'the parent');
    assert.ok(reach.has(at('a')) && reach.has(doc.root!), 'above the parent');
    assert.ok(!reach.has(at('a', 'b', 'd')), 'a sibling, which may not read it');
    assert.ok(!reach.has(at('a', 'e')) && !reach.has(at('a', 'e', 'f')), 'the parent\'s sibling and below it');
    assert.ok(!reach.has(at('g')), 'another branch');
    // Under a key of READ_FROM_ANCESTORS, or a key renamed: the siblings too.
    for (const [what, reached] of [
      ['a name, which a parameter\'s schema reads', reachOfPatch(patch(at('a', 'b', 'name')))!],
      ['a key renamed', reachOfPatch(patch(at('a', 'b', 'c'), 'old'))!],
    ] as const) {
      assert.ok(reached.has(at('a', 'b', 'd')), `a sibling of ${what}`);
      assert.ok(!reached.has(at('a', 'e')), `not the parent's sibling of ${what}`);
    }
    const root = reachOfPatch(patch(at('g')))!;
    assert.ok(root.has(at('g')) && !root.has(at('a')), 'an entry of the root rewritten reaches its own branch');
    assert.equal(reachOfPatch(patch(at('g'), 'h')), undefined, 'an entry of the root renamed: everything is below its parent');
    // A YAML alias is a copy with the anchored node's offsets, outside its parent's range.
    const aliased = parseDocument(`${FOLDER}/b.yaml`, 'base: &b {x: 1}\nuse:\n  name: n\n  copy: *b\n', 1);
    const use = (aliased.root as ObjectNode).properties.get('use') as ObjectNode;
    const copy = use.properties.get('copy') as ObjectNode;
    assert.ok(copy.start < use.start, 'the copy keeps the anchored offsets');
    assert.ok(reachOfPatch(patch(use.properties.get('name')!))!.has(copy.properties.get('x')!), 'below a copy');
  });

  it('counts as reached by a mapping made anew around kept entries its new entries, not the kept ones, unless a key of READ_FROM_ANCESTORS came or went', () => {
    const made = (added: string) => {
      const doc = parseDocument(`${FOLDER}/c.yaml`, 'owner:\n  allOf:\n    - type: object\n  description: d\nother:\n  type: string\n', 1);
      const owner = (doc.root as ObjectNode).properties.get('owner') as ObjectNode;
      const allOf = owner.properties.get('allOf')!;
      const description = owner.properties.get('description')!;
      // The mapping a line edit made anew: the previous one's entries, the same objects, and one more.
      const node: ObjectNode = { ...owner, properties: new Map(owner.properties) };
      const value: AstNode = { type: 'number', value: 3, start: 0, end: 0, parent: node, key: added };
      node.properties.set(added, value);
      for (const entry of [allOf, description]) entry.parent = node;
      const reach = reachOfPatch({ fromVersion: 1, node, replaced: owner, replacedKey: 'owner', kept: new Set([allOf, description]), changeStart: 0, changeEndLine: 0, delta: 0, lineDelta: 0 })!;
      const member = (allOf as { items: AstNode[] }).items[0];
      return { reach, node, value, member, allOf, other: (doc.root as ObjectNode).properties.get('other')!, root: doc.root! };
    };
    const title = made('title');
    assert.ok(title.reach.has(title.node) && title.reach.has(title.value) && title.reach.has(title.root), 'the mapping, its new entry and what is above');
    assert.ok(!title.reach.has(title.allOf) && !title.reach.has(title.member), 'not a kept entry, nor below it');
    assert.ok(!title.reach.has(title.other), 'not another branch');
    assert.deepEqual(title.reach.containers(100), [title.root, title.node], 'the mappings and lists in reach, without the kept ones');
    // maxProperties closes the members of the owner's allOf (limit-additional-properties): they are reached.
    const closing = made('maxProperties');
    assert.ok(closing.reach.has(closing.member) && closing.reach.has(closing.allOf), 'a kept entry, when the owner got a key its members read');
    assert.ok(!closing.reach.has(closing.other), 'not another branch');
  });
});

function pointerOfEntry(entry: SchemaEntry): string {
  const keys: string[] = [];
  for (let node: { key: string | number | undefined; parent: unknown } | undefined = entry.at.node; node?.parent !== undefined; node = node.parent as typeof node) keys.unshift(String(node.key));
  return '/' + keys.join('/');
}

/** Every rule slot's reports kept on the entries. */
function keptArrays(entries: SchemaEntry[]): unknown[] {
  const out: unknown[] = [];
  for (const entry of entries) for (const reports of (entry.kept as { byRule: unknown[] } | undefined)?.byRule ?? []) if (reports !== undefined) out.push(reports);
  return out;
}
