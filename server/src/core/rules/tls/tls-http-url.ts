import type { ApiGuardSettings } from '../../config/settings';
import { defineMessages } from '../../l10n/messages';
import { child, isObject, stringValue, type AstNode, type ObjectNode } from '../../model/ast';
import { hasTreeOf, type ParsedDocument } from '../../model/parseDocument';
import { characterCodesOf, hasUnicodeEscapeOfSteps, searchSteps } from '../../model/textSource';
import { ALL_VERSIONS, type ApiDescription, type NodeRef } from '../../openapi/types';
import { resolveChild } from '../doc/support/operationSets';
import { OWASP_API8 } from '../support/owasp';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { Report, SpecRule } from '../types';
import { hostOfUrl, insecureSchemeOf, isAllowlistedHost, secureSchemeFor } from './support/insecureUrl';
import { auxiliaryServers, insecureServerSpots, type AuxiliaryServerOrigin } from './support/serverObjects';
import { secureSchemeEdits } from './tls-http-server';

const messages = defineMessages({
  oauthUrl: {
    en: 'The OAuth {field} "{url}" uses {scheme}://, so authorisation codes, credentials or tokens travel unencrypted; use {secure}://',
    de: 'Die OAuth-Adresse {field} "{url}" verwendet {scheme}://, daher werden Autorisierungscodes, Zugangsdaten oder Tokens unverschlüsselt übertragen; verwenden Sie {secure}://',
  },
  openIdConnectUrl: {
    en: 'The OpenID Connect discovery URL "{url}" uses {scheme}://; a tampered discovery document can send logins and tokens elsewhere; use {secure}://',
    de: 'Die OpenID-Connect-Discovery-URL "{url}" verwendet {scheme}://; ein manipuliertes Discovery-Dokument kann Anmeldungen und Tokens umleiten; verwenden Sie {secure}://',
  },
  documentUrl: {
    en: 'The URL in {field} ("{url}") uses {scheme}://, so readers can be served tampered content; use {secure}://',
    de: 'Die URL in {field} ("{url}") verwendet {scheme}://, daher können Lesende manipulierte Inhalte erhalten; verwenden Sie {secure}://',
  },
  callbackServer: {
    en: 'The callback server URL "{url}" uses {scheme}://, so callback requests travel unencrypted; use {secure}://',
    de: 'Die Server-URL des Callbacks "{url}" verwendet {scheme}://, daher werden Callback-Anfragen unverschlüsselt übertragen; verwenden Sie {secure}://',
  },
  webhookServer: {
    en: 'The webhook server URL "{url}" uses {scheme}://, so webhook requests travel unencrypted; use {secure}://',
    de: 'Die Server-URL des Webhooks "{url}" verwendet {scheme}://, daher werden Webhook-Anfragen unverschlüsselt übertragen; verwenden Sie {secure}://',
  },
  linkServer: {
    en: 'The link server URL "{url}" uses {scheme}://, so the linked operation is called unencrypted; use {secure}://',
    de: 'Die Server-URL des Links "{url}" verwendet {scheme}://, daher wird die verlinkte Operation unverschlüsselt aufgerufen; verwenden Sie {secure}://',
  },
  allowlisted: {
    en: ' (allowed for this host by apiGuard.allowedInsecureHosts)',
    de: ' (für diesen Host durch apiGuard.allowedInsecureHosts erlaubt)',
  },
  useSecure: {
    en: 'Use {secure}:// instead of {scheme}://',
    de: '{secure}:// statt {scheme}:// verwenden',
  },
});

const SERVER_MESSAGES: Record<AuxiliaryServerOrigin, (args: Record<string, string>) => string> = {
  callback: messages.callbackServer,
  webhook: messages.webhookServer,
  link: messages.linkServer,
};

/** OAuth endpoint fields of a 2.0 scheme or a 3.x flow (3.2 adds the device authorisation flow). */
const OAUTH_URL_FIELDS = ['authorizationUrl', 'tokenUrl', 'refreshUrl', 'deviceAuthorizationUrl'];

