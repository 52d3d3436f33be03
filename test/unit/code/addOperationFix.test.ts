import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addOperationFix } from '../../../server/src/core/code/addOperationFix';
import type { Finding } from '../../../server/src/core/engine/finding';
import { applyEdits } from '../../../server/src/core/fixes/textEdit';
import type { FixProposal } from '../../../server/src/core/rules/types';
import { ORDERS_API_WITH_SHIPMENT, SHOP_HEAD } from '../../fixtures/ordersApi';
import { lintFiles } from '../helpers/lint';
import { analyse, apisOf, TEST_FOLDER } from './codeHarness';

/** The orders API in YAML: three paths, bearer auth required at the root. */
const ORDERS_YAML = ORDERS_API_WITH_SHIPMENT;

/** A TypeScript client with credentials: POST /orders/{id}/refund (no such path) and DELETE /orders/{id} (no such method). */
const CLIENT = `import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.shop.example/v1', headers: { Authorization: \`Bearer \${process.env.SHOP_TOKEN}\` } });
export const refund = (id: string) => api.post(\`/orders/\${id}/refund\`, {});
export const cancel = (id: string) => api.delete(\`/orders/\${id}\`);
`;

async function undocumentedFindings(specs: Record<string, string>, path: string, code: string): Promise<Finding[]> {
  const analysis = await analyse(path, code, { specs, only: ['code-undocumented-operation'] });
  return analysis.findings;
}

/** Applies one proposal to the in-memory spec files (keyed by path in the test workspace). */
function applyProposal(specs: Record<string, string>, proposal: FixProposal): Record<string, string> {
  const next = { ...specs };
  for (const uri of new Set(proposal.edits.map((edit) => edit.uri))) {
    const path = uri.slice(TEST_FOLDER.length + 1);
    assert.ok(path in next, `the fix edits a spec file of the workspace (${uri})`);
    next[path] = applyEdits(next[path], proposal.edits.filter((edit) => edit.uri === uri));
  }
  return next;
}

/** The rule ids of the findings inside the lines [first, last] of a file, sorted. */
function findingsOnLines(specs: Record<string, string>, path: string, first: number, last: number): string[] {
  return lintFiles(specs)
    .findings.filter((finding) => finding.uri === `${TEST_FOLDER}/${path}` && finding.range.start.line >= first && finding.range.start.line <= last)
    .map((finding) => finding.ruleId)
    .sort();
}

function lineOf(text: string, search: string): number {
  const index = text.indexOf(search);
  assert.ok(index >= 0, `${JSON.stringify(search)} is in the text`);
  return text.slice(0, index).split('\n').length - 1;
}

