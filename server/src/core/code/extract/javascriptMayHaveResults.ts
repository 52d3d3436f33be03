import { AWS_SECRET_VALUE, isSecretName, mayBeGenericSecret, MIN_GENERIC_SECRET_LENGTH, PROVIDER_FORMATS, SECRET_NAME } from '../secrets';
import { type NameSearch, scanJavascript } from './scanJavascript';
import { GLOBAL_LIBRARIES, MODULE_LIBRARIES, OPENAPI_FETCH_VERBS } from './javascriptCalls';
import { VERIFICATION_FLAGS } from './javascriptTls';

/**
 * Whether a JavaScript or TypeScript text can yield anything at all: a call site, a client, a URL,
 * a TLS setting or a secret candidate. When it answers false the extraction of the parsed file is
 * empty, so a workspace scan need not parse the file (most files of a code base call no HTTP API).
 *
 * Each test below is a necessary condition of one detector, read from the recognisers themselves:
 * the names they compare are identifiers (compared as written) or string values (compared after
 * decoding). A string value differs from its source text only through escapes; when the text has
 * an escape that can produce a letter, a digit or a slash, every string condition counts as met.
 * Word-boundary tests (`\b`) cannot miss an identifier: the characters around an identifier are
 * never ASCII word characters.
 */
export function javascriptMayHaveResults(text: string): boolean {
  const secretName = SECRET_NAME.test(text);
  if (!secretName && !TESTS.some((test) => test(text))) return false;
  // Most texts that pass do so through a secret-like name (credential, token, auth …) that holds no
  // literal that could be a secret, through names and URLs in comments, or through escapes in
  // regular expressions. Where the lexer is sure of the text, a secret-like name counts only with a
  // literal after it that could be a secret, an escape only in a string, and any other test must
  // pass on the code without comments as well as on the whole text (each detector needs its text
  // in code).
  const scan = scanJavascript(text, SECRET_NAMES);
  if (scan === undefined || (secretName && scan.namedLiteral) || scan.riskyEscape) return true;
  return CODE_TESTS.some((test) => test(scan.code) && test(text));
}

/**
 * A literal is a secret under a name only when the name is secret-like (`isSecretName`) and the
 * literal's value may be a generic secret (`mayBeGenericSecret`: long enough, no white space, no
 * placeholder, URL or path). Every match of `SECRET_NAME` starts with one of the hint words. A
 * literal with an escape may decode to anything, so it counts whenever it is long enough (its
 * value is never longer than its source).
 */
const SECRET_NAMES: NameSearch = {
  hint: /api|auth|token|secret|password|passwd|pwd|credential|private|client|bearer/gi,
  accepts: isSecretName,
  minimumLiteralLength: MIN_GENERIC_SECRET_LENGTH,
  acceptsLiteral: (content) => content.includes('\\') || mayBeGenericSecret(content),
};

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternatives = (words: Iterable<string>): string => [...new Set(words)].map(escape).join('|');

/**
 * A backslash before anything but `n r t b f v`, a quote or another backslash: `\x61`, `\u0061`,
 * octal escapes, `\a` (which decodes to `a`), `\/` and line continuations can make a string value
 * contain text its source does not show.
 */
const RISKY_ESCAPE = /\\[^nrtbfv'"`\\]/;

/**
 * Module names of the recognised libraries (`import x from 'axios'`, `require('undici')`). A key
 * `undici.request` stands for the member `request` of the module `undici` (or for a module of that
 * very name): both count.
 */
const MODULES = Object.keys(MODULE_LIBRARIES).flatMap((key) => (key.includes('.') ? [key, key.slice(0, key.lastIndexOf('.'))] : [key]));

/**
 * What `recogniseRequest` and `recogniseClient` start from: a library's module name as a string,
 * a global library name or a constructor name as an identifier, or `createClient`. `http` and
 * `https` followed by a colon are URLs or object keys, never a callee or receiver.
 */
const REQUEST = new RegExp(
  [
    `(['"\`])(?:${alternatives(MODULES)})\\1`,
    `\\b(?:${alternatives(Object.keys(GLOBAL_LIBRARIES).filter((name) => !name.startsWith('http') && !name.startsWith('$')))})\\b`,
    '\\$fetch\\b',
    '\\bhttps?\\b(?!:)',
    '\\b(?:WebSocket|EventSource|URL|XMLHttpRequest|createClient)\\b',
  ].join('|'),
);

/** Generated clients' `this.request({ path | url, method })`. */
function mayHaveGeneratedRequest(text: string): boolean {
  return /\brequest\b/.test(text) && /\bthis\b/.test(text) && /\bmethod\b/.test(text) && /\b(?:path|url)\b/.test(text);
}

/**
 * openapi-fetch's `client.GET('/path')`: the verb is a member name, after a dot (or `?.`), with
 * only white space or comments between. A block comment ends at its first closing star and slash,
 * a line comment at the end of its line: were they allowed to end elsewhere, a dot before many
 * comments would take exponential time to reject.
 */
const LINE_REST = '[^\\n\\r\\u2028\\u2029]*(?=[\\n\\r\\u2028\\u2029]|$)';
const FETCH_CLIENT_VERB = new RegExp(`\\.(?:\\s|\\/\\*(?:[^*]|\\*(?!\\/))*\\*\\/|\\/\\/${LINE_REST}|<!--${LINE_REST}|-->${LINE_REST})*#?(?:${alternatives(OPENAPI_FETCH_VERBS)})\\b`);

function mayHaveFetchClient(text: string): boolean {
  return FETCH_CLIENT_VERB.test(text);
}

/** An absolute URL literal (`scheme://…`). */
const URL_TEXT = /:\/\//;

/** `rejectUnauthorized: false`, `strictSSL: false`, `NODE_TLS_REJECT_UNAUTHORIZED = '0'`, `.disableTLSCerts()`. */
const TLS = new RegExp(alternatives([...VERIFICATION_FLAGS, 'NODE_TLS_REJECT_UNAUTHORIZED', 'disableTLSCerts']));

const PROVIDER_MARKERS = new RegExp(alternatives(PROVIDER_FORMATS.flatMap((format) => format.markers)));
const AWS_SECRET_RUN = new RegExp(AWS_SECRET_VALUE.source.replace(/^\^|\$$/g, ''));

/**
 * A secret candidate is a literal in a provider's format (its markers), a long literal under a
 * secret-like name (`SECRET_NAMES`), or an AWS secret key: a run of 40 characters under a name
 * that says AWS and key or secret.
 */
function mayHaveAwsSecret(text: string): boolean {
  return /aws/i.test(text) && /key/i.test(text) && AWS_SECRET_RUN.test(text);
}

/**
 * The necessary conditions of the detectors that hold on the code itself: a library, a URL, a TLS
 * setting, a provider's key format.
 */
const CODE_TESTS: readonly ((text: string) => boolean)[] = [
  (text) => REQUEST.test(text),
  mayHaveGeneratedRequest,
  mayHaveFetchClient,
  (text) => URL_TEXT.test(text),
  (text) => TLS.test(text),
  (text) => PROVIDER_MARKERS.test(text),
  mayHaveAwsSecret,
];

/**
 * The necessary conditions of the detectors but one (a secret under a secret-like name, which needs
 * `SECRET_NAME` in the text and a literal after the name in the code): an escape that may hide any
 * of the code tests' text in a string, or one of the code tests.
 */
const TESTS: readonly ((text: string) => boolean)[] = [(text) => RISKY_ESCAPE.test(text), ...CODE_TESTS];