/** Subtrees that hold example or literal data rather than description objects. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);

export const tlsHttpUrl: SpecRule = {
  meta: {
    id: 'tls-http-url',
    category: 'tls',
    severity: 'warning',
    title: 'A URL in the document (OAuth endpoint, documentation link, callback or link server) uses http://.',
    titleDe: 'Eine URL im Dokument (OAuth-Endpunkt, Dokumentationslink, Callback- oder Link-Server) verwendet http://.',
    description: [
      '## Why it matters',
      '',
      'Besides its servers, an API description names other places that clients and people visit.',
      'OAuth endpoints receive client secrets, authorisation codes and refresh tokens; over plain',
      '`http://` anyone on the path can read or replace them, and an attacker who can tamper with an',
      'OpenID Connect discovery document can redirect logins to a server of their choice. Those URLs',
      'are reported as **errors**. Links to documentation, terms of service, contact and licence pages,',
      'and the servers of callbacks, webhooks and links, are reported as **warnings**: clear text there',
      'lets content be altered on the way, or sends callback data unencrypted. Both are security',
      `misconfigurations (${OWASP_API8}) and belong to checklist step 3.1, "Encrypt all API transactions".`,
      '',
      '## What it flags',
      '',
      'Absolute `http://` (or `ws://`) URLs in:',
      '',
      '- OAuth 2 `authorizationUrl`, `tokenUrl`, `refreshUrl` (3.2 also `deviceAuthorizationUrl` and',
      '  `oauth2MetadataUrl`) and OpenID Connect `openIdConnectUrl` — **error**. Swagger 2.0 has',
      '  `authorizationUrl` and `tokenUrl` on the scheme itself; OpenAPI 3.x has them per flow.',
      '- `externalDocs.url` anywhere (root, tags, operations, schemas), `info.termsOfService`,',
      '  `info.contact.url` and `info.license.url` — warning, in every version.',
      '- OpenAPI 3.x servers of callbacks and webhooks (3.1+) at path-item and operation level, and the',
      '  `server` of response links — warning. Templated URLs are expanded with the variables\' `default`',
      '  and `enum` values.',
      '',
      'The API\'s own servers are checked by `tls-http-server`. Relative URLs inherit the scheme of the',
      'server and are not reported. Hosts in `apiGuard.allowedInsecureHosts` (by default the local',
      'machine) are reported as hints.',
      '',
      '## How to fix it',
      '',
      'Use the `https://` address of the same resource. The quick fix replaces the scheme.',
      '',
      suppressionSection('tls-http-url', '    url: http://legacy-docs.shop.test/', 'archived page that is only served over http'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.1',
    owasp: ['API8:2023'],
    fix: 'Replaces `http://` by `https://`.',
    examples: {
      bad:
        'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\n  termsOfService: http://shop.test/terms\npaths: {}\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: http://auth.shop.test/token\n          scopes: {}\n',
      good:
        'openapi: 3.0.3\ninfo:\n  title: Shop\n  version: "1"\n  termsOfService: https://shop.test/terms\npaths: {}\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://auth.shop.test/token\n          scopes: {}\n',
    },
  },
  prepareSteps(api) {
    // On the 13 MB GitHub spec the walk for `externalDocs` took 30–45 ms in one step of a scan.
    return prepareExternalDocsSteps(api);
  },
  check({ api, settings, report }) {
    const checker = new UrlChecker(settings, report);
    checkSecuritySchemes(api, checker);
    checkInfo(api, checker);
    for (const doc of api.documents) checkExternalDocs(doc, checker);
    for (const { server, origin } of auxiliaryServers(api)) {
      for (const spot of insecureServerSpots(server, settings.allowedInsecureHosts)) {
        const message = SERVER_MESSAGES[origin]({ url: spot.url, scheme: spot.scheme, secure: secureSchemeFor(spot.scheme) });
        checker.reportAt(spot.at, message, spot.url, spot.allowlisted, 'warning');
      }
    }
  },
  fix({ doc, node, finding }) {
    if (node === undefined) return [];
    const secured = secureSchemeEdits(doc, node);
    if (secured === undefined) return [];
    // The team has allowed clear text for these hosts: switching them stays a choice, never a fix-all step.
    const safe = finding.data?.allowlisted !== true;
    return [{ title: messages.useSecure({ scheme: secured.scheme, secure: secureSchemeFor(secured.scheme) }), edits: secured.edits, isPreferred: true, safe }];
  },
};

/** Reports each URL node once, however many ways lead to it. */
class UrlChecker {
  private readonly seen = new Set<AstNode>();

