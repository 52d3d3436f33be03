import type { SchemaEntry } from '../../openapi/schemas';
import type { SpecRuleContext } from '../types';

/**
 * Runs `body`, which reports about the schema of `entry`, through the context's memo when it has
 * one (`SpecRuleContext.aboutSchema`, whose rules `body` must keep), else directly.
 */
export function aboutSchema(context: SpecRuleContext, entry: SchemaEntry, body: (entry: SchemaEntry) => void): void {
  if (context.aboutSchema === undefined) body(entry);
  else context.aboutSchema(entry, body);
}
