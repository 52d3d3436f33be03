import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import type { Report, SpecRule } from '../types';
import { adminSharedSchemes } from './support/adminSharing';
import { operationLabel } from '../support/operations';
import { OWASP_LINKS } from '../support/owasp';
import { schemeLocation } from './support/schemeLocation';

const messages = defineMessages({
  shared: {
    en: 'Admin operation {operation} accepts the same credentials as non-admin operations such as {other} (scheme {schemes}): any of their callers can call it',
    de: 'Die Admin-Operation {operation} akzeptiert dieselben Anmeldedaten wie Nicht-Admin-Operationen, etwa {other} (Schema {schemes}): jeder ihrer Aufrufer kann sie aufrufen',
  },
  alsoUsedBy: {
    en: 'Non-admin operation {other} uses "{scheme}" too',
    de: 'Die Nicht-Admin-Operation {other} verwendet "{scheme}" ebenfalls',
  },
  definedHere: {
    en: 'Security scheme "{scheme}" is defined here',
    de: 'Das Sicherheitsschema "{scheme}" ist hier definiert',
  },
});

export const authAdminSharedScheme: SpecRule = {
  meta: {
    id: 'auth-admin-shared-scheme',
    category: 'auth',
    severity: 'error',
    title: 'An operation under an `/admin` path segment uses a security scheme that non-admin operations also use.',
    titleDe: 'Eine Operation unter einem `/admin`-Pfadsegment verwendet ein Sicherheitsschema, das auch Nicht-Admin-Operationen verwenden.',
    description: [
      'Administrative functions need a stronger gate than the rest of the API. When `/admin`',
      'operations accept exactly the credential that ordinary operations accept — the same API key,',
      'the same bearer token without an admin scope — then every ordinary user who finds the URL can',
      `call them. This is the classic case of ${OWASP_LINKS['API5:2023']}.`,
      '',
      '## What is flagged',
      '',
      'Operations whose path template has a segment `admin` (`/admin/users`, `/v1/Admin/{id}`; not',
      '`/administrators` or `/admin-tools`) and whose effective security (own list, else the root',
      'list) names a scheme that some operation outside `/admin` also names. A scheme does *not*',
      'count as shared when the admin operation requires, with it, a scope that no non-admin',
      'operation requires with that scheme (for example `admin:write`): then the scope separates the',
      'privileges, which is what OAuth2 scopes are for. Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 are',
      'checked alike.',
      '',
      'Each admin operation is reported once, on its method, with links to a non-admin operation',
      'that uses the same scheme and to the scheme\'s definition. Admin operations without any',
      'security are left to `auth-operation-unprotected`.',
      '',
      '## How to fix',
      '',
      'Give administrative operations their own gate: a separate scheme (an admin API key, a',
      'different OAuth2 client or audience, mutual TLS), or an admin scope that only administrators',
      'are granted, required on every `/admin` operation.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-admin-shared-scheme -- reason` above the method, or add',
      '`x-api-guard-ignore: [auth-admin-shared-scheme]` to the operation or the `/admin` path item.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.2',
    owasp: ['API5:2023'],
    examples: {
      bad: [
        'security:',
        '  - apiKey: []',
        'paths:',
        '  /orders:',
        '    get: { responses: { "200": { description: OK } } }',
        '  /admin/users:',
        '    delete: { responses: { "204": { description: Deleted } } }',
        '',
      ].join('\n'),
      good: [
        'security:',
        '  - oauth: ["orders:read"]',
        'paths:',
        '  /orders:',
        '    get: { responses: { "200": { description: OK } } }',
        '  /admin/users:',
        '    delete:',
        '      security:',
        '        - oauth: ["admin"]',
        '      responses: { "204": { description: Deleted } }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    for (const { operation, shared, sharedWith: first } of adminSharedSchemes(api)) {
      const other = operationLabel(first.method, first.path);
      const related: NonNullable<Report['related']> = [{ at: first.operation, message: messages.alsoUsedBy({ other, scheme: shared[0] }) }];
      const scheme = api.securitySchemes.get(shared[0]);
      if (scheme !== undefined) related.push({ at: schemeLocation(scheme).at, message: messages.definedHere({ scheme: scheme.name }) });
      report({
        at: operation.operation,
        message: messages.shared({ operation: operationLabel(operation.method, operation.path), schemes: shared.map((name) => `"${name}"`).join(', '), other }),
        data: { method: operation.method, path: operation.path, schemes: shared, sharedWith: { method: first.method, path: first.path } },
        related,
        discriminator: operation.path,
      });
    }
  },
};