  constructor(
    private readonly settings: ApiGuardSettings,
    private readonly report: (report: Report) => void,
  ) {}

  /** Checks a node that holds a URL; `describe` builds the message for a clear-text one. */
  check(at: NodeRef | undefined, severity: 'error' | 'warning', describe: (args: Record<string, string>) => string): void {
    const url = stringValue(at?.node);
    if (at === undefined || url === undefined) return;
    const scheme = insecureSchemeOf(url);
    if (scheme === undefined) return;
    const allowlisted = isAllowlistedHost(hostOfUrl(url), this.settings.allowedInsecureHosts);
    this.reportAt(at, describe({ url, scheme, secure: secureSchemeFor(scheme) }), url, allowlisted, severity);
  }

  reportAt(at: NodeRef, message: string, url: string, allowlisted: boolean, severity: 'error' | 'warning'): void {
    if (this.seen.has(at.node)) return;
    this.seen.add(at.node);
    this.report({
      at,
      part: 'value',
      message: message + (allowlisted ? messages.allowlisted() : ''),
      severity,
      allowlisted,
      data: allowlisted ? { url, allowlisted } : { url },
    });
  }
}

function childRef(owner: NodeRef | undefined, key: string): NodeRef | undefined {
  const node = child(owner?.node, key);
  return node === undefined || owner === undefined ? undefined : { doc: owner.doc, node };
}

function checkSecuritySchemes(api: ApiDescription, checker: UrlChecker): void {
  for (const scheme of api.securitySchemes.values()) {
    const oauthField = (field: string) => (args: Record<string, string>) => messages.oauthUrl({ ...args, field });
    if (api.version === '2.0') {
      for (const field of OAUTH_URL_FIELDS) checker.check(childRef(scheme.at, field), 'error', oauthField(field));
      continue;
    }
    checker.check(childRef(scheme.at, 'openIdConnectUrl'), 'error', messages.openIdConnectUrl);
    checker.check(childRef(scheme.at, 'oauth2MetadataUrl'), 'error', oauthField('oauth2MetadataUrl'));
    const flows = resolveChild(api, scheme.at, 'flows');
    if (flows === undefined || !isObject(flows.node)) continue;
    for (const [name, rawFlow] of flows.node.properties) {
      if (name.startsWith('x-')) continue;
      const flow = api.resolve({ doc: flows.doc, node: rawFlow });
      for (const field of OAUTH_URL_FIELDS) checker.check(childRef(flow, field), 'error', oauthField(field));
    }
  }
}

function checkInfo(api: ApiDescription, checker: UrlChecker): void {
  const info = api.info;
  if (info === undefined) return;
  const documentField = (field: string) => (args: Record<string, string>) => messages.documentUrl({ ...args, field });
  checker.check(childRef(info, 'termsOfService'), 'warning', documentField('info.termsOfService'));
  const contact = resolveChild(api, info, 'contact');
  checker.check(childRef(contact, 'url'), 'warning', documentField('contact.url'));
  const license = resolveChild(api, info, 'license');
  checker.check(childRef(license, 'url'), 'warning', documentField('license.url'));
}

/**
 * `externalDocs` may appear on the root, tags, operations and schemas, in the root document or
 * any fragment, so every document of the API is searched; example and literal data is skipped.
 */
function checkExternalDocs(doc: ParsedDocument, checker: UrlChecker): void {
  const describe = (args: Record<string, string>) => messages.documentUrl({ ...args, field: 'externalDocs.url' });
  for (const externalDocs of externalDocsOf(doc)) checker.check(childRef({ doc, node: externalDocs }, 'url'), 'warning', describe);
}

/** The `externalDocs` objects of each document version, found ahead by `prepareSteps`. */
const preparedExternalDocs = new WeakMap<ParsedDocument, ObjectNode[]>();

/**
 * The last list found in an editor buffer's tree, by its root node (which a patched version
 * keeps), with the version it was found in: the next version, made by patching that tree, updates
 * it along the patch (`externalDocsAfterPatch`) instead of walking the whole document again.
 */
