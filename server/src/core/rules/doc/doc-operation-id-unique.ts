import { defineMessages } from '../../l10n/messages';
import { child } from '../../model/ast';
import { ALL_VERSIONS, type NodeRef } from '../../openapi/types';
import type { SpecRule } from '../types';
import { describedPathItems } from './support/operationSets';
import { operationLabel } from '../support/operations';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  duplicate: {
    en: 'operationId "{operationId}" of {operation} is also used by {others}; an operationId must be unique in the API',
    de: 'Die operationId "{operationId}" von {operation} wird auch von {others} verwendet; eine operationId muss in der API eindeutig sein',
  },
  otherUse: {
    en: 'operationId "{operationId}" is also used here, by {operation}',
    de: 'Die operationId "{operationId}" wird auch hier verwendet, von {operation}',
  },
});

interface IdUse {
  operationId: string;
  label: string;
  /** The `operationId` value node. */
  at: NodeRef;
}

export const docOperationIdUnique: SpecRule = {
  meta: {
    id: 'doc-operation-id-unique',
    category: 'doc',
    severity: 'error',
    title: 'Two operations share an operationId (across all files of one API).',
    titleDe: 'Zwei Operationen haben dieselbe operationId (über alle Dateien einer API hinweg).',
    description: [
      '## Why it matters',
      '',
      'Every version of the specification requires the `operationId` to be unique among all',
      'operations of an API. Tools rely on it: a client generator silently overwrites one method with',
      'the other, a gateway applies one operation\'s policy (authentication, rate limit) to the other,',
      'links resolve to the wrong target, and audit logs merge two different actions. An inventory in',
      `which two operations have the same name is not an inventory (${OWASP_API9}).`,
      '',
      '## What it flags',
      '',
      'Each operation whose `operationId` another operation of the same API also uses — every',
      'occurrence is reported, with links to the others. All files of the API count: operations in',
      'path items that live in other files (`$ref`) and, for OpenAPI 3.x, operations of callbacks and',
      '(3.1+) webhooks, which the specification includes in "all operations described in the API".',
      'Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 are checked. Ids are compared exactly, as the',
      'specification says they are case-sensitive.',
      '',
      '## How to fix it',
      '',
      'Rename all but one of the operations so that each id says what its operation does. There is',
      'no automatic fix, because renaming an id breaks clients, links and policies that use it; search',
      'for the old id before you change it.',
      '',
      suppressionSection('doc-operation-id-unique', '      operationId: getOrder', 'the v1 and v2 gateways route these separately'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      operationId: getOrders\n      responses:\n        "200": { description: OK }\n  /orders/{id}:\n    get:\n      operationId: getOrders\n      responses:\n        "200": { description: OK }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      operationId: listOrders\n      responses:\n        "200": { description: OK }\n  /orders/{id}:\n    get:\n      operationId: getOrderById\n      responses:\n        "200": { description: OK }\n',
    },
  },
  check({ api, report }) {
    const usesById = new Map<string, IdUse[]>();
    for (const item of describedPathItems(api)) {
      for (const operation of item.operations) {
        const idNode = child(operation.operation.node, 'operationId');
        if (operation.operationId === undefined || idNode === undefined) continue;
        const use = { operationId: operation.operationId, label: operationLabel(operation.method, item.path), at: { doc: operation.operation.doc, node: idNode } };
        const uses = usesById.get(operation.operationId);
        if (uses === undefined) usesById.set(operation.operationId, [use]);
        else uses.push(use);
      }
    }
    for (const uses of usesById.values()) {
      if (uses.length < 2) continue;
      for (const use of uses) {
        const others = uses.filter((other) => other !== use);
        report({
          at: use.at,
          part: 'value',
          message: messages.duplicate({ operationId: use.operationId, operation: use.label, others: others.map((other) => other.label).join(', ') }),
          data: { operationId: use.operationId },
          related: others.map((other) => ({ at: other.at, message: messages.otherUse({ operationId: other.operationId, operation: other.label }) })),
        });
      }
    }
  },
};
