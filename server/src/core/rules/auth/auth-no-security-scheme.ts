import { defineMessages } from '../../l10n/messages';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';

const messages = defineMessages({
  noScheme: {
    en: 'The API has {count} operation(s) but defines no security scheme',
    de: 'Die API hat {count} Operation(en), definiert aber kein Sicherheitsschema',
  },
});

export const authNoSecurityScheme: SpecRule = {
  meta: {
    id: 'auth-no-security-scheme',
    category: 'auth',
    severity: 'error',
    title: 'The API has operations but defines no security scheme at all.',
    titleDe: 'Die API hat Operationen, definiert aber überhaupt kein Sicherheitsschema.',
    description: [
      'An API without a single security scheme cannot express who may call it: every operation is',
      'public by construction. Define how clients authenticate (for most APIs a bearer token) and',
      'require it at the root, then open up the few operations that must stay public explicitly.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '2.2',
    owasp: ['API2:2023'],
    fix: 'Adds a bearer (JWT) scheme to `components.securitySchemes` (2.0: `securityDefinitions`) and a root `security` requirement using it.',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nsecurity:\n  - bearerAuth: []\ncomponents:\n  securitySchemes:\n    bearerAuth: { type: http, scheme: bearer, bearerFormat: JWT }\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n',
    },
  },
  check({ api, report }) {
    if (api.operations.length === 0 || api.securitySchemes.size > 0) return;
    const versionNode = api.root.root;
    if (versionNode === undefined) return;
    const anchor = api.version === '2.0' ? 'swagger' : 'openapi';
    const at = versionNode.type === 'object' ? versionNode.properties.get(anchor) : undefined;
    report({
      at: { doc: api.root, node: at ?? versionNode },
      message: messages.noScheme({ count: api.operations.length }),
      data: { version: api.version },
    });
  },
};
