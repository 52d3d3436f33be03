import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import type { Finding } from '../../../server/src/core/engine/finding';
import { pointerOf, toValue, type ObjectNode } from '../../../server/src/core/model/ast';
import { FindingReuse, type Wanted } from '../../../server/src/core/engine/findingReuse';
import { patchLimits } from '../../../server/src/core/model/incrementalParse';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { parseDocument, type ParsedDocument } from '../../../server/src/core/model/parseDocument';
import { keptPlainValue, plainValueOf } from '../../../server/src/core/model/plainValue';
import { PieceText } from '../../../server/src/core/model/textSource';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { FolderAnalysis } from '../../../server/src/core/workspace/folderAnalysis';
import { toBlockYaml } from '../helpers/blockYaml';
import { seededRandom } from '../helpers/seededRandom';

// The language server analyses every version of an edited document and hands out findings that
// did not change as the same objects (FindingReuse), so that it converts and compares only the
// changed ones. Whatever it reuses, the findings must be exactly those of a fresh analysis.

const FOLDER = 'file:///ws';

/** A spec with many findings below renamable keys: schemas with unbounded properties, parameters without descriptions. */
function specValue(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < 6; index++) {
    schemas[`Item${index}`] = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        count: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        callbackUrl: { type: 'string', format: 'uri' },
        meta: { type: 'object', 'x-api-guard-ignore': { 'limit-string-length': 'free text, cut by the gateway' }, properties: { note: { type: 'string' } } },
        // Recursive schemas: cycles that edits of the keys and references around them make and break.
        ...(index < 3 && { parent: { $ref: `#/components/schemas/Item${index}` } }),
      },
    };
    paths[`/items${index}`] = {
      get: {
        operationId: `list${index}`,
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'target_url', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/Item${index}` } } } } },
      },
      post: {
        operationId: `create${index}`,
        requestBody: { content: { 'application/json': { schema: { $ref: `#/components/schemas/Item${index}` } } } },
        responses: { '201': { description: 'Created' } },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Items', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    paths,
    components: { schemas: { ...schemas, LoopA: { $ref: '#/components/schemas/LoopB' }, LoopB: { $ref: '#/components/schemas/LoopA' } } },
  };
}



/** Everything a finding says, in the order collected, per document. */
function everything(analysis: FolderAnalysis): string {
  const out: unknown[] = [];
  for (const byUri of [analysis.findingsByUri(), analysis.suppressedByUri()]) for (const uri of [...byUri.keys()].sort()) out.push(uri, byUri.get(uri));
  return JSON.stringify(out);
}

function freshAnalysis(uri: string, text: string): FolderAnalysis {
  const store = new DocumentStore({ read: () => undefined });
  store.setOpen(uri, text, 1);
  const analysis = new FolderAnalysis(store, { folderUri: FOLDER, settings: defaultSettings(), policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] } });
  analysis.setCandidates([uri]);
  analysis.update();
  return analysis;
}

/** An analysis of the open buffer `uri` that reuses findings, as the language server's does, after its first update. */
function reusingAnalysis(store: DocumentStore, uri: string): FolderAnalysis {
  const analysis = new FolderAnalysis(store, { folderUri: FOLDER, settings: defaultSettings(), policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] }, reuseFindings: true });
  analysis.setCandidates([uri]);
  analysis.update();
  return analysis;
}

function allFindings(analysis: FolderAnalysis): Finding[] {
  return [...analysis.findingsByUri().values(), ...analysis.suppressedByUri().values()].flat();
}

const LAYOUTS = {
  yaml: { format: 'yaml', text: () => toBlockYaml(specValue()), seed: 11 },
  json: { format: 'json', text: () => JSON.stringify(specValue(), null, 2), seed: 7 },
  // One line: an edit moves every finding after it on that line, without changing it.
  'json on one line': { format: 'json', text: () => JSON.stringify(specValue()), seed: 5 },
} as const;