const listedInTree = new WeakMap<AstNode, { version: number; found: ObjectNode[] }>();

/** Nodes `externalDocsSteps` visits between two yields (a few milliseconds). */
const NODES_PER_STEP = 10_000;

/** Characters of a JSON text `keyOccurrencesSteps` searches between two yields (about a millisecond). */
const CHARACTERS_PER_STEP = 1 << 20;

/** A document's `externalDocs` objects (exported for tests). */
export function externalDocsOf(doc: ParsedDocument): ObjectNode[] {
  const prepared = preparedExternalDocs.get(doc);
  if (prepared !== undefined) return prepared;
  const steps = externalDocsSteps(doc, Number.POSITIVE_INFINITY);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/** Every document's `externalDocs` objects, a walk of `NODES_PER_STEP` nodes per step. */
function* prepareExternalDocsSteps(api: ApiDescription): Generator<void, void, void> {
  for (const doc of api.documents) {
    if (preparedExternalDocs.has(doc)) continue;
    yield* externalDocsSteps(doc, NODES_PER_STEP);
    yield;
  }
}

/**
 * A document's `externalDocs` objects, kept for the document. With a finite `perStep`, it yields
 * every `perStep` nodes walked and every `CHARACTERS_PER_STEP` characters searched (exported for
 * tests).
 */
export function* externalDocsSteps(doc: ParsedDocument, perStep: number): Generator<void, ObjectNode[], void> {
  const root = doc.root;
  // Walking a large document costs more than scanning its text, and most have no links.
  const occurrences = root === undefined ? undefined : yield* keyOccurrencesSteps(doc, perStep === Number.POSITIVE_INFINITY ? perStep : CHARACTERS_PER_STEP);
  const spelt = occurrences !== undefined ? occurrences.length > 0 : root !== undefined && doc.source.includes('externalDocs');
  const found = root === undefined || !spelt ? [] : (externalDocsAfterPatch(doc, root) ?? (yield* walkExternalDocs(root, perStep, [], occurrences)));
  preparedExternalDocs.set(doc, found);
  if (root !== undefined && doc.open === true) listedInTree.set(root, { version: doc.version, found });
  return found;
}

/**
 * The `externalDocs` objects of `from` and everything below it that the walk of the whole document
 * reaches, added to `found` in the order of a depth-first walk: an object's `externalDocs`, unless
 * the object is a schema property (its parent's key is `properties`), and nothing below an
 * extension (`x-`) or example and literal data (`DATA_KEYS`). With `occurrences` (`keyOccurrencesSteps`),
 * only the subtrees whose text holds one are gone into.
 */
function* walkExternalDocs(from: AstNode, perStep: number, found: ObjectNode[], occurrences?: readonly number[]): Generator<void, ObjectNode[], void> {
  const stack: AstNode[] = [from];
  let visited = 0;
  while (stack.length > 0) {
    if (++visited >= perStep) {
      visited = 0;
      yield;
    }
    const node = stack.pop()!;
    if (node.type === 'array') {
      for (const item of node.items) if (goesInto(item, occurrences)) stack.push(item);
      continue;
    }
    if (node.type !== 'object') continue;
    const externalDocs = listedExternalDocs(node);
    if (externalDocs !== undefined) found.push(externalDocs);
    // forEach rather than for…of: this walk visits the whole document, and for…of allocates a
    // [key, value] pair per property. One callback for every object, which reads the stack and the
    // occurrences from `walking`, rather than a closure made per object.
    walking.stack = stack;
    walking.occurrences = occurrences;
    node.properties.forEach(pushWalkedMember);
    walking.stack = NO_STACK;
    walking.occurrences = undefined;
  }
  return found;
}

const NO_STACK: AstNode[] = [];
/** The stack and occurrences of the walk whose object `pushWalkedMember` goes through. */
const walking: { stack: AstNode[]; occurrences: readonly number[] | undefined } = { stack: NO_STACK, occurrences: undefined };

function pushWalkedMember(value: AstNode, key: string): void {
  if (key.startsWith('x-') || DATA_KEYS.has(key)) return;
  if (goesInto(value, walking.occurrences)) walking.stack.push(value);
}

/** Whether the walk goes into `node`: an object or array, whose text holds an occurrence when there are `occurrences`. */
function goesInto(node: AstNode, occurrences: readonly number[] | undefined): boolean {
  return (node.type === 'object' || node.type === 'array') && (occurrences === undefined || holdsOccurrence(occurrences, node));
}

/** The `externalDocs` object of `owner` that the rule checks: none for a schema property named so. */
function listedExternalDocs(owner: ObjectNode): ObjectNode | undefined {
  const externalDocs = owner.properties.get('externalDocs');
  return isObject(externalDocs) && owner.parent?.key !== 'properties' ? externalDocs : undefined;
}

/**
 * Where the text of a JSON document read whole spells `externalDocs`, in order; undefined when the
 * walk must go everywhere. In JSON a node's text holds all of its subtree's, so a subtree whose text
 * never spells the word has no such key: kubernetes.json has one (a schema's property of that name),
 * and the walk of its 74,000 nodes took some 10 ms for nothing. Not for YAML, whose aliases copy
 * nodes without their text, nor for a text with a `\u` escape of one of the word's letters, which a
 * key may be spelt with.
 */
function* keyOccurrencesSteps(doc: ParsedDocument, perStep: number): Generator<void, number[] | undefined, void> {
  const text = doc.source;
  if (doc.format !== 'json' || typeof text !== 'string') return undefined;
  const occurrences: number[] = [];
  yield* searchSteps(text, 'externalDocs', perStep, (at) => occurrences.push(at) > 0);
  // None at all: nothing to walk, as for any text that never spells the word (`externalDocsSteps`).
  if (occurrences.length === 0) return occurrences;
  return (yield* hasUnicodeEscapeOfSteps(text, KEY_CODES, perStep)) ? undefined : occurrences;
}

/** The characters of `externalDocs`. */
const KEY_CODES = characterCodesOf('externalDocs');

/** Whether one of the sorted `occurrences` lies in the node's text. */
function holdsOccurrence(occurrences: readonly number[], node: AstNode): boolean {
  let low = 0;
  let high = occurrences.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (occurrences[middle] < node.start) low = middle + 1;
    else high = middle;
  }
  return low < occurrences.length && occurrences[low] < node.end;
}

