import { ruleTable } from '../helpers/ruleTable';

const doc = (version: string, ref: string) => `${version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`}
info: { title: Shop, version: "1" }
paths:
  /orders:
    $ref: "${ref}"
`;

ruleTable('ref-outside-workspace', [
  ...['2.0', '3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `${version}: a relative path out of the folder`,
    files: doc(version, '../../shared/orders.yaml'),
    expect: [
      {
        pointer: '/paths/~1orders/$ref',
        message: 'The reference "../../shared/orders.yaml" leads outside the workspace folder; the file is not read',
        severity: 'error' as const,
        line: 4,
      },
    ],
  })),
  { name: 'an absolute file URI elsewhere', files: doc('3.1.0', 'file:///etc/orders.yaml'), expect: [{ pointer: '/paths/~1orders/$ref' }] },
  { name: 'a path that stays inside', files: { 'api.yaml': doc('3.1.0', './paths/../orders.yaml'), 'orders.yaml': 'get: { responses: {} }\n' }, expect: [] },
  {
    name: 'from a fragment in a subfolder',
    files: { 'api.yaml': doc('3.1.0', './paths/orders.yaml'), 'paths/orders.yaml': 'get:\n  responses:\n    "200": { $ref: "../../common/ok.yaml" }\n' },
    expect: [{ file: 'paths/orders.yaml', pointer: '/get/responses/200/$ref', line: 2 }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/a': { $ref: '../a.json' } } }, null, 2),
    expect: [{ pointer: '/paths/~1a/$ref', line: 8 }],
  },
  {
    name: 'suppressed',
    files: doc('3.1.0', '../orders.yaml').replace('  /orders:\n', '  /orders:\n    x-api-guard-ignore: [ref-outside-workspace]\n'),
    expect: [],
    suppressed: [{ pointer: '/paths/~1orders/$ref' }],
  },
]);
