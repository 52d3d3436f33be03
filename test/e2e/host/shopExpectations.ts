/**
 * What API Guard must show for the example workspace examples/shop, typed for the extension-host
 * suite. The table lives in test/e2e/fixtures/shop-expectations.json so that the UI suite checks
 * the Problems panel against the very same entries.
 */
import expectations from '../fixtures/shop-expectations.json';
import type { SeverityName } from './vscodeHelpers';

export interface ExpectedFinding {
  file: string;
  code: string;
  severity: SeverityName;
  /** `startLine:startCharacter-endLine:endCharacter`, 0-based. */
  range: string;
  /** The document text inside the range. */
  text: string;
  note?: string;
}

export const SHOP_PLANTED_FINDINGS = expectations.plantedFindings as readonly ExpectedFinding[];

/** Findings the team configuration or a suppression keeps out of the Problems panel. */
export const SHOP_QUIET: {
  excludedFile: string;
  ruleOff: string;
  suppressed: { file: string; code: string };
} = expectations.quiet;
