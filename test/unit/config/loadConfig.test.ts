import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configProblemFindings } from '../../../server/src/core/config/configProblemFindings';
import {
  CONFIG_FILE_NAME,
  isConfigFileName,
  mergeSettings,
  parseConfigFile,
  readEditorSettings,
  type ConfigProblem,
} from '../../../server/src/core/config/loadConfig';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { setLocale } from '../../../server/src/core/l10n/messages';

const URI = `file:///ws/${CONFIG_FILE_NAME}`;

/** The text a problem covers, which pins its offsets. */
function covered(text: string, problem: ConfigProblem): string {
  return text.slice(problem.start, problem.end);
}

describe('parseConfigFile', () => {
  it('reads every key of a valid file without problems', () => {
    const text = [
      '# Shared by the team',
      'rules:',
      '  auth-no-security-scheme: warning',
      '  config-invalid: information',
      'allowedInsecureHosts: [localhost, "*.internal"]',
      'allowedRemoteRefHosts:',
      '  - schemas.example.com',
      'include: ["specs/**/*.yaml"]',
      'exclude: ["specs/old/**"]',
      'maxFileSizeMB: 40',
      'diagnostics:',
      '  scope: open',
      'code:',
      '  enabled: false',
      '  includeTests: true',
      '  secretEntropyThreshold: 4.2',
      '  codeLens: false',
      '',
    ].join('\n');
    const { settings, problems } = parseConfigFile(URI, text);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      rules: { 'auth-no-security-scheme': 'warning', 'config-invalid': 'info' },
      allowedInsecureHosts: ['localhost', '*.internal'],
      allowedRemoteRefHosts: ['schemas.example.com'],
      include: ['specs/**/*.yaml'],
      exclude: ['specs/old/**'],
      maxFileSizeMB: 40,
      diagnostics: { scope: 'open' },
      code: { enabled: false, includeTests: true, secretEntropyThreshold: 4.2, codeLens: false },
    });
  });

  it('reads the same keys from a JSON file', () => {
    const text = '{\n  "$schema": "./schemas/api-guard.schema.json",\n  "rules": { "auth-no-security-scheme": "off" },\n  "maxFileSizeMB": 5\n}\n';
    const { settings, problems } = parseConfigFile('file:///ws/.api-guard.json', text);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, { rules: { 'auth-no-security-scheme': 'off' }, maxFileSizeMB: 5 });
  });

  it('treats an empty or comment-only file as no settings', () => {
    assert.deepEqual(parseConfigFile(URI, ''), { settings: {}, problems: [] });
    assert.deepEqual(parseConfigFile(URI, '# nothing configured yet\n\n'), { settings: {}, problems: [] });
    assert.deepEqual(parseConfigFile(URI, 'rules:\n'), { settings: {}, problems: [] });
  });

  // Each case is one wrong entry next to valid ones: the problem covers exactly the wrong value,
  // and the valid entries (a rule severity and a remote-ref host) still apply.
  const badValues: { name: string; text: string; covers: string; message: RegExp }[] = [
    { name: 'a severity that does not exist', text: 'rules:\n  file-too-large: hint\n  auth-no-security-scheme: loud\n', covers: 'loud', message: /"loud" is not a severity/ },
    { name: 'a host list that is a string', text: 'allowedInsecureHosts: localhost\n', covers: 'localhost', message: /allowedInsecureHosts must be a list/ },
    { name: 'a host with a scheme', text: 'allowedInsecureHosts: ["http://dev.example.com"]\n', covers: '"http://dev.example.com"', message: /not a host name/ },
    { name: 'a number in a glob list', text: 'include: ["**/*.yaml", 42]\n', covers: '42', message: /non-empty string/ },
    { name: 'an absolute glob', text: 'exclude:\n  - /home/me/specs/**\n', covers: '/home/me/specs/**', message: /absolute path/ },
    { name: 'a size that is not a number', text: 'maxFileSizeMB: big\n', covers: 'big', message: /greater than 0; the default \(25\)/ },
    { name: 'a negative size', text: 'maxFileSizeMB: -1\n', covers: '-1', message: /greater than 0/ },
    { name: 'an unknown scope', text: 'diagnostics:\n  scope: everywhere\n', covers: 'everywhere', message: /diagnostics.scope must be "workspace" or "open"/ },
    { name: 'a string for a boolean', text: 'code:\n  enabled: "yes"\n', covers: '"yes"', message: /code.enabled must be true or false/ },
    { name: 'a string for the entropy', text: 'code:\n  secretEntropyThreshold: high\n', covers: 'high', message: /code.secretEntropyThreshold must be a number/ },
    { name: 'code that is a scalar', text: 'code: true\n', covers: 'true', message: /code must be a mapping/ },
    { name: 'diagnostics that are a list', text: 'diagnostics: [open]\n', covers: '[open]', message: /diagnostics must be a mapping/ },
  ];
  for (const bad of badValues) {
    it(`reports ${bad.name} on its value and applies the rest`, () => {
      const rulesGiven = bad.text.startsWith('rules:');
      const text = `${rulesGiven ? '' : 'rules:\n  file-too-large: hint\n'}${bad.text}allowedRemoteRefHosts: [kept.example.com]\n`;
      const { settings, problems } = parseConfigFile(URI, text);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(covered(text, problems[0]), bad.covers);
      assert.match(problems[0].message, bad.message);
      assert.deepEqual(settings.rules, { 'file-too-large': 'hint' });
      assert.deepEqual(settings.allowedRemoteRefHosts, ['kept.example.com']);
    });
  }

  it('reports rules that are not a mapping and keeps the other keys', () => {
    const text = 'rules: [auth-no-security-scheme]\nmaxFileSizeMB: 7\n';
    const { settings, problems } = parseConfigFile(URI, text);
    assert.equal(problems.length, 1);
    assert.equal(covered(text, problems[0]), '[auth-no-security-scheme]');
    assert.match(problems[0].message, /rules must be a mapping/);
    assert.deepEqual(settings, { maxFileSizeMB: 7 });
  });

  it('keeps the good entries of a list with one bad entry', () => {
    const text = 'allowedInsecureHosts:\n  - localhost\n  - ""\n  - dev.internal\n';
    const { settings, problems } = parseConfigFile(URI, text);
    assert.equal(problems.length, 1);
    assert.equal(covered(text, problems[0]), '""');
    assert.deepEqual(settings.allowedInsecureHosts, ['localhost', 'dev.internal']);
  });

  it('reports an unknown key on the key, with a suggestion', () => {
    const text = 'maxFileSizeMb: 10\nexclude: ["gen/**"]\n';
    const { settings, problems } = parseConfigFile(URI, text);
    assert.equal(problems.length, 1);
    assert.equal(covered(text, problems[0]), 'maxFileSizeMb');
    assert.match(problems[0].message, /Unknown setting "maxFileSizeMb".*Did you mean "maxFileSizeMB"\?/);
    assert.deepEqual(settings, { exclude: ['gen/**'] });
  });

  it('reports an unknown nested key with its full name', () => {
    const text = 'code:\n  enabeld: false\n  codeLens: false\n';
    const { settings, problems } = parseConfigFile(URI, text);
    assert.equal(problems.length, 1);
    assert.equal(covered(text, problems[0]), 'enabeld');
    assert.match(problems[0].message, /"code.enabeld".*"code.enabled"/);
    assert.deepEqual(settings, { code: { codeLens: false } });
  });

  it('reports an unknown rule id on its key and suggests the closest registered id', () => {
    const text = 'rules:\n  auth-no-security-schema: off\n  file-too-large: warning\n  totally-made-up: error\n';
    const { settings, problems } = parseConfigFile(URI, text);
    assert.equal(problems.length, 2);
    assert.equal(covered(text, problems[0]), 'auth-no-security-schema');
    assert.match(problems[0].message, /Unknown rule "auth-no-security-schema".*Did you mean "auth-no-security-scheme"\?/);
    assert.equal(covered(text, problems[1]), 'totally-made-up');
    assert.doesNotMatch(problems[1].message, /Did you mean/);
    assert.deepEqual(settings.rules, { 'file-too-large': 'warning' });
  });

  it('reports broken YAML as a problem at the error and still applies what was read', () => {
    const text = 'maxFileSizeMB: 3\nrules: {file-too-large: hint\n';
    const { settings, problems } = parseConfigFile(URI, text);
    assert.ok(problems.length >= 1);
    assert.match(problems[0].message, /Syntax error in the configuration/);
    assert.ok(problems[0].start >= text.indexOf('{'), `problem at ${problems[0].start}`);
    assert.equal(settings.maxFileSizeMB, 3);
  });

  it('reports broken JSON without throwing', () => {
    const text = '{ "maxFileSizeMB": 3, }';
    const result = parseConfigFile('file:///ws/.api-guard.json', text);
    assert.ok(result.problems.length >= 1);
    assert.match(result.problems[0].message, /Syntax error/);
  });

  it('reports a file that is not a mapping on its root', () => {
    const text = '- rules\n- include\n';
    const { settings, problems } = parseConfigFile(URI, text);
    assert.deepEqual(settings, {});
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /must be a mapping of settings/);
    assert.equal(problems[0].start, 0);
  });

  it('speaks German when the locale is German', () => {
    setLocale('de');
    try {
      const { problems } = parseConfigFile(URI, 'maxFileSizeMB: gross\n');
      assert.match(problems[0].message, /muss eine Zahl grösser als 0 sein/);
    } finally {
      setLocale('en');
    }
  });
});

