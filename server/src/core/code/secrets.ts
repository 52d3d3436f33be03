/**
 * Facts about credentials in source code (CODE-PATTERNS.md section 3): provider key formats,
 * secret-looking names, placeholders that are never reported, entropy, and masking.
 */

export interface ProviderFormat {
  id: string;
  label: string;
  labelDe: string;
  pattern: RegExp;
  /** Text that every match of `pattern` contains, for looking for the format in a whole file. */
  markers: readonly string[];
}

/** High-confidence formats: a match is a credential whatever name it is assigned to. */
export const PROVIDER_FORMATS: readonly ProviderFormat[] = [
  { id: 'aws-access-key-id', label: 'AWS access key id', labelDe: 'AWS-Zugriffsschlüssel-ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/, markers: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'AROA', 'ASCA'] },
  { id: 'stripe-secret-key', label: 'Stripe secret key', labelDe: 'Geheimer Stripe-Schlüssel', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}\b/, markers: ['_live_'] },
  { id: 'github-token', label: 'GitHub token', labelDe: 'GitHub-Token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/, markers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'] },
  { id: 'slack-token', label: 'Slack token', labelDe: 'Slack-Token', pattern: /\bxox[bpars]-[A-Za-z0-9-]{10,}\b/, markers: ['xox'] },
  { id: 'google-api-key', label: 'Google API key', labelDe: 'Google-API-Schlüssel', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, markers: ['AIza'] },
  { id: 'sendgrid-api-key', label: 'SendGrid API key', labelDe: 'SendGrid-API-Schlüssel', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b/, markers: ['SG.'] },
  { id: 'openai-api-key', label: 'OpenAI API key', labelDe: 'OpenAI-API-Schlüssel', pattern: /\bsk-proj-[A-Za-z0-9_-]{20,}/, markers: ['sk-proj-'] },
  { id: 'anthropic-api-key', label: 'Anthropic API key', labelDe: 'Anthropic-API-Schlüssel', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/, markers: ['sk-ant-'] },
  { id: 'jwt', label: 'JSON Web Token', labelDe: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/, markers: ['eyJ'] },
  { id: 'private-key', label: 'Private key', labelDe: 'Privater Schlüssel', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/, markers: ['-----BEGIN '] },
];

/** An AWS secret access key has no prefix; it counts only under an AWS-looking name. */
export const AWS_SECRET_VALUE = /^[A-Za-z0-9/+=]{40}$/;
export const AWS_SECRET_NAME = /aws.*(secret|key)|secret.*access.*key/i;

export function providerFormatOf(value: string, name?: string): ProviderFormat | undefined {
  for (const format of PROVIDER_FORMATS) if (format.pattern.test(value)) return format;
  if (name !== undefined && AWS_SECRET_NAME.test(name) && AWS_SECRET_VALUE.test(value) && /[0-9]/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value)) {
    return { id: 'aws-secret-access-key', label: 'AWS secret access key', labelDe: 'Geheimer AWS-Zugriffsschlüssel', pattern: AWS_SECRET_VALUE, markers: [] };
  }
  return undefined;
}

/** Names under which a literal is a credential (CODE-PATTERNS.md 3.2). */
export const SECRET_NAME = /api[-_ ]?key|apikey|auth|token|secret|password|passwd|pwd|credential|private[-_ ]?key|client[-_ ]?secret|bearer/i;
/** Names that contain a secret word but hold no secret (`author`, `tokenUrl`, `passwordPolicy`). */
const NOT_SECRET_NAME = /author(?!i[sz]ation)|_url$|url$|uri$|endpoint|path$|_path|file$|filename|header_?name|^authori[sz]ation_?(?:type|scheme)|policy|length|pattern|regex|field|label|placeholder|hint|message|cancel|csrf|xsrf|tokeni[sz]/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

const PLACEHOLDER_WORDS = /\b(example|examples|sample|dummy|fake|test|testing|placeholder|changeme|change[-_]me|redacted|your|todo|xxx+|none|null|undefined|secret|password)\b/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Values that are never reported: template placeholders, `xxx…`, `changeme`, `your-api-key`,
 * words such as example / sample / dummy / fake / test, UUIDs and plain words.
 */
export function isPlaceholderSecret(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (/\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]+>|%[A-Za-z_][A-Za-z0-9_]*%|^\$[A-Za-z_][A-Za-z0-9_]*$/.test(trimmed)) return true;
  if (/^(x+|\*+|\.+|-+|#+|0+)$/i.test(trimmed) || /^x{3,}/i.test(trimmed)) return true;
  if (/changeme|change[-_]?me|your[-_ ]?(api[-_ ]?)?(key|token|secret|password)|insert[-_ ]?(key|token)|replace[-_ ]?me/i.test(trimmed)) return true;
  if (PLACEHOLDER_WORDS.test(trimmed.replace(/[_-]/g, ' '))) return true;
  if (UUID.test(trimmed)) return true;
  if (/^[A-Za-z_.-]+$/.test(trimmed)) return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  const length = [...value].length;
  for (const count of counts.values()) {
    const probability = count / length;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}

/** The credential part of a header value: `Bearer abc` → `abc`, `Basic dXNl…` → `dXNl…`. */
export function credentialPart(value: string): string {
  return value.replace(/^\s*(bearer|basic|token|digest|apikey|api-key)\s+/i, '').trim();
}

export const MIN_GENERIC_SECRET_LENGTH = 10;

/**
 * Whether a literal under a secret-like name can be a credential at any entropy threshold: its
 * credential part (`credentialPart`) is at least `MIN_GENERIC_SECRET_LENGTH` long, holds no white
 * space, is no placeholder (`isPlaceholderSecret`) and no URL or path, absolute or relative
 * (`authEndpoint`, `tokenPath`, `require('./auth/tokens')` hold addresses, not secrets). The
 * entropy, which the settings' threshold judges, is left to `code-hardcoded-secret`.
 */
export function mayBeGenericSecret(value: string): boolean {
  const part = credentialPart(value);
  return part.length >= MIN_GENERIC_SECRET_LENGTH && !/\s/.test(part) && !isPlaceholderSecret(part) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(part) && !/^\.{0,2}\//.test(part);
}

/** First four characters, then an ellipsis: enough to find the value, too little to use it. */
export function maskSecret(value: string): string {
  return `${[...value].slice(0, 4).join('')}…`;
}
