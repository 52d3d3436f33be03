/**
 * Suggestions for what an undocumented operation could be called: a summary such as "List
 * orders" or "Get order by id", and a camelCase operation id derived from it. The quick fixes
 * insert them with a TODO marker, so they only need to be a good first draft, not the truth.
 */

/** Plural words whose singular is not made by the suffix rules below. */
const IRREGULAR_SINGULARS: Record<string, string> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  mice: 'mouse',
  geese: 'goose',
  teeth: 'tooth',
  feet: 'foot',
  indices: 'index',
  matrices: 'matrix',
  vertices: 'vertex',
  statuses: 'status',
  buses: 'bus',
  caches: 'cache',
  analyses: 'analysis',
  quizzes: 'quiz',
};

/** Words that look plural but are not (or have no separate singular). */
const INVARIANT_WORDS = new Set([
  'news',
  'series',
  'species',
  'status',
  'analytics',
  'data',
  'metadata',
  'media',
  'info',
  'information',
  'feedback',
  'software',
  'equipment',
  'alias',
  'canvas',
  'bonus',
  'campus',
  'corpus',
  'census',
  'virus',
  'bias',
  'gas',
  'axis',
  'basis',
  'diagnosis',
  'thesis',
  'always',
  'ids',
]);

/** The singular of one English word, by the common suffix rules; unknown shapes are kept. */
export function singularise(word: string): string {
  const lower = word.toLowerCase();
  if (lower === 'ids') return 'id';
  if (INVARIANT_WORDS.has(lower)) return word;
  const irregular = IRREGULAR_SINGULARS[lower];
  if (irregular !== undefined) return irregular;
  if (lower.length > 4 && lower.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(sses|shes|ches|xes|zzes)$/.test(lower)) return word.slice(0, -2);
  if (/(ss|us|is)$/.test(lower)) return word;
  if (lower.length > 2 && lower.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Lower-case words of an identifier or path segment: `orderItems`, `order-items`, `order_items`. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** Verbs that, as the last segment of a path (`POST /orders/{id}/cancel`), name an action. */
const ACTION_WORDS = new Set([
  'accept', 'activate', 'approve', 'archive', 'assign', 'authorize', 'block', 'cancel', 'capture', 'check', 'clone',
  'close', 'complete', 'confirm', 'copy', 'deactivate', 'decline', 'disable', 'download', 'enable', 'execute', 'export',
  'follow', 'import', 'invite', 'join', 'leave', 'lock', 'login', 'logout', 'merge', 'move', 'open', 'pause', 'ping',
  'publish', 'refresh', 'refund', 'register', 'reject', 'renew', 'rename', 'reset', 'restart', 'restore', 'resume',
  'retry', 'revoke', 'run', 'search', 'send', 'share', 'signin', 'signout', 'signup', 'start', 'stop', 'submit',
  'subscribe', 'sync', 'trigger', 'unassign', 'unblock', 'unfollow', 'unlock', 'unpublish', 'unsubscribe', 'upload',
  'validate', 'verify', 'void',
]);

const COLLECTION_VERBS: Record<string, string> = {
  get: 'List',
  put: 'Replace',
  patch: 'Update',
  delete: 'Delete',
  head: 'Check',
  options: 'Get options of',
  trace: 'Trace',
  query: 'Query',
};

const ITEM_VERBS: Record<string, string> = {
  get: 'Get',
  post: 'Create',
  put: 'Replace',
  patch: 'Update',
  delete: 'Delete',
  head: 'Check',
  options: 'Get options of',
  trace: 'Trace',
  query: 'Query',
};

interface Segment {
  literal: boolean;
  /** Lower-case words of the segment (for a parameter: of its name). */
  words: string[];
}

function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((segment) => segment.trim() !== '')
    .map((segment) => {
      const parameter = /\{([^}]+)\}/.exec(segment);
      return parameter === null ? { literal: true, words: wordsOf(segment) } : { literal: false, words: wordsOf(parameter[1]) };
    })
    .filter((segment) => segment.words.length > 0);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function singularPhrase(words: string[]): string {
  return [...words.slice(0, -1), singularise(words[words.length - 1])].join(' ');
}

/**
 * A parameter named after its resource reads better as what remains: `orderId` under `/orders`
 * and `itemId` under `/order-items` both become "id".
 */
function parameterPhrase(parameter: string[], resource: string[]): string {
  const singular = wordsOf(singularPhrase(resource));
  for (const prefix of [singular, singular.slice(-1)]) {
    const startsWithPrefix = prefix.length > 0 && prefix.length < parameter.length && prefix.every((word, i) => parameter[i] === word);
    if (startsWithPrefix) return parameter.slice(prefix.length).join(' ');
  }
  return parameter.join(' ');
}

/**
 * A summary for an operation from its method and path: `GET /orders` → "List orders",
 * `GET /orders/{orderId}` → "Get order by id", `POST /orders` → "Create order",
 * `GET /users/{userId}/orders` → "List orders of user", `POST /orders/{id}/cancel` → "Cancel order".
 */
export function suggestSummary(method: string, path: string): string {
  const verbKey = method.toLowerCase();
  const segments = parsePath(path);
  let lastLiteral = -1;
  for (let i = segments.length - 1; i >= 0; i--) {
    if (segments[i].literal) {
      lastLiteral = i;
      break;
    }
  }
  const custom = capitalise(verbKey);
  if (lastLiteral < 0) {
    const parameters = segments.map((segment) => segment.words.join(' '));
    const verb = ITEM_VERBS[verbKey] ?? custom;
    return parameters.length === 0 ? `${verb} API root` : `${verb} by ${parameters.join(' and ')}`;
  }
  const resource = segments[lastLiteral].words;
  const trailing = segments.slice(lastLiteral + 1);
  if (trailing.length > 0) {
    const by = trailing.map((segment) => parameterPhrase(segment.words, resource)).join(' and ');
    return `${ITEM_VERBS[verbKey] ?? custom} ${singularPhrase(resource)} by ${by}`;
  }
  const parentIndex = lastLiteral - 1 >= 0 && !segments[lastLiteral - 1].literal ? lastLiteral - 2 : -1;
  const parent = parentIndex >= 0 && segments[parentIndex].literal ? singularPhrase(segments[parentIndex].words) : undefined;
  const word = resource.join(' ');
  const plural = singularise(resource[resource.length - 1]) !== resource[resource.length - 1];
  if (!plural && resource.length === 1 && ACTION_WORDS.has(resource[0]) && verbKey !== 'get') {
    return parent === undefined ? capitalise(word) : `${capitalise(word)} ${parent}`;
  }
  const ofParent = parent === undefined ? '' : ` of ${parent}`;
  if (verbKey === 'post') return `Create ${plural ? singularPhrase(resource) : word}${ofParent}`;
  if (verbKey === 'get' && !plural) return `Get ${word}${ofParent}`;
  return `${COLLECTION_VERBS[verbKey] ?? custom} ${word}${ofParent}`;
}

/** camelCase of a phrase: "Get order by id" → `getOrderById`. */
export function camelCase(phrase: string): string {
  const words = wordsOf(phrase);
  if (words.length === 0) return '';
  const id = words.map((word, i) => (i === 0 ? word : capitalise(word))).join('');
  return /^[0-9]/.test(id) ? `op${capitalise(id)}` : id;
}

/**
 * An operation id for an operation from its method and path, camelCase and not in `taken`
 * (a number is appended when the natural one is used). The caller adds it to `taken`.
 */
export function suggestOperationId(method: string, path: string, taken: ReadonlySet<string>): string {
  const base = camelCase(suggestSummary(method, path)) || method.toLowerCase();
  if (!taken.has(base)) return base;
  for (let counter = 2; ; counter++) {
    const candidate = `${base}${counter}`;
    if (!taken.has(candidate)) return candidate;
  }
}
