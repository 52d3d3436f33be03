// `fs.promises` rather than `node:fs/promises`: Node loads it on first use, and a run of the CLI
// that names its files discovers none (loading it, and the modules it needs, took some 2 ms).
import { promises as files, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { isConfigFileName } from '../core/config/loadConfig';
import type { ApiGuardSettings } from '../core/config/settings';
import { looksLikeOpenApiText } from '../core/openapi/detectVersion';
import { pathToUri } from './uri';

/** Source files the code analysis understands, by extension. */
export const DEFAULT_CODE_EXTENSIONS: readonly string[] = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts', '.py', '.java', '.cs', '.go', '.php'];

/** Folders that are never walked, whatever the settings say: dependencies and version control. */
const ALWAYS_SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** How much of an over-limit file is read to tell whether it is an OpenAPI document at all. */
const HEAD_BYTES = 64 * 1024;

/**
 * What the walk leaves out of the code files: tests (unless the settings include them), minified
 * bundles, and TypeScript declaration files, which describe types only: they hold no statement that
 * runs, so no call, TLS setting or secret of theirs can reach an API. SDK packages ship thousands of
 * them (often most of a code base's bytes), so reading them would only slow the scan down. Compiled
 * on the first walk: a run of the CLI that names its files walks no folder.
 */
interface SkippedCode {
  isTestFile: (path: string) => boolean;
  isMinified: (path: string) => boolean;
  isDeclarationFile: (path: string) => boolean;
}
let skippedCode: SkippedCode | undefined;

function skippedCodeMatchers(): SkippedCode {
  return (skippedCode ??= {
    isTestFile: picomatch(['**/*.test.*', '**/*.spec.*', '**/test/**', '**/tests/**', '**/__tests__/**', '**/*_test.go', '**/test_*.py', '**/*Test.java', '**/*Tests.cs'], { dot: true }),
    isMinified: picomatch(['**/*.min.js', '**/*.min.mjs', '**/*.min.cjs'], { dot: true }),
    isDeclarationFile: picomatch(['**/*.d.ts', '**/*.d.mts', '**/*.d.cts'], { dot: true }),
  });
}

export interface DiscoverOptions {
  signal?: AbortSignal;
  /** Extensions (with the dot) of code files to return; default DEFAULT_CODE_EXTENSIONS. */
  codeExtensions?: string[];
  /** Called after each folder with the number of files seen so far. */
  onProgress?: (scanned: number) => void;
  /**
   * Folders (absolute paths inside the workspace folder) to restrict the walk to. The settings'
   * globs and the `.gitignore` files on the way still apply relative to the workspace folder.
   */
  within?: string[];
  /**
   * Called with each code file as soon as it is found (in no particular order), so that its
   * analysis can start while the walk goes on; every one of them is in the result's `code`.
   */
  onCodeFile?: (uri: string) => void;
}

export interface DiscoveredFiles {
  /** `file:` URIs of files that may be OpenAPI documents (include globs minus exclude globs). */
  specs: string[];
  /** `file:` URIs of source files for the code analysis. */
  code: string[];
}

/** The ignore rules of one `.gitignore`, which apply to paths below its folder. */
interface GitignoreScope {
  /** Folder of the `.gitignore`, relative to the workspace folder, with a trailing slash ('' at the root). */
  base: string;
  rules: Ignore;
}

/**
 * Whether the `.gitignore` files in force ignore a path. Deeper files override shallower ones and
 * a later pattern overrides an earlier one, as in git; `!pattern` re-includes.
 */
function gitIgnores(scopes: readonly GitignoreScope[], relativePath: string, isFolder: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const inside = relativePath.slice(scope.base.length) + (isFolder ? '/' : '');
    const result = scope.rules.test(inside);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

async function readGitignore(folder: string, base: string): Promise<GitignoreScope | undefined> {
  let text: string;
  try {
    text = await files.readFile(join(folder, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { base, rules: ignore().add(text) };
}

/** True when the first bytes of an over-limit file look like an OpenAPI root, so it is reported rather than skipped. */
async function headLooksLikeOpenApi(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await files.open(path, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return looksLikeOpenApiText(buffer.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * Finds the files of a workspace folder that API Guard analyses: OpenAPI candidates by the
 * include/exclude globs, and source files for the code analysis. `.gitignore` files (nested ones
 * too) are honoured, dependency and VCS folders are never entered, symbolic links that lead out
 * of the folder are not followed, and files over the size limit are only kept when their first
 * bytes say they are OpenAPI documents (so that they are reported as too large, not silently
 * dropped). The walk is asynchronous, one folder at a time, so a language server stays responsive.
 */
export async function discoverFiles(folderPath: string, settings: ApiGuardSettings, options: DiscoverOptions = {}): Promise<DiscoveredFiles> {
  const included = picomatch(settings.include.length > 0 ? settings.include : ['**/*.yaml', '**/*.yml', '**/*.json']);
  const excluded = settings.exclude.length > 0 ? picomatch(settings.exclude, { dot: true }) : () => false;
  const codeExtensions = new Set((options.codeExtensions ?? DEFAULT_CODE_EXTENSIONS).map((extension) => extension.toLowerCase()));
  const { isTestFile, isMinified, isDeclarationFile } = skippedCodeMatchers();
  const maxBytes = settings.maxFileSizeMB * 1024 * 1024;
  // Symbolic links are judged by where they really lead, but URIs keep the folder path as given,
  // so that they match the URIs the editor uses for the same files.
  let realRoot: string;
  try {
    realRoot = await files.realpath(folderPath);
  } catch {
    return { specs: [], code: [] };
  }
  const specs: string[] = [];
  const code: string[] = [];
  let scanned = 0;
  const start = resolve(folderPath);
  const withinRelative = options.within?.map((path) => relative(start, resolve(path)).split(sep).join('/'));
  /** Whether a folder is on the way to, or inside, one of the `within` folders. */
  const mayEnter = (relativePath: string): boolean =>
    withinRelative === undefined ||
    withinRelative.some((inner) => inner === '' || inner === relativePath || inner.startsWith(relativePath + '/') || relativePath.startsWith(inner + '/'));
  /** Whether a file lies inside one of the `within` folders. */
  const mayCollect = (relativePath: string): boolean =>
    withinRelative === undefined || withinRelative.some((inner) => inner === '' || relativePath.startsWith(inner + '/'));

  const insideRoot = async (path: string): Promise<boolean> => {
    try {
      const target = await files.realpath(path);
      return target === realRoot || target.startsWith(realRoot + sep);
    } catch {
      return false;
    }
  };

  const visitFile = async (path: string, relativePath: string): Promise<void> => {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    if (isConfigFileName(name)) return;
    const extension = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
    const isSpec = included(relativePath);
    const isCode = !isSpec && codeExtensions.has(extension) && !isMinified(relativePath) && !isDeclarationFile(relativePath) && (settings.code.includeTests || !isTestFile(relativePath));
    if (!isSpec && !isCode) return;
    let size: number;
    try {
      const info = await files.stat(path);
      if (!info.isFile()) return;
      size = info.size;
    } catch {
      return;
    }
    if (isSpec) {
      if (size <= maxBytes || (await headLooksLikeOpenApi(path))) specs.push(pathToUri(path));
    } else if (size <= maxBytes) {
      const uri = pathToUri(path);
      code.push(uri);
      options.onCodeFile?.(uri);
    }
  };

  const walk = async (folder: string, relativeFolder: string, scopes: GitignoreScope[]): Promise<void> => {
    options.signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await files.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    // Only a folder that lists a `.gitignore` can have one: no failed read per folder.
    const local = entries.some((entry) => entry.name === '.gitignore') ? await readGitignore(folder, relativeFolder === '' ? '' : relativeFolder + '/') : undefined;
    const inForce = local === undefined ? scopes : [...scopes, local];
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: [string, string][] = [];
    // The files of a folder are looked at together: one `stat` after another would wait for each
    // round trip to the thread pool in turn. The lists are sorted at the end.
    const visits: Promise<void>[] = [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const relativePath = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (!(await insideRoot(path))) continue;
        try {
          const info = await files.stat(path);
          isFolder = info.isDirectory();
          isFile = info.isFile();
        } catch {
          continue;
        }
        // A linked folder inside the workspace is reached through its real path already.
        if (isFolder) continue;
      }
      if (isFolder) {
        if (ALWAYS_SKIPPED_FOLDERS.has(entry.name)) continue;
        if (!mayEnter(relativePath) || excluded(relativePath) || gitIgnores(inForce, relativePath, true)) continue;
        subfolders.push([path, relativePath]);
      } else if (isFile) {
        if (!mayCollect(relativePath)) continue;
        scanned++;
        if (excluded(relativePath) || gitIgnores(inForce, relativePath, false)) continue;
        visits.push(visitFile(path, relativePath));
      }
    }
    await Promise.all(visits);
    options.onProgress?.(scanned);
    for (const [path, relativePath] of subfolders) await walk(path, relativePath, inForce);
  };

  await walk(start, '', []);
  return { specs: specs.sort(), code: code.sort() };
}
