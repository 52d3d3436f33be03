import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointerOf } from '../../../server/src/core/model/ast';
import { entryDeclaresType, entryHasType, schemaHasType, schemaIndexSteps, schemasOf, schemaTypes, type JsonType, type SchemaEntry } from '../../../server/src/core/openapi/schemas';
import type { ApiDescription } from '../../../server/src/core/openapi/types';
import { lintFiles } from '../helpers/lint';

function apiOf(files: Record<string, string> | string): ApiDescription {
  const apis = lintFiles(files, { only: [] }).analysis.allApis();
  assert.equal(apis.length, 1);
  return apis[0];
}

/** `file#pointer → flags` for every entry, e.g. `api.yaml#/components/schemas/Order → request response`. */
function describeEntries(api: ApiDescription): string[] {
  const flags = (entry: SchemaEntry) =>
    [entry.request ? 'request' : '', entry.response ? 'response' : '', entry.conditional ? 'conditional' : '', entry.kind === 'schema' ? '' : entry.kind]
      .filter((flag) => flag !== '')
      .join(' ');
  return schemasOf(api).entries.map((entry) => `${entry.at.doc.uri.split('/').pop()}#${pointerOf(entry.at.node)} → ${flags(entry)}`);
}

const shop30 = `openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /orders:
    parameters:
      - { name: tenant, in: header, schema: { type: string } }
    post:
      parameters:
        - $ref: "#/components/parameters/Limit"
      requestBody:
        $ref: "#/components/requestBodies/NewOrder"
      responses:
        "201":
          description: Created
          headers:
            Location: { schema: { type: string } }
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Order" }
components:
  parameters:
    Limit: { name: limit, in: query, schema: { type: integer } }
  requestBodies:
    NewOrder:
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Order" }
  schemas:
    Order:
      type: object
      properties:
        id: { type: string, readOnly: true }
        secret: { type: string, writeOnly: true }
        lines:
          type: array
          items: { $ref: "#/components/schemas/Line" }
    Line:
      type: object
      properties:
        sku: { type: string }
    Unused: { type: string }
`;

