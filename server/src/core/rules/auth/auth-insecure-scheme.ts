import { defineMessages } from '../../l10n/messages';
import { childString } from '../../model/ast';
import { ALL_VERSIONS, type SecuritySchemeEntry, type SpecVersion } from '../../openapi/types';
import type { SpecRule } from '../types';
import { httpSchemeOf } from './support/httpScheme';
import { OWASP_LINKS } from '../support/owasp';
import { schemeLocation } from './support/schemeLocation';

const messages = defineMessages({
  digest: {
    en: 'Security scheme "{scheme}" uses HTTP Digest authentication, which rests on MD5 and a password-equivalent stored on the server',
    de: 'Das Sicherheitsschema "{scheme}" verwendet HTTP-Digest-Authentifizierung, die auf MD5 und einem passwortgleichen Wert auf dem Server beruht',
  },
  negotiate: {
    en: 'Security scheme "{scheme}" uses HTTP Negotiate (SPNEGO), which can fall back to NTLM and binds authentication to connections',
    de: 'Das Sicherheitsschema "{scheme}" verwendet HTTP Negotiate (SPNEGO), das auf NTLM zurückfallen kann und die Anmeldung an Verbindungen bindet',
  },
  oauth1: {
    en: 'Security scheme "{scheme}" uses OAuth 1.0, which is obsolete; use OAuth 2.0',
    de: 'Das Sicherheitsschema "{scheme}" verwendet OAuth 1.0, das veraltet ist; verwenden Sie OAuth 2.0',
  },
});

type InsecureKind = 'digest' | 'negotiate' | 'oauth1';

/**
 * OAuth 1.0 protocol parameters (RFC 5849 §3.1). An API key scheme that carries one of them is an
 * OAuth 1.0 scheme written in the only way Swagger 2.0 (and OpenAPI, lacking an `oauth1` type)
 * can express it.
 */
const OAUTH1_PARAMETERS = new Set([
  'oauth_consumer_key',
  'oauth_token',
  'oauth_signature',
  'oauth_signature_method',
  'oauth_nonce',
  'oauth_timestamp',
]);

function insecureKindOf(scheme: SecuritySchemeEntry, version: SpecVersion): InsecureKind | undefined {
  // Swagger 2.0 has no `type: http`; such a scheme is invalid there and not read as one.
  const httpScheme = version === '2.0' ? undefined : httpSchemeOf(scheme);
  if (httpScheme === 'digest' || httpScheme === 'negotiate') return httpScheme;
  // "OAuth" is the IANA-registered HTTP authentication scheme of OAuth 1.0 (RFC 5849 §3.5.1).
  if (httpScheme === 'oauth') return 'oauth1';
  if (scheme.type === 'apiKey') {
    const parameter = childString(scheme.at.node, 'name')?.trim().toLowerCase();
    if (parameter !== undefined && OAUTH1_PARAMETERS.has(parameter)) return 'oauth1';
  }
  return undefined;
}

export const authInsecureScheme: SpecRule = {
  meta: {
    id: 'auth-insecure-scheme',
    category: 'auth',
    severity: 'error',
    title: 'A security scheme uses HTTP Digest, HTTP Negotiate or OAuth 1.0.',
    titleDe: 'Ein Sicherheitsschema verwendet HTTP Digest, HTTP Negotiate oder OAuth 1.0.',
    description: [
      'Some authentication schemes are still registered but no longer fit for an API on the',
      `internet (${OWASP_LINKS['API2:2023']}):`,
      '',
      '- **HTTP Digest** (RFC 7616) is built on MD5 in practice, requires the server to store a',
      '  password-equivalent, and is open to downgrade by a man in the middle.',
      '- **HTTP Negotiate** (SPNEGO, RFC 4559) ties authentication to a TCP connection, which',
      '  proxies and HTTP/2 connection reuse break, and can silently fall back to NTLM, which is',
      '  open to relay attacks. It belongs in an intranet, not in a public API.',
      '- **OAuth 1.0** (RFC 5849) was replaced by OAuth 2.0 (RFC 6749); its signatures rely on',
      '  shared secrets and HMAC-SHA1, and current libraries and gateways no longer support it well.',
      '',
      '## What is flagged',
      '',
      'Every defined security scheme that is',
      '',
      '- OpenAPI 3.0, 3.1, 3.2: `type: http` with `scheme: digest`, `negotiate` or `OAuth` (the',
      '  IANA name of the OAuth 1.0 scheme), in any letter case;',
      '- any version, Swagger 2.0 included: `type: apiKey` whose `name` is an OAuth 1.0 protocol',
      '  parameter (`oauth_consumer_key`, `oauth_token`, `oauth_signature`,',
      '  `oauth_signature_method`, `oauth_nonce`, `oauth_timestamp`) — the only way Swagger 2.0 can',
      '  describe OAuth 1.0.',
      '',
      'HTTP basic authentication has its own rule, `auth-http-basic`.',
      '',
      '## How to fix',
      '',
      'Move to OAuth 2.0 (authorisation code with PKCE for users, client credentials for services)',
      'or to bearer tokens, and describe them with an `oauth2` or `http`/`bearer` scheme.',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-insecure-scheme -- reason` above the scheme, or add',
      '`x-api-guard-ignore: [auth-insecure-scheme]` inside the scheme object.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API2:2023'],
    examples: {
      bad: 'components:\n  securitySchemes:\n    digestAuth:\n      type: http\n      scheme: digest\n',
      good: 'components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n',
    },
  },
  check({ api, report }) {
    for (const scheme of api.securitySchemes.values()) {
      const kind = insecureKindOf(scheme, api.version);
      if (kind === undefined) continue;
      const location = schemeLocation(scheme);
      report({
        at: location.at,
        message: messages[kind]({ scheme: scheme.name }),
        data: { scheme: scheme.name, kind, version: api.version },
        related: location.related,
      });
    }
  },
};