for (const [layout, { format, text: initialText, seed }] of Object.entries(LAYOUTS)) {
  describe(`FindingReuse (${layout})`, () => {
    it('hands out unchanged findings again and always collects what a fresh analysis collects', () => {
      const uri = `${FOLDER}/api.${format}`;
      let text: string = initialText();
      // The buffer's text as the language server hands it over: pieces, here small ones.
      let pieces = PieceText.of(text, 256);
      const store = new DocumentStore({ read: () => undefined });
      store.setOpen(uri, pieces, 1);
      const analysis = reusingAnalysis(store, uri);
      assert.equal(everything(analysis), everything(freshAnalysis(uri, text)), 'the first analysis');
      assert.ok(allFindings(analysis).length > 80, `enough findings to edit around (${allFindings(analysis).length})`);

      const next = seededRandom(seed);
      let reused = 0;
      let patched = 0;
      let keyEdits = 0;
      let ignoreEdits = 0;
      for (let version = 2; version < 62; version++) {
        const before = new Set(allFindings(analysis));
        const lines = new LineIndex(text);
        // Edits stay inside quoted keys and strings, so that the text keeps its syntax (most of what
        // the editor sends while typing is patched, and the edit that breaks a text is parsed anew).
        // The `openapi` key stays as it is: without it there is no API to analyse.
        const quoted = (finding: Finding): boolean => {
          const from = lines.offsetAt(finding.range.start);
          const to = lines.offsetAt(finding.range.end);
          return to - from >= 3 && text.charAt(from) === '"' && text.charAt(to - 1) === '"' && !text.slice(from, to).includes('openapi');
        };
        const findings = allFindings(analysis).filter(quoted);
        let kind = next();
        if (findings.length === 0) kind = 0.5;
        let start: number;
        let end: number;
        let inserted: string;
        if (kind < 0.45) {
          // A letter typed inside what a finding points at (usually a property's key).
          const target = findings[Math.floor(next() * findings.length)];
          start = end = lines.offsetAt(target.range.start) + 1 + Math.floor(next() * (lines.offsetAt(target.range.end) - lines.offsetAt(target.range.start) - 1));
          inserted = String.fromCharCode(97 + Math.floor(next() * 26));
        } else if (kind < 0.55) {
          // A letter typed into an x-api-guard-ignore entry: its rule id or its reason.
          const entries = [...text.matchAll(/"(limit-string-length[a-z]*)": ?"([^"]*)"/g)];
          const entry = entries[Math.floor(next() * entries.length)];
          const inReason = next() < 0.5;
          start = end = entry.index! + (inReason ? entry[0].length - 2 : 2 + Math.floor(next() * (entry[1].length - 1)));
          inserted = String.fromCharCode(97 + Math.floor(next() * 26));
          ignoreEdits++;
        } else if (kind < 0.8) {
          // A letter typed into a key that holds a whole subtree (a schema's, a path's name).
          const keys = [...text.matchAll(/"([^"\n]{2,})": ?(?:\{|\n)/g)];
          const key = keys[Math.floor(next() * keys.length)];
          start = end = key.index! + 2 + Math.floor(next() * (key[1].length - 1));
          inserted = String.fromCharCode(97 + Math.floor(next() * 26));
          keyEdits++;
        } else if (kind < 0.9) {
          // A letter deleted inside a finding's range.
          const target = findings[Math.floor(next() * findings.length)];
          start = lines.offsetAt(target.range.start) + 1;
          end = start + 1;
          inserted = '';
        } else {
          // A line inserted above a finding: a suppression comment (YAML) or a new property (JSON).
          const target = findings[Math.floor(next() * findings.length)];
          start = end = lines.offsetAt({ line: target.range.start.line, character: 0 });
          const indent = text.slice(start).match(/^ */)![0];
          // In JSON only before a property, where one more property keeps the text valid.
          const beforeProperty = text.charAt(start + indent.length) === '"';
          inserted = format === 'yaml' ? `${indent}# api-guard-ignore ${target.ruleId} -- reviewed\n` : beforeProperty ? `${indent}"x-note${version}": "n",\n` : '';
        }
        const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
        text = text.slice(0, start) + inserted + text.slice(end);
        pieces = pieces.edited(start, end, inserted);
        const doc = store.setOpen(uri, pieces, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
        if (doc.patch !== undefined) patched++;
        analysis.update();
        assert.equal(everything(analysis), everything(freshAnalysis(uri, text)), `version ${version}: ${JSON.stringify(inserted)} at ${range.start.line}:${range.start.character}`);
        for (const finding of allFindings(analysis)) if (before.has(finding)) reused++;
      }
      assert.ok(patched > 30, `most versions were patched (${patched})`);
      assert.ok(keyEdits > 10, `keys holding subtrees were renamed (${keyEdits})`);
      assert.ok(ignoreEdits > 2, `suppressions were edited (${ignoreEdits})`);
      assert.ok(reused > 1000, `unchanged findings were handed out again (${reused})`);
    });
  });
}

describe('FindingReuse (a fragment open, its root a file on disk)', () => {
  it('hands out the unchanged findings of every document of the API again, and collects what a fresh analysis collects', () => {
    const root = `${FOLDER}/api.yaml`;
    const fragment = `${FOLDER}/schemas.yaml`;
    const value = specValue() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    const rootText = toBlockYaml({ ...value, components: {} }).replaceAll('"#/components/schemas/', '"schemas.yaml#/');
    let text = toBlockYaml(JSON.parse(JSON.stringify(value.components.schemas).replaceAll('#/components/schemas/', '#/')));
    const disk = new Map([[root, rootText]]);
    const store = new DocumentStore({ read: (uri) => disk.get(uri) });
    store.setOpen(fragment, text, 1);
    const analysis = new FolderAnalysis(store, { folderUri: FOLDER, settings: defaultSettings(), policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] }, reuseFindings: true });
    analysis.setCandidates([root]);
    analysis.update();
    const fresh = (): string => {
      const files = new Map([...disk, [fragment, text]]);
      const other = new FolderAnalysis(new DocumentStore({ read: (uri) => files.get(uri) }), { folderUri: FOLDER, settings: defaultSettings(), policy: { allowedFolders: [FOLDER], allowedRemoteHosts: [] } });
      other.setCandidates([root]);
      other.update();
      return everything(other);
    };
    assert.equal(everything(analysis), fresh(), 'the first analysis');
    const rootFindings = (): Finding[] => [...(analysis.findingsByUri().get(root) ?? []), ...(analysis.suppressedByUri().get(root) ?? [])];
    assert.ok(rootFindings().length > 10, `the root has findings of its own (${rootFindings().length})`);
    const next = seededRandom(13);
    let rootReused = 0;
    let fragmentReused = 0;
    for (let version = 2; version < 32; version++) {
      const before = new Set(allFindings(analysis));
      const lines = new LineIndex(text);
      const keys = [...text.matchAll(/"([^"\n]{2,})":/g)];
      const key = keys[Math.floor(next() * keys.length)];
      const start = key.index! + 2 + Math.floor(next() * (key[1].length - 1));
      const inserted = String.fromCharCode(97 + Math.floor(next() * 26));
      const range = { start: lines.positionAt(start), end: lines.positionAt(start) };
      text = text.slice(0, start) + inserted + text.slice(start);
      store.setOpen(fragment, text, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
      analysis.update();
      assert.equal(everything(analysis), fresh(), `version ${version}: ${JSON.stringify(inserted)} at ${range.start.line}:${range.start.character}`);
      for (const finding of allFindings(analysis)) {
        if (!before.has(finding)) continue;
        if (finding.uri === root) rootReused++;
        else fragmentReused++;
      }
    }
    assert.ok(rootReused > 200, `the root's unchanged findings were handed out again (${rootReused})`);
    assert.ok(fragmentReused > 200, `the fragment's too (${fragmentReused})`);
  });
});

