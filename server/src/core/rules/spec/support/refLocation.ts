import type { NodeRef, RefSite } from '../../../openapi/types';

/** Where a finding about a reference goes: the `$ref` string itself (reported with part 'value'). */
export function refValueAt(site: RefSite): NodeRef {
  return { doc: site.doc, node: site.node.properties.get('$ref') ?? site.node };
}
