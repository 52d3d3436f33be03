import { appendArrayItems, insertPropertyBefore } from '../../fixes/structuralEdits';
import type { TextEdit } from '../../fixes/textEdit';
import { defineMessages } from '../../l10n/messages';
import { child, isArray, isObject, stringValue } from '../../model/ast';
import { ALL_VERSIONS, type ApiDescription } from '../../openapi/types';
import type { SpecRule } from '../types';
import { uniqueOperations } from './support/operationSets';
import { operationLabel } from '../support/operations';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  undeclared: {
    en: 'Tag "{tag}" of {operation} is not declared in the root "tags" list',
    de: 'Das Tag "{tag}" von {operation} ist in der "tags"-Liste der Wurzel nicht deklariert',
  },
  noRootTags: {
    en: 'Tag "{tag}" of {operation} is not declared: the document has no root "tags" list',
    de: 'Das Tag "{tag}" von {operation} ist nicht deklariert: das Dokument hat keine "tags"-Liste in der Wurzel',
  },
  declare: {
    en: 'Declare tag "{tag}" in the root tags list',
    de: 'Tag "{tag}" in der tags-Liste der Wurzel deklarieren',
  },
  declareAll: {
    en: 'Declare all {count} undeclared tags in the root tags list',
    de: 'Alle {count} nicht deklarierten Tags in der tags-Liste der Wurzel deklarieren',
  },
});

export const docTagUndefined: SpecRule = {
  meta: {
    id: 'doc-tag-undefined',
    category: 'doc',
    severity: 'info',
    title: 'An operation uses a tag that the root tags list does not declare.',
    titleDe: 'Eine Operation verwendet ein Tag, das die tags-Liste der Wurzel nicht deklariert.',
    description: [
      '## Why it matters',
      '',
      'The root `tags` list is where a group of operations gets its description, its documentation',
      'link and its order in the navigation. A tag used by an operation but not declared there has no',
      'description, is sorted arbitrarily, and is often a typo (`order` next to `orders`) that splits',
      `one group into two. Keeping the list complete keeps the API's inventory readable (${OWASP_API9}).`,
      '',
      '## What it flags',
      '',
      'Each tag of an operation under `paths` whose name the root `tags` list does not declare (by',
      '`name`; entries may be `$ref`s into other files). When the document has no root `tags` list,',
      'every tag counts as undeclared. Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 are checked; in 3.2',
      'nested tags (`parent`) are declared in the same root list.',
      '',
      '## How to fix it',
      '',
      'Add `- name: <tag>` with a `description` to the root `tags` list, or correct the tag if it is a',
      'typo. The quick fix appends the tag to the root list (creating it when needed).',
      '',
      suppressionSection('doc-tag-undefined', '      tags: [beta]', 'marker tag for the preview portal, not a group'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    fix: 'Adds the tag to the root `tags` list.',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\ntags:\n  - name: orders\npaths:\n  /customers:\n    get:\n      tags: [customers]\n      responses:\n        "200": { description: OK }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\ntags:\n  - name: orders\n  - name: customers\n    description: Customer accounts\npaths:\n  /customers:\n    get:\n      tags: [customers]\n      responses:\n        "200": { description: OK }\n',
    },
  },
  check({ api, report }) {
    const message = api.tagsAt === undefined ? messages.noRootTags : messages.undeclared;
    for (const operation of uniqueOperations(api)) {
      const tags = child(operation.operation.node, 'tags');
      if (!isArray(tags)) continue;
      for (const item of tags.items) {
        const tag = stringValue(item);
        if (tag === undefined || api.declaredTags.has(tag)) continue;
        report({
          at: { doc: operation.operation.doc, node: item },
          part: 'value',
          message: message({ tag, operation: operationLabel(operation.method, operation.path) }),
          data: { tag },
        });
      }
    }
  },
  fix({ api, node, finding }) {
    const tag = stringValue(node) ?? finding.data?.tag;
    if (typeof tag !== 'string' || api.declaredTags.has(tag)) return [];
    const declareThis = declareEdit(api, [tag]);
    if (declareThis === undefined) return [];
    const undeclared = undeclaredTags(api);
    if (undeclared.length <= 1) return [{ title: messages.declare({ tag }), edits: [declareThis], isPreferred: true, safe: true }];
    // Every undeclared tag goes into the same place in the list, so fix-all (and the preferred
    // action) declares them together in one edit instead of one tag per round.
    return [
      { title: messages.declare({ tag }), edits: [declareThis], safe: true },
      { title: messages.declareAll({ count: undeclared.length }), edits: [declareEdit(api, undeclared)!], isPreferred: true, safe: true },
    ];
  },
};

const undeclaredCache = new WeakMap<ApiDescription, string[]>();

/** The tags operations use that the root list does not declare, each once, in order of first use. */
function undeclaredTags(api: ApiDescription): string[] {
  const cached = undeclaredCache.get(api);
  if (cached !== undefined) return cached;
  const tags = new Set<string>();
  for (const operation of uniqueOperations(api)) {
    const used = child(operation.operation.node, 'tags');
    if (!isArray(used)) continue;
    for (const item of used.items) {
      const tag = stringValue(item);
      if (tag !== undefined && !api.declaredTags.has(tag)) tags.add(tag);
    }
  }
  const list = [...tags];
  undeclaredCache.set(api, list);
  return list;
}

/** Declares tags in the root list, which is created (before `paths`) when the document has none. */
function declareEdit(api: ApiDescription, tags: readonly string[]): TextEdit | undefined {
  const entries = tags.map((name) => ({ name }));
  if (api.tagsAt !== undefined) {
    // The list may live in another file through $ref; the entries go where the list is written.
    const list = api.resolve(api.tagsAt);
    return isArray(list.node) ? appendArrayItems(list.doc, list.node, entries) : undefined;
  }
  const root = api.root.root;
  if (!isObject(root) || root.properties.has('tags')) return undefined;
  // Root tags conventionally come before the paths they group.
  return insertPropertyBefore(api.root, root, 'tags', entries, 'paths');
}
