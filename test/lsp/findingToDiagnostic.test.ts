import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { Finding } from '../../server/src/core/engine/finding';
import { findingToDiagnostic, ruleIdOf } from '../../server/src/lsp/findingToDiagnostic';

const finding: Finding = {
  ruleId: 'tls-http-server',
  severity: 'warning',
  message: 'Server http://api.example.com is not encrypted',
  uri: 'file:///ws/api.yaml',
  range: { start: { line: 5, character: 9 }, end: { line: 5, character: 32 } },
  pointer: '/servers/0/url',
  fingerprint: '0123456789abcd',
  data: { url: 'http://api.example.com', ruleId: 'spoofed' },
  related: [{ uri: 'file:///ws/other.yaml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, message: 'the other end' }],
};

const everything = { relatedInformation: true, codeDescription: true };

describe('findingToDiagnostic', () => {
  it('maps each severity', () => {
    const severities = (['error', 'warning', 'info', 'hint'] as const).map((severity) => findingToDiagnostic({ ...finding, severity }, everything).severity);
    assert.deepEqual(severities, [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint]);
  });

  it('carries rule id (as code), docs link, fingerprint, fix data and the related location', () => {
    const diagnostic = findingToDiagnostic(finding, everything);
    assert.equal(diagnostic.code, 'tls-http-server');
    assert.equal(diagnostic.source, 'API Guard');
    assert.deepEqual(diagnostic.range, finding.range);
    assert.equal(diagnostic.codeDescription?.href, 'https://github.com/api-guard/api-guard/blob/main/docs/rules/tls-http-server.md');
    assert.deepEqual(diagnostic.data, { url: 'http://api.example.com', ruleId: 'spoofed', fingerprint: '0123456789abcd' }, 'the fix data and the fingerprint; no pointer');
    assert.equal(ruleIdOf(diagnostic), 'tls-http-server', 'the rule comes from the code, whatever the data holds');
    assert.equal(ruleIdOf({ ...diagnostic, source: 'other' }), undefined, "another source's diagnostic has no API Guard rule");
    assert.deepEqual(diagnostic.relatedInformation, [{ location: { uri: 'file:///ws/other.yaml', range: finding.related![0].range }, message: 'the other end' }]);
  });

  it('leaves out what the client cannot show', () => {
    const { data: _data, ...withoutData } = finding;
    const diagnostic = findingToDiagnostic(withoutData, { relatedInformation: false, codeDescription: false });
    assert.equal(diagnostic.relatedInformation, undefined);
    assert.equal(diagnostic.codeDescription, undefined);
    assert.deepEqual(diagnostic.data, { fingerprint: '0123456789abcd' });
  });
});
