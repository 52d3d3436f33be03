/**
 * Text shared by the documentation pages of the encryption and documentation rules, so that
 * every page explains suppression the same way (RULES.md, "Suppression").
 */

/**
 * The "Suppressing" section of a rule's page. `annotated` is a YAML line the example comment
 * sits above, and `reason` the kind of reason a team would write for this rule.
 */
export function suppressionSection(ruleId: string, annotated: string, reason: string): string {
  const indent = /^\s*/.exec(annotated)?.[0] ?? '';
  return [
    '## Suppressing',
    '',
    'When a finding is intended, record why next to it. A comment on the line above (or at the end',
    'of the line) hides the finding on that line:',
    '',
    '```yaml',
    `${indent}# api-guard-ignore ${ruleId} -- ${reason}`,
    annotated,
    '```',
    '',
    `\`x-api-guard-ignore: [${ruleId}]\` on an object hides the rule for that object and everything`,
    `below it, and \`# api-guard-ignore-file ${ruleId} -- reason\` anywhere in a file hides it for the`,
    'whole file. A suppression without a reason after `--` is itself reported as a hint.',
  ].join('\n');
}