/**
 * The block YAML spec open in a reusing analysis, and `edit`, which applies one change as the
 * editor sends it (a range and a text, as a `PieceText` of the next version), analyses it, and
 * checks that everything collected is what a fresh analysis of the text collects (unless
 * `compare` is false: the fresh analysis of the same URI takes the kept plain value's place).
 */
function editedYamlSpec(compare = true): { text: () => string; analysis: FolderAnalysis; store: DocumentStore; uri: string; edit: (version: number, start: number, end: number, inserted: string) => ParsedDocument } {
  const uri = `${FOLDER}/api.yaml`;
  let text = toBlockYaml(specValue());
  let pieces = PieceText.of(text, 256);
  const store = new DocumentStore({ read: () => undefined });
  store.setOpen(uri, pieces, 1);
  const analysis = reusingAnalysis(store, uri);
  const edit = (version: number, start: number, end: number, inserted: string): ParsedDocument => {
    const lines = new LineIndex(text);
    const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
    text = text.slice(0, start) + inserted + text.slice(end);
    pieces = pieces.edited(start, end, inserted);
    const doc = store.setOpen(uri, pieces, version, { fromVersion: version - 1, changes: [{ range, text: inserted }] });
    analysis.update();
    if (compare) assert.equal(everything(analysis), everything(freshAnalysis(uri, text)), `version ${version}: ${JSON.stringify(inserted)} at ${start}`);
    return doc;
  };
  return { text: () => text, analysis, store, uri, edit };
}

