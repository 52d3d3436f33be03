import { child } from '../../../model/ast';
import { schemaTypes } from '../../../openapi/schemas';
import type { ApiDescription, NodeRef } from '../../../openapi/types';

/**
 * The object that carries a parameter's `type` and `format`: the parameter itself in Swagger
 * 2.0, its resolved `schema` in OpenAPI 3.x (undefined when it has none, e.g. `content` only).
 */
export function parameterSchema(api: ApiDescription, parameter: NodeRef): NodeRef | undefined {
  if (api.version === '2.0') return parameter;
  const schema = child(parameter.node, 'schema');
  return schema === undefined ? undefined : api.resolve({ doc: parameter.doc, node: schema });
}

export function parameterTypes(api: ApiDescription, parameter: NodeRef): Set<string> {
  return schemaTypes(parameterSchema(api, parameter)?.node);
}
