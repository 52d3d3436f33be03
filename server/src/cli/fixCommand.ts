import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Finding } from '../core/engine/finding';
import { fixAll, type AppliedFix } from '../core/fixes/fixAll';
import type { Severity } from '../core/rules/types';
import { DocumentStore } from '../core/workspace/documentStore';
import { createNodeFileReader } from '../node/nodeFileReader';
import { uriToPath } from '../node/uri';
import type { TargetResult, WorkspaceRun } from './analyseTargets';
import { fixMessages } from './fixMessages';
import { atLeast, displayPath, type FailOn } from './lintReport';
import type { CommandContext } from './runCli';
import { unifiedDiff } from './unifiedDiff';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_TROUBLE = 2;

/** One file the fixes changed (or would change, in a dry run). */
export interface FixedFile {
  /** Relative to the current folder, with forward slashes. */
  file: string;
  /** Fixes that edited this file; a fix that edits two files counts in both. */
  fixes: number;
  rules: string[];
  /** The unified diff, in a dry run. */
  diff?: string;
}

export type SkipReason = 'syntax-errors' | 'changed-on-disk' | 'write-failed';

export interface SkippedFile {
  file: string;
  reason: SkipReason;
  /** The system's reason when writing failed. */
  detail?: string;
}

/** What `api-guard fix --format json` prints. */
export interface FixReport {
  dryRun: boolean;
  files: FixedFile[];
  skipped: SkippedFile[];
  summary: {
    filesChanged: number;
    /** Fixes applied, each counted once. */
    fixesApplied: number;
    filesSkipped: number;
    /** Active findings left after the fixes (of the rules that ran). */
    remaining: number;
    /** Whether a remaining finding reaches `--fail-on` (the exit code is 1). */
    failed: boolean;
  };
}

interface TargetFixes {
  report: FixReport;
  remaining: Finding[];
  applied: AppliedFix[];
  /** New text per changed file. */
  texts: Map<string, string>;
  /** The texts the fixes were computed on. */
  store: DocumentStore;
}

/**
 * The names in a diff's header: `a/` and `b/` before the path inside the current folder, as git
 * writes them (`patch -p1` and `git apply` strip one level); a file outside it by its full path.
 */
function diffHeaders(uri: string, file: string): { fromFile: string; toFile: string } {
  if (!file.startsWith('../') && file !== '..' && !isAbsolute(file)) return { fromFile: `a/${file}`, toFile: `b/${file}` };
  const path = uriToPath(uri) ?? file;
  return { fromFile: path, toFile: path };
}

function filesTouched(applied: readonly AppliedFix[], uri: string): AppliedFix[] {
  return applied.filter((fix) => fix.files.includes(uri));
}

/**
 * Fixes one workspace root: every safe fix of the documents `lint` analysed there, over a store
 * that reads the disk afresh (an earlier root may have written a shared file), then the findings
 * that remain, from the fixed texts. Writes nothing.
 */
function fixTarget(target: TargetResult, rules: ReadonlySet<string> | undefined, cwd: string, dryRun: boolean): TargetFixes {
  const reader = createNodeFileReader();
  const maxBytes = target.settings.maxFileSizeMB * 1024 * 1024;
  const store = new DocumentStore(reader, maxBytes);
  const analysed = target.lint.analysedUris;
  const result = fixAll(target.lint.analysis, store, analysed, { rules });
  const report: FixReport = { dryRun, files: [], skipped: [], summary: { filesChanged: 0, fixesApplied: result.applied.length, filesSkipped: 0, remaining: 0, failed: false } };
  for (const [uri, text] of result.texts) {
    const touched = filesTouched(result.applied, uri);
    const file = displayPath(uri, cwd);
    const fixed: FixedFile = { file, fixes: touched.length, rules: [...new Set(touched.map((fix) => fix.ruleId))].sort() };
    if (dryRun) fixed.diff = unifiedDiff(store.get(uri)!.text, text, diffHeaders(uri, file));
    report.files.push(fixed);
  }
  const broken = new Set(result.skippedBroken);
  for (const uri of analysed) {
    const doc = store.get(uri);
    if (doc !== undefined && doc.errors.length > 0) broken.add(uri);
  }
  for (const uri of broken) report.skipped.push({ file: displayPath(uri, cwd), reason: 'syntax-errors' });
  const after = target.lint.analysis.fork(new DocumentStore({ read: (uri) => result.texts.get(uri) ?? reader.read(uri) }, maxBytes));
  after.update();
  const remaining = [...after.findingsByUri().values()].flat();
  return { report, remaining, applied: result.applied, texts: result.texts, store };
}

/**
 * Writes a fixed file unless it changed since it was read: the bytes on disk must still be the
 * text the fixes were computed on. That also keeps files that are not valid UTF-8 untouched,
 * since their decoded text would not encode back to the same bytes.
 */
