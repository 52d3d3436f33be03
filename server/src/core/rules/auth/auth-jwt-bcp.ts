import { defineMessages } from '../../l10n/messages';
import { childString } from '../../model/ast';
import type { SpecRule } from '../types';
import { httpSchemeOf } from './support/httpScheme';
import { OWASP_LINKS } from '../support/owasp';
import { schemeLocation } from './support/schemeLocation';

const messages = defineMessages({
  noBcp: {
    en: 'JWT bearer scheme "{scheme}" does not say that its tokens follow the JWT Best Current Practices (RFC 8725)',
    de: 'Das JWT-Bearer-Schema "{scheme}" sagt nicht, dass seine Tokens den JWT Best Current Practices (RFC 8725) folgen',
  },
});

/** RFC 8725 is also published as BCP 225; either name counts as a reference. */
const BCP_REFERENCE = /rfc\s*-?\s*8725|bcp\s*-?\s*225/i;

export const authJwtBcp: SpecRule = {
  meta: {
    id: 'auth-jwt-bcp',
    category: 'auth',
    severity: 'off',
    title: 'A JWT bearer scheme\'s description does not reference the JWT Best Current Practices (RFC 8725).',
    titleDe: 'Die Beschreibung eines JWT-Bearer-Schemas verweist nicht auf die JWT Best Current Practices (RFC 8725).',
    description: [
      'Most JWT vulnerabilities come from validation shortcuts: accepting `alg: none`, letting the',
      'token choose between HMAC and RSA keys, not checking `aud` and `iss`, or accepting tokens of',
      `another type. RFC 8725 lists what issuers and validators must do (${OWASP_LINKS['API2:2023']}).`,
      'Stating in the scheme description that the API follows it gives client and server teams one',
      'shared contract (allowed algorithms, required claims, lifetime).',
      '',
      'This rule is off by default, because it asks for documentation rather than finding a defect;',
      'switch it on with `auth-jwt-bcp: info` (or higher) under `rules` in `.api-guard.yaml`.',
      '',
      '## What is flagged',
      '',
      'OpenAPI 3.0, 3.1 and 3.2 schemes with `type: http`, `scheme: bearer` and `bearerFormat: JWT`',
      '(any letter case) whose `description` does not mention `RFC 8725` (also `RFC8725`,',
      '`rfc-8725`, a datatracker link or `BCP 225`). Swagger 2.0 has no bearer scheme type and is',
      'not checked.',
      '',
      '## How to fix',
      '',
      'Validate tokens as RFC 8725 describes and say so, for example: "JWT access tokens following RFC',
      '8725: RS256 only, `iss`, `aud` and `exp` are required, lifetime 10 minutes."',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-jwt-bcp -- reason` above the scheme, or add',
      '`x-api-guard-ignore: [auth-jwt-bcp]` inside it.',
    ].join('\n'),
    versions: ['3.0', '3.1', '3.2'],
    step: '3.2',
    owasp: ['API2:2023'],
    examples: {
      bad: 'components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n',
      good: 'components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n      description: JWT access tokens validated per RFC 8725 (RS256 only; iss, aud, exp required).\n',
    },
  },
  check({ api, report }) {
    if (api.version === '2.0') return;
    for (const scheme of api.securitySchemes.values()) {
      if (httpSchemeOf(scheme) !== 'bearer') continue;
      if (childString(scheme.at.node, 'bearerFormat')?.trim().toLowerCase() !== 'jwt') continue;
      if (BCP_REFERENCE.test(childString(scheme.at.node, 'description') ?? '')) continue;
      const location = schemeLocation(scheme);
      report({
        at: location.at,
        message: messages.noBcp({ scheme: scheme.name }),
        data: { scheme: scheme.name, version: api.version },
        related: location.related,
      });
    }
  },
};
