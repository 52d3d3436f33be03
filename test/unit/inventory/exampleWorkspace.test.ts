import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildInventory } from '../../../server/src/core/inventory/buildInventory';
import { formatInventoryCsv, formatInventoryMarkdown } from '../../../server/src/core/inventory/formatInventory';
import { lintFolder } from '../../../server/src/node/lintFolder';
import { loadFolderSettings } from '../../../server/src/node/loadFolderSettings';
import { pathToUri } from '../../../server/src/node/uri';

const folder = path.resolve(__dirname, '../../../examples/shop');

/**
 * The bundled example workspace (examples/shop) as the CLI sees it: its team configuration, its
 * four APIs in four versions and formats, and the gaps its README promises. Only structure is
 * asserted here; the findings of each rule are asserted by the rules' own tables.
 */
describe('the example workspace', async () => {
  const { settings } = loadFolderSettings(folder);
  const result = await lintFolder(folder, settings);
  const folderUri = pathToUri(folder);
  const inventory = buildInventory({ folderUri, apis: result.analysis.allApis(), findings: result.findings, suppressed: result.suppressed });
  const api = (rootFile: string) => inventory.providedApis.find((candidate) => candidate.rootFile === rootFile)!;

  it('has four APIs in four specification versions; the excluded draft is not among them', () => {
    assert.deepEqual(
      inventory.providedApis.map((item) => [item.rootFile, item.specVersion]),
      [
        ['api/inventory/swagger.json', '2.0'],
        ['api/notifications/openapi.yaml', '3.2.0'],
        ['api/orders/openapi.yaml', '3.1.0'],
        ['api/payments/openapi.json', '3.0.3'],
      ],
    );
  });

  it('parses every file without a syntax error', () => {
    for (const item of result.analysis.allApis()) for (const doc of item.documents) assert.deepEqual(doc.errors, [], doc.uri);
  });

  it('describes the orders API across seven files', () => {
    const orders = api('api/orders/openapi.yaml');
    assert.deepEqual([...orders.files].sort(), [
      'api/orders/components/responses.yaml',
      'api/orders/components/schemas.yaml',
      'api/orders/openapi.yaml',
      'api/orders/paths/admin.yaml',
      'api/orders/paths/order-by-id.yaml',
      'api/orders/paths/orders.yaml',
      'api/orders/paths/shipment.yaml',
    ]);
    assert.deepEqual(
      orders.servers.map((server) => [server.transport, server.environment]),
      [
        ['encrypted', 'production'],
        ['unencrypted', 'staging'],
        ['local', 'development'],
      ],
    );
    const schemes = Object.fromEntries(orders.securitySchemes.map((scheme) => [scheme.name, scheme.credentialLocation]));
    assert.deepEqual(schemes, { bearerAuth: 'header', partnerKey: 'query', shopOAuth: 'redirect' });
    const cancel = orders.operations.find((operation) => operation.operationId === 'cancelOrder')!;
    assert.equal(cancel.method, 'delete');
    assert.equal(cancel.security.state, 'none');
    assert.deepEqual(cancel.documentation.missing, ['responseDescription']);
    assert.equal(cancel.location.uri, `${folderUri}/api/orders/paths/order-by-id.yaml`);
  });

  it('has the Swagger 2.0 gaps: http in schemes, basic auth, operations without operationId', () => {
    const stock = api('api/inventory/swagger.json');
    assert.equal(stock.servers[0].transport, 'unencrypted');
    assert.equal(stock.securitySchemes[0].scheme, 'basic');
    assert.equal(stock.operations.filter((operation) => operation.documentation.missing.includes('operationId')).length, 3);
  });

  it('has a broken $ref in the payments API and a QUERY operation in the notifications API', () => {
    const payments = result.analysis.allApis().find((item) => item.root.uri.endsWith('payments/openapi.json'))!;
    assert.deepEqual(
      payments.refSites.filter((site) => site.problem !== undefined).map((site) => site.ref),
      ['#/components/schemas/RefundReqest'],
    );
    assert.ok(api('api/notifications/openapi.yaml').operations.some((operation) => operation.method === 'query'));
  });

  it('records its deliberate decision with a reason', () => {
    const suppressed = result.suppressed.find((finding) => finding.uri.endsWith('notifications/openapi.yaml'));
    assert.equal(suppressed?.ruleId, 'auth-operation-unprotected');
    assert.match(suppressed?.suppressed?.reason ?? '', /load balancer/);
  });

  it('renders as Markdown and CSV', () => {
    assert.match(formatInventoryMarkdown(inventory), /### Shop Orders API 1\.4\.0/);
    assert.equal(formatInventoryCsv(inventory).split('\r\n').length - 2, inventory.summary.operations);
  });
});
