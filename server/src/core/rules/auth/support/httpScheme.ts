import { childString } from '../../../model/ast';
import type { SecuritySchemeEntry } from '../../../openapi/types';

/**
 * The HTTP authentication scheme of an OAS 3.x `type: http` scheme, lower-cased: the registry
 * names are case-insensitive (RFC 9110 §11.1), so `Basic` and `basic` are the same scheme.
 */
export function httpSchemeOf(scheme: SecuritySchemeEntry): string | undefined {
  if (scheme.type !== 'http') return undefined;
  return childString(scheme.at.node, 'scheme')?.trim().toLowerCase();
}
