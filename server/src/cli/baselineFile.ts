import { readFileSync } from 'node:fs';
import type { Finding } from '../core/engine/finding';
import { cliMessages } from './cliMessages';
import { displayPath } from './lintReport';

export const BASELINE_FILE_NAME = '.api-guard-baseline.json';
export const BASELINE_VERSION = 1;

/**
 * The findings a team accepted when it adopted API Guard. Only `fingerprint` matters to the tool;
 * the rule id and file are there so that a reviewer can read the file and see what was accepted.
 */
export interface BaselineFile {
  version: number;
  createdAt: string;
  tool: string;
  fingerprints: { fingerprint: string; ruleId: string; file: string }[];
}

/** Thrown for a baseline file that cannot be read or is not a baseline; the CLI exits with 2. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

export function createBaseline(findings: readonly Finding[], cwd: string, tool: string, createdAt: Date): BaselineFile {
  const entries = new Map<string, { fingerprint: string; ruleId: string; file: string }>();
  for (const finding of findings) {
    if (!entries.has(finding.fingerprint)) {
      entries.set(finding.fingerprint, { fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: displayPath(finding.uri, cwd) });
    }
  }
  const fingerprints = [...entries.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  return { version: BASELINE_VERSION, createdAt: createdAt.toISOString(), tool, fingerprints };
}

/** The fingerprints recorded in a baseline file. */
export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BaselineError(cliMessages.baselineUnreadable({ path, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(cliMessages.baselineInvalid({ path, reason: (error as Error).message }));
  }
  const entries = (data as Partial<BaselineFile> | null)?.fingerprints;
  if (typeof data !== 'object' || data === null || !Array.isArray(entries)) {
    throw new BaselineError(cliMessages.baselineInvalid({ path, reason: cliMessages.baselineNotAList() }));
  }
  const version = (data as Partial<BaselineFile>).version;
  if (version !== BASELINE_VERSION) {
    throw new BaselineError(cliMessages.baselineInvalid({ path, reason: cliMessages.baselineVersion({ version: JSON.stringify(version) ?? 'undefined' }) }));
  }
  const fingerprints = new Set<string>();
  for (const entry of entries) {
    const fingerprint = typeof entry === 'string' ? entry : (entry as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof fingerprint !== 'string') throw new BaselineError(cliMessages.baselineInvalid({ path, reason: cliMessages.baselineEntry() }));
    fingerprints.add(fingerprint);
  }
  return fingerprints;
}
