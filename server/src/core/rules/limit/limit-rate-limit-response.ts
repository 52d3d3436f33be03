import { defineMessages } from '../../l10n/messages';
import { child, isObject, type AstNode } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import { addResponse, reusableResponse, sharedErrorBody } from '../doc/support/fixEdits';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { retryAfterHeader } from './limit-retry-after';
import { OWASP_API4 } from '../support/owasp';

const messages = defineMessages({
  no429: {
    en: '{method} {path} documents no 429 (Too Many Requests) response, so clients cannot tell that the API limits their request rate',
    de: '{method} {path} dokumentiert keine Antwort 429 (Too Many Requests); Clients erfahren nicht, dass die API ihre Anfragerate begrenzt',
  },
  add429: {
    en: 'Add a 429 (Too Many Requests) response with a Retry-After header',
    de: 'Antwort 429 (Too Many Requests) mit Header Retry-After ergänzen',
  },
});

export const limitRateLimitResponse: SpecRule = {
  meta: {
    id: 'limit-rate-limit-response',
    category: 'limit',
    severity: 'info',
    title: 'An operation documents no 429 (Too Many Requests) response.',
    titleDe: 'Eine Operation dokumentiert keine Antwort 429 (Too Many Requests).',
    description: [
      '## Why it matters',
      '',
      'An API that does not limit how often it can be called can be exhausted by one client, by',
      'accident or on purpose, and every call that costs money (messages, payments, AI tokens) becomes',
      `a bill without an upper bound (${OWASP_API4}). Rate limiting is done by the gateway or the`,
      'service, but the API description is where clients learn that it exists: an operation that',
      'documents `429 Too Many Requests` tells client authors to expect it, to back off, and to retry',
      'later instead of hammering the API. Checklist step 4.2 ("Monitor continuously and alert on',
      'unusual API activity") counts these findings.',
      '',
      '## What it flags',
      '',
      'Every operation whose `responses` has no `429` entry, in Swagger 2.0 and OpenAPI 3.0, 3.1 and',
      '3.2 (including 3.2 `additionalOperations`). A `4XX` range or `default` response does not count:',
      'it says that errors exist, not that the operation is rate-limited. The finding is on the',
      "operation's method key, in the file where the operation is written.",
      '',
      '## How to fix it',
      '',
      'Document the 429 response with a `Retry-After` header. The quick fix adds it:',
      '',
      '```yaml',
      '"429":',
      '  description: Too many requests; retry after the number of seconds in Retry-After.',
      '  headers:',
      '    Retry-After:',
      '      schema: { type: integer, minimum: 0, maximum: 86400 }',
      '```',
      '',
      'Define it once under `components.responses` (2.0: root `responses`) and reference it from',
      'every operation to keep the document short.',
      '',
      suppressionSection('limit-rate-limit-response', '    get:', 'internal health check, not exposed through the gateway'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '4.2',
    owasp: ['API4:2023'],
    fix: 'Adds a `429` response with a `Retry-After` header to the operation.',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n',
      good: [
        'openapi: 3.1.0',
        'info: { title: Shop, version: "1" }',
        'paths:',
        '  /orders:',
        '    get:',
        '      responses:',
        '        "200": { description: OK }',
        '        "429":',
        '          description: Too many requests',
        '          headers:',
        '            Retry-After:',
        '              schema: { type: integer, minimum: 0, maximum: 86400 }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    const reported = new Set<AstNode>();
    for (const operation of api.operations) {
      if (reported.has(operation.operation.node)) continue;
      const responses = operation.responses?.node;
      if (isObject(responses) && child(responses, '429') !== undefined) continue;
      reported.add(operation.operation.node);
      report({
        at: operation.operation,
        message: messages.no429({ method: operation.method.toUpperCase(), path: operation.path }),
        data: { method: operation.method, path: operation.path },
      });
    }
  },
  fix({ api, doc, node }) {
    if (!isObject(node)) return [];
    // A reusable 429 response of the document is referenced; otherwise the response is written
    // out, with the body the document's other errors share.
    const edit = addResponse(api, doc, node, '429', (target) =>
      reusableResponse(api, target, '429', ['TooManyRequests', 'RateLimited', 'RateLimitExceeded']) ?? {
        description: 'Too many requests',
        headers: { 'Retry-After': retryAfterHeader(api.version) },
        ...sharedErrorBody(api, target),
      },
    );
    return edit === undefined ? [] : [{ title: messages.add429(), edits: [edit], isPreferred: true, safe: true }];
  },
};
