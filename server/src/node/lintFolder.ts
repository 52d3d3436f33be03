import { resolve } from 'node:path';
import type { ApiGuardSettings } from '../core/config/settings';
import { compareFindings, type Finding } from '../core/engine/finding';
import { DocumentStore } from '../core/workspace/documentStore';
import { FolderAnalysis } from '../core/workspace/folderAnalysis';
import { discoverFiles, type DiscoveredFiles } from './discoverFiles';
import { createNodeFileReader } from './nodeFileReader';
import { pathToUri } from './uri';

export interface LintFolderOptions {
  signal?: AbortSignal;
  /** Only these rule ids run (CLI `--rule`). */
  only?: ReadonlySet<string>;
  /** Analyse exactly these files (paths) as OpenAPI candidates instead of discovering the folder's files. */
  files?: string[];
  codeExtensions?: string[];
  onProgress?: (scanned: number) => void;
  /** Receives errors thrown by a rule; the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface LintFolderResult {
  analysis: FolderAnalysis;
  /** Active findings of every analysed document, sorted by file and position. */
  findings: Finding[];
  suppressed: Finding[];
  files: DiscoveredFiles;
}

/**
 * Analyses one folder from disk, as the CLI does: discovers its files (or takes the given ones),
 * reads them through a reader that only ever sees `file:` URIs, and lets `$ref`s reach inside
 * this folder and the allowed remote hosts only (which the reader still never fetches).
 */
export async function lintFolder(folderPath: string, settings: ApiGuardSettings, options: LintFolderOptions = {}): Promise<LintFolderResult> {
  const folder = resolve(folderPath);
  const folderUri = pathToUri(folder);
  const files: DiscoveredFiles =
    options.files !== undefined
      ? { specs: options.files.map((file) => pathToUri(resolve(file))), code: [] }
      : await discoverFiles(folder, settings, { signal: options.signal, codeExtensions: options.codeExtensions, onProgress: options.onProgress });
  options.signal?.throwIfAborted();
  const store = new DocumentStore(createNodeFileReader(), settings.maxFileSizeMB * 1024 * 1024);
  const analysis = new FolderAnalysis(store, {
    folderUri,
    settings,
    policy: { allowedFolders: [folderUri], allowedRemoteHosts: settings.allowedRemoteRefHosts },
    only: options.only,
    onRuleError: options.onRuleError,
  });
  analysis.setCandidates(files.specs);
  analysis.update();
  const findings = [...analysis.findingsByUri().values()].flat().sort(compareFindings);
  const suppressed = [...analysis.suppressedByUri().values()].flat().sort(compareFindings);
  return { analysis, findings, suppressed, files };
}