describe('FindingReuse (a broken YAML text)', () => {
  it('patches edits away from a syntax problem and collects what a fresh analysis collects, the problem included', () => {
    const { text, analysis, edit } = editedYamlSpec();
    // A letter after a quoted key: `"count"x:` is no key any more.
    const broken = text().indexOf('"count"', text().indexOf('"Item3"')) + '"count"'.length;
    const brokenDoc = edit(2, broken, broken, 'x');
    assert.ok(brokenDoc.errors.length > 0, 'the text is broken');
    assert.ok(allFindings(analysis).some((finding) => finding.ruleId === 'spec-parse-error'), 'the problem is reported');
    const next = seededRandom(5);
    let patched = 0;
    for (let version = 3; version < 33; version++) {
      // A letter typed into a quoted key or value away from the problem.
      const tokens = [...text().matchAll(/"([a-z][^"\n]+)"/gi)].filter((token) => Math.abs(token.index! - broken) > 600 && token[1] !== 'openapi');
      const token = tokens[Math.floor(next() * tokens.length)];
      const at = token.index! + 1 + Math.floor(next() * token[1].length);
      if (edit(version, at, at, String.fromCharCode(97 + Math.floor(next() * 26))).patch !== undefined) patched++;
    }
    assert.ok(patched > 20, `most edits of the broken text were patched (${patched})`);
    // Mended: without the problem.
    const stray = text().indexOf('"count"x') + '"count"'.length;
    const mended = edit(33, stray, stray + 1, '');
    assert.equal(mended.errors.length, 0, 'the text is whole again');
  });

  it('patches line edits that add or remove entries of a large mapping, collects what a fresh analysis collects, and hands out the kept entries\' findings again', () => {
    // With the region limit that low, `paths` and `schemas` are mappings too large to be read whole,
    // as in the Stripe YAML: such an edit makes the mapping anew around its other entries.
    const limit = patchLimits.region;
    patchLimits.region = 2500;
    try {
      const { text, analysis, edit } = editedYamlSpec();
      const lineOf = (key: string, within = ''): number => text().lastIndexOf('\n', text().indexOf(key, text().indexOf(within))) + 1;
      let version = 1;
      let reusedInKept = 0;
      const check = (start: number, end: number, inserted: string, what: string): void => {
        const before = new Map(allFindings(analysis).map((finding) => [JSON.stringify(finding), finding]));
        const doc = edit(++version, start, end, inserted);
        const patch = doc.patch;
        assert.ok(patch?.kept !== undefined && patch.kept.size > 0, `${what}: a mapping made anew around kept entries`);
        // The findings of a kept entry before the edit are the very same objects.
        const keptPointers = [...patch.kept].filter((entry) => entry.end < start).map((entry) => pointerOf(entry) + '/');
        for (const finding of allFindings(analysis)) {
          // A reference cycle's report lists the cycle's other references: such reports are never kept.
          if (finding.ruleId === 'ref-circular' || finding.pointer === undefined || !keptPointers.some((pointer) => finding.pointer!.startsWith(pointer))) continue;
          assert.equal(before.get(JSON.stringify(finding)), finding, `${what}: ${finding.ruleId} at ${finding.pointer} handed out again`);
          reusedInKept++;
        }
      };
      // A path's key commented out: its lines join the path before it, where `get` is then repeated.
      let at = lineOf('"/items3":') + 2;
      check(at, at, '# ', 'a path\'s key commented out');
      edit(++version, at, at + 2, '');
      // A path's key indented into the path before it.
      at = lineOf('"/items4":');
      check(at, at, '  ', 'a path\'s key indented');
      edit(++version, at, at + 2, '');
      // Two paths deleted, and pasted back.
      at = lineOf('"/items3":');
      const gone = text().slice(at, lineOf('"/items5":'));
      check(at, at + gone.length, '', 'two paths deleted');
      check(at, at, gone, 'two paths pasted back');
      // A schema's `type` outdented to the column of the schema names: a schema of its own.
      at = lineOf('"type": "object"', '"Item4":');
      check(at, at + 2, '', 'a schema\'s member outdented');
      edit(++version, at, at, '  ');
      assert.ok(reusedInKept > 50, `findings of kept entries handed out again (${reusedInKept})`);
    } finally {
      patchLimits.region = limit;
    }
  });

  it('patches every keystroke of a new entry typed through its broken states and collects what a fresh analysis collects', () => {
    const { text, edit } = editedYamlSpec();
    let version = 1;
    let patched = 0;
    let broken = 0;
    let keystrokes = 0;
    // A new line before the key `before` (the first after `within`), at its indentation, and the keys typed on it.
    const type = (before: string, within: string, keys: string[]) => {
      const lineStart = text().lastIndexOf('\n', text().indexOf(before, text().indexOf(within))) + 1;
      const indent = /^ */.exec(text().slice(lineStart))![0];
      let at = lineStart - 1;
      for (const typed of ['\n' + indent, ...keys]) {
        const doc = edit(++version, at, at, typed);
        keystrokes++;
        if (doc.errors.length > 0) broken++;
        if (doc.patch !== undefined) patched++;
        at += typed.length;
      }
    };
    // A new property of a schema, a key of an operation, a key of a parameter: each reads as a key
    // without a value until its colon is typed.
    type('"count"', '"Item2"', [...'weight', ':', ' ', '{', '}']);
    type('"operationId"', '"/items4"', [...'summary', ':', ' ', ...'Items']);
    type('"in"', '"/items1"', [...'required', ':', ' ', ...'true']);
    assert.ok(broken >= 18, `the text was broken while each key was typed (${broken} of ${keystrokes} keystrokes)`);
    // All but two: the unclosed `{` (which may reach any later line) and the `}` that closes it are parsed in full.
    assert.ok(patched >= keystrokes - 2, `${patched} of ${keystrokes} keystrokes were patched`);
  });

  it('keeps the plain value of a broken buffer along its patches, so that the keystroke that mends it validates only what changed', () => {
    const { text, analysis, store, uri, edit } = editedYamlSpec(false);
    const schemas = (value: unknown) => (value as { components: { schemas: Record<string, unknown> } }).components.schemas;
    // The value structural validation read for the first version.
    const first = plainValueOf(store.peek(uri)!);
    let at = text().lastIndexOf('\n', text().indexOf('"count"', text().indexOf('"Item2"')));
    let version = 1;
    for (const typed of ['\n        ', ...'weight']) {
      const doc = edit(++version, at, at, typed);
      assert.ok(doc.patch !== undefined, `${JSON.stringify(typed)} is patched`);
      at += typed.length;
    }
    assert.ok(store.peek(uri)!.errors.length > 0, 'the key has no value yet');
    const mended = edit(++version, at, at, ':');
    assert.ok(mended.errors.length === 0 && mended.patch !== undefined, 'the colon mends the text, patched');
    const value = plainValueOf(mended);
    assert.equal(schemas(value).Item0, schemas(first).Item0, 'a schema no edit touched is the same object as in the first version');
    assert.notEqual(schemas(value).Item2, schemas(first).Item2, 'the edited schema is new');
    assert.ok('weight' in ((schemas(value).Item2 as { properties: object }).properties), 'with the new key');
    assert.equal(everything(analysis), everything(freshAnalysis(uri, text())), 'the mended version collects what a fresh analysis collects');
  });
});

