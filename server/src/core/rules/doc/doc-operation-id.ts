import { defineMessages } from '../../l10n/messages';
import { child, isObject } from '../../model/ast';
import { ALL_VERSIONS, type ApiDescription } from '../../openapi/types';
import type { SpecRule } from '../types';
import { insertNear, setText } from './support/fixEdits';
import { describedPathItems, hasText, uniqueOperations } from './support/operationSets';
import { operationLabel } from '../support/operations';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';
import { suggestOperationId } from './support/suggestedNames';

const messages = defineMessages({
  missing: {
    en: '{operation} has no operationId; generated clients, logs and links cannot name it stably (suggested: {suggestedId})',
    de: '{operation} hat keine operationId; generierte Clients, Logs und Links können die Operation nicht stabil benennen (Vorschlag: {suggestedId})',
  },
  addId: {
    en: 'Add operationId "{id}"',
    de: 'operationId "{id}" ergänzen',
  },
});

export const docOperationId: SpecRule = {
  meta: {
    id: 'doc-operation-id',
    category: 'doc',
    severity: 'warning',
    title: 'An operation has no operationId.',
    titleDe: 'Eine Operation hat keine operationId.',
    description: [
      '## Why it matters',
      '',
      'The `operationId` is the stable name of an operation: client generators turn it into method',
      'names, gateways and logs use it to tell operations apart, OpenAPI links refer to it, and',
      'monitoring and rate-limit rules are written against it. Without it every tool invents its own',
      'name from the path, and those names change when the path does. A complete, stable inventory',
      `of operations is the basis of API inventory management (${OWASP_API9}) and of checklist step 2.1.`,
      '',
      '## What it flags',
      '',
      'Every operation under `paths` without a non-empty `operationId`, in Swagger 2.0 and OpenAPI',
      '3.0, 3.1 and 3.2. Shared path items and operations (`$ref`) are reported once, where they are',
      'written. Duplicate ids are reported by `doc-operation-id-unique`.',
      '',
      '## How to fix it',
      '',
      'Add a camelCase `operationId` that says what the operation does. The quick fix inserts one',
      'derived from method and path (`listOrders`, `getOrderById`, `createOrder`), numbered when the',
      'natural name is already taken anywhere in the API, so that it is unique.',
      '',
      suppressionSection('doc-operation-id', '    get:', 'legacy endpoint that no client is generated for'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    fix: 'Inserts a camelCase `operationId` derived from method and path, unique in the API.',
    examples: {
      bad: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      summary: List orders\n      responses:\n        "200": { description: OK }\n',
      good: 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      operationId: listOrders\n      summary: List orders\n      responses:\n        "200": { description: OK }\n',
    },
  },
  check({ api, report }) {
    // Suggestions must not collide with any id of the API, including callbacks and webhooks,
    // nor with each other.
    const taken = takenIds(api);
    for (const operation of uniqueOperations(api)) {
      if (hasText(operation.operation.node, 'operationId')) continue;
      const suggestedId = suggestOperationId(operation.method, operation.path, taken);
      taken.add(suggestedId);
      report({
        at: operation.operation,
        message: messages.missing({ operation: operationLabel(operation.method, operation.path), suggestedId }),
        data: { method: operation.method, path: operation.path, suggestedId },
      });
    }
  },
  fix({ api, doc, node, finding }) {
    const { method, path, suggestedId } = finding.data ?? {};
    if (!isObject(node) || hasText(node, 'operationId') || typeof method !== 'string' || typeof path !== 'string') return [];
    // The API may have changed since the check (another fix added ids), so uniqueness is checked again.
    const taken = takenIds(api);
    const id = typeof suggestedId === 'string' && !taken.has(suggestedId) ? suggestedId : suggestOperationId(method, path, taken);
    const existing = child(node, 'operationId');
    const edit = existing === undefined ? insertNear(doc, node, 'operationId', id, ['tags', 'summary', 'description']) : setText(doc, existing, id);
    return edit === undefined ? [] : [{ title: messages.addId({ id }), edits: [edit], isPreferred: true, safe: true }];
  },
};

/** Every operation id of the API: paths, callbacks and webhooks. */
function takenIds(api: ApiDescription): Set<string> {
  const taken = new Set<string>();
  for (const item of describedPathItems(api)) {
    for (const operation of item.operations) if (operation.operationId !== undefined) taken.add(operation.operationId);
  }
  return taken;
}
