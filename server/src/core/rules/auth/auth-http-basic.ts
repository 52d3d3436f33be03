import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';
import { httpSchemeOf } from './support/httpScheme';
import { OWASP_LINKS } from '../support/owasp';
import { schemeLocation } from './support/schemeLocation';

const messages = defineMessages({
  basic: {
    en: 'Security scheme "{scheme}" uses HTTP basic authentication: the password travels with every request',
    de: 'Das Sicherheitsschema "{scheme}" verwendet HTTP-Basic-Authentifizierung: das Passwort wird bei jeder Anfrage mitgesendet',
  },
});

export const authHttpBasic: SpecRule = {
  meta: {
    id: 'auth-http-basic',
    category: 'auth',
    severity: 'error',
    title: 'A security scheme uses HTTP basic authentication.',
    titleDe: 'Ein Sicherheitsschema verwendet HTTP-Basic-Authentifizierung.',
    description: [
      'HTTP basic authentication sends the user name and the long-lived password, merely base64',
      'encoded, with every single request. Every proxy log, crash dump or misconfigured TLS',
      'terminator that sees one request sees the password; it cannot be scoped, does not expire and',
      `cannot be revoked without changing the password. See ${OWASP_LINKS['API2:2023']}.`,
      '',
      '## What is flagged',
      '',
      'Every defined security scheme (used or not — a defined scheme is offered to clients) that is',
      '',
      '- Swagger 2.0: `type: basic`;',
      '- OpenAPI 3.0, 3.1, 3.2: `type: http` with `scheme: basic` (in any letter case).',
      '',
      'When the scheme is defined in another file through `$ref`, the finding is placed there and',
      'links to the referring entry.',
      '',
      '## How to fix',
      '',
      'Use short-lived tokens instead: an OAuth2 authorisation code or client credentials flow, or a',
      'bearer token (`type: http, scheme: bearer`) issued by a login endpoint. Keep basic',
      'authentication only where a standard demands it (for example the client authentication of an',
      'OAuth2 token endpoint), and then suppress the finding with the reason.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-http-basic -- reason` above the scheme, or add',
      '`x-api-guard-ignore: [auth-http-basic]` inside the scheme object.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API2:2023'],
    examples: {
      bad: 'components:\n  securitySchemes:\n    basicAuth:\n      type: http\n      scheme: basic\n',
      good: 'components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n',
    },
  },
  check({ api, report }) {
    for (const scheme of api.securitySchemes.values()) {
      const isBasic = api.version === '2.0' ? scheme.type === 'basic' : httpSchemeOf(scheme) === 'basic';
      if (!isBasic) continue;
      const location = schemeLocation(scheme);
      report({
        at: location.at,
        message: messages.basic({ scheme: scheme.name }),
        data: { scheme: scheme.name, version: api.version },
        related: location.related,
      });
    }
  },
};
