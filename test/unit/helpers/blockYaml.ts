/**
 * A JSON value as YAML in block style, every key quoted and on a line of its own, so that
 * randomised edits land in keys, values and whole entries, and the incremental parse re-reads one
 * entry at a time.
 */
export function toBlockYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.map((item) => `${indent}-\n${toBlockYaml(item, `${indent}  `)}`).join('');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, item]) => (item !== null && typeof item === 'object' ? `${indent}${JSON.stringify(key)}:\n${toBlockYaml(item, `${indent}  `)}` : `${indent}${JSON.stringify(key)}: ${JSON.stringify(item)}\n`))
      .join('');
  }
  return `${indent}${JSON.stringify(value)}\n`;
}
