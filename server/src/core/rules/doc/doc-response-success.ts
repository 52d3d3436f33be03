import { defineMessages } from '../../l10n/messages';
import { child } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { uniqueOperations } from './support/operationSets';
import { operationLabel } from '../support/operations';
import { isSuccessOrRedirectStatus, statusKeys } from './support/responseCodes';
import { OWASP_API9 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  noSuccess: {
    en: '{operation} documents no success response (2xx, 3xx or default), so callers do not know what it returns',
    de: '{operation} dokumentiert keine Erfolgsantwort (2xx, 3xx oder default); Aufrufende wissen nicht, was sie zurückgibt',
  },
  noResponses: {
    en: '{operation} documents no responses at all, so callers do not know what it returns',
    de: '{operation} dokumentiert überhaupt keine Antworten; Aufrufende wissen nicht, was sie zurückgibt',
  },
});

export const docResponseSuccess: SpecRule = {
  meta: {
    id: 'doc-response-success',
    category: 'doc',
    severity: 'warning',
    title: 'An operation documents no 2xx, 3xx or default response.',
    titleDe: 'Eine Operation dokumentiert keine 2xx-, 3xx- oder default-Antwort.',
    description: [
      '## Why it matters',
      '',
      'The success response is the contract of an operation: what a caller receives, in which shape,',
      'with which headers. An operation that documents only errors (or nothing) leaves callers and',
      'generated clients to guess the result, and leaves reviewers unable to see which data it exposes',
      `— a gap in the API's documented inventory (${OWASP_API9}).`,
      '',
      '## What it flags',
      '',
      'Every operation under `paths` whose `responses` has no `2xx` or `3xx` status, no `2XX` / `3XX`',
      'range and no `default` entry, and every operation without `responses` (required in Swagger 2.0',
      'and OpenAPI 3.0, optional since 3.1). Responses shared through `$ref` are followed, including',
      'into other files.',
      '',
      '## How to fix it',
      '',
      'Document what the operation returns when it succeeds: for example `200` with its `content`, `201`',
      'with a `Location` header, or `204` without a body.',
      '',
      suppressionSection('doc-response-success', '      responses:', 'fire-and-forget endpoint, the connection is closed'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API9:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      summary: Create order\n      responses:\n        "400": { description: Invalid order }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      summary: Create order\n      responses:\n        "201": { description: Created }\n        "400": { description: Invalid order }\n',
    },
  },
  check({ api, report }) {
    for (const operation of uniqueOperations(api)) {
      const label = operationLabel(operation.method, operation.path);
      const data = { method: operation.method, path: operation.path };
      const responsesNode = child(operation.operation.node, 'responses');
      if (responsesNode === undefined) {
        report({ at: operation.operation, message: messages.noResponses({ operation: label }), data });
        continue;
      }
      if (statusKeys(operation.responses).some(isSuccessOrRedirectStatus)) continue;
      report({ at: { doc: operation.operation.doc, node: responsesNode }, message: messages.noSuccess({ operation: label }), data });
    }
  },
};
