import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { READ_FROM_ANCESTORS } from '../../../server/src/core/engine/schemaReportMemo';
import { pointerOf, type AstNode, type CollectionNode, type ObjectNode } from '../../../server/src/core/model/ast';
import { schemasOf, type SchemaEntry } from '../../../server/src/core/openapi/schemas';
import type { ApiDescription } from '../../../server/src/core/openapi/types';
import { SPEC_RULES } from '../../../server/src/core/rules/registry';
import type { EachSchema, Report, SpecRule, SpecRuleContext } from '../../../server/src/core/rules/types';
import { toBlockYaml } from '../helpers/blockYaml';
import { corpusEntries } from '../helpers/corpus';
import { lintFiles } from '../helpers/lint';

// The language server keeps what the schema rules reported about each schema, and after an edit
// works out again only the schemas the edit can have reached (engine/schemaReportMemo.ts,
// `reachOfPatch`). That holds only while a rule's `selects` and `about` read nothing of the tree
// but the schema's own subtree and, of its ancestors, the children on the way down to it and those
// under a key of `READ_FROM_ANCESTORS` (`SpecRuleContext.aboutSchema`). The random edit tests
// catch a breach only where they happen to edit. This test catches any: it has every read of a
// mapping's members and of a sequence's items recorded while a rule looks at one schema, on the
// corpus and on specs made to have parameters, compositions and maps, and fails on a read outside.
// It sees reads of the tree only: a rule that read the API model (`context.api`) about other parts
// of the spec would break the contract unseen here.

const PASS_RULES = SPEC_RULES.filter((rule): rule is SpecRule & { eachSchema: EachSchema } => rule.eachSchema !== undefined);

/** A read of a collection's member: a key, an index, or '*' for all of them (iteration, size, length). */
type Member = string | number | '*';

interface Breach {
  rule: string;
  schema: string;
  owner: string;
  member: Member;
  where: 'an ancestor' | 'outside the schema and its ancestors';
}

/** The schema being looked at, and where reads go: set only while a rule looks at one. */
const watch: { node: AstNode | undefined; rule: string; breaches: Breach[] } = { node: undefined, rule: '', breaches: [] };

function noteRead(owner: CollectionNode, member: Member): void {
  const node = watch.node;
  if (node === undefined) return;
  // The schema's own subtree.
  for (let current: AstNode | undefined = owner; current !== undefined; current = current.parent) if (current === node) return;
  // An ancestor: the child on the way down, or a key the contract allows.
  let child: AstNode = node;
  for (let ancestor = node.parent; ancestor !== undefined; child = ancestor, ancestor = ancestor.parent) {
    if (ancestor !== owner) continue;
    if (member === child.key || (typeof member === 'string' && member !== '*' && READ_FROM_ANCESTORS.has(member))) return;
    watch.breaches.push({ rule: watch.rule, schema: pointerOf(node), owner: pointerOf(owner), member, where: 'an ancestor' });
    return;
  }
  watch.breaches.push({ rule: watch.rule, schema: pointerOf(node), owner: pointerOf(owner), member, where: 'outside the schema and its ancestors' });
}

/** A mapping's members that notes every read of them. */
class RecordingMap extends Map<string, AstNode> {
  constructor(
    private readonly owner: ObjectNode,
    entries: Map<string, AstNode>,
  ) {
    super(entries);
  }
  override get(key: string): AstNode | undefined {
    noteRead(this.owner, key);
    return super.get(key);
  }
  override has(key: string): boolean {
    noteRead(this.owner, key);
    return super.has(key);
  }
  override get size(): number {
    noteRead(this.owner, '*');
    return super.size;
  }
  override forEach(callback: (value: AstNode, key: string, map: Map<string, AstNode>) => void, thisArg?: unknown): void {
    noteRead(this.owner, '*');
    super.forEach(callback, thisArg);
  }
  override entries(): MapIterator<[string, AstNode]> {
    noteRead(this.owner, '*');
    return super.entries();
  }
  override keys(): MapIterator<string> {
    noteRead(this.owner, '*');
    return super.keys();
  }
  override values(): MapIterator<AstNode> {
    noteRead(this.owner, '*');
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, AstNode]> {
    noteRead(this.owner, '*');
    return super.entries();
  }
}

