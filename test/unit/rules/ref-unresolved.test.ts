import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setLocale } from '../../../server/src/core/l10n/messages';
import { lintFiles } from '../helpers/lint';
import { ruleTable } from '../helpers/ruleTable';

const schemas = (version: string, ref: string) =>
  version === '2.0'
    ? `swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths: {}\ndefinitions:\n  Order:\n    $ref: "${ref}"\n`
    : `openapi: ${version}\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      $ref: "${ref}"\n`;

ruleTable('ref-unresolved', [
  ...['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `${version}: a local pointer to nothing`,
    files: schemas(version, version === '2.0' ? '#/definitions/Ordr' : '#/components/schemas/Ordr'),
    expect: [
      {
        pointer: version === '2.0' ? '/definitions/Order/$ref' : '/components/schemas/Order/$ref',
        message: 'points to nothing: this document has no #/',
        severity: 'error' as const,
        line: version === '2.0' ? 5 : 6,
      },
    ],
  })),
  {
    name: 'a file that does not exist',
    files: schemas('3.1.0', './models/order.yaml'),
    expect: [{ pointer: '/components/schemas/Order/$ref', message: 'The reference "./models/order.yaml" points to ./models/order.yaml, which does not exist or cannot be read' }],
  },
  {
    name: 'a pointer to nothing in another file',
    files: { 'api.yaml': schemas('3.0.3', './models.yaml#/Ordr'), 'models.yaml': 'Order: { type: object }\n' },
    expect: [{ file: 'api.yaml', message: './models.yaml has no #/Ordr' }],
  },
  {
    name: 'an empty target file',
    files: { 'api.yaml': schemas('3.0.3', './models.yaml#/Order'), 'models.yaml': '' },
    expect: [{ file: 'api.yaml', message: 'which could not be parsed' }],
  },
  {
    name: 'a fragment that is not a JSON pointer',
    files: schemas('3.1.0', '#Order'),
    expect: [{ message: 'has a fragment that is not a JSON pointer' }],
  },
  {
    name: 'a reference that is not a URI',
    files: schemas('3.1.0', 'http://[broken'),
    expect: [{ message: 'is not a valid URI reference' }],
  },
  {
    name: 'a broken reference inside a fragment is reported in the fragment',
    files: {
      'api.yaml': schemas('3.1.0', './models.yaml#/Order'),
      'models.yaml': 'Order:\n  type: object\n  properties:\n    lines: { $ref: "#/Line" }\n',
    },
    expect: [{ file: 'models.yaml', pointer: '/Order/properties/lines/$ref', line: 3 }],
  },
  {
    name: 'resolvable references',
    files: { 'api.yaml': schemas('3.1.0', './models.yaml#/Order'), 'models.yaml': 'Order: { type: object, properties: { a: { $ref: "#/Order" } } }\n' },
    expect: [],
  },
  {
    name: 'JSON document with an escaped pointer',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: { '/a': { $ref: '#/paths/~1b' } } }, null, 2),
    expect: [{ pointer: '/paths/~1a/$ref', message: 'this document has no #/paths/~1b', line: 8 }],
  },
  {
    name: 'suppressed',
    files: schemas('3.1.0', '#/components/schemas/Ordr').replace('    Order:\n', '    Order:\n      x-api-guard-ignore: [ref-unresolved]\n'),
    expect: [],
    suppressed: [{ pointer: '/components/schemas/Order/$ref' }],
  },
]);

describe('ref-unresolved in German', () => {
  it('explains the missing target in German', () => {
    setLocale('de');
    try {
      const { findings } = lintFiles(schemas('3.1.0', './fehlt.yaml'), { only: ['ref-unresolved'] });
      assert.deepEqual(
        findings.map((finding) => finding.message),
        ['Die Referenz „./fehlt.yaml“ verweist auf ./fehlt.yaml; die Datei existiert nicht oder kann nicht gelesen werden'],
      );
    } finally {
      setLocale('en');
    }
  });
});