describe('"Add operation to <spec file>" (code-undocumented-operation)', () => {
  it('YAML: a new path goes next to its family, a new method into its path item; both calls then match', async () => {
    let specs: Record<string, string> = { 'api.yaml': ORDERS_YAML };
    const findings = await undocumentedFindings(specs, 'src/client.ts', CLIENT);
    assert.equal(findings.length, 2);
    for (const finding of findings) {
      const proposals = addOperationFix(apisOf(specs), finding.data);
      assert.equal(proposals.length, 1);
      assert.equal(proposals[0].isPreferred, true);
      assert.equal(proposals[0].safe, false, 'a new operation is reviewed, never added unasked');
      specs = applyProposal(specs, proposals[0]);
    }
    const result = specs['api.yaml'];
    const deleteStub = `    delete:
      summary: "Delete order by id (TODO: review)"
      operationId: deleteOrderById
      parameters:
        - name: orderId
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: OK
        "401":
          description: "Unauthorized: the credentials are missing, invalid or expired"
`;
    const refundStub = `  /orders/{orderId}/refund:
    post:
      summary: "Refund order (TODO: review)"
      operationId: refundOrder
      parameters:
        - name: orderId
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: OK
        "401":
          description: "Unauthorized: the credentials are missing, invalid or expired"
`;
    // DELETE follows GET in the /orders/{orderId} path item; the refund path sits between
    // /orders/{orderId} and its /shipment sibling; nothing else changes.
    const shipment = '  /orders/{orderId}/shipment:\n';
    assert.equal(result, ORDERS_YAML.replace(shipment, deleteStub + refundStub + shipment));

    // Re-analysed: the code findings are gone, the calls match the new operations.
    const after = await analyse('src/client.ts', CLIENT, { specs });
    assert.deepEqual(after.findings.map((finding) => finding.ruleId), []);
    assert.deepEqual(
      after.matches.map((match) => [match.outcome, match.operation?.method, match.operation?.path]),
      [
        ['matched', 'post', '/orders/{orderId}/refund'],
        ['matched', 'delete', '/orders/{orderId}'],
      ],
    );
    // The stub's own findings are what is left for a person to write, and exactly what its
    // hand-written neighbour has too: tags (this API has none), a description of the path parameter,
    // a length limit for it, and the rate-limit responses and headers. It has a summary (marked
    // TODO), an operation id, its path parameter, the inherited authentication with its 401, and a
    // success response, so no rule about those fires.
    const refundStart = lineOf(result, '  /orders/{orderId}/refund:');
    const stubFindings = findingsOnLines(specs, 'api.yaml', refundStart, refundStart + 14);
    assert.deepEqual(stubFindings, ['doc-operation-tags', 'doc-parameter-description', 'limit-rate-limit-headers', 'limit-rate-limit-response', 'limit-string-length']);
    const shipmentStart = lineOf(result, '  /orders/{orderId}/shipment:');
    const neighbour = findingsOnLines(specs, 'api.yaml', shipmentStart, shipmentStart + 12);
    for (const ruleId of stubFindings) assert.ok(neighbour.includes(ruleId), `the neighbour has ${ruleId} too`);
    assert.ok(neighbour.includes('doc-operation-description'), 'the neighbour lacks the summary the stub has');
  });

  it('YAML: a method for a path item in a $ref\'d fragment goes into the fragment, using its path-level parameter and error body', async () => {
    const root = `${SHOP_HEAD}  /orders/{orderId}:
    $ref: ./paths/order.yaml
`;
    const fragment = `parameters:
  - name: orderId
    in: path
    required: true
    schema:
      type: string
get:
  operationId: getOrder
  tags:
    - orders
  responses:
    "200":
      description: OK
    "401":
      description: Unauthorized
      content:
        application/problem+json:
          schema:
            $ref: "../schemas.yaml#/Problem"
`;
    const specs = { 'openapi.yaml': root, 'paths/order.yaml': fragment, 'schemas.yaml': 'Problem:\n  type: object\n' };
    const code = `import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.shop.example/v1', headers: { Authorization: 'Bearer ' + process.env.TOKEN } });
export const rename = (id: string, name: string) => api.patch(\`/orders/\${id}\`, { name });
`;
    const [finding] = await undocumentedFindings(specs, 'src/orders.ts', code);
    assert.equal(finding.data?.outcome, 'method-not-documented');
    const [proposal] = addOperationFix(apisOf(specs), finding.data);
    assert.equal(proposal.title, 'Add operation PATCH /orders/{orderId} to order.yaml');
    assert.deepEqual([...new Set(proposal.edits.map((edit) => edit.uri))], [`${TEST_FOLDER}/paths/order.yaml`]);
    const fixed = applyProposal(specs, proposal);
    assert.equal(fixed['openapi.yaml'], root, 'the root is not touched');
    assert.equal(
      fixed['paths/order.yaml'],
      `${fragment}patch:
  summary: "Update order by id (TODO: review)"
  operationId: updateOrderById
  tags:
    - orders
  responses:
    "200":
      description: OK
    "401":
      description: "Unauthorized: the credentials are missing, invalid or expired"
      content:
        application/problem+json:
          schema:
            $ref: ../schemas.yaml#/Problem
`,
    );
    const after = await analyse('src/orders.ts', code, { specs: fixed });
    assert.equal(after.matches[0].outcome, 'matched');
    assert.deepEqual(after.findings, []);
  });

  it('JSON: the stub keeps the document\'s indentation and stays valid JSON; Swagger 2.0 parameters and per-operation security', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 'Stock', version: '1' },
      host: 'stock.example.com',
      basePath: '/api',
      schemes: ['https'],
      securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
      paths: {
        '/items': { get: { operationId: 'listItems', security: [{ key: [] }], responses: { '200': { description: 'OK' } } } },
        '/items/{itemId}': {
          get: {
            operationId: 'getItem',
            security: [{ key: [] }],
            parameters: [{ name: 'itemId', in: 'path', required: true, type: 'string' }],
            responses: { '200': { description: 'OK' } },
          },
        },
      },
    };
    const text = JSON.stringify(swagger, null, 4) + '\n';
    const specs = { 'stock.json': text };
    const code = `import requests, os
HEADERS = {"X-Key": os.environ["STOCK_KEY"]}
def reserve(item_id):
    return requests.post(f"https://stock.example.com/api/items/{item_id}/reservations", headers=HEADERS)
def remove(item_id):
    return requests.delete(f"https://stock.example.com/api/items/{item_id}", headers=HEADERS)
`;
    let fixed: Record<string, string> = specs;
    for (const finding of await undocumentedFindings(specs, 'sync.py', code)) {
      const [proposal] = addOperationFix(apisOf(fixed), finding.data);
      fixed = applyProposal(fixed, proposal);
    }
    const parsed = JSON.parse(fixed['stock.json']) as { paths: Record<string, Record<string, unknown>> };
    assert.deepEqual(Object.keys(parsed.paths), ['/items', '/items/{itemId}', '/items/{itemId}/reservations']);
    assert.deepEqual(parsed.paths['/items/{itemId}/reservations'].post, {
      summary: 'Create reservation of item (TODO: review)',
      operationId: 'createReservationOfItem',
      parameters: [{ name: 'itemId', in: 'path', required: true, type: 'string' }],
      security: [{ key: [] }],
      responses: { '200': { description: 'OK' }, '401': { description: 'Unauthorized: the credentials are missing, invalid or expired' } },
    });
    assert.deepEqual(Object.keys(parsed.paths['/items/{itemId}']), ['get', 'delete']);
    assert.ok(fixed['stock.json'].includes('\n        "/items/{itemId}/reservations": {\n            "post": {\n                "summary"'), 'four-space indentation like the document');
    const after = await analyse('sync.py', code, { specs: fixed });
    assert.deepEqual(after.matches.map((match) => match.outcome), ['matched', 'matched']);
    assert.deepEqual(after.findings.map((finding) => finding.ruleId), []);
  });

  it('an unprotected API gets a 404 for a templated path and a 400 otherwise; nothing is offered for incomplete data or a documented operation', async () => {
    const open = `openapi: 3.1.0
info: { title: Catalogue, version: "1" }
servers:
  - url: https://catalogue.example.com
paths:
  /products:
    get:
      responses:
        "200": { description: OK }
`;
    const specs = { 'catalogue.yaml': open };
    const code = `const search = () => fetch('https://catalogue.example.com/search', { method: 'POST' });
const product = (id) => fetch(\`https://catalogue.example.com/products/\${id}\`);
`;
    const findings = await undocumentedFindings(specs, 'web/catalogue.js', code);
    assert.equal(findings.length, 2);
    const texts = findings.map((finding) => addOperationFix(apisOf(specs), finding.data)[0].edits[0].newText);
    assert.match(texts[0], /"400":\n +description: Bad request$/);
    assert.doesNotMatch(texts[0], /operationId/, 'the API names no operation, so neither does the stub');
    assert.match(texts[1], /"404":\n +description: Not found$/);
    assert.doesNotMatch(texts.join(''), /security/, 'no security to inherit or copy');

    assert.deepEqual(addOperationFix(apisOf(specs), { ...findings[0].data, method: 'get', pathTemplate: '/products' }), [], 'documented already');
    assert.deepEqual(addOperationFix(apisOf(specs), { ...findings[0].data, apiRootUri: 'file:///elsewhere.yaml' }), [], 'unknown API');
    assert.deepEqual(addOperationFix(apisOf(specs), { ...findings[0].data, pathTemplate: 'products' }), [], 'not a path');
    assert.deepEqual(addOperationFix(apisOf(specs), undefined), []);
  });
});