describe('readEditorSettings', () => {
  it('validates the apiGuard section and keeps the valid part', () => {
    const { settings, problems } = readEditorSettings({
      rules: { 'file-too-large': 'information', 'ignore-reason-mising': 'off' },
      maxFileSizeMB: '12',
      include: ['api/**/*.yaml'],
      code: { includeTests: true, codeLens: 'no' },
      trace: { server: 'verbose' },
      diagnostics: { scope: null },
    });
    assert.deepEqual(settings, {
      rules: { 'file-too-large': 'info' },
      include: ['api/**/*.yaml'],
      code: { includeTests: true },
      diagnostics: {},
    });
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0], /Unknown rule "ignore-reason-mising".*"ignore-reason-missing"/);
    assert.match(problems[1], /apiGuard.maxFileSizeMB must be a number/);
    assert.match(problems[2], /apiGuard.code.codeLens must be true or false/);
  });

  it('treats null values and a missing section as not set', () => {
    assert.deepEqual(readEditorSettings(undefined), { settings: {}, problems: [] });
    assert.deepEqual(readEditorSettings({ maxFileSizeMB: null, rules: null }), { settings: {}, problems: [] });
  });

  it('reports a section that is not an object', () => {
    const { settings, problems } = readEditorSettings('strict');
    assert.deepEqual(settings, {});
    assert.equal(problems.length, 1);
  });
});

