import { extname, resolve } from 'node:path';
import type { ApiGuardSettings } from '../core/config/settings';
import { compareFindings, type Finding } from '../core/engine/finding';
import { DocumentStore } from '../core/workspace/documentStore';
import { FolderAnalysis } from '../core/workspace/folderAnalysis';
import { DEFAULT_CODE_EXTENSIONS, discoverFiles, type DiscoveredFiles } from './discoverFiles';
import { createNodeFileReader } from './nodeFileReader';
import { pathToUri } from './uri';

export interface LintFolderOptions {
  signal?: AbortSignal;
  /** Only these rule ids run (CLI `--rule`). */
  only?: ReadonlySet<string>;
  /**
   * Analyse only these files (paths), whatever the include/exclude settings say, plus what is
   * discovered in `folders`. Without either, the whole folder is discovered.
   */
  files?: string[];
  /** Discover files only in these folders (absolute paths inside the folder). */
  folders?: string[];
  codeExtensions?: string[];
  onProgress?: (scanned: number) => void;
  /** Each discovered code file as soon as it is found (`DiscoverOptions.onCodeFile`); files named in `files` are not reported. */
  onCodeFile?: (uri: string) => void;
  /** Receives errors thrown by a rule; the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Hears of a file that exists but cannot be read (see `createNodeFileReader`); it is skipped. */
  onReadError?: (uri: string, error: NodeJS.ErrnoException) => void;
}

export interface LintFolderResult {
  analysis: FolderAnalysis;
  /** Active findings of every analysed document, sorted by file and position. */
  findings: Finding[];
  suppressed: Finding[];
  /** URIs of the analysed documents (roots, fragments, broken OpenAPI files). */
  analysedUris: string[];
  files: DiscoveredFiles;
}

/** The files named explicitly, split into specs and code by extension, plus the discovered ones. */
async function filesToAnalyse(folder: string, settings: ApiGuardSettings, options: LintFolderOptions): Promise<DiscoveredFiles> {
  const discoverOptions = { signal: options.signal, codeExtensions: options.codeExtensions, onProgress: options.onProgress, onCodeFile: options.onCodeFile };
  if (options.files === undefined && options.folders === undefined) return discoverFiles(folder, settings, discoverOptions);
  const codeExtensions = new Set((options.codeExtensions ?? DEFAULT_CODE_EXTENSIONS).map((extension) => extension.toLowerCase()));
  const specs = new Set<string>();
  const code = new Set<string>();
  for (const file of options.files ?? []) {
    const extension = extname(file).toLowerCase();
    (codeExtensions.has(extension) ? code : specs).add(pathToUri(resolve(file)));
  }
  if (options.folders !== undefined && options.folders.length > 0) {
    const discovered = await discoverFiles(folder, settings, { ...discoverOptions, within: options.folders });
    discovered.specs.forEach((uri) => specs.add(uri));
    discovered.code.forEach((uri) => code.add(uri));
  }
  return { specs: [...specs].sort(), code: [...code].sort() };
}

/**
 * Analyses one folder from disk, as the CLI does: discovers its files (or takes the given ones),
 * reads them through a reader that only ever sees `file:` URIs, and lets `$ref`s reach inside
 * this folder and the allowed remote hosts only (which the reader still never fetches).
 */
export async function lintFolder(folderPath: string, settings: ApiGuardSettings, options: LintFolderOptions = {}): Promise<LintFolderResult> {
  const folder = resolve(folderPath);
  const folderUri = pathToUri(folder);
  const files = await filesToAnalyse(folder, settings, options);
  options.signal?.throwIfAborted();
  const store = new DocumentStore(createNodeFileReader(options.onReadError), settings.maxFileSizeMB * 1024 * 1024);
  const analysis = new FolderAnalysis(store, {
    folderUri,
    settings,
    policy: { allowedFolders: [folderUri], allowedRemoteHosts: settings.allowedRemoteRefHosts },
    only: options.only,
    onRuleError: options.onRuleError,
  });
  analysis.setCandidates(files.specs);
  analysis.update();
  const byUri = analysis.findingsByUri();
  const findings = [...byUri.values()].flat().sort(compareFindings);
  const suppressed = [...analysis.suppressedByUri().values()].flat().sort(compareFindings);
  return { analysis, findings, suppressed, analysedUris: [...byUri.keys()], files };
}
