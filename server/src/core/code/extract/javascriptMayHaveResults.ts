import { AWS_SECRET_NAME, AWS_SECRET_VALUE, isSecretName, mayBeGenericSecret, MIN_GENERIC_SECRET_LENGTH, PROVIDER_FORMATS, SECRET_NAME } from '../secrets';
import { type JavascriptScan, type NameSearch, scanJavascript } from './scanJavascript';
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
  // literal that could be a secret, through names and URLs in comments, through escapes in regular
  // expressions, or through library names in strings (`protocol: 'https'`, `'@smithy/protocol-http'`).
  // Where the lexer is sure of the text, a secret-like name counts only with a literal after it that
  // could be a secret, an escape only in a string, a module name only where it is imported, a
  // library name only as an identifier, and every test only in the code without comments (each
  // detector needs its text in code).
  const scan = scanJavascript(text, SECRET_NAMES);
  if (scan === undefined || (secretName && scan.namedLiteral) || scan.riskyEscape) return true;
  return CODE_TESTS.some((test) => test(scan, text));
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
 * What `recogniseRequest` and `recogniseClient` start from: a library's name as an identifier (a
 * global library, a constructor, `createClient`), or a name imported from a library's module.
 * `http` and `https` followed by a colon are URLs or object keys, never a callee or receiver.
 */
const LIBRARY_NAME_SOURCE = [
  `\\b(?:${alternatives(Object.keys(GLOBAL_LIBRARIES).filter((name) => !name.startsWith('http') && !name.startsWith('$')))})\\b`,
  '\\$fetch\\b',
  '\\bhttps?\\b(?!:)',
  '\\b(?:WebSocket|EventSource|URL|XMLHttpRequest|createClient)\\b',
];
const MODULE_STRING = `(['"\`])(?:${alternatives(MODULES)})\\1`;
/** Either, anywhere in the text: the test before the lexer runs. */
const REQUEST = new RegExp([MODULE_STRING, ...LIBRARY_NAME_SOURCE].join('|'));
/** A library's name in the lexer's identifiers (string, template and regular expression contents left out). */
const LIBRARY_NAME = new RegExp(LIBRARY_NAME_SOURCE.join('|'));
/**
 * A library's module where the detectors learn module names, in the code (comments are spaces
 * there): the source of an import (`import x from 'axios'`, also `export … from`) or the argument
 * of `require` (`require('undici')`, `(require)('got')`, `require<T>('ky')`, TypeScript's
 * `import x = require('axios')`), the nearest string after the word `require`.
 */
const IMPORTED_MODULE = new RegExp(`(?:\\bfrom\\s*|\\brequire\\b[^'"\`]*)${MODULE_STRING}`);

/**
 * Generated clients' `this.request({ path | url, method })`: `request` as a member name (after a
 * dot, `?.` or `#`; the keys may be strings). Before the lexer runs, any `request` counts.
 */
function mayHaveGeneratedRequest(text: string, member = /\brequest\b/): boolean {
  return member.test(text) && /\bthis\b/.test(text) && /\bmethod\b/.test(text) && /\b(?:path|url)\b/.test(text);
}
const REQUEST_MEMBER = /\.\s*#?request\b/;

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
/**
 * A literal's value in a provider's format holds a run of the format's characters, which no escape
 * but a risky one (`RISKY_ESCAPE`) produces: without such escapes the run is in the source as
 * written. The formats' word boundaries are left out, since a plain escape before the run (`\n`)
 * is a word character in the source.
 */
const PROVIDER_RUN = new RegExp(PROVIDER_FORMATS.map((format) => format.pattern.source.replaceAll('\\b', '')).join('|'));
/**
 * An AWS secret access key is a literal of exactly 40 characters of its alphabet, among them a
 * digit, an upper-case and a lower-case letter (`providerFormatOf`). No escape produces them, so the
 * literal is in the source as written, between its quotes.
 */
const AWS_SECRET_RUN = AWS_SECRET_VALUE.source.replace(/^\^|\$$/g, '');
const AWS_SECRET_CHARACTER = AWS_SECRET_RUN.replace(/\{40\}$/, '');
const AWS_SECRET_LITERAL = new RegExp(
  `(['"\`])${['0-9', 'A-Z', 'a-z'].map((range) => `(?=${AWS_SECRET_CHARACTER}{0,39}[${range}])`).join('')}${AWS_SECRET_RUN}\\1`,
);

/**
 * A secret candidate is a literal in a provider's format (its markers), a long literal under a
 * secret-like name (`SECRET_NAMES`), or an AWS secret key: such a literal under a name that
 * `AWS_SECRET_NAME` accepts (a name is one token, so the text holds a match of its own).
 */
function mayHaveAwsSecret(text: string): boolean {
  return AWS_SECRET_NAME.test(text) && AWS_SECRET_LITERAL.test(text);
}

/** openapi-fetch, a URL, a TLS setting or an AWS secret: each holds on the code and on the whole text. */
const PLAIN_TESTS: readonly ((text: string) => boolean)[] = [mayHaveFetchClient, (text) => URL_TEXT.test(text), (text) => TLS.test(text), mayHaveAwsSecret];

/**
 * The necessary conditions of the detectors but one (a secret under a secret-like name, which needs
 * `SECRET_NAME` in the text and a literal after the name in the code), on the whole text: an escape
 * that may hide any of the other tests' text in a string, a library, a generated client's request,
 * or one of the plain tests.
 */
const TESTS: readonly ((text: string) => boolean)[] = [
  (text) => RISKY_ESCAPE.test(text),
  (text) => REQUEST.test(text),
  (text) => mayHaveGeneratedRequest(text),
  (text) => PROVIDER_MARKERS.test(text),
  ...PLAIN_TESTS,
];

/** The same conditions where the lexer is sure of the text (it found no risky escape), the identifiers' test last: it makes a string. */
const CODE_TESTS: readonly ((scan: JavascriptScan, text: string) => boolean)[] = [
  (scan) => IMPORTED_MODULE.test(scan.code),
  (scan) => mayHaveGeneratedRequest(scan.code, REQUEST_MEMBER),
  ...PLAIN_TESTS.map((test) => (scan: JavascriptScan, text: string) => test(scan.code) && test(text)),
  (scan) => PROVIDER_RUN.test(scan.code),
  (scan) => LIBRARY_NAME.test(scan.identifiers()),
];
