import { insertProperty } from '../../fixes/structuralEdits';
import type { TextEdit } from '../../fixes/textEdit';
import { defineMessages } from '../../l10n/messages';
import { child, isObject } from '../../model/ast';
import { ALL_VERSIONS } from '../../openapi/types';
import type { SpecRule } from '../types';

const messages = defineMessages({
  noScheme: {
    en: 'The API has {count} operation(s) but defines no security scheme',
    de: 'Die API hat {count} Operation(en), definiert aber kein Sicherheitsschema',
  },
  addBearer: {
    en: 'Add a bearer (JWT) security scheme and require it for every operation',
    de: 'Bearer-Sicherheitsschema (JWT) hinzufügen und für alle Operationen verlangen',
  },
});

const SCHEME_NAME = 'bearerAuth';
const BEARER_3 = { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' };
// Swagger 2.0 has no bearer type; the established form is an API key in the Authorization header.
const BEARER_2 = { type: 'apiKey', name: 'Authorization', in: 'header', description: 'JWT bearer token: "Bearer <token>"' };

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
  fix({ api }) {
    const root = api.root.root;
    if (!isObject(root)) return [];
    const doc = api.root;
    const edits: TextEdit[] = [];
    if (api.version === '2.0') {
      const definitions = child(root, 'securityDefinitions');
      if (isObject(definitions)) edits.push(insertProperty(doc, definitions, SCHEME_NAME, BEARER_2));
      else if (definitions === undefined) edits.push(insertProperty(doc, root, 'securityDefinitions', { [SCHEME_NAME]: BEARER_2 }));
      else return [];
    } else {
      const components = child(root, 'components');
      const schemes = child(components, 'securitySchemes');
      if (isObject(schemes)) edits.push(insertProperty(doc, schemes, SCHEME_NAME, BEARER_3));
      else if (isObject(components) && schemes === undefined) edits.push(insertProperty(doc, components, 'securitySchemes', { [SCHEME_NAME]: BEARER_3 }));
      else if (components === undefined) edits.push(insertProperty(doc, root, 'components', { securitySchemes: { [SCHEME_NAME]: BEARER_3 } }));
      else return [];
    }
    if (child(root, 'security') === undefined) {
      edits.push(insertProperty(doc, root, 'security', [{ [SCHEME_NAME]: [] }], { after: ['servers', 'basePath', 'host', 'info'] }));
    }
    return [{ title: messages.addBearer(), edits, isPreferred: true, safe: true }];
  },
};
