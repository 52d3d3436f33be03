import { relative, sep } from 'node:path';
import { severityRank, type Finding } from '../core/engine/finding';
import type { Severity } from '../core/rules/types';
import { uriToPath } from '../node/uri';

export type FailOn = Severity | 'never';

/** What every output format prints: the findings after the baseline and the severity filter. */
export interface LintReport {
  cwd: string;
  /** Findings to print, sorted by file and position. */
  findings: Finding[];
  /** Findings that suppressions in the source hide (SARIF lists them as suppressed results). */
  suppressed: Finding[];
  /** Findings below `--min-severity`, not printed. */
  hidden: number;
  /** Findings left out because the baseline knows them. */
  baselined: number;
  filesAnalysed: number;
  apis: number;
  minSeverity: Severity;
  failOn: FailOn;
  /** Whether some finding reaches `--fail-on` (the exit code is 1). */
  failed: boolean;
}

/** Display paths already worked out, by folder and URI: a report names the same few files thousands of times. */
const displayPaths = new Map<string, Map<string, string>>();

/** A finding's file relative to the current folder, with forward slashes (the path users type). */
export function displayPath(uri: string, cwd: string): string {
  let byUri = displayPaths.get(cwd);
  if (byUri === undefined) displayPaths.set(cwd, (byUri = new Map()));
  let display = byUri.get(uri);
  if (display === undefined) {
    const path = uriToPath(uri);
    const rel = path === undefined ? undefined : relative(cwd, path);
    display = path === undefined ? uri : (rel === '' ? path : rel!).split(sep).join('/');
    byUri.set(uri, display);
  }
  return display;
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Applies the baseline and the severity filter, and works out whether the run fails. */
export function buildLintReport(input: {
  cwd: string;
  findings: Finding[];
  suppressed: Finding[];
  baseline?: ReadonlySet<string>;
  minSeverity: Severity;
  failOn: FailOn;
  filesAnalysed: number;
  apis: number;
}): LintReport {
  const baseline = input.baseline;
  const current = baseline === undefined ? input.findings : input.findings.filter((finding) => !baseline.has(finding.fingerprint));
  const shown = current.filter((finding) => atLeast(finding.severity, input.minSeverity));
  const failOn = input.failOn;
  return {
    cwd: input.cwd,
    findings: shown,
    suppressed: input.suppressed,
    hidden: current.length - shown.length,
    baselined: input.findings.length - current.length,
    filesAnalysed: input.filesAnalysed,
    apis: input.apis,
    minSeverity: input.minSeverity,
    failOn,
    failed: failOn !== 'never' && current.some((finding) => atLeast(finding.severity, failOn)),
  };
}