describe('mergeSettings', () => {
  it('returns the defaults without layers', () => {
    assert.deepEqual(mergeSettings(), defaultSettings());
  });

  it('applies layers in order: rules per id, arrays replaced, nested keys per key', () => {
    const file = parseConfigFile(URI, 'rules:\n  file-too-large: hint\n  ignore-reason-missing: off\nallowedInsecureHosts: [dev.internal]\nmaxFileSizeMB: 10\ncode:\n  includeTests: true\n').settings;
    const editor = readEditorSettings({ rules: { 'file-too-large': 'error' }, allowedInsecureHosts: ['localhost'], code: { codeLens: false } }).settings;
    const merged = mergeSettings(file, editor);
    assert.deepEqual(merged.rules, { 'file-too-large': 'error', 'ignore-reason-missing': 'off' });
    assert.deepEqual(merged.allowedInsecureHosts, ['localhost']);
    assert.equal(merged.maxFileSizeMB, 10);
    assert.deepEqual(merged.code, { ...defaultSettings().code, includeTests: true, codeLens: false });
    assert.deepEqual(merged.include, defaultSettings().include);
  });

  it('does not share arrays with its layers', () => {
    const layer = { include: ['a/**'] };
    const merged = mergeSettings(layer);
    merged.include.push('b/**');
    assert.deepEqual(layer.include, ['a/**']);
  });
});

describe('configProblemFindings', () => {
  it('turns problems into config-invalid findings at their lines', () => {
    const text = 'rules:\n  file-too-large: hint\nmaxFileSizeMB: big\n';
    const { problems } = parseConfigFile(URI, text);
    const findings = configProblemFindings(URI, text, problems, undefined, 'file:///ws');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'config-invalid');
    assert.equal(findings[0].severity, 'error');
    assert.equal(findings[0].uri, URI);
    assert.deepEqual(findings[0].range, { start: { line: 2, character: 15 }, end: { line: 2, character: 18 } });
  });

  it('follows the configured severity of config-invalid', () => {
    const text = 'maxFileSizeMB: big\n';
    const { problems } = parseConfigFile(URI, text);
    assert.deepEqual(configProblemFindings(URI, text, problems, mergeSettings({ rules: { 'config-invalid': 'off' } })), []);
    assert.equal(configProblemFindings(URI, text, problems, mergeSettings({ rules: { 'config-invalid': 'warning' } }))[0].severity, 'warning');
  });
});

describe('config file names', () => {
  it('recognises every accepted name', () => {
    assert.ok(isConfigFileName('file:///ws/.api-guard.yaml'));
    assert.ok(isConfigFileName('/ws/sub/.api-guard.yml'));
    assert.ok(isConfigFileName('C:\\ws\\.api-guard.json'));
    assert.ok(!isConfigFileName('file:///ws/api-guard.yaml'));
  });
});
