/**
 * Splits a parameter name into lower-case words: `X-Api-Key` → x, api, key; `nextPageToken` →
 * next, page, token; `APIKey` → api, key; `access_token` → access, token.
 */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/**
 * Words that name a credential when they end a parameter name, including the usual run-together
 * spellings (`apikey`, `accesstoken`).
 */
const CREDENTIAL_WORDS = new Set([
  'token',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'signature',
  'sig',
  'apikey',
  'apitoken',
  'accesstoken',
  'authtoken',
  'bearertoken',
  'idtoken',
  'refreshtoken',
  'sessiontoken',
  'clientsecret',
  'secretkey',
  'privatekey',
]);

/** `key` names a credential only after one of these words (`api_key`, `secretKey`, `subscription-key`). */
const KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'auth', 'app', 'client', 'subscription']);

/** The words that can end a credential name: `CREDENTIAL_WORDS`, and `key` after a qualifier. */
const LAST_WORDS = [...CREDENTIAL_WORDS, 'key'];

/**
 * Words of pagination and synchronisation cursors. `pageToken`, `nextToken`, `continuationToken`
 * or `syncToken` are opaque positions in a result list, not credentials, and are never flagged.
 */
const CURSOR_WORDS = new Set([
  'page',
  'paging',
  'pagination',
  'next',
  'prev',
  'previous',
  'continuation',
  'continue',
  'cursor',
  'sync',
  'resume',
  'marker',
  'offset',
  'start',
  'after',
  'before',
]);

/**
 * Whether a parameter name says that it carries a credential. The decisive word is the last one,
 * the head of the name: `access_token` and `client_secret` are credentials, while `tokenId`,
 * `token_type_hint` or `signature_method` only talk about one. A bare `key` is not enough (object
 * keys, sort keys, cache keys); a name with a cursor word is a pagination token.
 */
export function isCredentialName(name: string): boolean {
  // The last word decides, so a credential name holds one of the words that can be last. Most names
  // (`namespace`, `pretty`, `limit`) hold none and are answered without being split into words,
  // which took most of this rule's time on kubernetes.json.
  const lower = name.toLowerCase();
  for (const word of LAST_WORDS) if (lower.includes(word)) return isCredentialNameByWords(name);
  return false;
}

/** `isCredentialName` without its quick answer: every name split into words (exported for the test that compares the two). */
export function isCredentialNameByWords(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || words.some((word) => CURSOR_WORDS.has(word))) return false;
  const last = words[words.length - 1];
  if (CREDENTIAL_WORDS.has(last)) return true;
  return last === 'key' && words.length > 1 && KEY_QUALIFIERS.has(words[words.length - 2]);
}
