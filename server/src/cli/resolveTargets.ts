import { closeSync, constants, existsSync, openSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES } from '../core/config/loadConfig';
import { cliMessages, unreadableReason } from './cliMessages';
import { UsageError } from './parseArgs';
import { SpecialFileError, specialFileKind } from '../node/nodeFileReader';

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

function hasConfigFile(folder: string): boolean {
  return CONFIG_FILE_NAMES.some((name) => existsSync(join(folder, name)));
}

/**
 * The workspace root of a folder inside the current folder: the nearest folder from it up to the
 * current folder that has a configuration file (a project with its own `.api-guard.yaml`, as a
 * VS Code workspace folder would be), else the current folder itself.
 */
function rootInside(folder: string, cwd: string): string {
  for (let current = folder; isInside(current, cwd); current = dirname(current)) {
    if (hasConfigFile(current)) return current;
    if (current === cwd) break;
  }
  return cwd;
}

/**
 * Groups the command line's paths into workspace roots. A path inside the current folder belongs
 * to the nearest enclosing folder with a configuration file, else to the current folder; a folder
 * outside it is a root of its own, and a file outside it belongs to its folder.
 * A path that does not exist is a usage error; a file that exists but cannot be read is skipped
 * with a warning, because the other files can still be analysed, and passed to `skipped`, because
 * the run is then incomplete (the CLI ends it with exit code 2).
 */
export function resolveTargets(paths: readonly string[], cwd: string, warn: (message: string) => void, skipped?: (path: string) => void): AnalysisTarget[] {
  const targets = new Map<string, AnalysisTarget>();
  const targetFor = (rootPath: string): AnalysisTarget => {
    let target = targets.get(rootPath);
    if (target === undefined) targets.set(rootPath, (target = { rootPath, whole: false, folders: [], files: [] }));
    return target;
  };
  if (paths.length === 0) return [{ rootPath: cwd, whole: true, folders: [], files: [] }];
  for (const given of paths) {
    const path = resolve(cwd, given);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(cliMessages.pathMissing({ path: given }));
    }
    const isFolder = stats.isDirectory();
    const inCwd = isInside(path, cwd);
    if (isFolder) {
      const target = targetFor(inCwd ? rootInside(path, cwd) : path);
      if (path === target.rootPath) target.whole = true;
      else target.folders.push(path);
      continue;
    }
    // A named pipe would be read until something writes to it, a device such as /dev/zero for ever.
    const special = specialFileKind(stats);
    try {
      if (special !== undefined) throw new SpecialFileError(special);
      // Opening it is the real test: `access` says yes to root for any file, and to a socket.
      // Non-blocking, in case the path became a named pipe since.
      closeSync(openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)));
    } catch (error) {
      warn(cliMessages.pathUnreadable({ path: given, reason: unreadableReason(error) }));
      skipped?.(given);
      continue;
    }
    targetFor(inCwd ? rootInside(dirname(path), cwd) : dirname(path)).files.push(path);
  }
  return [...targets.values()];
}
