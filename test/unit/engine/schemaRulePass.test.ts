import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { defaultSettings, type ApiGuardSettings } from '../../../server/src/core/config/settings';
import type { Finding } from '../../../server/src/core/engine/finding';
import { FindingReuse } from '../../../server/src/core/engine/findingReuse';
import { setLocale } from '../../../server/src/core/l10n/messages';
import { patchLimits } from '../../../server/src/core/model/incrementalParse';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { PieceText } from '../../../server/src/core/model/textSource';
import { schemaIndexFromPrevious, schemasOf, type SchemaEntry } from '../../../server/src/core/openapi/schemas';
import type { ApiDescription } from '../../../server/src/core/openapi/types';
import { SPEC_RULES } from '../../../server/src/core/rules/registry';
import type { EachSchema, SpecRule } from '../../../server/src/core/rules/types';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { FolderAnalysis } from '../../../server/src/core/workspace/folderAnalysis';
import { toBlockYaml } from '../helpers/blockYaml';
import { EditedBuffer as AnalysedBuffer, typeOrDeleteLetter } from '../helpers/editedBuffer';
import { seededRandom } from '../helpers/seededRandom';

// The language server keeps the findings of the rules that report about single schemas per schema
// and, after an edit, works out again only those of the schemas the edit can have reached
// (engine/schemaRulePass.ts). Whatever it keeps, each version's findings must be a fresh
// analysis' findings.

const FOLDER = 'file:///ws';
const POLICY = { allowedFolders: [FOLDER], allowedRemoteHosts: [] };
const PASS_RULES = SPEC_RULES.filter((rule): rule is SpecRule & { eachSchema: EachSchema } => rule.eachSchema !== undefined);

/** Components with strings, integers, arrays, maps and compositions, used by request and response bodies and parameters. */
function specValue(version: '2.0' | '3.0.3' | '3.1.0', size = 6): Record<string, unknown> {
  const v2 = version === '2.0';
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < size; index++) {
    schemas[`Thing${index}`] = {
      type: 'object',
      description: `Thing number ${index}`,
      ...(index % 3 === 1 && { maxProperties: 20 }),
      properties: {
        name: { type: 'string', description: 'A name' },
        code: { type: 'string', maxLength: 8 },
        count: { type: 'integer', minimum: 0 },
        tags: { type: 'array', items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'integer' } },
        part: { allOf: [{ type: 'object', properties: { size: { type: 'integer' } } }] },
        ...(index > 0 && { previous: { $ref: v2 ? `#/definitions/Thing${index - 1}` : `#/components/schemas/Thing${index - 1}` } }),
      },
    };
    const ref = v2 ? `#/definitions/Thing${index}` : `#/components/schemas/Thing${index}`;
    paths[`/things${index}`] = {
      post: {
        operationId: `createThing${index}`,
        parameters: v2
          ? [
              { name: 'limit', in: 'query', type: 'integer' },
              { name: 'body', in: 'body', schema: { $ref: ref } },
            ]
          : [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
        ...(!v2 && { requestBody: { content: { 'application/json': { schema: { $ref: ref } } } } }),
        responses: v2 ? { '200': { description: 'OK', schema: { $ref: ref } } } : { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } } },
      },
    };
  }
  const head = v2 ? { swagger: '2.0', host: 'api.example.com', schemes: ['https'] } : { openapi: version, servers: [{ url: 'https://api.example.com' }] };
  return { ...head, info: { title: 'Things', version: '1' }, paths, ...(v2 ? { definitions: schemas } : { components: { schemas } }) };
}

/** Everything the pass rules' findings say, per document, findings and suppressed ones. */
function everything(analysis: FolderAnalysis): string {
  const ids = new Set(PASS_RULES.map((rule) => rule.meta.id));
  const out: unknown[] = [];
  for (const byUri of [analysis.findingsByUri(), analysis.suppressedByUri()]) {
    for (const uri of [...byUri.keys()].sort()) out.push(uri, byUri.get(uri)!.filter((finding) => ids.has(finding.ruleId)));
  }
  return JSON.stringify(out);
}

function passFindings(analysis: FolderAnalysis): Finding[] {
  const ids = new Set(PASS_RULES.map((rule) => rule.meta.id));
  return [...analysis.findingsByUri().values()].flat().filter((finding) => ids.has(finding.ruleId));
}

