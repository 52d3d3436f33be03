import { AUTH_RULES } from './auth';
import { CODE_RULE_METAS } from './code/codeRules';
import { DOC_RULES } from './doc';
import { LIMIT_RULES } from './limit';
import { configInvalid } from './meta/config-invalid';
import { fileTooLarge } from './meta/file-too-large';
import { ignoreReasonMissing } from './meta/ignore-reason-missing';
import { SPEC_STRUCTURE_RULES } from './spec';
import { specParseError } from './spec/spec-parse-error';
import { TLS_RULES } from './tls';
import type { DocumentRule, RuleMeta, SpecRule } from './types';

/** Every OpenAPI rule that checks an API's structure, in catalogue order (RULES.md sections A–E). */
export const SPEC_RULES: readonly SpecRule[] = [...AUTH_RULES, ...TLS_RULES, ...DOC_RULES, ...LIMIT_RULES, ...SPEC_STRUCTURE_RULES];

/** Rules the engine applies to each document itself. */
export const DOCUMENT_RULES: readonly DocumentRule[] = [specParseError, fileTooLarge, ignoreReasonMissing, configInvalid];

// Code rules are known statically, so that docs, settings and SARIF list them even when no code was analysed.
const codeRuleMeta: RuleMeta[] = [...CODE_RULE_METAS];

/** Metadata of every rule, spec and code, for docs, settings schema, SARIF and the README. */
export function allRuleMeta(): RuleMeta[] {
  return [...SPEC_RULES.map((rule) => rule.meta), ...DOCUMENT_RULES.map((rule) => rule.meta), ...codeRuleMeta];
}

/** Code rules (RULES.md section F) add their metadata here so that docs and settings include them. */
export function registerCodeRuleMeta(metas: readonly RuleMeta[]): void {
  for (const meta of metas) if (!codeRuleMeta.some((existing) => existing.id === meta.id)) codeRuleMeta.push(meta);
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRuleMeta().find((meta) => meta.id === id);
}
