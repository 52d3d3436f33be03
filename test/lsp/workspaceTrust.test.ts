import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/core/config/settings';
import { restrictUntrustedSettings } from '../../server/src/lsp/workspaceTrust';

describe('restrictUntrustedSettings', () => {
  it('keeps settings that widen nothing', () => {
    const settings = { ...defaultSettings(), rules: { 'tls-http-server': 'off' as const }, include: ['specs/**/*.yaml'] };
    assert.deepEqual(restrictUntrustedSettings(settings), { settings, ignored: [] });
  });

  it('drops remote ref hosts and include patterns that leave the folder', () => {
    const settings = {
      ...defaultSettings(),
      allowedRemoteRefHosts: ['schemas.example.com'],
      include: ['specs/**/*.yaml', '../shared/*.yaml', 'a/../../b.yaml', '/etc/*.yaml', 'C:\\\\specs\\\\*.yaml', '~/specs/*.yaml'],
    };
    const restricted = restrictUntrustedSettings(settings);
    assert.deepEqual(restricted.settings.allowedRemoteRefHosts, []);
    assert.deepEqual(restricted.settings.include, ['specs/**/*.yaml']);
    assert.equal(restricted.ignored.length, 2);
    assert.match(restricted.ignored[0], /^allowedRemoteRefHosts \(schemas\.example\.com\)$/);
    assert.match(restricted.ignored[1], /^include \(/);
    assert.deepEqual(settings.allowedRemoteRefHosts, ['schemas.example.com'], 'the input is not changed');
  });
});