/** An editor buffer analysed version after version, each compared with a fresh analysis of its text with the same settings. */
class EditedBuffer extends AnalysedBuffer {
  settings: ApiGuardSettings = defaultSettings();
  /** What went to `onRuleError`. */
  readonly errors: string[];

  constructor(uri: string, text: string) {
    const errors: string[] = [];
    super(uri, text, { folderUri: FOLDER, settings: defaultSettings(), policy: POLICY, reuseFindings: true, onRuleError: (ruleId, error) => errors.push(`${ruleId}: ${String(error)}`) });
    this.errors = errors;
  }

  private options(reuseFindings: boolean) {
    return { folderUri: FOLDER, settings: this.settings, policy: POLICY, reuseFindings, onRuleError: (ruleId: string, error: unknown) => this.errors.push(`${ruleId}: ${String(error)}`) };
  }

  setSettings(settings: ApiGuardSettings): void {
    this.settings = settings;
    this.analysis.setOptions(this.options(true));
    this.analysis.update();
  }

  /** A fresh analysis of the same text with the same settings, nothing kept. */
  fresh(): FolderAnalysis {
    const store = new DocumentStore({ read: () => undefined });
    store.setOpen(this.uri, this.text, 1);
    const analysis = new FolderAnalysis(store, this.options(false));
    analysis.setCandidates([this.uri]);
    analysis.update();
    return analysis;
  }

  assertFresh(what: string): void {
    assert.equal(everything(this.analysis), everything(this.fresh()), what);
  }

  api(): ApiDescription {
    return this.analysis.allApis()[0];
  }
}

/** Counts the calls of each pass rule's `selects` while `body` runs. */
function countingSelects(body: () => void): number {
  let calls = 0;
  const originals = PASS_RULES.map((rule) => rule.eachSchema.selects);
  PASS_RULES.forEach((rule, index) => {
    rule.eachSchema.selects = (entry: SchemaEntry, api: ApiDescription) => {
      calls++;
      return originals[index](entry, api);
    };
  });
  try {
    body();
  } finally {
    PASS_RULES.forEach((rule, index) => (rule.eachSchema.selects = originals[index]));
  }
  return calls;
}

/** Counts the findings of the pass rules looked up in `FindingReuse` while `body` runs (each one made or followed costs one or two). */
function countingLookups(body: () => void): number {
  let calls = 0;
  const ids = new Set(PASS_RULES.map((rule) => rule.meta.id));
  const original = FindingReuse.prototype.lookup;
  FindingReuse.prototype.lookup = function (this: FindingReuse, ...args: Parameters<FindingReuse['lookup']>) {
    if (ids.has(args[0])) calls++;
    return original.apply(this, args);
  };
  try {
    body();
  } finally {
    FindingReuse.prototype.lookup = original;
  }
  return calls;
}

