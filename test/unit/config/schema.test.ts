import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parseConfigFile } from '../../../server/src/core/config/loadConfig';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { toValue } from '../../../server/src/core/model/ast';
import { parseYaml } from '../../../server/src/core/model/parseYaml';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'schemas', 'api-guard.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function valueOf(yaml: string): unknown {
  const { root } = parseYaml(yaml);
  return root === undefined ? undefined : toValue(root);
}

describe('schemas/api-guard.schema.json', () => {
  it('accepts a full valid configuration that the loader also accepts', () => {
    const text = [
      'rules:',
      '  auth-no-security-scheme: warning',
      '  file-too-large: information',
      'allowedInsecureHosts: [localhost, "*.internal"]',
      'allowedRemoteRefHosts: [schemas.example.com]',
      'include: ["specs/**/*.yaml"]',
      'exclude: ["specs/old/**"]',
      'maxFileSizeMB: 40',
      'diagnostics: { scope: open }',
      'code: { enabled: true, includeTests: false, secretEntropyThreshold: 4, codeLens: true }',
      '',
    ].join('\n');
    assert.ok(validate(valueOf(text)), JSON.stringify(validate.errors));
    assert.deepEqual(parseConfigFile('file:///ws/.api-guard.yaml', text).problems, []);
  });

  it('has the same defaults as the loader', () => {
    const defaults = defaultSettings();
    assert.deepEqual(schema.properties.include.default, defaults.include);
    assert.deepEqual(schema.properties.exclude.default, defaults.exclude);
    assert.deepEqual(schema.properties.allowedInsecureHosts.default, defaults.allowedInsecureHosts);
    assert.equal(schema.properties.maxFileSizeMB.default, defaults.maxFileSizeMB);
    assert.equal(schema.properties.diagnostics.properties.scope.default, defaults.diagnostics.scope);
    for (const [key, value] of Object.entries(defaults.code)) assert.equal(schema.properties.code.properties[key].default, value, key);
  });

  const rejected = [
    'maxFileSizeMb: 10\n',
    'rules: { auth-no-security-scheme: loud }\n',
    'allowedInsecureHosts: ["http://dev.example.com"]\n',
    'exclude: ["/abs/**"]\n',
    'maxFileSizeMB: 0\n',
    'diagnostics: { scope: everywhere }\n',
    'code: { enabled: "yes" }\n',
  ];
  for (const text of rejected) {
    it(`rejects what the loader reports: ${text.trim()}`, () => {
      assert.equal(validate(valueOf(text)), false);
      assert.equal(parseConfigFile('file:///ws/.api-guard.yaml', text).problems.length, 1);
    });
  }
});
