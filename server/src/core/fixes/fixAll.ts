import type { Finding } from '../engine/finding';
import { DocumentStore } from '../workspace/documentStore';
import type { FolderAnalysis } from '../workspace/folderAnalysis';
import { ruleFixes } from './computeFixes';
import { applyEdits, editsOverlap, type TextEdit } from './textEdit';

export interface FixAllOptions {
  /** Only findings of these rules (CLI `--rule`). */
  rules?: ReadonlySet<string>;
  /** Upper bound on fix rounds; each round re-analyses what the previous one changed. */
  maxRounds?: number;
}

export interface AppliedFix {
  ruleId: string;
  /** The document that holds the finding. */
  uri: string;
  title: string;
  /** The documents the fix edited (the finding's own, or another file of the API, or both). */
  files: string[];
}

export interface FixAllResult {
  /** New text per changed file. */
  texts: Map<string, string>;
  applied: AppliedFix[];
  /** Files left alone because they have syntax errors. */
  skippedBroken: string[];
}

/**
 * Applies every safe, unambiguous fix to the findings in `uris`, re-analysing between rounds
 * until nothing is left to fix, so that running it twice changes nothing the second time. Files
 * with syntax errors are never touched. Works on a forked analysis: nothing is written anywhere.
 */
export function fixAll(analysis: FolderAnalysis, store: DocumentStore, uris: readonly string[], options: FixAllOptions = {}): FixAllResult {
  const overlay = new Map<string, string>();
  const applied: AppliedFix[] = [];
  const skippedBroken = new Set<string>();
  const targets = new Set(uris);
  const maxRounds = options.maxRounds ?? 8;
  for (let round = 0; round < maxRounds; round++) {
    const scratchStore = new DocumentStore({ read: (uri) => overlay.get(uri) ?? store.get(uri)?.text }, store.maxFileSizeBytes);
    const scratch = analysis.fork(scratchStore);
    scratch.update();
    const findings: Finding[] = [];
    for (const [uri, list] of scratch.findingsByUri()) if (targets.has(uri)) findings.push(...list);
    const chosen: { edits: TextEdit[]; fix: AppliedFix }[] = [];
    const taken: TextEdit[] = [];
    for (const finding of findings) {
      if (options.rules !== undefined && !options.rules.has(finding.ruleId)) continue;
      const proposals = ruleFixes(scratch, finding).filter((proposal) => proposal.safe === true);
      const proposal = proposals.length === 1 ? proposals[0] : proposals.find((candidate) => candidate.isPreferred);
      if (proposal === undefined) continue;
      const broken = proposal.edits.find((edit) => {
        const doc = scratchStore.get(edit.uri);
        return doc === undefined || doc.errors.length > 0 || doc.root === undefined;
      });
      if (broken !== undefined) {
        skippedBroken.add(broken.uri);
        continue;
      }
      if (proposal.edits.some((edit) => taken.some((other) => editsOverlap(edit, other)))) continue;
      taken.push(...proposal.edits);
      chosen.push({ edits: proposal.edits, fix: { ruleId: finding.ruleId, uri: finding.uri, title: proposal.title, files: [...new Set(proposal.edits.map((edit) => edit.uri))] } });
    }
    if (chosen.length === 0) break;
    const byUri = new Map<string, TextEdit[]>();
    for (const { edits } of chosen) {
      for (const edit of edits) {
        let list = byUri.get(edit.uri);
        if (list === undefined) byUri.set(edit.uri, (list = []));
        list.push(edit);
      }
    }
    for (const [uri, edits] of byUri) {
      const before = overlay.get(uri) ?? scratchStore.get(uri)!.text;
      overlay.set(uri, applyEdits(before, edits));
    }
    applied.push(...chosen.map(({ fix }) => fix));
  }
  const texts = new Map<string, string>();
  for (const [uri, text] of overlay) if (text !== store.get(uri)?.text) texts.set(uri, text);
  return { texts, applied, skippedBroken: [...skippedBroken] };
}

/** The smallest single replacement turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(uri: string, before: string, after: string): TextEdit {
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { uri, start, end: endBefore, newText: after.slice(start, endAfter) };
}
