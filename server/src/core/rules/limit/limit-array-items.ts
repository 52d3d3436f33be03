import { defineMessages } from '../../l10n/messages';
import { child, isArray, type AstNode, type ObjectNode } from '../../model/ast';
import { entryHasType } from '../../openapi/schemas';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API4 } from '../support/owasp';
import { checkEachSchema } from '../support/aboutSchema';
import { schemaLocation } from './support/schemaLocation';

const messages = defineMessages({
  unbounded: {
    en: 'Array {label} has no maxItems, so any number of items is accepted',
    de: '{label} ist eine Liste ohne maxItems; beliebig viele Elemente werden akzeptiert',
  },
});

/** True when an array schema cannot grow without bound: `maxItems`, a value list, or a closed tuple. */
export function isItemCountBounded(node: ObjectNode): boolean {
  if (child(node, 'maxItems')?.type === 'number') return true;
  if (child(node, 'enum') !== undefined || child(node, 'const') !== undefined) return true;
  // 3.1 / 3.2: `prefixItems` with `items: false`; draft-04 style: an `items` list with `additionalItems: false`.
  if (child(node, 'prefixItems') !== undefined && isFalse(child(node, 'items'))) return true;
  return isArray(child(node, 'items')) && isFalse(child(node, 'additionalItems'));
}

function isFalse(node: AstNode | undefined): boolean {
  return node !== undefined && node.type === 'boolean' && node.value === false;
}

export const limitArrayItems: SpecRule = {
  usesSchemas: true,
  meta: {
    id: 'limit-array-items',
    category: 'limit',
    severity: 'info',
    title: 'An array schema has no maxItems.',
    titleDe: 'Ein Listen-Schema hat keine maxItems.',
    description: [
      '## Why it matters',
      '',
      'An array without an upper bound lets one request carry a million items: a batch endpoint',
      'that creates one record per item, a filter list that becomes a million-term query, a response',
      `that grows until clients run out of memory (${OWASP_API4}). \`maxItems\` is enforced by`,
      'validating gateways and frameworks and documents the batch size the API is built for.',
      '',
      '## What it flags',
      '',
      'Every schema reachable from an operation (request and response, through `$ref`, `properties`,',
      '`items`, compositions …) with `type: array` (3.1 and 3.2 also `type: [array, "null"]`) and no',
      '`maxItems`. Arrays restricted by `enum` / `const`, and closed tuples (3.1 `prefixItems` with',
      '`items: false`), are bounded and not reported. Swagger 2.0 non-body parameters and headers',
      'with `type: array` are checked as well. Each schema is reported once, where it is written.',
      '',
      '## How to fix it',
      '',
      'Add `maxItems` with the largest number of items the operation should handle in one call; for',
      'lists in responses, paginate and bound the page size.',
      '',
      suppressionSection('limit-array-items', '        tags:', 'bounded by the 64 KB request body limit of the gateway'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API4:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      type: object\n      properties:\n        lines:\n          type: array\n          items: { $ref: "#/components/schemas/Line" }\n    Line: { type: object }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      type: object\n      properties:\n        lines:\n          type: array\n          maxItems: 100\n          items: { $ref: "#/components/schemas/Line" }\n    Line: { type: object }\n',
    },
  },
  eachSchema: {
    selects: (entry) => !entry.conditional && entryHasType(entry, 'array'),
    about(entry, context) {
      if (isItemCountBounded(entry.at.node)) return;
      const location = schemaLocation(entry.at);
      context.report({ at: location.at, part: location.part, message: messages.unbounded({ label: location.label }) });
    },
  },
  check(context) {
    checkEachSchema(this.eachSchema!, context);
  },
};
