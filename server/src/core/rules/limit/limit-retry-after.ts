import { insertProperty } from '../../fixes/structuralEdits';
import type { TextEdit } from '../../fixes/textEdit';
import { defineMessages } from '../../l10n/messages';
import { child, isObject } from '../../model/ast';
import { ALL_VERSIONS, type SpecVersion } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API4 } from '../support/owasp';
import { responseDefinitions } from './support/responses';

const messages = defineMessages({
  noRetryAfter: {
    en: 'The 429 response documents no Retry-After header, so clients cannot know when to try again and tend to retry at once',
    de: 'Die Antwort 429 dokumentiert keinen Retry-After-Header; Clients wissen nicht, wann sie es erneut versuchen dürfen, und wiederholen meist sofort',
  },
  addHeader: {
    en: 'Add the Retry-After header to the 429 response',
    de: 'Header Retry-After zur Antwort 429 hinzufügen',
  },
});

/**
 * The `Retry-After` header object in the shape of the version: OAS 3.x describes the value with a
 * `schema`, Swagger 2.0 writes `type` on the header itself. The value is delay-seconds (RFC 9110),
 * bounded to a day so that the schema is not an unbounded integer.
 */
export function retryAfterHeader(version: SpecVersion): Record<string, unknown> {
  const description = 'Seconds to wait before the next request.';
  const bounds = { minimum: 0, maximum: 86400 };
  return version === '2.0' ? { description, type: 'integer', ...bounds } : { description, schema: { type: 'integer', ...bounds } };
}

export const limitRetryAfter: SpecRule = {
  meta: {
    id: 'limit-retry-after',
    category: 'limit',
    severity: 'warning',
    title: 'A 429 response documents no Retry-After header.',
    titleDe: 'Eine Antwort 429 dokumentiert keinen Retry-After-Header.',
    description: [
      '## Why it matters',
      '',
      'A `429 Too Many Requests` response is only half of a rate limit: without `Retry-After`',
      '(RFC 9110, section 10.2.3) a client does not know how long to wait, and the usual reaction is',
      'to retry immediately, which keeps the load up exactly when the API is protecting itself',
      `(${OWASP_API4}). Documenting the header lets client generators and authors implement a correct`,
      'back-off. Checklist step 4.2 counts these findings.',
      '',
      '## What it flags',
      '',
      'Every `429` response of an operation whose `headers` have no `Retry-After` entry (compared',
      'case-insensitively), in Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2. A 429 response defined once',
      'and referenced by many operations is reported once, where it is written.',
      '',
      '## How to fix it',
      '',
      'Add the header; the quick fix inserts it:',
      '',
      '```yaml',
      '"429":',
      '  description: Too many requests',
      '  headers:',
      '    Retry-After:',
      '      description: Seconds to wait before the next request.',
      '      schema: { type: integer, minimum: 0, maximum: 86400 }',
      '```',
      '',
      'In Swagger 2.0 the header object carries `type: integer` itself instead of a `schema`.',
      '',
      suppressionSection('limit-retry-after', '        "429":', 'clients use the X-RateLimit-Reset header instead'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '4.2',
    owasp: ['API4:2023'],
    fix: 'Adds a `Retry-After` header to the 429 response.',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n        "429": { description: Too many requests }\n',
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
    for (const definition of responseDefinitions(api)) {
      if (!definition.statuses.includes('429') || definition.headers.has('retry-after')) continue;
      report({ at: definition.at, message: messages.noRetryAfter(), data: { status: '429' } });
    }
  },
  fix({ api, doc, node }) {
    // The node is the 429 response where it is written: a shared component is edited once for all users.
    if (!isObject(node) || node.properties.has('$ref')) return [];
    const headers = child(node, 'headers');
    const header = retryAfterHeader(api.version);
    let edit: TextEdit | undefined;
    if (headers === undefined) edit = insertProperty(doc, node, 'headers', { 'Retry-After': header }, { after: ['description'] });
    else if (isObject(headers) && !headers.properties.has('$ref') && ![...headers.properties.keys()].some((name) => name.toLowerCase() === 'retry-after')) {
      edit = insertProperty(doc, headers, 'Retry-After', header);
    }
    return edit === undefined ? [] : [{ title: messages.addHeader(), edits: [edit], isPreferred: true, safe: true }];
  },
};
