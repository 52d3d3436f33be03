/** What `$ref`s may reach: the workspace folders, and remote hosts a setting names. */
export interface RefPolicy {
  /** Folder URIs (`file:///…`) inside which relative refs may be read. Empty: only the API's own folder. */
  allowedFolders: string[];
  /** Hosts (exact, or `*.example.com`) whose remote refs may be followed. Default empty. */
  allowedRemoteHosts: string[];
}

export type RefTarget =
  | { readonly kind: 'local'; readonly uri: string; readonly pointer: string }
  | { readonly kind: 'remote'; readonly uri: string; readonly host: string; readonly allowed: boolean; readonly pointer: string }
  | { readonly kind: 'outside'; readonly uri: string }
  | { readonly kind: 'invalid'; readonly message: string };

export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const p = pattern.toLowerCase().trim().replace(/^\[|\]$/g, '');
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) || h === p.slice(2);
  return h === p;
}

/** Works out where a `$ref` string written in the document at `baseUri` points, without reading. */
export function locateRef(ref: string, baseUri: string, policy: RefPolicy): RefTarget {
  const hash = ref.indexOf('#');
  const filePart = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  if (filePart === '') return { kind: 'local', uri: baseUri, pointer };
  const simple = resolveSimpleFileRef(filePart, baseUri);
  if (simple !== undefined) return fileTarget(simple, pointer, baseUri, policy);
  let url: URL;
  try {
    url = new URL(filePart, baseUri);
  } catch {
    return { kind: 'invalid', message: `"${ref}" is not a valid reference` };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const allowed = policy.allowedRemoteHosts.some((pattern) => hostMatches(url.hostname, pattern));
    return { kind: 'remote', uri: url.href, host: url.hostname, allowed, pointer };
  }
  if (url.protocol !== 'file:' && !/^[a-z][a-z0-9+.-]*:$/.test(url.protocol)) {
    return { kind: 'invalid', message: `"${ref}" uses an unsupported scheme` };
  }
  // `filePart` stops before any `#`: the address has no fragment to drop.
  return fileTarget(url.href, pointer, baseUri, policy);
}

/** A file reference's target: local when inside an allowed folder (the base's own when none is set). */
function fileTarget(uri: string, pointer: string, baseUri: string, policy: RefPolicy): RefTarget {
  const folders = policy.allowedFolders.length > 0 ? policy.allowedFolders : [directoryOf(baseUri)];
  const inside = folders.some((folder) => isInsideFolder(uri, folder));
  return inside ? { kind: 'local', uri, pointer } : { kind: 'outside', uri };
}

/** A relative path (not from the root, not to a host) made of characters that a URL keeps as they are. */
const SIMPLE_REF = /^(?!\/)[A-Za-z0-9._~/-]+$/;
/**
 * A `file:` URI without a host whose path a URL keeps as it is: plain characters, no `.`, `..` or
 * empty segments, and a folder below the root (Node 20's URL parser resolves some dot segments
 * against a file at the root unlike the standard, and the URL parser stays the judge there).
 */
const SIMPLE_FILE_BASE = /^file:\/\/(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._~-]+){2,}$/;

/**
 * What `new URL(filePart, baseUri).href` gives, for the relative references nearly every spec is
 * written with (`../models/pet.yaml`) in a file whose URI is plain; undefined for anything else,
 * which the URL parser resolves. The DigitalOcean spec locates some 10,000 references in 2,900
 * files, and a URL object each took a few microseconds. The dot segments are resolved as the URL
 * standard resolves them: `..` drops the segment before it (none at the root), and a `.` or `..`
 * at the end leaves a trailing slash. `refPolicy.test.ts` compares the two on many made-up paths.
 */
export function resolveSimpleFileRef(filePart: string, baseUri: string): string | undefined {
  if (!SIMPLE_REF.test(filePart) || !SIMPLE_FILE_BASE.test(baseUri)) return undefined;
  // Most references climb a few folders and then name a file: `../../models/pet.yaml`.
  let folderEnd = baseUri.lastIndexOf('/');
  let at = 0;
  for (;;) {
    if (filePart.startsWith('../', at)) {
      // The root stays the root (`file://` is followed by at least the root's slash).
      if (folderEnd > FILE_SCHEME_LENGTH) folderEnd = baseUri.lastIndexOf('/', folderEnd - 1);
      at += 3;
    } else if (filePart.startsWith('./', at)) at += 2;
    else break;
  }
  if (!hasDotSegment(filePart, at)) return baseUri.slice(0, folderEnd + 1) + filePart.slice(at);
  // `file:///w/specs/api.yaml` gives ['', 'w', 'specs']: the folder of the base, joined back with a leading slash.
  const segments = baseUri.slice(FILE_SCHEME_LENGTH, baseUri.lastIndexOf('/')).split('/');
  const parts = filePart.split('/');
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const last = index === parts.length - 1;
    if (part === '..') {
      if (segments.length > 1) segments.pop();
      if (last) segments.push('');
    } else if (part === '.') {
      if (last) segments.push('');
    } else segments.push(part);
  }
  return 'file://' + segments.join('/');
}

const FILE_SCHEME_LENGTH = 'file://'.length;

/** Whether a path from `from` on has a `.` or `..` segment, or is empty. */
function hasDotSegment(path: string, from: number): boolean {
  if (from === path.length) return true;
  for (let start = from; start <= path.length; ) {
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    const length = end - start;
    if ((length === 1 || length === 2) && path.charCodeAt(start) === 0x2e && (length === 1 || path.charCodeAt(start + 1) === 0x2e)) return true;
    start = end + 1;
  }
  return false;
}

export function directoryOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash < 0 ? uri : uri.slice(0, slash + 1);
}

export function isInsideFolder(uri: string, folder: string): boolean {
  // `uri` starts with `folder` and a slash (a folder given without its trailing slash gets one).
  if (!uri.startsWith(folder)) return false;
  return folder.endsWith('/') || uri.charCodeAt(folder.length) === 0x2f;
}

/**
 * `locateRef`'s answers for the references written in the document at `baseUri`, kept per policy
 * from one build of an API to the next (`buildApiSteps`), to be looked up and added to by ref.
 *
 * An API of thousands of fragment files is built again on every keystroke in one of them, and
 * locating each reference meant a URL parse and a new target URI string, which every lookup of the
 * target document then hashed anew: some 25 ms of each keystroke in a fragment of the DigitalOcean
 * specification (2,900 files). The answer depends only on the reference, the base URI and the
 * policy (a new policy, after a settings change, starts afresh). A policy's maps are all dropped
 * when they cover more than `MAX_LOCATED_BASES` documents, and a document's map when it holds
 * more than `MAX_LOCATED_REFS` references, so that files deleted or renamed, and references typed
 * a letter at a time, do not pile up over a long session.
 */
export function locatedRefsOf(baseUri: string, policy: RefPolicy): Map<string, RefTarget> {
  let byBase = locatedByPolicy.get(policy);
  if (byBase === undefined) locatedByPolicy.set(policy, (byBase = new Map()));
  let located = byBase.get(baseUri);
  if (located === undefined) {
    if (byBase.size >= MAX_LOCATED_BASES) byBase.clear();
    byBase.set(baseUri, (located = new Map()));
  } else if (located.size >= MAX_LOCATED_REFS) located.clear();
  return located;
}

const MAX_LOCATED_BASES = 50_000;
const MAX_LOCATED_REFS = 20_000;
const locatedByPolicy = new WeakMap<RefPolicy, Map<string, Map<string, RefTarget>>>();
