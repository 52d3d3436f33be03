import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointerOf, type ObjectNode } from '../../../server/src/core/model/ast';
import { patchLimits } from '../../../server/src/core/model/incrementalParse';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { parseDocument, type ParsedDocument } from '../../../server/src/core/model/parseDocument';
import { PieceText } from '../../../server/src/core/model/textSource';
import { externalDocsOf, externalDocsSteps } from '../../../server/src/core/rules/tls/tls-http-url';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { toBlockYaml } from '../helpers/blockYaml';
import { seededRandom } from '../helpers/seededRandom';

/** `externalDocs` objects where the walk finds them and where it must not (a schema property, an extension, example data). */
function specValue(): Record<string, unknown> {
  const docs = (name: string) => ({ description: `About ${name}`, url: `http://docs.shop.test/${name}` });
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < 4; index++) {
    paths[`/orders${index}`] = {
      get: {
        operationId: `list${index}`,
        externalDocs: docs(`list${index}`),
        responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/Order${index}` }, example: { externalDocs: docs('example') } } } } },
      },
      'x-ext': { externalDocs: docs(`ext${index}`) },
    };
  }
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < 4; index++) {
    schemas[`Order${index}`] = {
      type: 'object',
      externalDocs: docs(`order${index}`),
      properties: { externalDocs: { type: 'object', externalDocs: docs(`property${index}`) }, id: { type: 'string', externalDocs: docs(`id${index}`) } },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Shop', version: '1' },
    externalDocs: docs('root'),
    tags: [
      { name: 'a', externalDocs: docs('a') },
      { name: 'b', externalDocs: docs('b') },
    ],
    paths,
    components: { schemas },
  };
}

/** Where each found object is (offset and pointer), sorted: the lists are compared as sets. */
function places(found: readonly ObjectNode[]): string[] {
  return found.map((node) => `${node.start} ${pointerOf(node)}`).sort();
}

/** Renames that change what the walk finds: the key itself, the `properties` above a property, an extension, example data. */
const TOGGLES: [string, string][] = [
  ['externalDocs', 'externalDocz'],
  ['properties', 'propertiez'],
  ['x-ext', 'y-ext'],
  ['example', 'exampl3'],
];

for (const format of ['yaml', 'json'] as const) {
  describe(`tls-http-url: the externalDocs objects of an edited ${format} buffer`, () => {
    it('are, after every patched version, what a walk of a fresh parse finds', () => {
      // Entries larger than this are not read whole: a whole entry taken out of `paths` or put back
      // makes the mapping anew around its other entries, as in a large spec (incrementalParse.ts).
      const region = patchLimits.region;
      patchLimits.region = 2400;
      try {
        editAndCompare(format);
      } finally {
        patchLimits.region = region;
      }
    });
  });
}

function editAndCompare(format: 'yaml' | 'json'): void {
  const uri = `file:///ws/api.${format}`;
  let text = format === 'yaml' ? toBlockYaml(specValue()) : JSON.stringify(specValue(), null, 2);
  let pieces = PieceText.of(text, 256);
  const store = new DocumentStore({ read: () => undefined });
  store.setOpen(uri, pieces, 1);
  let doc: ParsedDocument = store.get(uri)!;
  assert.equal(places(externalDocsOf(doc)).length, 15, 'root, 2 tags, 4 operations, 4 schemas, 4 property schemas');
  const next = seededRandom(format === 'yaml' ? 7 : 8);
  let patched = 0;
  let kept = 0;
  let cut: { at: number; text: string } | undefined;
  for (let version = 2; version < 400; version++) {
    let start: number;
    let end: number;
    let inserted: string;
    const choice = next();
    if (cut !== undefined) {
      // The entry taken out by the version before pasted back where it was: the mapping gains it again.
      start = end = cut.at;
      inserted = cut.text;
      cut = undefined;
    } else if (format === 'yaml' && choice < 0.2) {
      // A whole entry of a mapping near the top (a path, an operation, a schema) taken out: its key's
      // line and the deeper lines after it.
      const keys: [number, number][] = [];
      const keyLine = /^( {2}| {4})"[^"\n]+":\n/gm;
      for (let match = keyLine.exec(text); match !== null; match = keyLine.exec(text)) keys.push([match.index, match[1].length]);
      const [at, indent] = keys[Math.floor(next() * keys.length)];
      let stop = text.indexOf('\n', at) + 1;
      while (stop < text.length && /^ */.exec(text.slice(stop))![0].length > indent) stop = text.indexOf('\n', stop) + 1 || text.length;
      start = at;
      end = stop;
      inserted = '';
      cut = { at, text: text.slice(at, stop) };
    } else if (choice < 0.4) {
      const [from, to] = TOGGLES[Math.floor(next() * TOGGLES.length)];
      const [find, by] = next() < 0.5 ? [from, to] : [to, from];
      const occurrences: number[] = [];
      for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) occurrences.push(at);
      if (occurrences.length === 0) {
        // Neither spelling is left (a letter of it typed or taken out): another version is drawn.
        version--;
        continue;
      }
      start = occurrences[Math.floor(next() * occurrences.length)];
      end = start + find.length;
      inserted = by;
    } else {
      // A letter typed into a word, or one taken out: keys and values change, the structure mostly not.
      const words: number[] = [];
      const pattern = /[A-Za-z]{3,}/g;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) words.push(match.index + 1);
      start = words[Math.floor(next() * words.length)];
      end = choice < 0.8 ? start : start + 1;
      inserted = choice < 0.8 ? String.fromCharCode(97 + Math.floor(next() * 26)) : '';
    }
    const lines = new LineIndex(text);
    const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
    text = text.slice(0, start) + inserted + text.slice(end);
    pieces = pieces.edited(start, end, inserted);
    doc = store.setOpen(uri, pieces, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
    if (doc.patch !== undefined) patched++;
    if (doc.patch?.kept !== undefined) kept++;
    assert.deepEqual(places(externalDocsOf(doc)), places(externalDocsOf(parseDocument(`file:///fresh/api.${format}`, text))), `version ${version}: ${JSON.stringify(inserted)} at ${start}`);
  }
  // Most versions were patches, so that the update along a patch is what was compared.
  assert.ok(patched > 120, `${patched} patched versions`);
  // In YAML, whole entries taken out and pasted back were patched too, around the kept entries of their mapping.
  if (format === 'yaml') assert.ok(kept >= 3, `${kept} versions made a mapping anew around kept entries`);
}

