import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extensionIgnores, findIgnoreDirectives, hasExtensionIgnores, ignoreDirectivesOf, mayHaveExtensionIgnores, prepareSuppressionsSteps } from '../../../server/src/core/engine/suppressions';
import { seededRandom } from '../helpers/seededRandom';
import { nodeAtPointer } from '../../../server/src/core/model/ast';
import { parseDocument } from '../../../server/src/core/model/parseDocument';
import { lintFiles } from '../helpers/lint';

describe('api-guard-ignore directives', () => {
  it('a directive alone on its line applies to the next non-comment line', () => {
    const [directive] = findIgnoreDirectives('a: 1\n# api-guard-ignore rule-a, rule-b -- accepted risk\n# another comment\nb: 2\n');
    assert.deepEqual(directive.rules, ['rule-a', 'rule-b']);
    assert.equal(directive.reason, 'accepted risk');
    assert.equal(directive.line, 3);
    assert.equal(directive.fileWide, false);
  });

  it('a trailing directive applies to its own line, in every comment syntax', () => {
    assert.equal(findIgnoreDirectives('get: # api-guard-ignore r -- why\n')[0].line, 0);
    assert.equal(findIgnoreDirectives('fetch(url); // api-guard-ignore code-http-url -- test double\n')[0].reason, 'test double');
    const block = findIgnoreDirectives('x = 1 /* api-guard-ignore r -- legacy */\n')[0];
    assert.equal(block.reason, 'legacy');
    assert.equal(block.line, 0);
  });

  it('file-wide directives and missing reasons', () => {
    const [directive] = findIgnoreDirectives('# api-guard-ignore-file doc-info\nopenapi: 3.1.0\n');
    assert.equal(directive.fileWide, true);
    assert.equal(directive.reason, undefined);
  });

  it('offsets count CRLF line breaks', () => {
    const text = 'a: 1\r\nb: 2\r\n# api-guard-ignore r -- x\r\nc: 3\r\n';
    const [directive] = findIgnoreDirectives(text);
    assert.equal(text.slice(directive.start, directive.start + 1), '#');
    assert.equal(directive.line, 3);
  });

  it('text that only mentions the directive outside a comment is not one', () => {
    assert.deepEqual(findIgnoreDirectives('description: use api-guard-ignore to silence\n'), []);
  });
});

