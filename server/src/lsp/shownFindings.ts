import { severityRank, type Finding } from '../core/engine/finding';

/** The fewest diagnostics per document a client may ask for: the findings shown and the note about the rest. */
export const MIN_DIAGNOSTICS_PER_DOCUMENT = 2;

export interface ShownFindings {
  /** The findings to show, in the order they were given. */
  shown: readonly Finding[];
  /** How many findings were left out; 0 when all are shown. */
  hidden: number;
}

/**
 * Which findings of a document to send to a client that shows at most `limit` diagnostics per
 * document. VS Code's extension host keeps 1,000 of a document's diagnostics, errors first, then
 * warnings, information and hints, each in the order received, and drops the rest: of the Stripe
 * specification's 7,090 findings, all but 12 are information, so it showed those of the first few
 * thousand lines and none further down, wherever one worked.
 *
 * When there are more findings than `limit`, this keeps `limit - 1` of them (the last place is for
 * the note that says how many are not shown): every severity from the most severe down as long as
 * all of its findings fit, and of the first severity that does not fit, the findings nearest to
 * `focusLine` (where the user last edited or looked); a finding whose lines contain the focus is at
 * distance 0, and of two at the same distance the earlier one is kept. Less severe findings are
 * left out. The findings kept stay in their given order.
 */
export function selectShownFindings(findings: readonly Finding[], limit: number, focusLine: number): ShownFindings {
  if (findings.length <= limit) return { shown: findings, hidden: 0 };
  const room = Math.max(0, limit - 1);
  const counts = [0, 0, 0, 0];
  for (const finding of findings) counts[severityRank(finding.severity)]++;
  let cutRank = 0;
  let taken = 0;
  while (cutRank < counts.length && taken + counts[cutRank] <= room) taken += counts[cutRank++];
  const keep = new Uint8Array(findings.length);
  const tier: number[] = [];
  for (let index = 0; index < findings.length; index++) {
    const rank = severityRank(findings[index].severity);
    if (rank < cutRank) keep[index] = 1;
    else if (rank === cutRank) tier.push(index);
  }
  keepNearest(findings, tier, room - taken, focusLine, keep);
  const shown: Finding[] = [];
  for (let index = 0; index < findings.length; index++) if (keep[index] === 1) shown.push(findings[index]);
  return { shown, hidden: findings.length - shown.length };
}

/**
 * Marks the `count` findings of `tier` (indices into `findings`) nearest to `focusLine`. Distance
 * and index are packed into one number per finding and sorted as a typed array, which takes well
 * under a millisecond for the 7,000 findings of one severity in a large document.
 */
function keepNearest(findings: readonly Finding[], tier: readonly number[], count: number, focusLine: number, keep: Uint8Array): void {
  if (count <= 0) return;
  const keys = new Float64Array(tier.length);
  for (let position = 0; position < tier.length; position++) {
    const { start, end } = findings[tier[position]].range;
    const distance = focusLine < start.line ? start.line - focusLine : focusLine > end.line ? focusLine - end.line : 0;
    keys[position] = distance * tier.length + position;
  }
  keys.sort();
  for (let position = 0; position < count && position < keys.length; position++) keep[tier[keys[position] % tier.length]] = 1;
}