function writeFixed(uri: string, before: string, after: string): SkippedFile['reason'] | { reason: 'write-failed'; detail: string } | undefined {
  const path = uriToPath(uri);
  if (path === undefined) return { reason: 'write-failed', detail: 'not a file' };
  try {
    if (!readFileSync(path).equals(Buffer.from(before, 'utf8'))) return 'changed-on-disk';
    writeFileSync(path, after, 'utf8');
    return undefined;
  } catch (error) {
    return { reason: 'write-failed', detail: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

function merge(into: FixReport, from: FixReport): void {
  into.files.push(...from.files);
  into.skipped.push(...from.skipped);
  into.summary.fixesApplied += from.summary.fixesApplied;
}

function describeRules(rules: readonly string[]): string {
  return rules.join(', ');
}

function formatText(report: FixReport, filesAnalysed: number): string {
  const lines: string[] = [];
  for (const file of report.files) {
    const args = { file: file.file, count: file.fixes, rules: describeRules(file.rules) };
    lines.push(report.dryRun ? fixMessages.fileWouldFix(args) : fixMessages.fileFixed(args));
  }
  for (const skipped of report.skipped) {
    if (skipped.reason === 'syntax-errors') lines.push(fixMessages.fileBroken({ file: skipped.file }));
    else if (skipped.reason === 'changed-on-disk') lines.push(fixMessages.fileChangedOnDisk({ file: skipped.file }));
    else lines.push(fixMessages.fileUnwritable({ file: skipped.file, reason: skipped.detail ?? '' }));
  }
  const counts = { fixes: report.summary.fixesApplied, files: report.summary.filesChanged, remaining: report.summary.remaining };
  if (filesAnalysed === 0) lines.push(fixMessages.summaryNoFiles());
  else if (report.files.length === 0) lines.push(fixMessages.summaryNothing(counts));
  else lines.push(report.dryRun ? fixMessages.summaryWouldFix(counts) : fixMessages.summaryFixed(counts));
  return lines.join('\n') + '\n';
}

/**
 * `api-guard fix`: applies the safe fixes root by root with the same discovery and configuration
 * as `lint`, writes the changed files (or prints their diff with `--dry-run`) and reports per
 * file what changed. Configuration problems count among the remaining findings, as in `lint`.
 */
export async function runFixCommand(context: CommandContext): Promise<number> {
  const { args, io } = context;
  const dryRun = args.flags.has('dry-run');
  const format = args.values.get('format') ?? 'text';
  const failOn = (args.values.get('fail-on') ?? 'never') as FailOn;
  const only = args.lists.get('rule');
  const rules = only === undefined ? undefined : new Set(only);
  const run: WorkspaceRun = await context.analyse();
  const report: FixReport = { dryRun, files: [], skipped: [], summary: { filesChanged: 0, fixesApplied: 0, filesSkipped: 0, remaining: 0, failed: false } };
  const remaining: Finding[] = run.findings.filter((finding) => !run.targets.some((target) => target.lint.analysis.isAnalysed(finding.uri)));
  let writeTrouble = false;
  for (const target of run.targets) {
    const fixes = fixTarget(target, rules, io.cwd, dryRun);
    if (!dryRun) {
      const unwritten = new Set<string>();
      for (const [uri, text] of fixes.texts) {
        const problem = writeFixed(uri, fixes.store.get(uri)!.text, text);
        if (problem === undefined) continue;
        writeTrouble = true;
        unwritten.add(uri);
        const file = displayPath(uri, io.cwd);
        fixes.report.files = fixes.report.files.filter((fixed) => fixed.file !== file);
        fixes.report.skipped.push(typeof problem === 'string' ? { file, reason: problem } : { file, reason: problem.reason, detail: problem.detail });
      }
      // A fix counts as applied only when every file it edits was written.
      fixes.report.summary.fixesApplied = fixes.applied.filter((fix) => fix.files.every((uri) => !unwritten.has(uri))).length;
    }
    merge(report, fixes.report);
    remaining.push(...fixes.remaining);
  }
  report.summary.filesChanged = report.files.length;
  report.summary.filesSkipped = report.skipped.length;
  report.summary.remaining = remaining.length;
  report.summary.failed = failOn !== 'never' && remaining.some((finding) => atLeast(finding.severity, failOn as Severity));
  if (format === 'json') {
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    if (dryRun) io.stdout.write(report.files.map((file) => file.diff ?? '').join(''));
    // In a dry run standard output carries only the diff, so that it can be piped to `patch` or `git apply`.
    (dryRun ? io.stderr : io.stdout).write(formatText(report, run.filesAnalysed));
  }
  if (writeTrouble) return EXIT_TROUBLE;
  return report.summary.failed ? EXIT_FINDINGS : EXIT_OK;
}
