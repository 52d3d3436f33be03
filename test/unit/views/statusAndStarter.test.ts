import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildInventory } from '../../../server/src/core/inventory/buildInventory';
import type { Inventory } from '../../../server/src/core/inventory/types';
import { bundleLocalizer } from '../../../client/src/views/localizer';
import { starterFileName } from '../../../client/src/views/starterFileName';
import { statusSummary } from '../../../client/src/views/statusSummary';
import { lintFiles, TEST_FOLDER } from '../helpers/lint';

const root = path.resolve(__dirname, '../../..');
const german = bundleLocalizer(JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.de.json'), 'utf8')) as Record<string, string>);

function inventoryWith(error: number, warning: number, folderUri = TEST_FOLDER): Inventory {
  const inventory = buildInventory({ folderUri, apis: [], findings: [], suppressed: [] });
  inventory.summary.findingCounts = { error, warning, info: 7, hint: 9 };
  return inventory;
}

describe('the status bar summary', () => {
  it('shows errors and warnings over every folder and the checklist progress', () => {
    const summary = statusSummary({ inventories: [inventoryWith(2, 4), inventoryWith(1, 1, 'file:///other')], progress: { done: 5, total: 8 }, overdue: 0 }, bundleLocalizer());
    assert.equal(summary.text, '$(shield) $(error) 3 $(warning) 5 · 5/8');
    assert.equal(summary.accessibilityLabel, 'API Guard: 3 errors, 5 warnings; checklist: 5 of 8 steps done');
    assert.match(summary.tooltip, /Click to open the API Guard views\./);
  });

  it('mentions overdue steps, and leaves the progress out when there is no checklist', () => {
    const overdue = statusSummary({ inventories: [inventoryWith(0, 0)], progress: { done: 1, total: 8 }, overdue: 2 }, bundleLocalizer());
    assert.match(overdue.accessibilityLabel, /2 steps are overdue$/);
    const none = statusSummary({ inventories: [], progress: { done: 0, total: 0 }, overdue: 0 }, bundleLocalizer());
    assert.equal(none.text, '$(shield) $(error) 0 $(warning) 0');
  });

  it('reads in German', () => {
    const summary = statusSummary({ inventories: [inventoryWith(3, 5)], progress: { done: 5, total: 8 }, overdue: 1 }, german);
    assert.equal(summary.accessibilityLabel, 'API Guard: 3 Fehler, 5 Warnungen; Checkliste: 5 von 8 Schritten erledigt; 1 Schritt ist überfällig');
  });
});

describe('the starter OpenAPI file', () => {
  it('is named openapi.yaml, or the next free openapi-N.yaml', () => {
    assert.equal(starterFileName(() => false), 'openapi.yaml');
    const taken = new Set(['openapi.yaml', 'openapi-2.yaml']);
    assert.equal(starterFileName((name) => taken.has(name)), 'openapi-3.yaml');
  });

  it('is secure by default: the template has no finding except the placeholder servers it asks to replace', () => {
    const template = readFileSync(path.join(root, 'templates/openapi-starter.yaml'), 'utf8');
    const outcome = lintFiles({ 'openapi.yaml': template });
    assert.equal(outcome.analysis.allApis().length, 1, 'the template is an OpenAPI root document');
    assert.deepEqual(
      outcome.findings.map((finding) => `${finding.ruleId}@${finding.range.start.line + 1}`),
      outcome.findings.filter((finding) => finding.ruleId === 'doc-server-example').map((finding) => `doc-server-example@${finding.range.start.line + 1}`),
      'only doc-server-example, which asks for the real server URLs',
    );
    const withRealHosts = template.replace(/([a-z.]*)example\.com/g, '$1shop-demo.io');
    assert.deepEqual(lintFiles({ 'openapi.yaml': withRealHosts }).findings.map((finding) => finding.ruleId), []);
  });
});
