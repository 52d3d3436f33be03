import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setLocale } from '../../../server/src/core/l10n/messages';
import { isLengthBoundingPattern } from '../../../server/src/core/rules/limit/limit-string-length';
import { lintFiles } from '../helpers/lint';
import { ruleTable } from '../helpers/ruleTable';

/** A 3.x document whose POST /things body is the schema `Thing` with the given properties. */
const body3 = (version: string, properties: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths:
  /things:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Thing" }
      responses:
        "204": { description: Done }
components:
  schemas:
    Thing:
      type: object
      properties:
${properties}`;

const prop = (line: string) => `        ${line}\n`;

ruleTable('limit-string-length', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `OAS ${version}: an unbounded string property`,
    files: body3(version, prop('name: { type: string }')),
    expect: [{ pointer: '/components/schemas/Thing/properties/name', message: 'String property "name" has no maxLength', severity: 'info' as const, line: 16 }],
  })),
  {
    name: 'bounded by maxLength, enum, const, a bounding format or an anchored bounded pattern',
    files: body3(
      '3.1.0',
      [
        'a: { type: string, maxLength: 20 }',
        'b: { type: string, enum: [x, y] }',
        'c: { type: string, const: fixed }',
        'd: { type: string, format: date-time }',
        'e: { type: string, format: uuid }',
        'f: { type: string, format: date }',
        'g: { type: string, pattern: "^[A-Z]{2}-\\\\d{1,6}$" }',
        'h: { type: string, format: ipv6 }',
      ]
        .map(prop)
        .join(''),
    ),
    expect: [],
  },
  {
    name: 'formats that do not bound the length, and unbounded patterns',
    files: body3('3.0.3', ['email: { type: string, format: email }', 'file: { type: string, format: binary }', 'blob: { type: string, format: byte }', 'code: { type: string, pattern: "^[a-z]+$" }', 'loose: { type: string, pattern: "[a-z]{2}" }'].map(prop).join('')),
    expect: ['email', 'file', 'blob', 'code', 'loose'].map((name) => ({ pointer: `/components/schemas/Thing/properties/${name}` })),
  },
  {
    name: '3.1 type lists with null',
    files: body3('3.1.0', prop('nick: { type: [string, "null"] }') + prop('age: { type: [integer, "null"] }')),
    expect: [{ pointer: '/components/schemas/Thing/properties/nick' }],
  },
  {
    name: 'a string schema used in many places is reported once',
    files: `openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /a:
    get:
      parameters:
        - { name: q, in: query, schema: { $ref: "#/components/schemas/Text" } }
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { type: array, maxItems: 5, items: { $ref: "#/components/schemas/Text" } }
  /b:
    post:
      requestBody:
        content:
          text/plain:
            schema: { $ref: "#/components/schemas/Text" }
      responses:
        "204": { description: Done }
components:
  schemas:
    Text: { type: string }
    Unused: { type: string }
`,
    expect: [{ pointer: '/components/schemas/Text', message: 'String schema "Text"' }],
  },
  {
    name: 'parameters, headers and inline body schemas (3.0), named in the message',
    files: `openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /a:
    get:
      parameters:
        - { name: q, in: query, schema: { type: string } }
      responses:
        "200":
          description: OK
          headers:
            X-Trace: { schema: { type: string } }
          content:
            text/plain:
              schema: { type: string }
`,
    expect: [
      { pointer: '/paths/~1a/get/parameters/0/schema', message: 'parameter "q"' },
      { pointer: '/paths/~1a/get/responses/200/headers/X-Trace/schema', message: 'header "X-Trace"' },
      { pointer: '/paths/~1a/get/responses/200/content/text~1plain/schema', message: 'body schema (text/plain)' },
    ],
  },
  {
    name: 'Swagger 2.0: non-body parameters, headers and body schemas',
    files: `swagger: "2.0"
info: { title: Shop, version: "1" }
paths:
  /a:
    post:
      parameters:
        - { name: q, in: query, type: string }
        - { name: tags, in: query, type: array, maxItems: 3, items: { type: string } }
        - { name: body, in: body, schema: { $ref: "#/definitions/Note" } }
      responses:
        "200":
          description: OK
          headers:
            X-Trace: { type: string }
definitions:
  Note: { type: object, properties: { text: { type: string, maxLength: 500 }, title: { type: string } } }
`,
    expect: [
      { pointer: '/paths/~1a/post/parameters/0/type', message: 'String parameter "q"', line: 6 },
      { pointer: '/paths/~1a/post/parameters/1/items', message: 'items of parameter "tags"' },
      { pointer: '/definitions/Note/properties/title', message: 'property "title"' },
      { pointer: '/paths/~1a/post/responses/200/headers/X-Trace', message: 'header "X-Trace"' },
    ],
  },
  {
    name: 'schemas only under not are conditions, not values',
    files: body3('3.1.0', prop('code:') + '          type: integer\n          not: { type: string }\n'),
    expect: [],
  },
  {
    name: 'JSON document',
    files: JSON.stringify(
      {
        openapi: '3.1.0',
        info: { title: 'x', version: '1' },
        paths: { '/a': { get: { responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } } } } },
      },
      null,
      2,
    ),
    expect: [{ pointer: '/paths/~1a/get/responses/200/content/application~1json/schema/properties/id', line: 17 }],
  },
  {
    name: 'a schema in another file: the finding is in that file',
    files: {
      'api.yaml': 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: OK\n          content:\n            application/json:\n              schema: { $ref: "./schemas/thing.yaml" }\n',
      'schemas/thing.yaml': 'type: object\nproperties:\n  label: { type: string }\n',
    },
    expect: [{ file: 'schemas/thing.yaml', pointer: '/properties/label', line: 2 }],
  },
  {
    name: 'suppressed on the schema and by a comment',
    files: body3('3.1.0', prop('a: { type: string, x-api-guard-ignore: [limit-string-length] }') + prop('# api-guard-ignore limit-string-length -- free text, limited by the gateway') + prop('b: { type: string }')),
    expect: [],
    suppressed: [{ pointer: '/components/schemas/Thing/properties/a' }, { pointer: '/components/schemas/Thing/properties/b' }],
  },
]);

describe('limit-string-length details', () => {
  it('recognises patterns that bound the length', () => {
    assert.equal(isLengthBoundingPattern('^[a-z]{1,20}$'), true);
    assert.equal(isLengthBoundingPattern('^\\d{4}-\\d{2}$'), true);
    assert.equal(isLengthBoundingPattern('^[+*]{2}$'), true);
    assert.equal(isLengthBoundingPattern('^[a-z]+$'), false);
    assert.equal(isLengthBoundingPattern('^a.*$'), false);
    assert.equal(isLengthBoundingPattern('^a{2,}$'), false);
    assert.equal(isLengthBoundingPattern('^a|b$'), false);
    assert.equal(isLengthBoundingPattern('[a-z]{2}'), false);
  });

  it('speaks German', () => {
    setLocale('de');
    try {
      const { findings } = lintFiles(body3('3.1.0', prop('name: { type: string }')), { only: ['limit-string-length'] });
      assert.deepEqual(
        findings.map((finding) => finding.message),
        ['Eigenschaft „name“ ist eine Zeichenkette ohne maxLength (auch ohne enum, const oder längenbegrenzendes Format); Werte beliebiger Länge werden akzeptiert'],
      );
    } finally {
      setLocale('en');
    }
  });
});