describe('x-api-guard-ignore', () => {
  const spec = (ignore: string) => `openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\n${ignore}\npaths:\n  /orders:\n    get:\n      responses:\n        "200": { description: OK }\n`;

  it('the list form suppresses without a reason', () => {
    const outcome = lintFiles(spec('x-api-guard-ignore: [auth-no-security-scheme]'), { only: ['auth-no-security-scheme'] });
    assert.deepEqual(outcome.findings, []);
    assert.deepEqual(outcome.suppressed.map((f) => f.suppressed), [{ kind: 'extension', reason: undefined }]);
  });

  it('a key spelled with escapes counts, in JSON and in YAML', () => {
    const json = JSON.stringify({ openapi: '3.1.0', info: { title: 'Shop', version: '1' }, paths: { '/orders': { get: { responses: { '200': { description: 'OK' } } } } } }).replace(
      '"paths"',
      '"x-api-guard-ignor\\u0065": ["auth-no-security-scheme"], "paths"',
    );
    assert.match(json, /ignor\\u0065/);
    const yaml = spec('"x-api-guard-ignor\\x65": [auth-no-security-scheme]');
    const folded = spec('"x-api-guard-\\\n  ignore": [auth-no-security-scheme]');
    for (const text of [json, yaml, folded]) {
      const outcome = lintFiles(text, { only: ['auth-no-security-scheme'] });
      assert.deepEqual([outcome.findings.length, outcome.suppressed.length], [0, 1], text);
    }
    // Other escapes cannot spell the key: such documents skip the walk up each finding's ancestors.
    const plain = parseDocument('file:///w/api.json', '{"description": "a \\"quoted\\" \\u003ctag\\u003e\\n\\\\d+"}');
    assert.equal(mayHaveExtensionIgnores(plain), false);
    // Backslashes pair up: `\\u0078` is an escaped backslash and the text u0078, `\\\u0078` a backslash and an x.
    assert.equal(mayHaveExtensionIgnores(parseDocument('file:///w/api.json', '{"description": "\\\\u0078"}')), false);
    assert.equal(mayHaveExtensionIgnores(parseDocument('file:///w/api.json', '{"description": "\\\\\\u0078"}')), true);
    assert.equal(mayHaveExtensionIgnores(parseDocument('file:///w/api.yaml', 'info:\n  title: "a\\\\ \\U00000078"\n')), true);
  });

  it('a large text is searched in steps ahead of its first finding, with the answers of the search in one go', () => {
    const random = seededRandom(34);
    const pieces = ['\\', '\\', 'x', 'u', 'U', '0', '07', '8', '65', '\n', '"', 'a ', 'api-guard-ignore', '# api-guard-ignore auth-http-basic -- why\n', '\\u0078', '\\u0041'];
    let searchedAhead = 0;
    for (let round = 0; round < 1500; round++) {
      let text = '';
      const count = Math.floor(random() * 40);
      for (let index = 0; index < count; index++) text += pieces[Math.floor(random() * pieces.length)];
      const uri = `file:///w/api.${round % 2 === 0 ? 'yaml' : 'json'}`;
      const perStep = 1 + Math.floor(random() * 24);
      const ahead = parseDocument(uri, text);
      const steps = prepareSuppressionsSteps(ahead, perStep);
      let yields = 0;
      while (steps.next().done !== true) yields++;
      if (text.length > perStep) searchedAhead++;
      // A yield between two parts, unless the word is found in the first (at least as long as the
      // word; nothing more is searched then).
      const named = text.indexOf('api-guard-ignore');
      if (text.length > perStep && (named < 0 || named >= Math.max(perStep, 'api-guard-ignore'.length))) assert.ok(yields > 0, `a part per step: ${JSON.stringify(text)}, ${perStep}`);
      const inOneGo = parseDocument(uri, text);
      assert.equal(mayHaveExtensionIgnores(ahead), mayHaveExtensionIgnores(inOneGo), `may have the key: ${JSON.stringify(text)}, steps of ${perStep}`);
      assert.deepEqual(ignoreDirectivesOf(ahead), ignoreDirectivesOf(inOneGo), `directives: ${JSON.stringify(text)}, steps of ${perStep}`);
    }
    assert.ok(searchedAhead > 1000, `${searchedAhead} texts searched ahead`);
  });

  it('the map form records the reason (JSON documents cannot hold comments)', () => {
    const outcome = lintFiles(spec('x-api-guard-ignore:\n  auth-no-security-scheme: internal prototype behind the VPN'), { only: ['auth-no-security-scheme'] });
    assert.deepEqual(outcome.suppressed.map((f) => f.suppressed), [{ kind: 'extension', reason: 'internal prototype behind the VPN' }]);
  });
});

describe('x-api-guard-ignore', () => {
  it('hasExtensionIgnores answers whether extensionIgnores finds any, for every node', () => {
    const doc = parseDocument(
      'file:///w/api.yaml',
      'openapi: 3.1.0\npaths:\n  /a:\n    get:\n      x-api-guard-ignore: [doc-operation-id]\n      responses: { "200": { description: OK } }\n  /b:\n    get:\n      responses: { "200": { description: OK } }\n',
    );
    const pointers = ['', '/openapi', '/paths', '/paths/~1a', '/paths/~1a/get', '/paths/~1a/get/responses/200', '/paths/~1a/get/x-api-guard-ignore/0', '/paths/~1b/get/responses/200'];
    const answers = pointers.map((pointer) => {
      const node = nodeAtPointer(doc.root, pointer)!;
      assert.equal(hasExtensionIgnores(node), extensionIgnores(node).length > 0, pointer);
      return hasExtensionIgnores(node);
    });
    assert.deepEqual(answers, [false, false, false, false, true, true, true, false]);
  });
});
