import { fixTable } from '../helpers/fixTable';
import { ruleTable, type RuleCase } from '../helpers/ruleTable';

const header = (version: string) => (version === '2.0' ? 'swagger: "2.0"' : `openapi: ${version}`);

const perVersion: RuleCase[] = ['2.0', '3.0.3', '3.1.0', '3.2.0'].flatMap((version) => [
  {
    name: `${version}: description and contact missing`,
    files: `${header(version)}\ninfo:\n  title: Shop\n  version: "1"\npaths: {}\n`,
    expect: [
      { pointer: '/info', severity: 'info' as const, message: 'info has no description', line: 1, data: { missing: 'description' } },
      { pointer: '/info', message: 'info has no contact', line: 1, data: { missing: 'contact' } },
    ],
  },
  {
    name: `${version}: complete info`,
    files: `${header(version)}\ninfo:\n  title: Shop\n  version: "1"\n  description: The shop API.\n  contact: { name: Shop team, email: shop@shop.test }\npaths: {}\n`,
    expect: [],
  },
]);

ruleTable('doc-info', [
  ...perVersion,
  {
    name: 'only the contact is missing; a blank description counts as missing',
    files: 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\n  summary: Shop\n  description: "  "\npaths: {}\n',
    expect: [{ pointer: '/info', data: { missing: 'description' } }, { pointer: '/info', data: { missing: 'contact' } }],
  },
  {
    name: 'no info object at all',
    files: 'openapi: 3.0.3\npaths: {}\n',
    expect: [
      { pointer: '/openapi', data: { missing: 'description' } },
      { pointer: '/openapi', data: { missing: 'contact' } },
    ],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'Shop', version: '1', description: 'Shop API' }, paths: {} }, null, 2),
    expect: [{ pointer: '/info', line: 2, data: { missing: 'contact' } }],
  },
  {
    name: 'multi-file: info in a second file',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo:\n  $ref: "./info.yaml"\npaths: {}\n',
      'info.yaml': 'title: Shop\nversion: "1"\ncontact: { name: Shop team }\n',
    },
    expect: [{ file: 'info.yaml', pointer: '', data: { missing: 'description' } }],
  },
  {
    name: 'each finding is suppressed on its own by comment; x-api-guard-ignore hides both',
    files: {
      'a.yaml': 'openapi: 3.1.0\n# api-guard-ignore doc-info -- internal fixture\ninfo:\n  title: Shop\n  version: "1"\npaths: {}\n',
      'b.yaml': 'openapi: 3.1.0\ninfo:\n  x-api-guard-ignore: [doc-info]\n  title: Shop\n  version: "1"\npaths: {}\n',
    },
    expect: [],
    suppressed: [
      { file: 'a.yaml', data: { missing: 'description' } },
      { file: 'a.yaml', data: { missing: 'contact' } },
      { file: 'b.yaml', data: { missing: 'description' } },
      { file: 'b.yaml', data: { missing: 'contact' } },
    ],
  },
]);

fixTable('doc-info', [
  {
    name: 'OAS 3.0 block YAML: description after the title',
    files: 'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\n  contact:\n    email: shop@shop.test\npaths: {}\n',
    after: 'openapi: 3.0.3\ninfo:\n  title: Shop\n  description: TODO\n  version: "1"\n  contact:\n    email: shop@shop.test\npaths: {}\n',
  },
  {
    name: 'OAS 3.1: a blank description is replaced, its quotes kept',
    files: 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\n  summary: Shop\n  description: "  "\n  contact: { name: Shop team }\npaths: {}\n',
    after: 'openapi: 3.1.0\ninfo:\n  title: Shop\n  version: "1"\n  summary: Shop\n  description: "TODO"\n  contact: { name: Shop team }\npaths: {}\n',
  },
  {
    name: 'Swagger 2.0 block YAML: contact after the description',
    files: 'swagger: "2.0"\ninfo:\n  title: Shop\n  description: The shop.\n  version: "1"\npaths: {}\n',
    after: 'swagger: "2.0"\ninfo:\n  title: Shop\n  description: The shop.\n  contact:\n    name: TODO\n  version: "1"\npaths: {}\n',
  },
  {
    name: 'flow YAML with CRLF',
    files: 'openapi: 3.2.0\r\ninfo: {title: Shop, version: "1", contact: {name: Shop team}}\r\npaths: {}\r\n',
    after: 'openapi: 3.2.0\r\ninfo: {title: Shop, description: TODO, version: "1", contact: {name: Shop team}}\r\npaths: {}\r\n',
  },
  {
    name: 'JSON: contact',
    files: '{\n  "openapi": "3.1.0",\n  "info": {\n    "title": "Shop",\n    "version": "1",\n    "description": "Shop API"\n  },\n  "paths": {}\n}\n',
    after: '{\n  "openapi": "3.1.0",\n  "info": {\n    "title": "Shop",\n    "version": "1",\n    "description": "Shop API",\n    "contact": {\n      "name": "TODO"\n    }\n  },\n  "paths": {}\n}\n',
  },
  {
    name: 'multi-file: info in a second file is fixed there',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo:\n  $ref: "./info.yaml"\npaths: {}\n',
      'info.yaml': 'title: Shop\nversion: "1"\ncontact: { name: Shop team }\n',
    },
    after: { 'info.yaml': 'title: Shop\ndescription: TODO\nversion: "1"\ncontact: { name: Shop team }\n' },
  },
]);