describe('FindingReuse (an edit the patch cannot follow, and its undo)', () => {
  it('takes back the tree of the version before it when the next edit gives its text back, and collects what a fresh analysis collects', () => {
    const { text, analysis, store, uri, edit } = editedYamlSpec();
    const first = store.peek(uri)!;
    const findingsBefore = new Set(allFindings(analysis));
    let version = 1;
    // A letter at the start of a deep line: it now stands at the root mapping's column, which
    // changes the structure of everything after it, and the whole text is parsed again.
    const lineOf = (key: string, within: string): number => text().lastIndexOf('\n', text().indexOf(key, text().indexOf(within))) + 1;
    let at = lineOf('"count"', '"Item3"');
    const broken = edit(++version, at, at, 'q');
    assert.ok(broken.errors.length > 0 && broken.patch === undefined && broken.root !== first.root, 'parsed whole, with problems');
    const undone = edit(++version, at, at + 1, '');
    assert.equal(undone.root, first.root, 'the undo takes back the first tree');
    assert.equal(undone.version, version);
    assert.equal(undone.patch, undefined, 'not a patch of the version before it');
    assert.deepEqual(undone.errors, first.errors);
    assert.equal(undone.source.toString(), text());
    // The findings made on that tree are handed out again, as the same objects (reports with
    // related locations, such as ref-circular's, are never kept: their list is empty for a schema
    // that refers to itself).
    const findingsAfter = allFindings(analysis).filter((finding) => finding.ruleId !== 'ref-circular');
    assert.ok(findingsAfter.length > 20);
    for (const finding of findingsAfter) assert.ok(findingsBefore.has(finding), `${finding.ruleId} at ${finding.pointer} is the finding of the first version`);
    // Typing goes on from the tree taken back, patched as usual.
    at = text().indexOf('"target_url"') + 2;
    assert.notEqual(edit(++version, at, at, 'x').patch, undefined, 'the next keystroke is patched');
  });

  it('takes back the plain value of the tree too, for structural validation', () => {
    // Without comparing each version with a fresh analysis, whose value of the same URI would take the kept one's place.
    const { text, analysis, store, uri, edit } = editedYamlSpec(false);
    const first = store.peek(uri)!;
    const valueBefore = keptPlainValue(first);
    assert.notEqual(valueBefore, undefined, 'validated');
    const at = text().lastIndexOf('\n', text().indexOf('"count"', text().indexOf('"Item1"'))) + 1;
    assert.ok(edit(2, at, at, 'q').errors.length > 0, 'broken, so not validated');
    const undone = edit(3, at, at + 1, '');
    assert.equal(undone.root, first.root);
    assert.equal(keptPlainValue(undone), valueBefore, 'not built again');
    assert.equal(everything(analysis), everything(freshAnalysis(uri, text())));
  });

  it('parses again when the next edit gives another text, or when the version before was changed by a patch', () => {
    const { text, store, uri, edit } = editedYamlSpec();
    const first = store.peek(uri)!;
    let version = 1;
    const at = text().lastIndexOf('\n', text().indexOf('"count"', text().indexOf('"Item4"'))) + 1;
    assert.equal(edit(++version, at, at, 'q').patch, undefined);
    // Another letter instead of an undo: a text neither version had.
    edit(++version, at + 1, at + 1, 'r');
    // Both letters gone in one edit: the text of the first version, but only the version just
    // before is kept, and that is the broken one.
    assert.notEqual(edit(++version, at, at + 2, '').root, first.root);
  });

  it('does not take back a tree that a batch of changes patched in part', () => {
    const uri = `${FOLDER}/api.yaml`;
    const text = toBlockYaml(specValue());
    const store = new DocumentStore({ read: () => undefined });
    const first = store.setOpen(uri, PieceText.of(text), 1);
    const lines = new LineIndex(text);
    // One batch: a letter typed into a value (patched in place), then a letter at the start of a
    // deep line on a later line (not patched): the whole text is parsed, and the first tree was
    // changed by the first patch.
    const typed = text.indexOf('"target_url"') + 2;
    const stray = text.lastIndexOf('\n', text.indexOf('"count"', text.indexOf('"Item3"'))) + 1;
    const at = (offset: number) => ({ start: lines.positionAt(offset), end: lines.positionAt(offset) });
    const batch = [{ range: at(typed), text: 'x' }, { range: at(stray), text: 'q' }];
    const second = text.slice(0, typed) + 'x' + text.slice(typed, stray) + 'q' + text.slice(stray);
    const broken = store.setOpen(uri, PieceText.of(second), 2, { fromVersion: 1, changes: batch });
    assert.ok(broken.errors.length > 0 && broken.root !== first.root);
    const back = new LineIndex(second);
    const undo = [
      { range: { start: back.positionAt(stray + 1), end: back.positionAt(stray + 2) }, text: '' },
      { range: { start: back.positionAt(typed), end: back.positionAt(typed + 1) }, text: '' },
    ];
    const undone = store.setOpen(uri, PieceText.of(text), 3, { fromVersion: 2, changes: undo });
    assert.notEqual(undone.root, first.root, 'parsed again');
    assert.deepEqual(toValue(undone.root!), toValue(parseDocument(uri, text, 1).root!));
  });
});

