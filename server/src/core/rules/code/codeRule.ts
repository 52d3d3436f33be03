import type { CallSite, SourceSpan } from '../../code/callSite';
import type { CodeExtraction } from '../../code/codeExtraction';
import type { CallMatch } from '../../code/matchCall';
import type { ApiGuardSettings } from '../../config/settings';
import type { ApiDescription, NodeRef } from '../../openapi/types';
import type { RuleMeta, Severity } from '../types';

/** One finding of a code rule, located by a span of the code file (never by line numbers computed here). */
export interface CodeReport {
  at: SourceSpan;
  message: string;
  /** The severity of this finding when the user has not configured one. */
  severity?: Severity;
  /** Hosts on `allowedInsecureHosts` are reported as hints whatever the configured severity. */
  allowlisted?: boolean;
  /** What a quick fix needs; plain JSON. */
  data?: Record<string, unknown>;
  /** The other end: the operation a call matched, the spec file an operation would go to. */
  related?: { at: NodeRef; message: string }[];
  /** Distinguishes two findings of one rule on one piece of code (for stable fingerprints). */
  discriminator?: string;
}

export interface CodeRuleContext {
  extraction: CodeExtraction;
  /** One match per call site, in the order of `extraction.callSites`. */
  matches: readonly CallMatch[];
  apis: readonly ApiDescription[];
  settings: ApiGuardSettings;
  report(report: CodeReport): void;
}

/** A rule of RULES.md section F: metadata like a spec rule, and a check over one code file's facts. */
export interface CodeRule {
  meta: RuleMeta;
  check(context: CodeRuleContext): void;
}

/** The related location of a matched operation, for `relatedInformation`. */
export function operationRelated(match: CallMatch, message: string): { at: NodeRef; message: string }[] {
  return match.outcome === 'matched' && match.operation !== undefined ? [{ at: match.operation.operation, message }] : [];
}

/** `GET /orders/{id}` or the operation id, for messages. */
export function operationLabel(match: CallMatch): string {
  const operation = match.operation;
  if (operation === undefined) return '';
  return operation.operationId ?? `${operation.method.toUpperCase()} ${operation.path}`;
}

/** The API's title, or its file name when it has none, for messages. */
export function apiLabel(api: ApiDescription | undefined): string {
  if (api === undefined) return '';
  return api.title ?? api.root.uri.slice(api.root.uri.lastIndexOf('/') + 1);
}

/** Where a call's findings go: its URL argument when there is one, else the whole call. */
export function callSpan(call: CallSite): SourceSpan {
  const { urlStart, urlEnd } = call.offsets;
  if (call.urlRange !== undefined && urlStart !== undefined && urlEnd !== undefined) {
    return { start: urlStart, end: urlEnd, range: call.urlRange, context: call.context, statementLine: call.statementLine };
  }
  return { start: call.offsets.start, end: call.offsets.end, range: call.range, context: call.context, statementLine: call.statementLine };
}