describe('tls-http-url: the externalDocs objects of a large JSON document, found in steps', () => {
  it('are found a part of the text and of the tree at a time, and are those of the walk in one go', () => {
    // Some 2.5 MB: the spec above, with many more paths whose descriptions make it long.
    const value = specValue();
    const paths = value.paths as Record<string, unknown>;
    for (let index = 0; index < 2000; index++) {
      paths[`/filler${index}`] = { get: { description: 'Lorem ipsum dolor sit amet '.repeat(40), externalDocs: index % 100 === 0 ? { url: `http://docs.shop.test/filler${index}` } : undefined, responses: { '200': { description: 'OK' } } } };
    }
    const text = JSON.stringify(value);
    assert.ok(text.length > 2_000_000, `${text.length} characters`);
    const whole = places(externalDocsOf(parseDocument('file:///ws/whole.json', text)));
    assert.equal(whole.length, 15 + 20);
    const steps = externalDocsSteps(parseDocument('file:///ws/steps.json', text), 10_000);
    let yields = 0;
    let next = steps.next();
    for (; next.done !== true; next = steps.next()) yields++;
    assert.deepEqual(places(next.value), whole);
    // The text is searched a megabyte at a time, twice (the key, then `\u` escapes of its letters).
    assert.ok(yields >= 4, `${yields} yields`);
  });
});
