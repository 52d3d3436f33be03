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
  url.hash = '';
  const target = url.href;
  const folders = policy.allowedFolders.length > 0 ? policy.allowedFolders : [directoryOf(baseUri)];
  const inside = folders.some((folder) => isInsideFolder(target, folder));
  if (!inside) return { kind: 'outside', uri: target };
  return { kind: 'local', uri: target, pointer };
}

export function directoryOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash < 0 ? uri : uri.slice(0, slash + 1);
}

export function isInsideFolder(uri: string, folder: string): boolean {
  const prefix = folder.endsWith('/') ? folder : folder + '/';
  return uri.startsWith(prefix);
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
