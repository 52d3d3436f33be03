import { child, isObject, type AstNode } from '../../../model/ast';
import type { ApiDescription } from '../../../openapi/types';

function isReference(node: AstNode | undefined): boolean {
  return isObject(node) && node.properties.has('$ref');
}

/**
 * False when the container of the security schemes is a `$ref` that did not resolve (3.x
 * `components` or `components.securitySchemes`, 2.0 `securityDefinitions`). Then no one can tell
 * which names are defined, `ref-unresolved` already reports the cause, and rules that compare
 * requirements with definitions stay quiet.
 */
export function schemeDefinitionsReadable(api: ApiDescription): boolean {
  if (api.securitySchemesAt !== undefined) return !isReference(api.securitySchemesAt.node);
  if (api.version === '2.0') return true;
  const components = child(api.root.root, 'components');
  return components === undefined || !isReference(api.resolve({ doc: api.root, node: components }).node);
}
