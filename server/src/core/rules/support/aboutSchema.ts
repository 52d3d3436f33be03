import { schemasOf, type SchemaEntry } from '../../openapi/schemas';
import type { EachSchema, SpecRuleContext } from '../types';

/**
 * Runs `body`, which reports about the schema of `entry`, through the context's memo when it has
 * one (`SpecRuleContext.aboutSchema`, whose rules `body` must keep), else directly.
 */
export function aboutSchema(context: SpecRuleContext, entry: SchemaEntry, body: (entry: SchemaEntry) => void): void {
  if (context.aboutSchema === undefined) body(entry);
  else context.aboutSchema(entry, body);
}

/**
 * The `check` of a rule that reports only about single schemas (`SpecRule.eachSchema`): every
 * selected entry of the schema index, in order, through the context's memo.
 */
export function checkEachSchema(each: EachSchema, context: SpecRuleContext): void {
  const about = (entry: SchemaEntry): void => each.about(entry, context);
  for (const entry of schemasOf(context.api).entries) {
    if (each.selects(entry, context.api)) aboutSchema(context, entry, about);
  }
}
