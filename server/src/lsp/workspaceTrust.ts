import type { ApiGuardSettings } from '../core/config/settings';

/**
 * Settings an untrusted workspace may not use: those that let analysis read more than the files of
 * the folder itself. Remote `$ref` hosts would make the server follow links a stranger wrote, and
 * an include pattern that climbs out of the folder (`../`) would read files beside it.
 */
export function restrictUntrustedSettings(settings: ApiGuardSettings): { settings: ApiGuardSettings; ignored: string[] } {
  const ignored: string[] = [];
  const restricted: ApiGuardSettings = { ...settings };
  if (settings.allowedRemoteRefHosts.length > 0) {
    restricted.allowedRemoteRefHosts = [];
    ignored.push(`allowedRemoteRefHosts (${settings.allowedRemoteRefHosts.join(', ')})`);
  }
  const leaving = settings.include.filter(leavesFolder);
  if (leaving.length > 0) {
    restricted.include = settings.include.filter((pattern) => !leavesFolder(pattern));
    ignored.push(`include (${leaving.join(', ')})`);
  }
  return { settings: restricted, ignored };
}

/** A pattern that names something outside the folder: absolute, or with a `..` segment. */
function leavesFolder(pattern: string): boolean {
  return pattern.startsWith('/') || pattern.startsWith('~') || /^[a-zA-Z]:[\\/]/.test(pattern) || pattern.split(/[\\/]/).includes('..');
}
