import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { extractCode } from '../../../server/src/core/code/extractCode';
import { defaultSettings, type ApiGuardSettings } from '../../../server/src/core/config/settings';
import { CodeScan, lintCode, type LintCodeResult } from '../../../server/src/node/lintCode';
import { lintFolder } from '../../../server/src/node/lintFolder';
import { pathToUri } from '../../../server/src/node/uri';
import './codeHarness';

/**
 * A workspace scan extracts files on worker threads and matches them on the main thread; the
 * result must be the one the main thread alone computes: the same call sites, matches and
 * findings (fingerprints included) for every fixture of every language.
 */
const fixtures = path.resolve(__dirname, '../../fixtures/code');

function fixtureSettings(): ApiGuardSettings {
  // The fixtures live under test/, which the analysis treats as test code unless asked.
  const settings = defaultSettings();
  return { ...settings, code: { ...settings.code, includeTests: true } };
}

function summary(result: LintCodeResult): unknown {
  const files = result.analysis
    .uris()
    .sort()
    .map((uri) => {
      const file = result.analysis.result(uri)!;
      return {
        uri,
        callSites: file.callSites.map((site) => [site.library, site.method, site.urlTemplate, site.range.start.line]),
        matches: file.matches.map((match) => [match.outcome, match.operation?.method, match.operation?.path]),
      };
    });
  return { files, findings: result.findings.map((finding) => [finding.ruleId, finding.uri, finding.range.start.line, finding.fingerprint]), suppressed: result.suppressed.length };
}

test('a scan on worker threads gives exactly the results of a scan on the main thread', async () => {
  const settings = fixtureSettings();
  const lint = await lintFolder(fixtures, settings);
  assert.ok(lint.files.code.length >= 16, 'every language fixture is discovered');
  const apis = lint.analysis.allApis();
  assert.ok(apis.length > 0);
  const folderUri = pathToUri(fixtures);
  const workerErrors: unknown[] = [];
  const onMainThread = await lintCode(folderUri, lint.files.code, settings, apis, { workers: 0 });
  const onWorkers = await lintCode(folderUri, lint.files.code, settings, apis, { workers: 2, onWorkerError: (error) => workerErrors.push(error) });
  assert.deepEqual(workerErrors, []);
  assert.equal(onMainThread.workersUsed, 0);
  assert.equal(onWorkers.workersUsed, 2);
  assert.equal(onWorkers.filesAnalysed, onMainThread.filesAnalysed);
  assert.ok(onMainThread.findings.length > 10, 'the fixtures produce findings');
  assert.deepEqual(summary(onWorkers), summary(onMainThread));
});

test('a scan that extracts the files while discovery goes on gives the results of one that starts after it', async () => {
  const settings = fixtureSettings();
  const folderUri = pathToUri(fixtures);
  const scan = new CodeScan(folderUri, settings, { workers: 2 });
  const offered: string[] = [];
  const lint = await lintFolder(fixtures, settings, {
    onCodeFile: (uri) => {
      offered.push(uri);
      scan.offer(uri);
    },
  });
  assert.deepEqual(offered.sort(), lint.files.code);
  const streamed = await scan.finish(lint.files.code, lint.analysis.allApis());
  const afterwards = await lintCode(folderUri, lint.files.code, settings, lint.analysis.allApis(), { workers: 0 });
  assert.equal(streamed.workersUsed, 2);
  assert.equal(streamed.filesAnalysed, afterwards.filesAnalysed);
  assert.deepEqual(summary(streamed), summary(afterwards));
});

test('a file a worker cannot read is reported and the others are still analysed', async () => {
  const settings = fixtureSettings();
  const lint = await lintFolder(fixtures, settings);
  const missing = pathToUri(path.join(fixtures, 'javascript', 'deleted-meanwhile.js'));
  const failed: string[] = [];
  const result = await lintCode(pathToUri(fixtures), [...lint.files.code, missing], settings, lint.analysis.allApis(), { workers: 2, onFileError: (uri) => failed.push(uri) });
  assert.equal(result.workersUsed, 2);
  assert.deepEqual(failed, [missing]);
  assert.equal(result.filesAnalysed, lint.files.code.length);
});

test('TypeScript type keywords named like an indexed node type are not taken for string literals', async () => {
  const extraction = await extractCode({
    uri: 'file:///ws/src/client.ts',
    text: 'const token: string = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";\nfunction f(apiKey: string): string { return apiKey; }\n',
  });
  assert.ok(extraction !== undefined);
  assert.deepEqual(
    extraction.secretCandidates.map((candidate) => [candidate.name, candidate.value]),
    [['token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789']],
  );
});
