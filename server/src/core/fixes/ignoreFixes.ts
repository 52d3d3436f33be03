import type { Finding } from '../engine/finding';
import { defineMessages } from '../l10n/messages';
import { child, isArray, isObject, nodeAtPointer, type AstNode, type ObjectNode } from '../model/ast';
import type { ParsedDocument } from '../model/parseDocument';
import type { FixProposal } from '../rules/types';
import { appendArrayItem, eolOf, insertProperty } from './structuralEdits';

const messages = defineMessages({
  ignoreHere: { en: 'Ignore {rule} here', de: '{rule} hier ignorieren' },
  ignoreFile: { en: 'Ignore {rule} in this file', de: '{rule} in dieser Datei ignorieren' },
});

/**
 * Maps whose keys are names chosen by the author (schemas, properties, responses by status …):
 * an `x-api-guard-ignore` key inside one of them would be read as one more entry, so the marker
 * goes on the nearest object above them instead.
 */
const NAME_MAPS = new Set([
  'properties', 'patternProperties', 'definitions', '$defs', 'schemas', 'securitySchemes', 'securityDefinitions',
  'parameters', 'responses', 'headers', 'content', 'examples', 'links', 'callbacks', 'variables', 'requestBodies',
  'pathItems', 'webhooks', 'scopes', 'mapping', 'encoding', 'dependentSchemas', 'paths',
]);

function isNameMap(node: ObjectNode): boolean {
  return typeof node.key === 'string' && NAME_MAPS.has(node.key) && node.parent !== undefined;
}

/** The object that should carry `x-api-guard-ignore` for a finding on `node`. */
function extensibleOwner(node: AstNode | undefined): ObjectNode | undefined {
  for (let current = node; current !== undefined; current = current.parent) {
    if (isObject(current) && !isNameMap(current) && !(current.parent !== undefined && isObject(current.parent) && current.parent.key === 'scopes')) return current;
  }
  return undefined;
}

/** Writes `rule` into an `x-api-guard-ignore` list on an object, creating the list when needed. */
function addToIgnoreList(doc: ParsedDocument, owner: ObjectNode, ruleId: string): FixProposal['edits'] {
  const existing = child(owner, 'x-api-guard-ignore');
  if (isArray(existing)) return [appendArrayItem(doc, existing, ruleId)];
  if (existing !== undefined) return [];
  return [insertProperty(doc, owner, 'x-api-guard-ignore', [ruleId], { atStart: true })];
}

/** "Ignore <rule> here" and "Ignore <rule> in this file", offered for every finding. */
export function ignoreFixes(doc: ParsedDocument, finding: Pick<Finding, 'ruleId' | 'pointer' | 'range'>): FixProposal[] {
  const proposals: FixProposal[] = [];
  const eol = eolOf(doc);
  const rule = finding.ruleId;
  if (doc.format === 'yaml') {
    const line = finding.range.start.line;
    const lineStart = doc.lines.lineStart(line);
    const indent = /^[ \t]*/.exec(doc.text.slice(lineStart, doc.lines.lineEnd(line)))![0];
    proposals.push({
      title: messages.ignoreHere({ rule }),
      edits: [{ uri: doc.uri, start: lineStart, end: lineStart, newText: `${indent}# api-guard-ignore ${rule} -- ${eol}` }],
    });
    const bom = doc.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    proposals.push({
      title: messages.ignoreFile({ rule }),
      edits: [{ uri: doc.uri, start: bom, end: bom, newText: `# api-guard-ignore-file ${rule} -- ${eol}` }],
    });
    return proposals;
  }
  const node = finding.pointer === undefined ? undefined : nodeAtPointer(doc.root, finding.pointer);
  const owner = extensibleOwner(node);
  if (owner !== undefined) {
    const edits = addToIgnoreList(doc, owner, rule);
    if (edits.length > 0) proposals.push({ title: messages.ignoreHere({ rule }), edits });
  }
  if (isObject(doc.root) && owner !== doc.root) {
    const edits = addToIgnoreList(doc, doc.root, rule);
    if (edits.length > 0) proposals.push({ title: messages.ignoreFile({ rule }), edits });
  }
  return proposals;
}