describe('FindingReuse.find', () => {
  it('takes a kept finding only when the report says the same, discriminator and fix data included', () => {
    const doc = parseDocument(`${FOLDER}/a.yaml`, 'a:\n  b: 1\n', 3);
    const root = doc.root;
    assert.ok(root?.type === 'object');
    const node = root.properties.get('a')!;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const finding: Finding = { ruleId: 'r', severity: 'warning', message: 'm', uri: doc.uri, range, fingerprint: 'f', data: { path: '/a', methods: ['get'] } };
    const reuse = new FindingReuse(FOLDER);
    // What toFinding asks: the kept finding by rule, node and discriminator, then whether it equals the new one.
    const find = (ruleId: string, version: typeof doc, at: typeof node, wanted: Wanted) => {
      const entry = reuse.lookup(ruleId, at, wanted.discriminator);
      return entry === undefined ? undefined : reuse.take(entry, version, at, wanted, 0, 1);
    };
    reuse.keep('r', doc, node, 'one', finding, 0, 1);
    const wanted = { message: 'm', severity: 'warning' as const, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, data: { methods: ['get'], path: '/a' }, suppressed: undefined, discriminator: 'one' };
    assert.equal(find('r', doc, node, wanted), finding, 'equal in everything (members in another order)');
    assert.equal(find('r', doc, node, { ...wanted, data: { path: '/a', methods: ['post'] } }), undefined, 'other fix data');
    assert.equal(find('r', doc, node, { ...wanted, data: { path: '/a' } }), undefined, 'less fix data');
    assert.equal(find('r', doc, node, { ...wanted, discriminator: 'two' }), undefined, 'another discriminator');
    assert.equal(find('other', doc, node, wanted), undefined, 'another rule');
    assert.equal(find('r', doc, node, { ...wanted, severity: 'error' }), undefined, 'another severity');
    assert.equal(find('r', doc, node, { ...wanted, suppressed: { kind: 'comment' } }), undefined, 'now suppressed');
    const reparsed = parseDocument(doc.uri, 'a:\n  b: 1\n', 4);
    assert.equal(find('r', reparsed, node, wanted), undefined, 'a later version that is no patch of this one');
  });

  it('gives a kept range again only for the same offsets, in the same version or before the edit of a patch of it, or moved past the edit on a later line', () => {
    const doc = parseDocument(`${FOLDER}/a.yaml`, 'a:\n  b: 1\n', 3);
    const node = (doc.root as ObjectNode).properties.get('a')!;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const finding: Finding = { ruleId: 'r', severity: 'warning', message: 'm', uri: doc.uri, range, fingerprint: 'f' };
    const reuse = new FindingReuse(FOLDER);
    reuse.keep('r', doc, node, undefined, finding, 0, 1);
    const entry = reuse.lookup('r', node, undefined)!;
    assert.equal(reuse.lookup('r', node, 'other'), undefined, 'another discriminator');
    assert.equal(reuse.unmovedRange(entry, doc, 0, 1), range, 'the same version, the same offsets');
    assert.equal(reuse.unmovedRange(entry, doc, 0, 2), undefined, 'other offsets');
    // One letter typed at changeStart, on line 0 (no line added unless told).
    const patchOf = (fromVersion: number, changeStart: number, more: { changeEndLine?: number; lineDelta?: number; delta?: number } = {}) => ({
      ...doc,
      version: 4,
      patch: { fromVersion, node, replaced: node, replacedKey: 'a', changeStart, changeEndLine: more.changeEndLine ?? 0, delta: more.delta ?? 1, lineDelta: more.lineDelta ?? 0 },
    });
    assert.equal(reuse.unmovedRange(entry, patchOf(3, 1), 0, 1), range, 'an edit at its end');
    assert.equal(reuse.unmovedRange(entry, patchOf(3, 5), 0, 1), range, 'an edit after it');
    assert.equal(reuse.unmovedRange(entry, patchOf(3, 0), 0, 1), undefined, 'an edit before its end');
    assert.equal(reuse.unmovedRange(entry, patchOf(2, 5), 0, 1), undefined, 'a patch of another version');
    assert.equal(reuse.unmovedRange(entry, { ...doc, version: 4 }, 0, 1), undefined, 'a later version that is no patch');
    assert.equal(reuse.unmovedRange(entry, { ...doc, uri: `${FOLDER}/b.yaml` }, 0, 1), undefined, 'another document');

    // A finding on `b` (offsets 5–6, line 1), after edits on line 0.
    const later = { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } };
    const onB: Finding = { ...finding, range: later, fingerprint: 'g' };
    reuse.keep('s', doc, node, undefined, onB, 5, 6);
    const entryB = reuse.lookup('s', node, undefined)!;
    assert.equal(reuse.unmovedRange(entryB, patchOf(3, 1), 6, 7), later, 'moved by the edit, on a later line');
    assert.deepEqual(reuse.unmovedRange(entryB, patchOf(3, 1, { lineDelta: 2, delta: 3 }), 8, 9), { start: { line: 3, character: 2 }, end: { line: 3, character: 3 } }, 'two lines added above it');
    assert.equal(reuse.unmovedRange(entryB, patchOf(3, 1), 5, 6), undefined, 'not moved by the edit');
    assert.equal(reuse.unmovedRange(entryB, patchOf(3, 4, { changeEndLine: 1 }), 6, 7), undefined, 'an edit earlier on its line');
    assert.equal(reuse.unmovedRange(entryB, patchOf(3, 5, { changeEndLine: 1 }), 6, 7), undefined, 'an edit at its start');
    assert.equal(reuse.unmovedRange(entryB, patchOf(2, 1), 6, 7), undefined, 'a patch of another version');

    // Taken again in version 4, the entry holds that version's offsets, which the next patch moves.
    const other = (node as ObjectNode).properties.get('b')!;
    const patchOfB = (fromVersion: number, version: number) => ({ ...patchOf(fromVersion, 1), version, patch: { ...patchOf(fromVersion, 1).patch, node: other, replaced: other, replacedKey: 'b' } });
    const wantedB = { message: 'm', severity: 'warning' as const, range: later, data: undefined, suppressed: undefined, discriminator: undefined };
    assert.equal(reuse.take(entryB, patchOfB(3, 4), node, wantedB, 6, 7), onB, 'taken in version 4');
    assert.equal(reuse.unmovedRange(entryB, patchOfB(4, 5), 7, 8), later, 'moved again by the next edit');
  });

  it('copies a kept finding that an edit before it moved to another line, with its pointer and fingerprint, and only then', () => {
    const doc = parseDocument(`${FOLDER}/a.yaml`, 'x: 0\na:\n  b: 1\n', 3);
    const root = doc.root as ObjectNode;
    const edited = root.properties.get('x')!;
    const a = root.properties.get('a') as ObjectNode;
    const b = a.properties.get('b')!;
    const range = { start: { line: 2, character: 2 }, end: { line: 2, character: 3 } };
    const finding: Finding = { ruleId: 'r', severity: 'warning', message: 'm', uri: doc.uri, range, fingerprint: 'f', pointer: '/a/b', data: { path: '/a' } };
    // A line added in `x` (version 4, a patch of version 3 that re-read `x`): `b` is a line further down.
    const patched = (patchNode: typeof edited) => ({ ...doc, version: 4, patch: { fromVersion: 3, node: patchNode, replaced: patchNode, replacedKey: patchNode.key, changeStart: 3, changeEndLine: 0, delta: 5, lineDelta: 1 } });
    const moved = { start: { line: 3, character: 2 }, end: { line: 3, character: 3 } };
    const wanted: Wanted = { message: 'm', severity: 'warning', range: moved, data: { path: '/a' }, suppressed: undefined, discriminator: undefined };
    const keptIn = (reuse: FindingReuse, kept: Finding = finding) => {
      reuse.keep('r', doc, b, undefined, kept, 14, 15);
      return reuse.lookup('r', b, undefined)!;
    };

    let reuse = new FindingReuse(FOLDER);
    let entry = keptIn(reuse);
    assert.equal(reuse.take(entry, patched(edited), b, wanted, 19, 20), undefined, 'not the same finding: its range moved');
    const copy = reuse.moved(entry, patched(edited), b, wanted, 19, 20);
    assert.ok(copy !== undefined && copy !== finding, 'a copy');
    assert.deepEqual(copy, { ...finding, range: moved }, 'the same finding on the line it moved to');
    assert.equal(finding.range, range, 'the kept finding is left as it was');
    assert.equal(reuse.take(entry, { ...patched(edited), version: 4, patch: undefined }, b, wanted, 19, 20), copy, 'the copy is kept in its place');

    const declines: [string, Partial<Wanted>, Finding?, typeof edited?][] = [
      ['another message', { message: 'n' }],
      ['another severity', { severity: 'error' }],
      ['other fix data', { data: { path: '/b' } }],
      ['now suppressed', { suppressed: { kind: 'comment' } }],
      ['a finding without a pointer, whose fingerprint comes from its range', {}, { ...finding, pointer: undefined }],
      ['inside the subtree the patch re-read, where its pointer may have changed', {}, finding, a],
    ];
    for (const [why, change, kept, patchNode] of declines) {
      reuse = new FindingReuse(FOLDER);
      entry = keptIn(reuse, kept);
      assert.equal(reuse.moved(entry, patched(patchNode ?? edited), b, { ...wanted, ...change }, 19, 20), undefined, why);
    }
    reuse = new FindingReuse(FOLDER);
    entry = keptIn(reuse);
    assert.equal(reuse.moved(entry, { ...patched(edited), patch: { ...patched(edited).patch, fromVersion: 2 } }, b, wanted, 19, 20), undefined, 'a patch of another version');
  });
});
