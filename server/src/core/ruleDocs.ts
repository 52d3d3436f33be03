/**
 * Where each rule's documentation page lives: the CLI's reports link to it, the editor's
 * diagnostics link their code to it. No imports, so that the extension client can use it too.
 */
export const RULE_DOCS_BASE = 'https://github.com/api-guard/api-guard/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${encodeURIComponent(ruleId)}.md`;
}
