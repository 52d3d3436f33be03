import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveExplicitValue, explicitSettings, isSectionOf, selectSection, type SettingLayers } from '../../../client/src/explicitSettings';

const keys = [
  'apiGuard.rules',
  'apiGuard.allowedRemoteRefHosts',
  'apiGuard.include',
  'apiGuard.maxFileSizeMB',
  'apiGuard.diagnostics.scope',
  'apiGuard.code.enabled',
  'apiGuard.code.includeTests',
  'other.setting',
];

function inspector(values: Record<string, SettingLayers>) {
  return (key: string) => values[key];
}

const options = { root: 'apiGuard', trusted: true, restrictedKeys: new Set(['apiGuard.allowedRemoteRefHosts']) };

test('keys nobody set are left out, so defaults cannot hide the team file', () => {
  const settings = explicitSettings(keys, inspector({ 'apiGuard.maxFileSizeMB': {} }), options);
  assert.deepEqual(settings, {});
});

test('dotted keys become nested objects and folder values win over workspace and user values', () => {
  const settings = explicitSettings(
    keys,
    inspector({
      'apiGuard.diagnostics.scope': { globalValue: 'workspace', workspaceFolderValue: 'open' },
      'apiGuard.code.enabled': { workspaceValue: false },
      'apiGuard.code.includeTests': { globalValue: true, workspaceValue: false },
      'apiGuard.include': { globalValue: ['a/**'], workspaceValue: ['b/**'] },
      'other.setting': { globalValue: 1 },
    }),
    options,
  );
  assert.deepEqual(settings, { diagnostics: { scope: 'open' }, code: { enabled: false, includeTests: false }, include: ['b/**'] });
});

test('rule severities from user, workspace and folder merge per rule', () => {
  const value = effectiveExplicitValue(
    { globalValue: { 'doc-info': 'off', 'tls-http-url': 'error' }, workspaceValue: { 'tls-http-url': 'hint' }, workspaceFolderValue: { 'auth-no-scopes': 'off' } },
    false,
  );
  assert.deepEqual(value, { 'doc-info': 'off', 'tls-http-url': 'hint', 'auth-no-scopes': 'off' });
});

test('in an untrusted workspace only the user value of a restricted key counts', () => {
  const layers = { 'apiGuard.allowedRemoteRefHosts': { globalValue: ['schemas.example.org'], workspaceValue: ['evil.example.net'] } };
  assert.deepEqual(explicitSettings(keys, inspector(layers), { ...options, trusted: false }), { allowedRemoteRefHosts: ['schemas.example.org'] });
  assert.deepEqual(explicitSettings(keys, inspector(layers), options), { allowedRemoteRefHosts: ['evil.example.net'] });
  const workspaceOnly = { 'apiGuard.allowedRemoteRefHosts': { workspaceValue: ['evil.example.net'] } };
  assert.deepEqual(explicitSettings(keys, inspector(workspaceOnly), { ...options, trusted: false }), {});
});

test('sections select the matching part of the settings', () => {
  const settings = { code: { enabled: false }, rules: { 'doc-info': 'off' } };
  assert.equal(selectSection(settings, 'apiGuard', 'apiGuard'), settings);
  assert.deepEqual(selectSection(settings, 'apiGuard', 'apiGuard.code'), { enabled: false });
  assert.equal(selectSection(settings, 'apiGuard', 'apiGuard.code.enabled'), false);
  assert.equal(selectSection(settings, 'apiGuard', 'apiGuard.diagnostics.scope'), undefined);
  assert.equal(isSectionOf('apiGuard.rules', 'apiGuard'), true);
  assert.equal(isSectionOf('apiGuardian', 'apiGuard'), false);
  assert.equal(isSectionOf(null, 'apiGuard'), false);
});
