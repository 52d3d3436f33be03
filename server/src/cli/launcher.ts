import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { wasAnalysed } from './compileCacheHint';
import { debugRequested, switchedOn } from './debugSetting';
import { shortRunV8Flags } from './shortRunTuning';

/**
 * The `api-guard` executable (dist/cli.js): a small launcher that loads the real CLI bundle
 * (dist/cli-main.js, built from server/src/cli.ts) through a V8 code cache.
 *
 * Compiling the 1.5 MB bundle and the structural validator of a version (another 350 KB) takes
 * V8 about a tenth of a second on every run, and a lint run is short enough that this shows.
 * Node 22 has `module.enableCompileCache()` for exactly this; on older Node (the CLI supports 20)
 * the launcher compiles each bundle file of dist/ itself with `vm.Script` and V8's `cachedData`,
 * and after the run stores the code of every function the run compiled, so that the next run
 * starts from compiled code. A run that analysed nothing (`--version`, `--help`, a usage error)
 * compiles only a part of the bundle; its cache is kept apart as a brief one, which the next run
 * that analyses files uses and then replaces with a whole one. A cache file is keyed by the bundle file's path, size and mtime and
 * by the Node version, so a rebuilt bundle or another Node never reads a stale cache; V8 also
 * rejects cached data that does not fit the source, and then the file is compiled as usual.
 *
 * The cache lives in the system's temporary folder (as Node's own compile cache does), in a folder
 * only this user may write, and holds only compiled code of the bundle, never anything of the
 * analysed files. `NODE_DISABLE_COMPILE_CACHE=1`
 * turns it off. Any failure to read or write it only costs the speed-up.
 *
 * Before it compiles anything of the bundle, the launcher raises V8's budget for optimising a
 * function, which is made for long-running processes (see `shortRunTuning.ts`).
 */

const bundleDir = __dirname;
const mainBundle = join(bundleDir, 'cli-main.js');

interface CompiledFile {
  script: Script;
  /** The cache files' path without its ending (see `cacheBaseOf`). */
  cacheBase: string;
  /** The cache the script was compiled with: none (missing or rejected by V8), a brief or a whole one. */
  used: 'none' | 'brief' | 'whole';
}

/** Node's CommonJS internals the launcher uses to run a module compiled by itself. */
interface ModuleInternals {
  wrap(source: string): string;
  _resolveFilename(request: string, parent: unknown, isMain?: boolean, options?: unknown): string;
  _extensions: Record<string, (module: NodeJS.Module, filename: string) => void>;
  _cache: Record<string, unknown>;
  prototype: {
    _compile(this: NodeJS.Module, content: string, filename: string): unknown;
  };
}

function cacheDirectory(): string {
  return join(tmpdir(), 'api-guard-compile-cache');
}

/**
 * Cached code is run as it is, so the cache folder must be this user's alone: created with mode
 * 0700, and not used when it belongs to someone else or others may write to it (a shared
 * temporary folder would otherwise let another account plant code).
 */
function privateCacheDirectory(): string | undefined {
  const directory = cacheDirectory();
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = statSync(directory);
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) return undefined;
    if (process.platform !== 'win32' && (stat.mode & 0o022) !== 0) return undefined;
    return directory;
  } catch {
    return undefined;
  }
}

/**
 * 64 bits of FNV-1a over the text, as 16 hex digits: a file name, not a security measure (the
 * folder is this user's alone). Loading `node:crypto` for a SHA-256 would cost a run some 7 ms.
 */
function shortHash(text: string): string {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code ^ (low >>> 24), 0x01000193);
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cache files of one bundle file are named `<path hash>-<version hash>.bin` (written by a run
 * that analysed files) and `<path hash>-<version hash>-brief.bin` (by one that did not). The
 * second part changes with the file's content (size, mtime) and the Node version, so a rebuilt
 * bundle gets a new file and the first part finds the outdated ones of the same bundle to remove.
 * The first part also covers the options Node was started with (its command line and
 * `NODE_OPTIONS`): V8 rejects code cached under other V8 options (`--max-old-space-size`, which
 * many set in `NODE_OPTIONS`, is one), so runs with and without them would each compile and write
 * the cache anew, each removing the other's. Each set of options keeps a cache of its own.
 * This returns the path up to the ending.
 */
function cacheBaseOf(directory: string, filename: string): string {
  const stat = statSync(filename);
  const options = process.execArgv.length === 0 && !process.env.NODE_OPTIONS ? '' : `|${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS ?? ''}`;
  return join(directory, `${shortHash(filename + options)}-${shortHash(`${stat.size}|${stat.mtimeMs}|${process.version}|${process.arch}`)}`);
}

const WHOLE_ENDING = '.bin';
const BRIEF_ENDING = '-brief.bin';

/** A cache file written this long ago is removed by the next run that writes one (see `removeOutdated`). */
const UNUSED_AFTER_MILLISECONDS = 30 * 24 * 60 * 60 * 1000;

/**
 * Removes every other cache of the same bundle file (earlier builds, and the brief cache that a
 * whole one replaces), so that rebuilds do not pile up, and every cache written more than 30 days
 * ago: the folder is shared by every copy of the CLI (each clone, each extension version), and
 * those of a deleted copy would stay for good. A copy still in use compiles once and writes anew.
 */
