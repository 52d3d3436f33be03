import { defineMessages } from '../../../l10n/messages';
import { child, childString, isObject, pointerOf, type AstNode, type ObjectNode } from '../../../model/ast';
import type { NodeRef } from '../../../openapi/types';
import type { Report } from '../../types';

const labels = defineMessages({
  property: { en: 'property "{name}"', de: 'Eigenschaft „{name}“' },
  parameter: { en: 'parameter "{name}"', de: 'Parameter „{name}“' },
  header: { en: 'header "{name}"', de: 'Header „{name}“' },
  schema: { en: 'schema "{name}"', de: 'Schema „{name}“' },
  items: { en: 'items of {owner}', de: 'Elemente von {owner}' },
  values: { en: 'values of {owner}', de: 'Werte von {owner}' },
  body: { en: 'body schema ({mediaType})', de: 'Body-Schema ({mediaType})' },
  responseBody: { en: 'body schema of response {status}', de: 'Body-Schema der Antwort {status}' },
  at: { en: 'schema at {pointer}', de: 'Schema bei {pointer}' },
});

export interface SchemaLocation {
  /** Where a finding about the schema goes: its key when it has one, else its `type`, else the node. */
  at: NodeRef;
  part: Report['part'];
  /** A short localised name for messages: `property "email"`, `items of schema "Tags"`, … */
  label: string;
}

/** Where and under which name a finding about a schema node is reported. */
export function schemaLocation(at: NodeRef & { node: ObjectNode }): SchemaLocation {
  const node = at.node;
  // A file that is one schema as a whole goes by its file name.
  const label = node.parent === undefined ? labels.schema({ name: fileName(at.doc.uri) }) : schemaLabel(node);
  if (node.keyStart !== undefined) return { at, part: 'key', label };
  const type = child(node, 'type');
  if (type?.keyStart !== undefined) return { at: { doc: at.doc, node: type }, part: 'key', label };
  return { at, part: 'value', label };
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** The name a schema node goes by, from where it is written. */
export function schemaLabel(node: AstNode): string {
  const parent = node.parent;
  const key = node.key;
  if (isObject(parent)) {
    const grand = parent.parent;
    const name = String(key);
    if (parent.key === 'properties' && isObject(grand)) return labels.property({ name });
    if ((parent.key === 'schemas' && grand?.key === 'components') || (parent.key === 'definitions' && grand?.parent === undefined)) {
      return labels.schema({ name });
    }
    if (parent.key === 'headers') return labels.header({ name });
    if (key === 'items') return labels.items({ owner: schemaLabel(parent) });
    if (key === 'additionalProperties') return labels.values({ owner: schemaLabel(parent) });
    if (key === 'schema') {
      if (child(parent, 'in') !== undefined) return labels.parameter({ name: childString(parent, 'name') ?? '?' });
      if (parent.parent?.key === 'content') return labels.body({ mediaType: String(parent.key) });
      if (parent.parent?.key === 'headers') return labels.header({ name: String(parent.key) });
      if (parent.parent?.key === 'responses') return labels.responseBody({ status: String(parent.key) });
    }
  }
  if (isObject(node) && child(node, 'in') !== undefined && childString(node, 'name') !== undefined) {
    return labels.parameter({ name: childString(node, 'name')! });
  }
  return labels.at({ pointer: pointerOf(node) || '#' });
}
