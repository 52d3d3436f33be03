import { defineMessages } from '../../../l10n/messages';
import { child } from '../../../model/ast';
import type { NodeRef, SecuritySchemeEntry } from '../../../openapi/types';

const messages = defineMessages({
  referencedHere: {
    en: 'Security scheme "{name}" refers to this definition here',
    de: 'Das Sicherheitsschema "{name}" verweist hier auf diese Definition',
  },
});

export interface SchemeLocation {
  at: NodeRef;
  related?: { at: NodeRef; message: string }[];
}

/**
 * Where a finding about a security scheme's definition belongs. An inline scheme is shown on its
 * name in `securitySchemes` / `securityDefinitions`. A scheme reached through `$ref` is shown in
 * the file that defines it (that is where it must be fixed), on the key that holds it there, or
 * on its `type` when the definition is a whole file; the referring entry becomes related.
 */
export function schemeLocation(scheme: SecuritySchemeEntry): SchemeLocation {
  if (scheme.at.node === scheme.entryAt.node) return { at: scheme.entryAt };
  const definition = scheme.at.node;
  const typeNode = child(definition, 'type');
  const at = definition.keyStart !== undefined || typeNode === undefined ? scheme.at : { doc: scheme.at.doc, node: typeNode };
  return { at, related: [{ at: scheme.entryAt, message: messages.referencedHere({ name: scheme.name }) }] };
}
