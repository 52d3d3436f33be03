import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { FixReport } from '../../../server/src/cli/fixCommand';
import { runCli } from '../../../server/src/cli/runCli';
import { defaultSettings } from '../../../server/src/core/config/settings';
import type { Finding } from '../../../server/src/core/engine/finding';
import { ruleFixes, ruleHasFix } from '../../../server/src/core/fixes/computeFixes';
import { fixAll } from '../../../server/src/core/fixes/fixAll';
import { applyEdits, type TextEdit } from '../../../server/src/core/fixes/textEdit';
import { parseDocument } from '../../../server/src/core/model/parseDocument';
import type { FixProposal } from '../../../server/src/core/rules/types';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { FolderAnalysis } from '../../../server/src/core/workspace/folderAnalysis';
import { corpusEntries, diskReader, fileUri, type CorpusEntry } from '../helpers/corpus';

/**
 * The quick-fix guarantee (issue 3) over real documents: every offered fix, applied on its own,
 * leaves the document parseable, removes its finding, adds no error finding, and changes no byte
 * outside its edits; fix-all converges. Large documents are sampled (a few findings per rule).
 */
const SMALL = 1_000_000;
const PER_RULE_SMALL = 4;
const PER_RULE_LARGE = 1;

function analyse(entry: CorpusEntry, overlay = new Map<string, string>()) {
  const store = new DocumentStore({ read: (uri) => overlay.get(uri) ?? diskReader.read(uri) });
  const folderUri = fileUri(entry.folder);
  const analysis = new FolderAnalysis(store, {
    folderUri,
    settings: defaultSettings(),
    policy: { allowedFolders: [folderUri], allowedRemoteHosts: [] },
  });
  analysis.setCandidates(entry.files.map(fileUri));
  analysis.update();
  return { store, analysis };
}

function errorKeys(findings: Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}|${f.uri}|${f.fingerprint}`));
}

function assertOnlyEditedBytesChanged(before: string, after: string, edits: TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let cursorBefore = 0;
  let cursorAfter = 0;
  for (const edit of sorted) {
    const untouched = before.slice(cursorBefore, edit.start);
    assert.equal(after.slice(cursorAfter, cursorAfter + untouched.length), untouched, 'bytes before an edit are unchanged');
    cursorAfter += untouched.length + edit.newText.length;
    cursorBefore = edit.end;
  }
  assert.equal(after.slice(cursorAfter), before.slice(cursorBefore), 'bytes after the last edit are unchanged');
}

const totals = { documents: 0, fixesApplied: 0, fixAllRuns: 0, cliRuns: 0, cliFixes: 0, cliFilesChanged: 0 };
const failures: string[] = [];

/** Applies one proposal on its own and checks the guarantee; throws with the reason when it does not hold. */
function checkProposal(entry: CorpusEntry, store: DocumentStore, baselineErrors: Set<string>, finding: Finding, proposal: FixProposal): void {
  const overlay = new Map<string, string>();
  for (const uri of new Set(proposal.edits.map((edit) => edit.uri))) {
    const before = store.get(uri)!.text;
    const edits = proposal.edits.filter((edit) => edit.uri === uri);
    const after = applyEdits(before, edits);
    assertOnlyEditedBytesChanged(before, after, edits);
    overlay.set(uri, after);
  }
  const fixed = analyse(entry, overlay);
  const findings = [...fixed.analysis.findingsByUri().values()].flat();
  const context = `${finding.ruleId} "${proposal.title}" at ${finding.uri.split('/').pop()}#${finding.pointer ?? ''}`;
  for (const uri of overlay.keys()) {
    assert.equal(fixed.store.get(uri)!.errors.length, store.get(uri)!.errors.length, `${context}: no new syntax errors`);
  }
  assert.ok(!findings.some((f) => f.ruleId === finding.ruleId && f.fingerprint === finding.fingerprint && f.message === finding.message), `${context}: the finding is gone`);
  const newErrors = [...errorKeys(findings)].filter((key) => !baselineErrors.has(key));
  assert.deepEqual(newErrors, [], `${context}: no new error findings`);
}