function removeOutdated(path: string): void {
  const directory = dirname(path);
  const name = basename(path);
  const prefix = name.slice(0, name.indexOf('-') + 1);
  const writtenBefore = Date.now() - UNUSED_AFTER_MILLISECONDS;
  try {
    for (const other of readdirSync(directory)) {
      if (other === name || !other.endsWith('.bin')) continue;
      const otherPath = join(directory, other);
      const outdated = other.startsWith(prefix) || (statSync(otherPath, { throwIfNoEntry: false })?.mtimeMs ?? writtenBefore) < writtenBefore;
      if (outdated) rmSync(otherPath, { force: true });
    }
  } catch {
    // Leftovers only take space.
  }
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so that a concurrent run never reads half a cache. */
function writeCache(path: string, data: Buffer): void {
  try {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, path);
    removeOutdated(path);
  } catch {
    // An unwritable temporary folder only means that the next run compiles again.
  }
}

/**
 * Routes the compilation of every CommonJS file of dist/ (the main bundle and the structural
 * validators it loads on demand) through `vm.Script` with cached data; other modules compile
 * as usual.
 */
function installCompileCache(directory: string): void {
  const internals = Module as unknown as ModuleInternals;
  const compiled: CompiledFile[] = [];
  const originalCompile = internals.prototype._compile;
  internals.prototype._compile = function compileWithCache(this: NodeJS.Module, content: string, filename: string): unknown {
    if (!filename.startsWith(bundleDir) || !filename.endsWith('.js')) return originalCompile.call(this, content, filename);
    let cacheBase: string;
    try {
      cacheBase = cacheBaseOf(directory, filename);
    } catch {
      return originalCompile.call(this, content, filename);
    }
    const whole = readCache(cacheBase + WHOLE_ENDING);
    const cachedData = whole ?? readCache(cacheBase + BRIEF_ENDING);
    // A bundle run as a file may start with a shebang line, which is not JavaScript.
    const source = content.startsWith('#!') ? '//' + content.slice(2) : content;
    const script = new Script(internals.wrap(source), { filename, cachedData });
    const used = cachedData === undefined || script.cachedDataRejected === true ? 'none' : whole !== undefined ? 'whole' : 'brief';
    compiled.push({ script, cacheBase, used });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const module = this;
    const moduleRequire = Object.assign((id: string) => module.require(id), {
      resolve: (request: string, options?: unknown) => internals._resolveFilename(request, module, false, options),
      main: require.main,
      extensions: internals._extensions,
      cache: internals._cache,
    });
    return wrapper.call(module.exports, module.exports, moduleRequire, module, filename, dirname(filename));
  };
  // The bundles are ASCII (esbuild escapes strings and names, and the sources keep the comments it
  // copies ASCII: test/unit/cli/bundleAscii.test.ts), and a Latin-1 decoding of ASCII gives the
  // same text faster than the UTF-8 decoding of Node's loader, as a string of one byte a character
  // (1.7 MB for the CLI bundle, against 3.4 MB). Any other file is read as UTF-8, as Node would.
  const originalLoad = internals._extensions['.js'];
  internals._extensions['.js'] = function loadBundleFile(module: NodeJS.Module, filename: string): void {
    if (!filename.startsWith(bundleDir)) return originalLoad.call(this, module, filename);
    let bytes: Buffer;
    try {
      bytes = readFileSync(filename);
    } catch {
      return originalLoad.call(this, module, filename);
    }
    const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    (module as unknown as { _compile(content: string, filename: string): unknown })._compile(text, filename);
  };
  // After the run the scripts hold the code of every function it compiled, not only the top level
  // (and of every function the cache they were compiled with held). A run that analysed files
  // writes a whole cache where there was none or only a brief one; any other run writes a brief
  // cache where there was none, and leaves a whole one alone.
  process.once('exit', () => {
    const analysed = wasAnalysed();
    for (const file of compiled) {
      if (analysed && file.used !== 'whole') writeCache(file.cacheBase + WHOLE_ENDING, file.script.createCachedData());
      else if (!analysed && file.used === 'none') writeCache(file.cacheBase + BRIEF_ENDING, file.script.createCachedData());
    }
  });
}

function launch(): void {
  // Before any of the CLI's code is compiled, so that its code cache is made under the same options.
  const flags = shortRunV8Flags(process.versions.v8, process.execArgv);
  for (const flag of flags) setFlagsFromString(flag);
  if (flags.length > 0 && debugRequested(process.env)) {
    process.stderr.write(`api-guard: V8 options for a short run: ${flags.join(' ')}\n`);
  }
  const disabled = switchedOn(process.env.NODE_DISABLE_COMPILE_CACHE);
  const nodeCache = (Module as unknown as { enableCompileCache?: (directory?: string) => unknown }).enableCompileCache;
  const directory = disabled ? undefined : privateCacheDirectory();
  if (directory !== undefined) {
    if (typeof nodeCache === 'function') nodeCache(directory);
    else installCompileCache(directory);
  }
  require(mainBundle);
}

launch();
