import { defineMessages } from '../../l10n/messages';
import { isArray } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { definedScopesOf, isOAuth2 } from './support/oauthFlows';
import { isSafeMethod, operationLabel } from '../support/operations';
import { OWASP_LINKS } from '../support/owasp';
import { schemeUsesOf } from './support/securityLists';

const messages = defineMessages({
  noScopes: {
    en: '{operation} is protected by OAuth2 scheme "{scheme}" without any scope: every token holder may call it',
    de: '{operation} ist durch das OAuth2-Schema "{scheme}" ohne Scope geschützt: jeder Token-Inhaber darf sie aufrufen',
  },
  noScopesInherited: {
    en: '{operation} inherits OAuth2 scheme "{scheme}" without any scope from the root security: every token holder may call it',
    de: '{operation} erbt das OAuth2-Schema "{scheme}" ohne Scope von der Wurzel: jeder Token-Inhaber darf sie aufrufen',
  },
  requirementHere: {
    en: 'The root security requires "{scheme}" with an empty scope list here',
    de: 'Die Sicherheitsanforderung der Wurzel verlangt "{scheme}" hier mit leerer Scope-Liste',
  },
});

export const authNoScopes: SpecRule = {
  meta: {
    id: 'auth-no-scopes',
    category: 'auth',
    severity: 'warning',
    title: 'A write operation is protected by an OAuth2 scheme with an empty scope list.',
    titleDe: 'Eine schreibende Operation ist durch ein OAuth2-Schema mit leerer Scope-Liste geschützt.',
    description: [
      'OAuth2 scopes are how an API grants least privilege: a token for reading orders should not be',
      'able to delete them. An operation that changes data but requires an OAuth2 scheme with an empty',
      'scope list accepts *any* valid token of that authorisation server — the API has no role model',
      `for it, which is the typical setting for ${OWASP_LINKS['API5:2023']}.`,
      '',
      '## What is flagged',
      '',
      'Operations with POST, PUT, PATCH, DELETE or a custom method (OpenAPI 3.2',
      '`additionalOperations`) whose effective security (own list, else the root list) contains a',
      'requirement naming an `oauth2` scheme with `[]` as its scope list. This works the same way',
      'in Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2. Safe methods (GET, HEAD, OPTIONS, TRACE, QUERY)',
      'are not flagged. OpenID Connect, HTTP and API key schemes are not flagged either: an empty',
      'list is normal for them.',
      '',
      'When the requirement is the operation\'s own, the finding is on the scheme name in it; when the',
      'operation inherits the root list, it is on the method and links to the root requirement.',
      '',
      '## How to fix',
      '',
      'Define scopes for the permissions the API distinguishes (for example `orders:read` and',
      '`orders:write`) in the scheme\'s flows and require the matching scope on each write operation.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-no-scopes -- reason` above the finding, or add',
      '`x-api-guard-ignore: [auth-no-scopes]` to the operation.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.2',
    owasp: ['API5:2023'],
    examples: {
      bad: [
        'paths:',
        '  /orders/{id}:',
        '    delete:',
        '      security:',
        '        - oauth: []',
        '',
      ].join('\n'),
      good: [
        'paths:',
        '  /orders/{id}:',
        '    delete:',
        '      security:',
        '        - oauth: ["orders:write"]',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    for (const operation of api.operations) {
      if (isSafeMethod(operation.method)) continue;
      const inherited = operation.security.source === 'root';
      for (const use of schemeUsesOf(operation.security)) {
        const scheme = api.securitySchemes.get(use.name);
        if (scheme === undefined || !isOAuth2(scheme) || !isArray(use.at.node) || use.at.node.items.length > 0) continue;
        const label = operationLabel(operation.method, operation.path);
        const data = {
          method: operation.method,
          path: operation.path,
          scheme: scheme.name,
          inherited,
          availableScopes: [...(definedScopesOf(api, scheme) ?? [])],
        };
        if (inherited) {
          report({
            at: operation.operation,
            message: messages.noScopesInherited({ operation: label, scheme: scheme.name }),
            data,
            related: [{ at: use.at, message: messages.requirementHere({ scheme: scheme.name }) }],
            discriminator: `${operation.path}|${scheme.name}`,
          });
        } else {
          report({
            at: use.at,
            message: messages.noScopes({ operation: label, scheme: scheme.name }),
            data,
            discriminator: operation.path,
          });
        }
      }
    }
  },
};