describe('schemasOf', () => {
  it('visits every schema of requests and responses once, following $ref, with its directions (3.0)', () => {
    assert.deepEqual(describeEntries(apiOf(shop30)), [
      'api.yaml#/paths/~1orders/parameters/0/schema → request',
      'api.yaml#/components/parameters/Limit/schema → request',
      'api.yaml#/components/schemas/Order → request response',
      'api.yaml#/components/schemas/Order/properties/secret → request',
      'api.yaml#/components/schemas/Order/properties/lines → request response',
      'api.yaml#/components/schemas/Line → request response',
      'api.yaml#/components/schemas/Line/properties/sku → request response',
      'api.yaml#/components/schemas/Order/properties/id → response',
      'api.yaml#/paths/~1orders/post/responses/201/headers/Location/schema → response',
    ]);
  });

  it('gives a parameter, request body, response or header shared by many operations the same entries as one used once', () => {
    // Each shared object's roots are collected once. The second operation reaches Flag through a
    // shared response's \`not\` only, and the third as a value: it is a value, whichever comes first.
    const shared = `openapi: 3.0.3
info: { title: Shared, version: "1" }
paths:
  /a:
    get:
      parameters: [{ $ref: "#/components/parameters/Page" }]
      responses:
        "200": { $ref: "#/components/responses/Listed" }
        default: { $ref: "#/components/responses/Problem" }
  /b:
    post:
      parameters: [{ $ref: "#/components/parameters/Page" }]
      requestBody: { $ref: "#/components/requestBodies/Note" }
      responses:
        "200": { $ref: "#/components/responses/Listed" }
        "400": { $ref: "#/components/responses/Problem" }
  /c:
    put:
      requestBody: { $ref: "#/components/requestBodies/Note" }
      responses:
        "200":
          description: ok
          headers: { Rate: { $ref: "#/components/headers/Rate" } }
          content: { application/json: { schema: { $ref: "#/components/schemas/Flag" } } }
        default: { $ref: "#/components/responses/Problem" }
components:
  parameters:
    Page: { name: page, in: query, schema: { type: integer } }
  requestBodies:
    Note: { content: { application/json: { schema: { $ref: "#/components/schemas/Note" } } } }
  headers:
    Rate: { schema: { type: integer } }
  responses:
    Listed:
      description: ok
      headers: { Rate: { $ref: "#/components/headers/Rate" } }
      content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Note" } } } }
    Problem:
      description: error
      content: { application/json: { schema: { type: object, not: { $ref: "#/components/schemas/Flag" } } } }
  schemas:
    Note:
      type: object
      properties:
        id: { type: string, readOnly: true }
        text: { type: string }
    Flag: { type: boolean }
`;
    assert.deepEqual(describeEntries(apiOf(shared)), [
      'api.yaml#/components/parameters/Page/schema → request',
      'api.yaml#/components/schemas/Note → request response',
      'api.yaml#/components/schemas/Note/properties/text → request response',
      'api.yaml#/components/responses/Listed/content/application~1json/schema → response',
      'api.yaml#/components/schemas/Note/properties/id → response',
      'api.yaml#/components/headers/Rate/schema → response',
      'api.yaml#/components/responses/Problem/content/application~1json/schema → response',
      'api.yaml#/components/schemas/Flag → response',
    ]);
  });

  it('treats Swagger 2.0 parameters, headers and items objects as schema-like', () => {
    const api = apiOf(`swagger: "2.0"
info: { title: Shop, version: "1" }
paths:
  /orders:
    post:
      parameters:
        - { name: tags, in: query, type: array, items: { type: string } }
        - { name: body, in: body, schema: { $ref: "#/definitions/Order" } }
      responses:
        "200":
          description: OK
          headers:
            X-Rate: { type: integer }
          schema: { type: array, items: { $ref: "#/definitions/Order" } }
definitions:
  Order: { type: object, properties: { note: { type: string } } }
`);
    assert.deepEqual(describeEntries(api), [
      'api.yaml#/paths/~1orders/post/parameters/0 → request parameter',
      'api.yaml#/paths/~1orders/post/parameters/0/items → request items',
      'api.yaml#/definitions/Order → request response',
      'api.yaml#/definitions/Order/properties/note → request response',
      'api.yaml#/paths/~1orders/post/responses/200/schema → response',
      'api.yaml#/paths/~1orders/post/responses/200/headers/X-Rate → response header',
    ]);
  });

  it('ends on recursive schemas and visits each node once', () => {
    const api = apiOf(`openapi: 3.1.0
info: { title: Shop, version: "1" }
paths:
  /tree:
    get:
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Node" }
components:
  schemas:
    Node:
      type: object
      properties:
        children: { type: array, items: { $ref: "#/components/schemas/Node" } }
        parent: { $ref: "#/components/schemas/Node" }
`);
    assert.deepEqual(describeEntries(api), ['api.yaml#/components/schemas/Node → response', 'api.yaml#/components/schemas/Node/properties/children → response']);
  });

  it('follows compositions, 3.1 keywords and marks schemas only reached through not / if as conditions', () => {
    const api = apiOf(`openapi: 3.1.0
info: { title: Shop, version: "1" }
paths:
  /things:
    put:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - { type: object, properties: { a: { type: string } } }
              oneOf:
                - { type: object, patternProperties: { "^x": { type: string } } }
              anyOf:
                - { type: array, prefixItems: [{ type: integer }], items: false }
              additionalProperties: { type: [string, "null"] }
              not: { type: object, properties: { forbidden: { type: string } } }
      responses:
        "204": { description: Done }
`);
    const base = 'api.yaml#/paths/~1things/put/requestBody/content/application~1json/schema';
    assert.deepEqual(describeEntries(api), [
      `${base} → request`,
      `${base}/allOf/0 → request`,
      `${base}/allOf/0/properties/a → request`,
      `${base}/oneOf/0 → request`,
      `${base}/oneOf/0/patternProperties/^x → request`,
      `${base}/anyOf/0 → request`,
      `${base}/anyOf/0/prefixItems/0 → request`,
      `${base}/additionalProperties → request`,
      `${base}/not → conditional`,
      `${base}/not/properties/forbidden → conditional`,
    ]);
  });

  it('places schemas where they are written, in other files too', () => {
    const api = apiOf({
      'api.yaml': 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: OK\n          content:\n            application/json:\n              schema: { $ref: "./schemas.yaml#/Thing" }\n',
      'schemas.yaml': 'Thing:\n  type: object\n  properties:\n    name: { type: string }\n',
    });
    assert.deepEqual(describeEntries(api), ['schemas.yaml#/Thing → response', 'schemas.yaml#/Thing/properties/name → response']);
  });

  it('walks a large API in steps, and gives what one go gives', () => {
    const properties = Array.from({ length: 1500 }, (_, index) => `        p${index}: { type: object, properties: { v: { type: string } } }`).join('\n');
    const text = `openapi: 3.0.3\ninfo: { title: Big, version: "1" }\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { $ref: "#/components/schemas/Big" }\n      responses:\n        "200":\n          description: OK\n          content:\n            application/json:\n              schema: { $ref: "#/components/schemas/Big" }\ncomponents:\n  schemas:\n    Big:\n      type: object\n      properties:\n${properties}\n`;
    const stepped = apiOf(text);
    const abandoned = schemaIndexSteps(stepped);
    abandoned.next();
    abandoned.return(undefined as never);
    let yields = 0;
    const steps = schemaIndexSteps(stepped);
    let next = steps.next();
    for (; next.done !== true; next = steps.next()) yields++;
    // 3,001 schemas, each visited once per direction: 6,002 visits, a step per 2,000.
    assert.equal(yields, 3);
    assert.equal(next.value.entries.length, 3001);
    assert.equal(schemasOf(stepped), next.value, 'the complete index is cached');
    assert.deepEqual(describeEntries(stepped), describeEntries(apiOf(text)));
  });

  it('computes once per API', () => {
    const api = apiOf(shop30);
    assert.equal(schemasOf(api), schemasOf(api));
    assert.equal(schemasOf(api).get(schemasOf(api).entries[0].at.node), schemasOf(api).entries[0]);
  });
});

