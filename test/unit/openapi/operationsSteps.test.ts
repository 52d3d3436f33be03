import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApi } from '../../../server/src/core/openapi/buildApi';
import { buildOperationsSteps } from '../../../server/src/core/openapi/operations';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { drain } from '../helpers/drain';

// The operations of a large API are read in steps (a workspace scan's event loop lets requests in
// between): whatever the steps, the same operations in path order.

const POLICY = { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] };

function specWith(pathCount: number): string {
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < pathCount; index++) {
    paths[`/items${index}/{id}`] = {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: { operationId: `get${index}`, responses: { '200': { description: 'ok' } } },
      ...(index % 3 === 0 && { post: { operationId: `post${index}`, parameters: [{ name: 'q', in: 'query' }], responses: { '201': { description: 'made' } } } }),
    };
    // Extensions between path items are not path items and do not count towards a step.
    if (index % 50 === 0) paths[`x-note-${index}`] = { text: 'not a path' };
  }
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Many paths', version: '1' },
    paths,
    components: { parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } } },
  });
}

describe('buildOperationsSteps', () => {
  it('reads a hundred path items per step and gives the operations in path order', () => {
    for (const [pathCount, steps] of [
      [0, 0],
      [99, 0],
      [100, 0],
      [101, 1],
      [250, 2],
      [1000, 9],
    ] as const) {
      const store = new DocumentStore({ read: () => undefined });
      const api = buildApi(store.setOpen('file:///ws/openapi.json', specWith(pathCount), 1), store, POLICY)!;
      const { value, yields } = drain(buildOperationsSteps(api));
      assert.equal(yields, steps, `${pathCount} paths`);
      assert.deepEqual(value, api.operations);
      const expected: string[] = [];
      for (let index = 0; index < pathCount; index++) {
        expected.push(`get /items${index}/{id}`);
        if (index % 3 === 0) expected.push(`post /items${index}/{id}`);
      }
      assert.deepEqual(
        value.map((operation) => `${operation.method} ${operation.path}`),
        expected,
      );
      // Path-level parameters reach every operation of the item, resolved through their reference.
      for (const operation of value) assert.ok(operation.parameters.some((parameter) => parameter.name === 'id' && parameter.in === 'path'));
    }
  });
});
