import type { ParsedDocument } from '../model/parseDocument';
import { ignoreDirectivesOf } from '../engine/suppressions';
import { fileTooLarge } from './meta/file-too-large';
import { ignoreReasonMissing } from './meta/ignore-reason-missing';
import { DOCUMENT_RULES } from './registry';
import { specParseError } from './spec/spec-parse-error';
import type { Report, RuleMeta } from './types';

/** Rules whose findings come from a document itself rather than from an API's structure. */
export const DOCUMENT_RULE_METAS = new Map<string, RuleMeta>(DOCUMENT_RULES.map((rule) => [rule.meta.id, rule.meta]));

/** Syntax errors, an over-limit file, and suppressions without a reason, for one document. */
export function documentProblemReports(doc: ParsedDocument): { ruleId: string; report: Report }[] {
  const reports: { ruleId: string; report: Report }[] = [];
  if (doc.skippedReason !== undefined) {
    reports.push({ ruleId: fileTooLarge.meta.id, report: { at: { doc, start: 0, end: 0 }, message: doc.skippedReason } });
    return reports;
  }
  for (const error of doc.errors) {
    reports.push({
      ruleId: specParseError.meta.id,
      report: {
        at: { doc, start: error.start, end: error.end },
        message: `${doc.format === 'json' ? 'JSON' : 'YAML'} syntax error: ${error.message}`,
        discriminator: `${error.start}`,
      },
    });
  }
  for (const directive of ignoreDirectivesOf(doc)) {
    if (directive.reason !== undefined) continue;
    reports.push({
      ruleId: ignoreReasonMissing.meta.id,
      report: {
        at: { doc, start: directive.start, end: directive.end },
        message: `Suppression of ${directive.rules.join(', ')} gives no reason; add one after " -- "`,
        discriminator: directive.rules.join(','),
      },
    });
  }
  return reports;
}
