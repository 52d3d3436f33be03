import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { planGeneration, staleFiles } from '../../scripts/generate';
import { allRuleMeta } from '../../server/src/core/rules/registry';

const root = path.resolve(__dirname, '../..');
/** The rule catalogue lives beside the repository (the shared contract), not inside it. */
const catalogue = path.resolve(root, '../shared/RULES.md');

test('generated docs, README table, settings schema and nls titles are up to date', () => {
  const stale = staleFiles(root, planGeneration(root));
  assert.deepEqual(stale, [], `Stale generated files (run \`npm run generate\`): ${stale.join(', ')}`);
});

test('every rule has a documentation page, a settings entry and titles in both languages', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const ruleSettings = manifest.contributes.configuration.properties['apiGuard.rules'].properties;
  const english = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const german = JSON.parse(readFileSync(path.join(root, 'package.nls.de.json'), 'utf8'));
  for (const meta of allRuleMeta()) {
    assert.ok(existsSync(path.join(root, 'docs/rules', `${meta.id}.md`)), `docs/rules/${meta.id}.md is missing`);
    assert.equal(ruleSettings[meta.id]?.default, meta.severity, `apiGuard.rules.${meta.id} default`);
    assert.equal(english[`config.rule.${meta.id}`], meta.title);
    assert.equal(german[`config.rule.${meta.id}`], meta.titleDe);
  }
});

/** Rule ids from the first column of the catalogue's tables (rows like `| auth-http-basic | E | …`). */
function catalogueRuleIds(markdown: string): string[] {
  const ids: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const match = /^\|\s*([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\s*\|/.exec(line);
    if (match?.[1] !== undefined) ids.push(match[1]);
  }
  return ids;
}

test('every rule of RULES.md has a registry entry', (t) => {
  if (!existsSync(catalogue)) {
    t.skip(`RULES.md not found at ${catalogue}; the catalogue is kept beside the repository, so this check needs that checkout`);
    return;
  }
  const ids = catalogueRuleIds(readFileSync(catalogue, 'utf8'));
  assert.ok(ids.length >= 50, `expected the catalogue to list all rules, parsed only ${ids.length}`);
  const registered = new Set(allRuleMeta().map((meta) => meta.id));
  const missing = ids.filter((id) => !registered.has(id));
  assert.deepEqual(missing, [], `${missing.length} rule(s) of RULES.md have no registry entry: ${missing.join(', ')}`);
});