/**
 * The list of a version made by patching the tree of the version last listed (see
 * `ParsedDocument.patch`), or of one that took that version's tree back (an undo); undefined when
 * there is none. Outside the patched subtree every node, key and parent is the previous version's,
 * so what the walk finds there is what it found before: the objects of the previous list outside
 * the replaced subtree stay, and the new subtree is walked, when the walk reaches it, along with
 * its own entry (an `externalDocs` object re-read under an owner outside it). On the 13 MB GitHub
 * spec, with 1,495 of them, the whole walk took some 25 ms of every keystroke.
 */
function externalDocsAfterPatch(doc: ParsedDocument, root: AstNode): ObjectNode[] | undefined {
  const before = listedInTree.get(root);
  if (before === undefined) return undefined;
  if (hasTreeOf(doc, before.version)) return before.found;
  const patch = doc.patch;
  if (patch === undefined || patch.fromVersion !== before.version) return undefined;
  const top = patch.node;
  const found = before.found.filter((node) => !isWithin(node, patch.replaced) && !isWithin(node, top));
  if (!walkReaches(top)) return found;
  const owner = top.parent;
  if (top.key === 'externalDocs' && owner?.type === 'object' && listedExternalDocs(owner) === top) found.push(top);
  const steps = walkExternalDocs(top, Number.POSITIVE_INFINITY, found);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/** Whether `node` is `ancestor` or below it, by parent links. */
function isWithin(node: AstNode, ancestor: AstNode): boolean {
  for (let current: AstNode | undefined = node; current !== undefined; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** Whether the walk of the whole document goes into `node`: no key on the way down from the root stops it. */
function walkReaches(node: AstNode): boolean {
  if (node.type !== 'object' && node.type !== 'array') return false;
  for (let current: AstNode = node; current.parent !== undefined; current = current.parent) {
    const key = current.key;
    if (current.parent.type === 'object' && typeof key === 'string' && (key.startsWith('x-') || DATA_KEYS.has(key))) return false;
  }
  return true;
}
