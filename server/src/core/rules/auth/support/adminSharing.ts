import type { ApiDescription, OperationEntry } from '../../../openapi/types';
import { schemeUsesOf } from './securityLists';

/** True when one segment of the path template is `admin` (in any letter case). */
export function isAdminPath(path: string): boolean {
  return path.split('/').some((segment) => segment.toLowerCase() === 'admin');
}

/** A scheme an operation's effective security names, with the scopes it asks for. */
export interface SchemeUseView {
  name: string;
  scopes: readonly string[];
}

/** The scheme uses of each operation; a quick fix passes a changed view to foresee its effect. */
export type SchemeUsesOf = (operation: OperationEntry) => readonly SchemeUseView[];

const currentUses: SchemeUsesOf = (operation) => schemeUsesOf(operation.security);

/** An admin operation that accepts credentials non-admin operations accept too. */
export interface AdminSharing {
  operation: OperationEntry;
  /** The shared scheme names, in the order the operation names them. */
  shared: string[];
  /** The first non-admin operation that uses `shared[0]`. */
  sharedWith: OperationEntry;
}

/**
 * Every admin operation (a path segment `admin`) whose effective security names a scheme that a
 * non-admin operation names too, unless the admin operation requires, with it, a scope that no
 * non-admin operation requires with that scheme.
 */
export function adminSharedSchemes(api: ApiDescription, usesOf: SchemeUsesOf = currentUses): AdminSharing[] {
  const nonAdminUses = new Map<string, { scopes: Set<string>; firstOperation: OperationEntry }>();
  const adminOperations: OperationEntry[] = [];
  for (const operation of api.operations) {
    if (isAdminPath(operation.path)) {
      adminOperations.push(operation);
      continue;
    }
    for (const use of usesOf(operation)) {
      let known = nonAdminUses.get(use.name);
      if (known === undefined) {
        known = { scopes: new Set(), firstOperation: operation };
        nonAdminUses.set(use.name, known);
      }
      for (const scope of use.scopes) known.scopes.add(scope);
    }
  }
  const out: AdminSharing[] = [];
  for (const operation of adminOperations) {
    const shared: string[] = [];
    for (const use of usesOf(operation)) {
      const known = nonAdminUses.get(use.name);
      if (known === undefined || shared.includes(use.name)) continue;
      const hasOwnScope = use.scopes.some((scope) => !known.scopes.has(scope));
      if (!hasOwnScope) shared.push(use.name);
    }
    if (shared.length > 0) out.push({ operation, shared, sharedWith: nonAdminUses.get(shared[0])!.firstOperation });
  }
  return out;
}

/**
 * Whether changing the scheme uses as `usesOf` describes would make some admin operation share a
 * scheme it does not share today: a quick fix that adds or renames a requirement must not turn
 * one finding into an `auth-admin-shared-scheme` error.
 */
export function introducesAdminSharing(api: ApiDescription, usesOf: SchemeUsesOf): boolean {
  const before = new Map<OperationEntry, Set<string>>();
  for (const entry of adminSharedSchemes(api)) before.set(entry.operation, new Set(entry.shared));
  return adminSharedSchemes(api, usesOf).some((entry) => entry.shared.some((name) => before.get(entry.operation)?.has(name) !== true));
}
