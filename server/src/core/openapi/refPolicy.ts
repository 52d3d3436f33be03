/** What `$ref`s may reach: the workspace folders, and remote hosts a setting names. */
export interface RefPolicy {
  /** Folder URIs (`file:///…`) inside which relative refs may be read. Empty: only the API's own folder. */
  allowedFolders: string[];
  /** Hosts (exact, or `*.example.com`) whose remote refs may be followed. Default empty. */
  allowedRemoteHosts: string[];
}

export type RefTarget =
  | { kind: 'local'; uri: string; pointer: string }
  | { kind: 'remote'; uri: string; host: string; allowed: boolean; pointer: string }
  | { kind: 'outside'; uri: string }
  | { kind: 'invalid'; message: string };

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