/** Has every mapping and sequence of the tree note the reads of its members. */
function record(node: AstNode): void {
  if (node.type === 'object') {
    for (const value of node.properties.values()) record(value);
    node.properties = new RecordingMap(node, node.properties);
  } else if (node.type === 'array') {
    for (const item of node.items) record(item);
    const owner = node;
    node.items = new Proxy(node.items, {
      get(target, property, receiver) {
        if (typeof property === 'string') noteRead(owner, /^\d+$/.test(property) ? Number(property) : '*');
        else if (property === Symbol.iterator) noteRead(owner, '*');
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  }
}

/** Each pass rule's `selects` and `about` on every schema of the API, first unwatched (lazy caches), then watched. */
function breachesOf(api: ApiDescription): { breaches: Breach[]; looked: number } {
  const reports: Report[] = [];
  const context: SpecRuleContext = { api, settings: defaultSettings(), report: (report) => reports.push(report) };
  const entries: SchemaEntry[] = schemasOf(api).entries;
  const lookAtAll = (watching: boolean): number => {
    let looked = 0;
    for (const rule of PASS_RULES) {
      watch.rule = rule.meta.id;
      for (const entry of entries) {
        if (watch.breaches.length >= 20) return looked;
        watch.node = watching ? entry.at.node : undefined;
        if (rule.eachSchema.selects(entry, api)) {
          looked++;
          rule.eachSchema.about(entry, context);
        }
        watch.node = undefined;
      }
    }
    return looked;
  };
  lookAtAll(false);
  for (const doc of api.documents) if (doc.root !== undefined) record(doc.root);
  watch.breaches = [];
  const looked = lookAtAll(true);
  const breaches = watch.breaches;
  watch.breaches = [];
  return { breaches, looked };
}

function describeBreach(breach: Breach): string {
  return `${breach.rule} about ${breach.schema} read ${breach.member === '*' ? 'all members' : `member ${JSON.stringify(breach.member)}`} of ${breach.owner === '' ? 'the root' : breach.owner} (${breach.where})`;
}

function apisOf(files: Record<string, string> | string): ApiDescription[] {
  const outcome = lintFiles(files);
  return outcome.analysis.allApis();
}

/** Parameters (with schemas, and schema-like in 2.0), bodies, maps, compositions and their owners' limits. */
function madeSpec(version: '2.0' | '3.0.3' | '3.1.0'): string {
  const v2 = version === '2.0';
  const ref = (name: string): string => (v2 ? `#/definitions/${name}` : `#/components/schemas/${name}`);
  const schemas = {
    Item: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        code: { type: 'string', maxLength: 8 },
        count: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    },
    Composed: {
      maxProperties: 12,
      allOf: [{ $ref: ref('Item') }, { type: 'object', properties: { extra: { type: 'string' } } }],
    },
    Choice: { oneOf: [{ type: 'string' }, { type: 'object', properties: { size: { type: 'integer' } } }], additionalProperties: false },
  };
  const parameters = v2
    ? [
        { name: 'limit', in: 'query', type: 'integer' },
        { name: 'filter', in: 'query', type: 'string' },
        { name: 'ids', in: 'query', type: 'array', items: { type: 'string' } },
        { name: 'body', in: 'body', schema: { $ref: ref('Composed') } },
      ]
    : [
        { name: 'limit', in: 'query', schema: { type: 'integer' } },
        { name: 'filter', in: 'query', schema: { type: 'string' } },
        { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
        { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
      ];
  const response = v2
    ? { description: 'OK', schema: { $ref: ref('Choice') }, headers: { 'X-Count': { type: 'integer' } } }
    : { description: 'OK', headers: { 'X-Count': { schema: { type: 'integer' } } }, content: { 'application/json': { schema: { $ref: ref('Choice') } } } };
  const operation = {
    operationId: 'createItem',
    parameters,
    ...(!v2 && { requestBody: { content: { 'application/json': { schema: { $ref: ref('Composed') } } } } }),
    responses: { '200': response },
  };
  const head = v2 ? { swagger: '2.0', host: 'api.example.com', schemes: ['https'] } : { openapi: version, servers: [{ url: 'https://api.example.com' }] };
  const value = { ...head, info: { title: 'Items', version: '1' }, paths: { '/items/{itemId}': { parameters: [{ name: 'itemId', in: 'path', required: true, ...(v2 ? { type: 'string' } : { schema: { type: 'string' } }) }], post: operation } }, ...(v2 ? { definitions: schemas } : { components: { schemas } }) };
  return toBlockYaml(value);
}

describe('schema rules read only what a patch reaches (READ_FROM_ANCESTORS)', () => {
  for (const version of ['2.0', '3.0.3', '3.1.0'] as const) {
    it(`reads only the schema, the way down to it and the allowed keys of its ancestors: a made ${version} spec`, () => {
      const [api] = apisOf(madeSpec(version));
      const { breaches, looked } = breachesOf(api);
      assert.deepEqual(breaches.map(describeBreach), []);
      assert.ok(looked >= 10, `looked at ${looked} schemas`);
    });
  }

  const corpus = corpusEntries().filter((entry) => entry.bytes < 5_000_000);
  it('reads only the schema, the way down to it and the allowed keys of its ancestors: the corpus', { skip: corpus.length === 0 ? 'the shared corpus is not beside the checkout' : false }, () => {
    let looked = 0;
    for (const entry of corpus) {
      const files = Object.fromEntries(entry.files.map((path) => [path.slice(entry.folder.length + 1), readFileSync(path, 'utf8')]));
      for (const api of apisOf(files)) {
        const result = breachesOf(api);
        assert.deepEqual(result.breaches.map(describeBreach), [], entry.name);
        looked += result.looked;
      }
    }
    assert.ok(looked > 10_000, `looked at ${looked} schemas`);
  });
});