describe('the schema rules worked out again only where an edit reached (schemaRulePass)', () => {
  after(() => setLocale('en'));
  afterEach(() => setLocale('en'));

  it('covers the four limit rules', () => {
    assert.deepEqual(PASS_RULES.map((rule) => rule.meta.id).sort(), ['limit-additional-properties', 'limit-array-items', 'limit-integer-range', 'limit-string-length']);
  });

  it('asks only about the schemas an edit reached, and hands out the other findings as the same objects', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3', 12)));
    const entries = schemasOf(buffer.api()).entries.length;
    const before = passFindings(buffer.analysis);
    assert.ok(before.length > 100, `the rules report (${before.length})`);
    // A letter typed into the description of one component (not a schema keyword).
    const calls = countingSelects(() => buffer.replace('Thing number 5', 'Thing numbers 5'));
    buffer.assertFresh('a description edited');
    assert.equal(buffer.patched, 1);
    assert.ok(calls > 0 && calls <= 4 * 12, `the rules were asked about ${calls} schemas of ${entries}, four times each at most for those the edit reached`);
    const after = passFindings(buffer.analysis);
    assert.equal(after.length, before.length);
    assert.ok(after.every((finding, index) => finding === before[index]), 'every finding is the object handed out before');

    // A property renamed: its own finding and those of the schemas below it change, the others stay the objects they were.
    const renamed = countingSelects(() => buffer.replace('"code"', '"codes"', 7));
    buffer.assertFresh('a property renamed');
    assert.ok(renamed <= 4 * 20, `asked about ${renamed} schemas`);
    const next = passFindings(buffer.analysis);
    const same = next.filter((finding) => before.includes(finding)).length;
    assert.ok(same >= before.length - 10, `${same} of ${next.length} findings are the objects handed out before`);
  });

  it('reaches only the component of a line added at its top, which reads the component again', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3', 12)));
    const entries = schemasOf(buffer.api()).entries.length;
    // Before the component's first key: the patch reads its whole entry again, under the same key.
    const at = buffer.text.indexOf('    "Thing5":\n') + '    "Thing5":\n'.length;
    const calls = countingSelects(() => buffer.edit(at, at, '      "title": "The fifth"\n'));
    buffer.assertFresh('a line added at the top of a component');
    const patch = buffer.store.get(buffer.uri)!.patch!;
    assert.equal(patch.kept, undefined, 'the entry was read again');
    assert.equal(patch.node.key, 'Thing5');
    assert.ok(calls > 0 && calls <= 4 * 14, `the rules were asked about ${calls} schemas of ${entries}, only those of the component`);
    const back = countingSelects(() => buffer.edit(at, at + '      "title": "The fifth"\n'.length, ''));
    buffer.assertFresh('the line taken away');
    assert.ok(back <= 4 * 14, `asked about ${back} schemas`);
  });

  it('reaches only the component pasted into the mapping of all components, not those it kept', (t) => {
    // The mapping of all components is read again whole up to this many characters; the Stripe
    // YAML's is far larger, and there the paste makes it anew around the components it kept.
    const region = patchLimits.region;
    patchLimits.region = 4096;
    t.after(() => (patchLimits.region = region));
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3', 12)));
    const entries = schemasOf(buffer.api()).entries.length;
    const start = buffer.text.indexOf('    "Thing7":\n');
    const end = buffer.text.indexOf('    "Thing8":\n');
    const entry = buffer.text.slice(start, end);
    buffer.edit(start, end, '');
    buffer.assertFresh('a component deleted');
    const calls = countingSelects(() => buffer.edit(start, start, entry));
    buffer.assertFresh('the component pasted back');
    const patch = buffer.store.get(buffer.uri)!.patch;
    assert.ok(patch?.kept !== undefined && patch.node.key === 'schemas', `the mapping of all components was made anew around the others: ${JSON.stringify({ key: patch?.node.key, kept: patch?.kept?.size, region: patchLimits.region, length: entry.length })}`);
    assert.ok(calls > 0 && calls <= 4 * 25, `the rules were asked about ${calls} schemas of ${entries}: the pasted component's and those whose flags changed`);
  });

  it('reaches the schemas that read an edited key of READ_FROM_ANCESTORS: a parameter\'s name and in, a composition owner\'s maxProperties', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3', 6)));
    const messages = () => passFindings(buffer.analysis).map((finding) => finding.message);
    // The label of a parameter's schema reads the parameter's name, a scalar rewritten in place.
    assert.ok(messages().some((message) => message.includes('parameter "limit"')));
    buffer.replace('"name": "limit"', '"name": "pages"', 2);
    buffer.assertFresh('a parameter renamed');
    assert.ok(messages().some((message) => message.includes('parameter "pages"')));
    // … and whether the parameter has an `in`: its line taken away, and put back.
    const inLine = buffer.text.indexOf('"in": "query"\n', buffer.text.indexOf('"name": "pages"'));
    const lineStart = buffer.text.lastIndexOf('\n', inLine) + 1;
    const removed = buffer.text.slice(lineStart, inLine + '"in": "query"\n'.length);
    buffer.edit(lineStart, lineStart + removed.length, '');
    buffer.assertFresh('a parameter\'s in taken away');
    buffer.edit(lineStart, lineStart, removed);
    buffer.assertFresh('a parameter\'s in put back');
    // A composition's owner closes its members with maxProperties, added after its allOf.
    const open = () => passFindings(buffer.analysis).filter((finding) => finding.ruleId === 'limit-additional-properties').length;
    const before = open();
    const part = buffer.text.indexOf('"part":', buffer.text.indexOf('"Thing4":'));
    const after = buffer.text.indexOf('\n        "previous":', part) + 1;
    buffer.edit(after, after, '          "maxProperties": 3\n');
    buffer.assertFresh('maxProperties added to a composition\'s owner');
    assert.ok(open() < before, `the member closed by its owner is no longer reported (${open()} of ${before})`);
  });

  it('takes over the findings of the schemas out of reach after an edit that made the schema index walk again', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3', 12)));
    const before = passFindings(buffer.analysis);
    const lookups = countingLookups(() => buffer.replace('"post"', '"posts"', 3));
    buffer.assertFresh('an operation renamed away');
    assert.equal(buffer.patched, 1);
    assert.equal(schemaIndexFromPrevious(buffer.api()), false, 'the index was walked again');
    const after = passFindings(buffer.analysis);
    assert.ok(lookups < before.length / 4, `${lookups} findings looked up of ${before.length}`);
    const same = after.filter((finding) => before.includes(finding)).length;
    assert.ok(same > after.length - 10, `${same} of ${after.length} findings are the objects handed out before`);
    buffer.replace('"posts"', '"post"');
    buffer.assertFresh('the operation back');
  });

  it('works out again a schema out of reach whose flags the walk changed', () => {
    // `Reply` is only a response until a request body refers to it: then limit-additional-properties
    // reports about it, though the edit (a `$ref`) did not reach it.
    const yaml = [
      'openapi: 3.0.3',
      'info: { title: Replies, version: "1" }',
      'servers: [{ url: "https://api.example.com" }]',
      'paths:',
      '  /replies:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema:',
      '              $ref: "#/components/schemas/Note"',
      '      responses:',
      '        "200":',
      '          description: OK',
      '          content:',
      '            application/json:',
      '              schema:',
      '                $ref: "#/components/schemas/Reply"',
      'components:',
      '  schemas:',
      '    Note:',
      '      type: object',
      '      additionalProperties: false',
      '      properties:',
      '        text:',
      '          type: string',
      '          maxLength: 100',
      '    Reply:',
      '      type: object',
      '      properties:',
      '        id:',
      '          type: string',
      '          format: uuid',
      '',
    ].join('\n');
    const buffer = new EditedBuffer(`${FOLDER}/replies.yaml`, yaml);
    const open = () => passFindings(buffer.analysis).filter((finding) => finding.ruleId === 'limit-additional-properties').map((finding) => finding.message);
    assert.deepEqual(open(), []);
    buffer.replace('schemas/Note"', 'schemas/Reply"');
    buffer.assertFresh('the request refers to the reply');
    assert.equal(schemaIndexFromPrevious(buffer.api()), false, 'the index was walked again');
    assert.equal(open().length, 1, 'the reply is a request schema now');
    buffer.replace('schemas/Reply"', 'schemas/Note"');
    buffer.assertFresh('and back');
    assert.deepEqual(open(), []);
  });

  it('reports what a fresh analysis reports in an API of 2,100 schemas, after a patch that reached a few of them and one that reached them all', () => {
    // 2,100 components: a key renamed among them reaches the mapping that holds them all.
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < 2_100; index++) schemas[`Part${index}`] = { type: 'object', properties: { label: { type: 'string' } } };
    const paths = { '/parts': { post: { requestBody: { content: { 'application/json': { schema: { type: 'array', items: { anyOf: Object.keys(schemas).map((name) => ({ $ref: `#/components/schemas/${name}` })) } } } } }, responses: { '204': { description: 'Done' } } } } };
    const value = { openapi: '3.0.3', info: { title: 'Parts', version: '1' }, servers: [{ url: 'https://api.example.com' }], paths, components: { schemas } };
    const buffer = new EditedBuffer(`${FOLDER}/parts.yaml`, toBlockYaml(value));
    const findings = passFindings(buffer.analysis).length;
    assert.ok(findings > 4_000, `${findings} findings`);
    // A property of the first component renamed: the patch reaches that component's properties
    // and what is above them only.
    const few = countingLookups(() => buffer.replace('"label"', '"labels"'));
    buffer.assertFresh('a property renamed');
    assert.ok(few < 20, `${few} findings looked up`);
    // Renamed, a component has its mapping as the patch's scope: every schema is reached, more than
    // are worked out again in one step (the rule runs over every schema instead).
    buffer.replace('"Part7":', '"Part7a":');
    buffer.assertFresh('a component renamed');
    buffer.replace('"Part7a":', '"Part7":');
    buffer.assertFresh('and back');
  });

  it('moves the findings after a line added or taken away, and keeps those before it', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.0.3', 8)));
    const before = passFindings(buffer.analysis);
    // A summary added to the second operation: only the schemas of that operation are reached,
    // and every finding after the new line moves a line down.
    const added = '      "summary": "Make one"\n';
    const at = buffer.text.indexOf('      "operationId": "createThing1"');
    const line = new LineIndex(buffer.text).positionAt(at).line;
    buffer.edit(at, at, added);
    buffer.assertFresh('a line added');
    assert.equal(buffer.patched, 1, 'the edit was patched');
    assert.ok(schemaIndexFromPrevious(buffer.api()), 'the schema index was kept');
    const after = passFindings(buffer.analysis);
    assert.equal(after.length, before.length);
    let moved = 0;
    for (let index = 0; index < before.length; index++) {
      if (before[index].range.start.line < line) {
        assert.equal(after[index], before[index], 'a finding before the new line is the same object');
        continue;
      }
      assert.equal(after[index].range.start.line, before[index].range.start.line + 1, 'a finding after the new line is a line further down');
      assert.equal(after[index].fingerprint, before[index].fingerprint, 'with the fingerprint it had');
      moved++;
    }
    assert.ok(moved > 50, `findings moved (${moved})`);
    // A line taken away from the last schema: the findings before it stay the objects they were.
    const last = buffer.text.lastIndexOf('"description": "A name"');
    const lineStart = buffer.text.lastIndexOf('\n', last) + 1;
    const removedLine = new LineIndex(buffer.text).positionAt(lineStart).line;
    buffer.edit(lineStart, buffer.text.indexOf('\n', last) + 1, '');
    buffer.assertFresh('a line taken away');
    assert.equal(buffer.patched, 2, 'the edit was patched');
    const later = passFindings(buffer.analysis);
    const before3 = later.filter((finding) => finding.range.start.line < removedLine - 3);
    assert.ok(before3.length > 0 && before3.every((finding, index) => finding === after[index]), 'the findings well before the line are the same objects');
    const start = buffer.text.indexOf(added);
    buffer.edit(start, start + added.length, '');
    buffer.assertFresh('the line taken away again');
  });

  it('works out again a finding on the line of an edit that did not reach its schema', () => {
    // Two properties in one flow mapping: a letter typed into the first moves the second's finding
    // along the line, though the second's schema is out of the patch's reach.
    const yaml = [
      'openapi: 3.0.3',
      'info: { title: Flow, version: "1" }',
      'servers: [{ url: "https://api.example.com" }]',
      'paths:',
      '  /things:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema:',
      '              type: object',
      '              maxProperties: 3',
      '              properties: { first: { type: string }, second: { type: integer }, third: { type: array, maxItems: 2, items: { type: string, maxLength: 5 } } }',
      '      responses:',
      '        "204": { description: Done }',
      '',
    ].join('\n');
    const buffer = new EditedBuffer(`${FOLDER}/flow.yaml`, yaml);
    const second = () => passFindings(buffer.analysis).find((finding) => finding.message.includes('"second"'))!;
    const column = second().range.start.character;
    buffer.replace('first: { type: string }', 'first: { type: strings }');
    buffer.assertFresh('a letter typed before the second property on its line');
    assert.equal(second().range.start.character, column + 1);
    buffer.replace('first:', 'firsts:');
    buffer.assertFresh('the first property renamed');
    assert.equal(second().range.start.character, column + 2);
  });

  it('steps aside while the document has an ignore comment or key, whose edits change what is suppressed', () => {
    const value = specValue('3.0.3', 4);
    const text = toBlockYaml(value).replace('    "Thing2":\n', '    "Thing2":\n      "x-api-guard-ignore":\n        "limit-string-length": "checked by the gateway"\n');
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, `# api-guard-ignore-file limit-integer-range\n${text}`);
    buffer.assertFresh('the first analysis');
    const suppressed = () => [...buffer.analysis.suppressedByUri().values()].flat().length;
    const first = suppressed();
    assert.ok(first > 10, `findings are suppressed (${first})`);
    // The rule named in the key spelled wrongly: the patch's reach is the key's mapping and what is
    // above it, not the properties of the schema that has it, whose findings are no longer suppressed.
    buffer.replace('"limit-string-length": "checked', '"limit-string-lengths": "checked');
    buffer.assertFresh('the key names another rule');
    assert.ok(suppressed() < first);
    buffer.replace('ignore-file limit-integer-range', 'ignore-file limit-integer-ranges');
    buffer.assertFresh('the comment names another rule');
    assert.equal(suppressed(), 0);
    buffer.replace('ignore-file limit-integer-ranges', 'ignore-file limit-integer-range');
    buffer.assertFresh('the comment names the rule again');
    buffer.replace('A name', 'A names', 2);
    buffer.assertFresh('an edit elsewhere');
  });

  it('works out every schema again for other settings, another locale and after a rule failed', () => {
    const buffer = new EditedBuffer(`${FOLDER}/api.yaml`, toBlockYaml(specValue('3.1.0')));
    const settings = defaultSettings();
    settings.rules['limit-string-length'] = 'warning';
    buffer.setSettings(settings);
    buffer.replace('A name', 'A names');
    buffer.assertFresh('limit-string-length as a warning');
    assert.ok(passFindings(buffer.analysis).some((finding) => finding.ruleId === 'limit-string-length' && finding.severity === 'warning'));
    setLocale('de');
    buffer.replace('A names', 'A name');
    buffer.assertFresh('German messages');
    setLocale('en');
    buffer.replace('A name', 'Any name');
    buffer.assertFresh('English again');

    // A rule that throws about one schema reports what it made before; the next version starts again.
    const rule = PASS_RULES.find((candidate) => candidate.meta.id === 'limit-integer-range')!;
    const about = rule.eachSchema.about;
    rule.eachSchema.about = (entry, context) => {
      if (entry.at.node.properties.has('minimum')) throw new Error('broken');
      about(entry, context);
    };
    try {
      buffer.replace('"minimum": 0', '"minimum": 1', 2);
    } finally {
      rule.eachSchema.about = about;
    }
    assert.ok(buffer.errors.some((error) => error.startsWith('limit-integer-range: Error: broken')), 'the error went to onRuleError');
    buffer.replace('"minimum": 1', '"minimum": 2');
    buffer.assertFresh('the version after the error');
  });

  it('keeps the findings of the files on disk and works out again those of the edited fragment, in an API of several files', () => {
    // The root and one fragment are files on disk; the other fragment is open and edited, as in a
    // spec split into files whose root stays closed.
    const value = specValue('3.0.3', 6);
    const schemas = (value.components as { schemas: Record<string, unknown> }).schemas;
    const refTo = (name: string) => (Number(name.slice(5)) % 2 === 0 ? `even.yaml#/${name}` : `odd.yaml#/${name}`);
    const external = JSON.parse(JSON.stringify(value).replace(/"#\/components\/schemas\/(Thing\d+)"/g, (_, name: string) => JSON.stringify(refTo(name))));
    delete external.components;
    const fragment = (parity: number) => {
      const own: Record<string, unknown> = {};
      for (const [name, schema] of Object.entries(schemas)) {
        if (Number(name.slice(5)) % 2 !== parity) continue;
        own[name] = JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\/(Thing\d+)"/g, (_, target: string) => JSON.stringify(Number(target.slice(5)) % 2 === parity ? `#/${target}` : refTo(target))));
      }
      return toBlockYaml(own);
    };
    const files = new Map([
      [`${FOLDER}/api.yaml`, toBlockYaml(external)],
      // An ignore key in a file on disk: its findings stay suppressed, and the edits of the other
      // fragment still work out again only what they reached.
      [`${FOLDER}/even.yaml`, fragment(0).replace('"Thing2":\n', '"Thing2":\n  "x-api-guard-ignore": ["limit-string-length"]\n')],
    ]);
    const uri = `${FOLDER}/odd.yaml`;
    let text = fragment(1);
    const open = (store: DocumentStore, body: string, version: number, change?: { fromVersion: number; changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[] }) => store.setOpen(uri, PieceText.of(body, 256), version, change);
    const analysisOf = (store: DocumentStore, reuseFindings: boolean) => {
      const analysis = new FolderAnalysis(store, { folderUri: FOLDER, settings: defaultSettings(), policy: POLICY, reuseFindings });
      analysis.setCandidates([...files.keys(), uri]);
      analysis.update();
      return analysis;
    };
    const store = new DocumentStore({ read: (file) => files.get(file) });
    open(store, text, 1);
    const analysis = analysisOf(store, true);
    const fresh = () => {
      const other = new DocumentStore({ read: (file) => files.get(file) });
      open(other, text, 1);
      return everything(analysisOf(other, false));
    };
    assert.equal(everything(analysis), fresh(), 'the first analysis');
    assert.equal(analysis.allApis()[0].documents.length, 3);
    const inEven = () => passFindings(analysis).filter((finding) => finding.uri.endsWith('even.yaml'));
    const evenBefore = inEven();
    assert.ok(evenBefore.length > 10);
    assert.ok([...analysis.suppressedByUri().values()].flat().some((finding) => finding.uri.endsWith('even.yaml')), 'the file on disk has suppressed findings');
    const next = seededRandom(31);
    let version = 1;
    let patched = 0;
    let lookups = 0;
    for (let step = 0; step < 40; step++) {
      const tokens = [...text.matchAll(/"([a-zA-Z][^"\n]+)"/g)];
      const token = tokens[Math.floor(next() * tokens.length)];
      const at = token.index! + 1 + Math.floor(next() * token[1].length);
      const letter = String.fromCharCode(97 + Math.floor(next() * 26));
      const position = new LineIndex(text).positionAt(at);
      text = text.slice(0, at) + letter + text.slice(at);
      version++;
      const doc = open(store, text, version, { fromVersion: version - 1, changes: [{ range: { start: position, end: position }, text: letter }] });
      if (doc.patch !== undefined) patched++;
      lookups += countingLookups(() => analysis.update());
      assert.equal(everything(analysis), fresh(), `step ${step}`);
    }
    assert.ok(patched > 30, `most edits were patched (${patched})`);
    assert.ok(lookups < 40 * evenBefore.length, `the findings of the files on disk were not made again (${lookups} looked up)`);
    const evenAfter = inEven();
    assert.ok(evenAfter.length === evenBefore.length && evenAfter.every((finding, index) => finding === evenBefore[index]), 'the findings in the file on disk are the objects handed out first');
  });

  for (const [layout, version, format, seed] of [
    ['3.0 YAML', '3.0.3', 'yaml', 5],
    ['3.1 JSON', '3.1.0', 'json', 11],
    ['2.0 YAML', '2.0', 'yaml', 23],
  ] as const) {
    it(`always reports what a fresh analysis reports, over random edits, lines, comments and ignores included (${layout})`, () => {
      const value = specValue(version);
      const buffer = new EditedBuffer(`${FOLDER}/api.${format}`, format === 'yaml' ? toBlockYaml(value) : JSON.stringify(value, null, 2));
      buffer.assertFresh('the first analysis');
      const next = seededRandom(seed);
      const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
      const swaps: [string, string][] = [
        ['"integer"', '"string"'],
        ['"string"', '"array"'],
        ['"array"', '"integer"'],
        ['"object"', '"string"'],
        ['"maxLength"', '"minLength"'],
        ['"minimum"', '"maximum"'],
        ['"maxProperties"', '"maxItems"'],
        ['"additionalProperties"', '"additionalItems"'],
        ['"items"', '"item"'],
        ['"allOf"', '"oneOf"'],
        // Keys that the labels of other schemas read (READ_FROM_ANCESTORS).
        ['"name": "limit"', '"name": "pages"'],
        ['"in": "query"', '"in": "header"'],
      ];
      let skipped = false;
      for (let step = 0; step < 150; step++) {
        const kind = next();
        // One version in twenty is not analysed: the next keystroke came first.
        const analyse = next() > 0.05;
        if (kind < 0.45) {
          typeOrDeleteLetter(buffer, next, analyse);
        } else if (kind < 0.7) {
          const present = swaps.filter(([from]) => buffer.text.includes(from));
          const [from, by] = pick(present);
          const count = buffer.text.split(from).length - 1;
          buffer.replace(from, by, Math.floor(next() * count), analyse);
        } else if (kind < 0.8) {
          // A number changed.
          const numbers = [...buffer.text.matchAll(/: (\d+)\n|: (\d+),?\n/g)];
          if (numbers.length === 0) continue;
          const number = pick(numbers);
          buffer.edit(number.index! + 2, number.index! + 2, String(Math.floor(next() * 9) + 1), analyse);
        } else if (kind < 0.9) {
          // A line added (a new string property, in flow style, or a comment) or taken away.
          const starts = [...buffer.text.matchAll(/\n( *)"properties": ?\{?\n/g)];
          const operations = [...buffer.text.matchAll(/\n( *)"operationId": [^\n]*\n/g)];
          const roll = next();
          if (roll < 0.3 && operations.length > 0) {
            // A summary put before an operation's id, a name the schema index does not read: the
            // index is kept, and every finding after the line moves.
            const operation = pick(operations);
            const line = format === 'json' ? `${operation[1]}"summary": "Step ${step}",\n` : `${operation[1]}"summary": "Step ${step}"\n`;
            buffer.edit(operation.index! + 1, operation.index! + 1, line, analyse);
          } else if (roll < 0.38) {
            // A line at the top of a component, which reads its entry again, or one of those taken away.
            const titles = [...buffer.text.matchAll(/\n *"title": "Part \d+",?\n/g)];
            if (titles.length > 0 && next() < 0.5) {
              const line = pick(titles);
              buffer.edit(line.index! + 1, line.index! + line[0].length, '', analyse);
            } else {
              const schema = pick([...buffer.text.matchAll(/\n( *)"Thing\d":( \{)?\n/g)]);
              const at = schema.index! + schema[0].length;
              buffer.edit(at, at, `${schema[1]}  "title": "Part ${step}"${format === 'json' ? ',' : ''}\n`, analyse);
            }
          } else if (roll < 0.45) {
            const summaries = [...buffer.text.matchAll(/\n *"summary": "Step \d+",?\n/g)];
            if (summaries.length === 0) continue;
            const line = pick(summaries);
            buffer.edit(line.index! + 1, line.index! + line[0].length, '', analyse);
          } else if (roll < 0.75 && starts.length > 0) {
            const start = pick(starts);
            const at = start.index! + start[0].length;
            const indent = `${start[1]}  `;
            const line =
              format === 'json'
                ? `${indent}"added${step}": { "type": "string" },\n`
                : next() < 0.5
                  ? `${indent}"added${step}": { "type": "string", "format": "email" }\n`
                  : `${indent}# a comment\n`;
            buffer.edit(at, at, line, analyse);
          } else {
            const added = [...buffer.text.matchAll(/\n *("added\d+": \{[^\n]*\}|# a comment),?\n/g)];
            if (added.length === 0) continue;
            const line = pick(added);
            buffer.edit(line.index! + 1, line.index! + line[0].length, '', analyse);
          }
        } else if (format === 'yaml') {
          // An ignore comment or an x-api-guard-ignore key put in or taken out: the findings are
          // suppressed, and the pass steps aside while the document has one.
          const directive = '# api-guard-ignore-file limit-string-length\n';
          const extension = '"x-api-guard-ignore": ["limit-integer-range"]\n';
          if (buffer.text.includes(directive)) buffer.replace(directive, '', 0, analyse);
          else if (buffer.text.includes(extension)) {
            const at = buffer.text.indexOf(extension);
            const lineStart = buffer.text.lastIndexOf('\n', at) + 1;
            buffer.edit(lineStart, at + extension.length, '', analyse);
          } else if (next() < 0.5) buffer.edit(0, 0, directive, analyse);
          else {
            const schema = pick([...buffer.text.matchAll(/\n( *)"Thing\d":\n/g)]);
            const at = schema.index! + schema[0].length;
            buffer.edit(at, at, `${schema[1]}  ${extension}`, analyse);
          }
        } else continue;
        if (!analyse) {
          skipped = true;
          continue;
        }
        buffer.assertFresh(`step ${step} (version ${buffer.version})`);
      }
      assert.ok(skipped, 'some versions were not analysed');
      assert.ok(buffer.patched > 50, `most edits were patched (${buffer.patched})`);
      assert.deepEqual(buffer.errors, []);
    });
  }
});
