import { defineMessages } from '../../l10n/messages';
import { child, isObject } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { addResponse, reusableResponse, sharedErrorBody } from './support/fixEdits';
import { uniqueOperations } from './support/operationSets';
import { operationLabel } from '../support/operations';
import { isClientErrorStatus, statusKeys } from './support/responseCodes';
import { OWASP_API8 } from '../support/owasp';
import { suppressionSection } from './support/ruleDocs';

const messages = defineMessages({
  noClientError: {
    en: '{operation} documents no 4xx response (nor 4XX or default), so callers cannot tell how rejected requests look',
    de: '{operation} dokumentiert keine 4xx-Antwort (auch nicht 4XX oder default); Aufrufende wissen nicht, wie abgelehnte Anfragen aussehen',
  },
  add400: {
    en: 'Add a 400 (Bad Request) response',
    de: 'Antwort 400 (Bad Request) ergänzen',
  },
});

export const docErrorResponses: SpecRule = {
  meta: {
    id: 'doc-error-responses',
    category: 'doc',
    severity: 'warning',
    title: 'An operation documents no 4xx response at all (nor 4XX or default).',
    titleDe: 'Eine Operation dokumentiert überhaupt keine 4xx-Antwort (auch nicht 4XX oder default).',
    description: [
      '## Why it matters',
      '',
      'Every operation can reject a request: invalid input, missing credentials, insufficient rights,',
      'an unknown id, too many requests. When the description does not say how such a rejection looks,',
      'implementations improvise — often by returning stack traces, internal messages or a `200` with',
      'an error inside — and clients cannot handle errors reliably. Undefined, verbose error handling is',
      `a classic security misconfiguration (${OWASP_API8}).`,
      '',
      '## What it flags',
      '',
      'Every operation under `paths` whose `responses` contains no `4xx` status, no `4XX` range and no',
      '`default` entry (which covers every status not listed), in Swagger 2.0 and OpenAPI 3.0, 3.1 and',
      '3.2. `5xx` responses do not count: they describe server failures, not rejected requests.',
      'Operations without any `responses` are reported as well; `doc-response-success` reports them too.',
      '',
      '## How to fix it',
      '',
      'Document at least the client errors the operation really produces — typically `400` for',
      'invalid input, plus `401`/`403`/`404`/`429` where they apply — with a common error schema',
      '(for example RFC 9457 problem details). The quick fix adds a `400` response with a description.',
      '',
      suppressionSection('doc-error-responses', '      responses:', 'static file, the CDN answers errors'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.1',
    owasp: ['API8:2023'],
    fix: 'Adds a `400` response with a description.',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      summary: Create order\n      responses:\n        "201": { description: Created }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      summary: Create order\n      responses:\n        "201": { description: Created }\n        "400": { description: The order is invalid }\n',
    },
  },
  check({ api, report }) {
    for (const operation of uniqueOperations(api)) {
      if (statusKeys(operation.responses).some(isClientErrorStatus)) continue;
      const responsesNode = child(operation.operation.node, 'responses');
      report({
        at: responsesNode === undefined ? operation.operation : { doc: operation.operation.doc, node: responsesNode },
        message: messages.noClientError({ operation: operationLabel(operation.method, operation.path) }),
        data: { method: operation.method, path: operation.path },
      });
    }
  },
  fix({ api, doc, node }) {
    // The finding is on `responses`, or on the operation when it has none.
    const operation = node?.key === 'responses' ? node.parent : node;
    if (!isObject(operation)) return [];
    const edit = addResponse(api, doc, operation, '400', (target) =>
      reusableResponse(api, target, '400', ['BadRequest', 'InvalidRequest']) ?? { description: 'Bad request', ...sharedErrorBody(api, target) },
    );
    return edit === undefined ? [] : [{ title: messages.add400(), edits: [edit], isPreferred: true, safe: true }];
  },
};