/** Runs `api-guard fix --format json` in-process in `cwd`; the CLI's own code path, without a child process. */
async function runFix(cwd: string): Promise<FixReport> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['fix', '--format', 'json'], {
    cwd,
    env: {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  assert.equal(code, 0, `api-guard fix exits with 0: ${stderr}`);
  return JSON.parse(stdout) as FixReport;
}

/**
 * `api-guard fix` on a copy of a corpus entry: every file it writes still parses, files it does
 * not report are byte for byte unchanged, and a second run finds nothing more to fix.
 */
async function checkCliFix(entry: CorpusEntry): Promise<void> {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'api-guard-corpus-fix-')));
  try {
    const originals = new Map<string, Buffer>();
    for (const file of entry.files) {
      const target = join(folder, relative(entry.folder, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
      originals.set(target, readFileSync(target));
    }
    const first = await runFix(folder);
    const changed = new Set(first.files.map((fixed) => join(folder, fixed.file)));
    for (const [path, bytes] of originals) {
      const now = readFileSync(path);
      if (!changed.has(path)) {
        assert.ok(now.equals(bytes), `${entry.name}: ${relative(folder, path)} is not reported and unchanged`);
        continue;
      }
      const doc = parseDocument(fileUri(path), now.toString('utf8'));
      assert.deepEqual(doc.errors.map((error) => error.message), [], `${entry.name}: ${relative(folder, path)} parses after api-guard fix`);
    }
    const second = await runFix(folder);
    assert.deepEqual(second.files, [], `${entry.name}: a second api-guard fix changes nothing`);
    totals.cliRuns++;
    totals.cliFixes += first.summary.fixesApplied;
    totals.cliFilesChanged += first.summary.filesChanged;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('quick fixes on the corpus', () => {
  for (const entry of corpusEntries()) {
    it(entry.name, () => {
      totals.documents++;
      const { store, analysis } = analyse(entry);
      const all = [...analysis.findingsByUri().values()].flat();
      const baselineErrors = errorKeys(all);
      const perRule = new Map<string, number>();
      const limit = entry.bytes > SMALL ? PER_RULE_LARGE : PER_RULE_SMALL;
      for (const finding of all) {
        if (!ruleHasFix(finding.ruleId)) continue;
        const used = perRule.get(finding.ruleId) ?? 0;
        if (used >= limit) continue;
        perRule.set(finding.ruleId, used + 1);
        for (const proposal of ruleFixes(analysis, finding)) {
          try {
            checkProposal(entry, store, baselineErrors, finding, proposal);
            totals.fixesApplied++;
          } catch (error) {
            failures.push((error as Error).message.split('\n')[0]);
          }
        }
      }
      // Fix-all converges: a second run over its own result changes nothing.
      const uris = entry.files.map(fileUri);
      const first = fixAll(analysis, store, uris);
      if (first.texts.size > 0) {
        const second = analyse(entry, first.texts);
        const again = fixAll(second.analysis, second.store, uris);
        assert.equal(again.texts.size, 0, `fix-all converges on ${entry.name}: ${again.applied.map((a) => a.ruleId).join(', ')}`);
        for (const uri of first.texts.keys()) assert.equal(second.store.get(uri)!.errors.length, store.get(uri)!.errors.length, `fix-all keeps ${uri} parseable`);
      }
      totals.fixAllRuns++;
    });
    if (entry.bytes <= SMALL) it(`${entry.name} through api-guard fix`, () => checkCliFix(entry));
  }
  it('prints the totals', () => {
    console.log(
      `fix guarantee: documents=${totals.documents} fixesApplied=${totals.fixesApplied} fixAllRuns=${totals.fixAllRuns} ` +
        `cliRuns=${totals.cliRuns} cliFixes=${totals.cliFixes} cliFilesChanged=${totals.cliFilesChanged} failures=${failures.length}`,
    );
    assert.ok(totals.documents > 0, 'the corpus was found');
    assert.deepEqual(failures, [], 'every applied fix keeps the guarantee');
  });
});
