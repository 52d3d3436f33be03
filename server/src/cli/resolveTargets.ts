import { accessSync, constants, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { cliMessages } from './cliMessages';
import { UsageError } from './parseArgs';

/**
 * One workspace root to analyse, as the command line's paths describe it. The root decides which
 * configuration file applies, where `$ref`s may reach and what fingerprints are relative to.
 */
export interface AnalysisTarget {
  rootPath: string;
  /** Analyse the whole root (no path given, or the root itself was given). */
  whole: boolean;
  /** Folders below the root whose files are discovered. */
  folders: string[];
  /** Files named explicitly: analysed whatever the include/exclude settings say. */
  files: string[];
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/**
 * Groups the command line's paths into workspace roots. Paths inside the current folder belong to
 * it; a folder outside it is a root of its own, and a file outside it belongs to its folder.
 * A path that does not exist is a usage error; a file that exists but cannot be read is skipped
 * with a warning, because the other files can still be analysed.
 */
export function resolveTargets(paths: readonly string[], cwd: string, warn: (message: string) => void): AnalysisTarget[] {
  const targets = new Map<string, AnalysisTarget>();
  const targetFor = (rootPath: string): AnalysisTarget => {
    let target = targets.get(rootPath);
    if (target === undefined) targets.set(rootPath, (target = { rootPath, whole: false, folders: [], files: [] }));
    return target;
  };
  if (paths.length === 0) return [{ rootPath: cwd, whole: true, folders: [], files: [] }];
  for (const given of paths) {
    const path = resolve(cwd, given);
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      throw new UsageError(cliMessages.pathMissing({ path: given }));
    }
    const inCwd = isInside(path, cwd);
    if (isFolder) {
      const target = targetFor(inCwd ? cwd : path);
      if (path === target.rootPath) target.whole = true;
      else target.folders.push(path);
      continue;
    }
    try {
      accessSync(path, constants.R_OK);
    } catch (error) {
      warn(cliMessages.pathUnreadable({ path: given, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
      continue;
    }
    targetFor(inCwd ? cwd : dirname(path)).files.push(path);
  }
  return [...targets.values()];
}
