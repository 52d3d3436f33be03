import type { AstNode } from '../../../model/ast';
import { readSecurity } from '../../../openapi/operations';
import type { ApiDescription, EffectiveSecurity, NodeRef, SecurityRequirementEntry } from '../../../openapi/types';

/**
 * Every `security` array of the API once: the root one (also when no operation inherits it) and
 * each operation's own. Rules about what a requirement names check each array once, however many
 * operations share it (a path item reached from two paths through `$ref` shares its operations).
 */
export function securityListsOf(api: ApiDescription): EffectiveSecurity[] {
  const lists: EffectiveSecurity[] = [];
  const seen = new Set<AstNode>();
  if (api.rootSecurityAt !== undefined) {
    seen.add(api.rootSecurityAt.node);
    lists.push(readSecurity(api, api.rootSecurityAt, 'root'));
  }
  for (const operation of api.operations) {
    const security = operation.security;
    if (security.source !== 'operation' || security.at === undefined || seen.has(security.at.node)) continue;
    seen.add(security.at.node);
    lists.push(security);
  }
  return lists;
}

export interface SchemeUse {
  requirement: SecurityRequirementEntry;
  /** The scheme name as the requirement writes it. */
  name: string;
  scopes: string[];
  /** The scope list, held under the scheme name (so its key is the name). */
  at: NodeRef;
}

/** Each scheme named by any requirement of a list, with its scopes. */
export function schemeUsesOf(security: EffectiveSecurity): SchemeUse[] {
  const uses: SchemeUse[] = [];
  for (const requirement of security.requirements) {
    for (const [name, use] of requirement.schemes) uses.push({ requirement, name, scopes: use.scopes, at: use.at });
  }
  return uses;
}
