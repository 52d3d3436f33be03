import { compareFindings, type Finding } from '../core/engine/finding';

/**
 * Per finding, what makes two findings of overlapping folders the same. Kept for the findings of
 * open documents, which the engine hands out again as the same objects while they do not change
 * (findings are never modified).
 */
const duplicateKeys = new WeakMap<Finding, string>();

function duplicateKey(finding: Finding, keep: boolean): string {
  let key = keep ? duplicateKeys.get(finding) : undefined;
  if (key === undefined) {
    key = `${finding.ruleId}|${finding.range.start.line}:${finding.range.start.character}|${finding.message}`;
    if (keep) duplicateKeys.set(finding, key);
  }
  return key;
}

/**
 * A document's findings from every source (the spec findings of each folder that includes it, its
 * code findings, a configuration file's problems) without duplicates by `duplicateKey`, in order.
 * A single list in `compareFindings` order, as every folder's spec findings are, holds its
 * duplicates next to each other, so no key is built for it: the 11,000 findings of the GitHub spec
 * took some 20 ms to key during a workspace scan.
 */
export function withoutDuplicates(sources: readonly (readonly Finding[])[], keep: boolean): Finding[] {
  if (sources.length === 1) {
    const list = sources[0];
    const kept: Finding[] = [];
    let index = 0;
    for (; index < list.length; index++) {
      if (index > 0) {
        const order = compareFindings(list[index - 1], list[index]);
        if (order > 0) break;
        if (order === 0) continue;
      }
      kept.push(list[index]);
    }
    if (index === list.length) return kept;
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const finding of source) {
      const key = duplicateKey(finding, keep);
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return findings;
}
