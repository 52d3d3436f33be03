import type { Finding } from '../engine/finding';
import { nodeAtPointer } from '../model/ast';
import type { ApiDescription } from '../openapi/types';
import { SPEC_RULES } from '../rules/registry';
import type { FixProposal, SpecRule } from '../rules/types';
import type { FolderAnalysis } from '../workspace/folderAnalysis';

const rulesById = new Map<string, SpecRule>(SPEC_RULES.map((rule) => [rule.meta.id, rule]));

export function ruleHasFix(ruleId: string): boolean {
  return rulesById.get(ruleId)?.fix !== undefined;
}

/**
 * The rule's own quick fixes for a finding, computed from the current analysis: the finding's
 * pointer and data locate the node again, so a fix never relies on the message text. A rule
 * whose fix throws offers nothing rather than breaking the other actions.
 */
export function ruleFixes(analysis: FolderAnalysis, finding: Pick<Finding, 'ruleId' | 'uri' | 'pointer' | 'data'>, onError?: (error: unknown) => void): FixProposal[] {
  const rule = rulesById.get(finding.ruleId);
  if (rule?.fix === undefined) return [];
  for (const api of analysis.apisIncluding(finding.uri)) {
    const proposals = fixesInApi(rule, api, analysis, finding, onError);
    if (proposals.length > 0) return proposals;
  }
  return [];
}

function fixesInApi(rule: SpecRule, api: ApiDescription, analysis: FolderAnalysis, finding: Pick<Finding, 'ruleId' | 'uri' | 'pointer' | 'data'>, onError?: (error: unknown) => void): FixProposal[] {
  const doc = api.documents.find((candidate) => candidate.uri === finding.uri);
  if (doc === undefined) return [];
  const node = finding.pointer === undefined ? undefined : nodeAtPointer(doc.root, finding.pointer);
  try {
    return rule.fix!({ finding, api, doc, node, settings: analysis.settings }).filter((proposal) => proposal.edits.length > 0);
  } catch (error) {
    onError?.(error);
    return [];
  }
}
