import { defineMessages } from '../../l10n/messages';
import { child, childString, isArray, isObject, type AstNode } from '../../model/ast';
import { ALL_VERSIONS, type NodeRef } from '../../openapi/types';
import type { SpecRule } from '../types';
import { describedPathItems, hasText } from './support/operationSets';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  undescribed: {
    en: 'Parameter "{name}" (in {in}) has no description',
    de: 'Der Parameter "{name}" (in {in}) hat keine Beschreibung',
  },
});

export const docParameterDescription: SpecRule = {
  meta: {
    id: 'doc-parameter-description',
    category: 'doc',
    severity: 'info',
    title: 'A parameter has no description.',
    titleDe: 'Ein Parameter hat keine Beschreibung.',
    description: [
      '## Why it matters',
      '',
      'A parameter\'s name and type rarely say everything a caller needs: units, formats, allowed',
      'combinations, defaults, and whether a value is echoed back or used in a query. Callers who have',
      'to guess send values the server did not expect, and reviewers cannot judge what a parameter',
      `exposes. Describing inputs is part of keeping an accurate API inventory (${OWASP_API9}).`,
      '',
      '## What it flags',
      '',
      'Every parameter used by an operation under `paths` — declared on the path item or on the',
      'operation — that has no non-empty `description`. Each parameter object is checked once: a',
      'parameter shared through `$ref` by many operations (`components.parameters`, 2.0 root',
      '`parameters`, or another file) is reported once, where it is defined. Swagger 2.0 (including',
      '`in: body` and `in: formData`) and OpenAPI 3.0, 3.1 and 3.2 (including `in: querystring`) are',
      'checked.',
      '',
      '## How to fix it',
      '',
      'Add a `description` that says what the value means, its unit or format and any constraint the',
      'schema cannot express.',
      '',
      suppressionSection('doc-parameter-description', '        - name: page', 'standard paging parameter, described in the guide'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      parameters:\n        - name: since\n          in: query\n          schema: { type: string, format: date-time }\n      responses:\n        "200": { description: OK }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      parameters:\n        - name: since\n          in: query\n          description: Only orders placed at or after this time (RFC 3339).\n          schema: { type: string, format: date-time }\n      responses:\n        "200": { description: OK }\n',
    },
  },
  check({ api, report }) {
    const seen = new Set<AstNode>();
    const checkList = (owner: NodeRef): void => {
      const list = child(owner.node, 'parameters');
      if (!isArray(list)) return;
      for (const item of list.items) {
        const parameter = api.resolve({ doc: owner.doc, node: item });
        // An unresolved reference is reported by the reference rules; there is nothing to read here.
        if (!isObject(parameter.node) || parameter.node.properties.has('$ref') || seen.has(parameter.node)) continue;
        seen.add(parameter.node);
        if (hasText(parameter.node, 'description')) continue;
        const name = childString(parameter.node, 'name') ?? '?';
        const location = childString(parameter.node, 'in') ?? '?';
        const nameNode = child(parameter.node, 'name');
        report({
          at: nameNode === undefined ? parameter : { doc: parameter.doc, node: nameNode },
          part: 'value',
          message: messages.undescribed({ name, in: location }),
          data: { name, in: location },
        });
      }
    };
    for (const item of describedPathItems(api)) {
      if (item.kind !== 'path') continue;
      checkList(item.pathItem);
      for (const operation of item.operations) checkList(operation.operation);
    }
  },
};
