import { toFinding } from '../engine/analyseApi';
import type { Finding } from '../engine/finding';
import { parseDocument } from '../model/parseDocument';
import { configInvalid } from '../rules/meta/config-invalid';
import type { ConfigProblem } from './loadConfig';
import { defaultSettings, type ApiGuardSettings } from './settings';

/**
 * Turns the problems of a configuration file into findings of rule `config-invalid`, so that the
 * language server publishes them as diagnostics on the file and the CLI prints them like any
 * other finding. `settings` decides the rule's severity (a team may turn it down or off).
 */
export function configProblemFindings(
  uri: string,
  text: string,
  problems: readonly ConfigProblem[],
  settings: ApiGuardSettings = defaultSettings(),
  folderUri?: string,
): Finding[] {
  if (problems.length === 0) return [];
  const doc = parseDocument(uri, text);
  const findings: Finding[] = [];
  for (const problem of problems) {
    const finding = toFinding(
      configInvalid.meta,
      { at: { doc, start: problem.start, end: problem.end }, message: problem.message, discriminator: problem.message },
      settings,
      folderUri,
    );
    if (finding !== undefined) findings.push(finding);
  }
  return findings;
}
