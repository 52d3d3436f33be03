import { defineMessages } from '../../l10n/messages';
import { child, isArray } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { uniqueOperations } from './support/operationSets';
import { operationLabel } from '../support/operations';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  untagged: {
    en: '{operation} has no tags, so documentation and inventories cannot group it',
    de: '{operation} hat keine Tags; Dokumentation und Inventar können sie daher nicht zuordnen',
  },
});

export const docOperationTags: SpecRule = {
  meta: {
    id: 'doc-operation-tags',
    category: 'doc',
    severity: 'info',
    title: 'An operation has no tags.',
    titleDe: 'Eine Operation hat keine Tags.',
    description: [
      '## Why it matters',
      '',
      'Tags group operations by resource or business capability. Documentation portals build their',
      'navigation from them, client generators their classes, and API catalogues their ownership',
      'view. Untagged operations end up in a "default" bucket that nobody owns, which makes it harder',
      `to see what an API exposes and who is responsible for it (${OWASP_API9}).`,
      '',
      '## What it flags',
      '',
      'Every operation under `paths` without a `tags` list, or with an empty one, in Swagger 2.0 and',
      'OpenAPI 3.0, 3.1 and 3.2. Shared operations (`$ref`) are reported once.',
      '',
      '## How to fix it',
      '',
      'Add `tags: [<group>]` naming the resource or capability the operation belongs to, and declare',
      'the tag with a description in the root `tags` list (see `doc-tag-undefined`).',
      '',
      suppressionSection('doc-operation-tags', '    get:', 'internal health check, not part of the catalogue'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      summary: List orders\n      responses:\n        "200": { description: OK }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\ntags:\n  - name: orders\n    description: Placing and tracking orders\npaths:\n  /orders:\n    get:\n      tags: [orders]\n      summary: List orders\n      responses:\n        "200": { description: OK }\n',
    },
  },
  check({ api, report }) {
    for (const operation of uniqueOperations(api)) {
      const tags = child(operation.operation.node, 'tags');
      if (isArray(tags) && tags.items.length > 0) continue;
      report({
        at: operation.operation,
        message: messages.untagged({ operation: operationLabel(operation.method, operation.path) }),
        data: { method: operation.method, path: operation.path },
      });
    }
  },
};