describe('schemaTypes', () => {
  it('reads type strings, 3.1 type lists and 3.0 nullable', () => {
    const api = apiOf(`openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /a:
    get:
      parameters:
        - { name: a, in: query, schema: { type: string, nullable: true } }
        - { name: b, in: query, schema: { type: [integer, "null"] } }
        - { name: c, in: query, schema: {} }
      responses:
        "200": { description: OK }
`);
    assert.deepEqual(
      schemasOf(api).entries.map((entry) => [...schemaTypes(entry.at.node)]),
      [['string', 'null'], ['integer', 'null'], []],
    );
  });
});

describe('entryHasType', () => {
  it('answers what schemaHasType and schemaTypes answer for the entry\'s node, unknown type names included', () => {
    const api = apiOf(`openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /a:
    post:
      parameters:
        - { name: a, in: query, schema: { type: string, nullable: true } }
        - { name: b, in: query, schema: { type: [integer, "null", strng] } }
        - { name: c, in: query, schema: {} }
        - { name: d, in: query, schema: { type: file } }
        - { name: e, in: query, schema: { type: 7, nullable: "true" } }
        - { name: f, in: query, schema: { type: [] } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                list: { type: array, items: { type: number } }
                flag: { type: boolean, nullable: false }
      responses:
        "200": { description: OK }
`);
    const types: JsonType[] = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];
    const entries = schemasOf(api).entries;
    assert.equal(entries.length, 10);
    for (const entry of entries) {
      const node = entry.at.node;
      const where = pointerOf(node);
      assert.equal(entryDeclaresType(entry), schemaTypes(node).size > 0, where);
      for (const type of types) assert.equal(entryHasType(entry, type), schemaHasType(node, type), `${where} ${type}`);
    }
    assert.deepEqual(
      entries.map((entry) => types.filter((type) => entryHasType(entry, type))),
      [['string', 'null'], ['integer', 'null'], [], [], [], [], ['object'], ['array'], ['number'], ['boolean']],
    );
    assert.deepEqual(
      entries.map((entry) => entryDeclaresType(entry)),
      [true, true, false, true, false, false, true, true, true, true],
    );
  });
});
