import { fixTable } from '../helpers/fixTable';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const oauth3 = (version: string, tokenUrl: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://auth.shop.test/authorize
          tokenUrl: ${tokenUrl}
          refreshUrl: https://auth.shop.test/refresh
          scopes: {}
    oidc:
      type: openIdConnect
      openIdConnectUrl: https://auth.shop.test/.well-known/openid-configuration
`;

const infoLinks = (header: string) => `${header}
info:
  title: Shop
  version: "1"
  termsOfService: http://shop.test/terms
  contact:
    url: http://shop.test/contact
  license:
    name: MIT
    url: http://shop.test/licence
externalDocs:
  url: http://docs.shop.test
tags:
  - name: orders
    externalDocs: { url: "http://docs.shop.test/orders" }
paths: {}
`;

const perVersion: RuleCase[] = ['3.0.3', '3.1.0', '3.2.0'].flatMap((version) => [
  {
    name: `OAS ${version}: http token URL is an error`,
    files: oauth3(version, 'http://auth.shop.test/token'),
    expect: [
      {
        pointer: '/components/securitySchemes/oauth/flows/authorizationCode/tokenUrl',
        severity: 'error' as const,
        message: 'The OAuth tokenUrl "http://auth.shop.test/token"',
        line: 10,
        data: { url: 'http://auth.shop.test/token' },
      },
    ],
  },
  { name: `OAS ${version}: https OAuth URLs`, files: oauth3(version, 'https://auth.shop.test/token'), expect: [] },
  {
    name: `OAS ${version}: info and externalDocs links are warnings`,
    files: infoLinks(`openapi: ${version}`),
    expect: [
      { pointer: '/info/termsOfService', severity: 'warning' as const, message: 'info.termsOfService' },
      { pointer: '/info/contact/url', severity: 'warning' as const, message: 'contact.url' },
      { pointer: '/info/license/url', severity: 'warning' as const, message: 'license.url' },
      { pointer: '/externalDocs/url', severity: 'warning' as const, message: 'externalDocs.url' },
      { pointer: '/tags/0/externalDocs/url', severity: 'warning' as const, data: { url: 'http://docs.shop.test/orders' } },
    ],
  },
]);

ruleTable('tls-http-url', [
  ...perVersion,
  {
    name: 'Swagger 2.0: OAuth URLs on the scheme and links in info',
    files: `swagger: "2.0"
info:
  title: Shop
  version: "1"
  termsOfService: http://shop.test/terms
securityDefinitions:
  oauth:
    type: oauth2
    flow: accessCode
    authorizationUrl: http://auth.shop.test/authorize
    tokenUrl: https://auth.shop.test/token
    scopes: {}
paths: {}
`,
    expect: [
      { pointer: '/securityDefinitions/oauth/authorizationUrl', severity: 'error', message: 'authorizationUrl' },
      { pointer: '/info/termsOfService', severity: 'warning' },
    ],
  },
  {
    name: 'Swagger 2.0: https everywhere',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1", termsOfService: "https://shop.test/terms" }\npaths: {}\n',
    expect: [],
  },
  {
    name: 'OpenID Connect discovery URL is an error',
    files: `openapi: 3.1.0
info: { title: Shop, version: "1" }
paths: {}
components:
  securitySchemes:
    oidc:
      type: openIdConnect
      openIdConnectUrl: http://auth.shop.test/.well-known/openid-configuration
`,
    expect: [{ pointer: '/components/securitySchemes/oidc/openIdConnectUrl', severity: 'error', message: 'OpenID Connect' }],
  },
  {
    name: 'OAS 3.2: device authorisation URL and OAuth metadata URL',
    files: `openapi: 3.2.0
info: { title: Shop, version: "1" }
paths: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      oauth2MetadataUrl: http://auth.shop.test/.well-known/oauth-authorization-server
      flows:
        deviceAuthorization:
          deviceAuthorizationUrl: http://auth.shop.test/device
          tokenUrl: https://auth.shop.test/token
          scopes: {}
`,
    expect: [
      { pointer: '/components/securitySchemes/oauth/oauth2MetadataUrl', severity: 'error' },
      { pointer: '/components/securitySchemes/oauth/flows/deviceAuthorization/deviceAuthorizationUrl', severity: 'error' },
    ],
  },
  {
    name: 'externalDocs on operations and schemas; examples are data',
    files: `openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      externalDocs: { url: "http://docs.shop.test/list" }
      responses:
        "200":
          description: OK
          content:
            application/json:
              example:
                externalDocs: { url: "http://not.a.link.test" }
components:
  schemas:
    Order:
      type: object
      externalDocs:
        url: http://docs.shop.test/order
`,
    expect: [{ pointer: '/paths/~1orders/get/externalDocs/url' }, { pointer: '/components/schemas/Order/externalDocs/url' }],
  },
  {
    // A JSON text read whole is walked only where it spells the key (tls-http-url.ts keyOccurrences).
    name: 'JSON: externalDocs of the root, a tag and an operation; a schema property of that name is no link',
    files: {
      'api.json': JSON.stringify(
        {
          openapi: '3.1.0',
          info: { title: 'Shop', version: '1', description: 'Orders \u2014 and refunds' },
          externalDocs: { url: 'http://docs.shop.test' },
          tags: [{ name: 'a' }, { name: 'orders', externalDocs: { url: 'http://docs.shop.test/orders' } }],
          paths: { '/orders': { get: { externalDocs: { url: 'http://docs.shop.test/list' }, responses: { '200': { description: 'OK' } } } } },
          components: { schemas: { Spec: { type: 'object', properties: { externalDocs: { type: 'object', properties: { url: { type: 'string' } } } } } } },
        },
        null,
        2,
      ),
    },
    expect: [{ pointer: '/externalDocs/url' }, { pointer: '/tags/1/externalDocs/url' }, { pointer: '/paths/~1orders/get/externalDocs/url' }],
  },
  {
    // YAML is walked everywhere: an alias copies an operation without its text.
    name: 'YAML: an operation copied by an alias has its link too',
    files: `openapi: 3.1.0
info: { title: Shop, version: "1" }
paths:
  /orders:
    get: &list
      externalDocs: { url: "http://docs.shop.test/list" }
      responses: { "200": { description: OK } }
  /refunds:
    get: *list
`,
    expect: [{ pointer: '/paths/~1orders/get/externalDocs/url' }, { pointer: '/paths/~1refunds/get/externalDocs/url' }],
  },
  {
    name: 'JSON: a key spelt with a \\u escape is read as the key',
    files: {
      'api.json':
        '{"openapi": "3.1.0", "info": {"title": "Shop", "version": "1", "description": "see the externalDocs of each tag"},\n' +
        ' "tags": [{"name": "orders", "externalDoc\\u0073": {"url": "http://docs.shop.test/orders"}}], "paths": {}}\n',
    },
    expect: [{ pointer: '/tags/0/externalDocs/url' }],
  },
  {
    name: 'callback, webhook and link servers',
    files: `openapi: 3.1.0
info: { title: Shop, version: "1" }
paths:
  /orders:
    post:
      callbacks:
        shipped:
          "{$request.body#/callbackUrl}":
            servers:
              - url: http://hooks.shop.test
            post:
              responses: { "200": { description: OK } }
      responses:
        "201":
          description: Created
          links:
            GetOrder:
              operationId: getOrder
              server:
                url: http://orders.shop.test
webhooks:
  orderPaid:
    post:
      servers:
        - url: http://receiver.shop.test
      responses: { "200": { description: OK } }
`,
    expect: [
      { pointer: '/paths/~1orders/post/callbacks/shipped/{$request.body#~1callbackUrl}/servers/0/url', message: 'callback server', severity: 'warning' },
      { pointer: '/paths/~1orders/post/responses/201/links/GetOrder/server/url', message: 'link server', severity: 'warning' },
      { pointer: '/webhooks/orderPaid/post/servers/0/url', message: 'webhook server', severity: 'warning' },
    ],
  },
  {
    name: 'relative and https URLs are fine; the API servers belong to tls-http-server',
    files: `openapi: 3.0.3
info: { title: Shop, version: "1", termsOfService: /terms }
servers:
  - url: http://api.shop.test
paths: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: /oauth/token
          scopes: {}
`,
    expect: [],
  },
  {
    name: 'a token URL on an allowlisted host is a hint',
    files: oauth3('3.0.3', 'http://localhost:8080/token'),
    expect: [{ pointer: '/components/securitySchemes/oauth/flows/authorizationCode/tokenUrl', severity: 'hint', message: 'allowedInsecureHosts' }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'Shop', version: '1', contact: { url: 'http://shop.test' } }, paths: {} }, null, 2),
    expect: [{ pointer: '/info/contact/url', line: 6 }],
  },
  {
    name: 'multi-file: a scheme and a schema in other files',
    files: {
      'api.yaml': `openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { $ref: "./schemas.yaml#/Order" }
components:
  securitySchemes:
    oauth: { $ref: "./security.yaml#/oauth" }
`,
      'schemas.yaml': 'Order:\n  type: object\n  externalDocs:\n    url: http://docs.shop.test/order\n',
      'security.yaml': 'oauth:\n  type: oauth2\n  flows:\n    clientCredentials:\n      tokenUrl: http://auth.shop.test/token\n      scopes: {}\n',
    },
    expect: [
      { file: 'schemas.yaml', pointer: '/Order/externalDocs/url', line: 3 },
      { file: 'security.yaml', pointer: '/oauth/flows/clientCredentials/tokenUrl', severity: 'error', line: 4 },
    ],
  },
  {
    name: 'suppressed by comments and x-api-guard-ignore',
    files: `openapi: 3.1.0
info:
  title: Shop
  version: "1"
  # api-guard-ignore tls-http-url -- the legal page is only served over http
  termsOfService: http://shop.test/terms
  contact:
    url: http://shop.test/contact # api-guard-ignore tls-http-url -- archived page
externalDocs:
  x-api-guard-ignore: [tls-http-url]
  url: http://docs.shop.test
paths: {}
`,
    expect: [],
    suppressed: [{ pointer: '/info/termsOfService' }, { pointer: '/info/contact/url' }, { pointer: '/externalDocs/url' }],
  },
]);

fixTable('tls-http-url', [
  {
    name: 'OAS 3.0 block YAML: an OAuth token URL',
    files: oauth3('3.0.3', 'http://auth.shop.test/token'),
    after: oauth3('3.0.3', 'https://auth.shop.test/token'),
  },
  {
    name: 'Swagger 2.0 flow YAML: termsOfService in a flow mapping, CRLF',
    files: 'swagger: "2.0"\r\ninfo: {title: Shop, version: "1", termsOfService: "http://shop.test/terms"}\r\npaths: {}\r\n',
    after: 'swagger: "2.0"\r\ninfo: {title: Shop, version: "1", termsOfService: "https://shop.test/terms"}\r\npaths: {}\r\n',
  },
  {
    name: 'OAS 3.1 JSON: externalDocs of a tag',
    files: '{\n  "openapi": "3.1.0",\n  "info": {"title": "Shop", "version": "1"},\n  "tags": [{"name": "orders", "externalDocs": {"url": "http://docs.shop.test/orders"}}],\n  "paths": {}\n}\n',
    after: '{\n  "openapi": "3.1.0",\n  "info": {"title": "Shop", "version": "1"},\n  "tags": [{"name": "orders", "externalDocs": {"url": "https://docs.shop.test/orders"}}],\n  "paths": {}\n}\n',
  },
  {
    name: 'a callback server variable default, with its enum value',
    files: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      callbacks:\n        shipped:\n          "{$request.body#/url}":\n            servers:\n              - url: "{scheme}://hooks.shop.test"\n                variables:\n                  scheme: { default: http, enum: [http, ftp] }\n            post:\n              responses: { "200": { description: OK } }\n      responses: { "200": { description: OK } }\n',
    pointer: '/paths/~1orders/post/callbacks/shipped/{$request.body#~1url}/servers/0/variables/scheme/default',
    after: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /orders:\n    post:\n      callbacks:\n        shipped:\n          "{$request.body#/url}":\n            servers:\n              - url: "{scheme}://hooks.shop.test"\n                variables:\n                  scheme: { default: https, enum: [https, ftp] }\n            post:\n              responses: { "200": { description: OK } }\n      responses: { "200": { description: OK } }\n',
  },
  {
    name: 'multi-file: a security scheme in a fragment is fixed in that file',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  securitySchemes:\n    oidc:\n      $ref: "./schemes.yaml#/oidc"\n',
      'schemes.yaml': "oidc:\n  type: openIdConnect\n  openIdConnectUrl: 'http://auth.shop.test/.well-known/openid-configuration'\n",
    },
    after: { 'schemes.yaml': "oidc:\n  type: openIdConnect\n  openIdConnectUrl: 'https://auth.shop.test/.well-known/openid-configuration'\n" },
  },
]);
