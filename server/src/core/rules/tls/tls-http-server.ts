import type { ApiGuardSettings } from '../../config/settings';
import { removeArrayItem, replaceScalar } from '../../fixes/structuralEdits';
import type { TextEdit } from '../../fixes/textEdit';
import { defineMessages } from '../../l10n/messages';
import { child, isArray, isObject, stringValue, type AstNode, type ObjectNode } from '../../model/ast';
import type { ParsedDocument } from '../../model/parseDocument';
import { ALL_VERSIONS, type ApiDescription, type NodeRef, type ServerEntry } from '../../openapi/types';
import { uniqueOperations } from '../doc/support/operationSets';
import { OWASP_API8 } from '../support/owasp';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { FixProposal, Report, SpecRule } from '../types';
import { hostOfHostField, insecureSchemeOf, isAllowlistedHost, secureSchemeFor, type InsecureScheme } from './support/insecureUrl';
import { declaredServers, insecureServerSpots } from './support/serverObjects';

const messages = defineMessages({
  serverUrl: {
    en: 'The server URL "{url}" uses {scheme}://, so every request and response travels unencrypted; use {secure}://',
    de: 'Die Server-URL "{url}" verwendet {scheme}://, daher wird jede Anfrage und Antwort unverschlüsselt übertragen; verwenden Sie {secure}://',
  },
  serverVariable: {
    en: 'The value "{value}" of server variable "{variable}" turns "{template}" into the unencrypted {url}; use {secure}://',
    de: 'Der Wert "{value}" der Server-Variablen "{variable}" macht aus "{template}" die unverschlüsselte URL {url}; verwenden Sie {secure}://',
  },
  schemeWithHost: {
    en: '"schemes" lists "{scheme}", so {host} is also served unencrypted; use {secure} only',
    de: '"schemes" enthält "{scheme}", daher wird {host} auch unverschlüsselt angeboten; verwenden Sie nur {secure}',
  },
  schemeWithoutHost: {
    en: '"schemes" lists "{scheme}", so the API is also served unencrypted; use {secure} only',
    de: '"schemes" enthält "{scheme}", daher wird die API auch unverschlüsselt angeboten; verwenden Sie nur {secure}',
  },
  allowlisted: {
    en: ' (allowed for this host by apiGuard.allowedInsecureHosts)',
    de: ' (für diesen Host durch apiGuard.allowedInsecureHosts erlaubt)',
  },
  useSecure: {
    en: 'Use {secure}:// instead of {scheme}://',
    de: '{secure}:// statt {scheme}:// verwenden',
  },
  replaceScheme: {
    en: 'Replace "{scheme}" with "{secure}" in schemes',
    de: '"{scheme}" in schemes durch "{secure}" ersetzen',
  },
  dropScheme: {
    en: 'Remove "{scheme}" from schemes ("{secure}" is listed already)',
    de: '"{scheme}" aus schemes entfernen ("{secure}" ist bereits aufgeführt)',
  },
});

export const tlsHttpServer: SpecRule = {
  meta: {
    id: 'tls-http-server',
    category: 'tls',
    severity: 'error',
    title: 'A server URL uses http:// or ws://, so the API is reachable without encryption.',
    titleDe: 'Eine Server-URL verwendet http:// oder ws://, die API ist also unverschlüsselt erreichbar.',
    description: [
      '## Why it matters',
      '',
      'A server that speaks plain `http://` or `ws://` sends tokens, API keys, cookies and personal',
      'data in clear text. Anyone on the network path (public Wi-Fi, a compromised proxy, a cloud',
      'neighbour) can read and change them, and clients generated from the document will happily',
      'connect without TLS. Missing transport encryption is a security misconfiguration',
      `(${OWASP_API8}) and the first item of checklist step 3.1, "Encrypt all API transactions".`,
      '',
      '## What it flags',
      '',
      '- **OpenAPI 3.0, 3.1, 3.2:** every `servers` entry at the root, on a path item and on an',
      '  operation whose `url` starts with `http://` or `ws://`. Each server object is checked once,',
      '  where it is written, even when many operations share it. A templated URL such as',
      '  `{scheme}://api.shop.test` is expanded with each variable\'s `default` and `enum` values; the',
      '  finding is placed on the variable value that yields `http` or `ws`.',
      '- **Swagger 2.0:** `http` or `ws` in the root `schemes` list or in an operation\'s own `schemes`.',
      '',
      'Servers of callbacks, webhooks and links, and other URLs such as OAuth endpoints, are covered by',
      '`tls-http-url`.',
      '',
      'Hosts listed in `apiGuard.allowedInsecureHosts` (default: `localhost`, `127.0.0.1`, `::1`,',
      '`*.localhost`) are still reported, but as hints: a local development server does not need TLS.',
      'Patterns may name a port (`localhost:8080`) or a subdomain wildcard (`*.dev.internal`); IPv6',
      'addresses are written with or without brackets (`[::1]`, `::1`).',
      '',
      '## How to fix it',
      '',
      'Serve the API over TLS and write `https://` (`wss://` for WebSockets). The quick fix replaces',
      'the scheme; in Swagger 2.0 it replaces `http` by `https` in `schemes` and drops the entry when',
      '`https` is already listed.',
      '',
      suppressionSection('tls-http-server', '  - url: http://mock.shop.internal:8080', 'mock server used only by the integration tests'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.1',
    owasp: ['API8:2023'],
    fix: 'Replaces `http://` by `https://` (`ws://` by `wss://`); in Swagger 2.0 replaces the scheme in `schemes`, dropping a duplicate.',
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nservers:\n  - url: http://api.shop.test/v1\n    description: Production\npaths: {}\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\nservers:\n  - url: https://api.shop.test/v1\n    description: Production\npaths: {}\n',
    },
  },
  check({ api, settings, report }) {
    if (api.version === '2.0') checkSchemes20(api, settings, report);
    else for (const server of declaredServers(api)) checkServer(api, server, settings, report);
  },
  fix({ api, doc, node, finding }) {
    if (node === undefined) return [];
    // The team has allowed clear text for these hosts: switching them stays a choice, never a fix-all step.
    const safe = finding.data?.allowlisted !== true;
    if (api.version === '2.0') return fixScheme20(doc, node, safe);
    const secured = secureSchemeEdits(doc, node);
    if (secured === undefined) return [];
    return [{ title: messages.useSecure({ scheme: secured.scheme, secure: secureSchemeFor(secured.scheme) }), edits: secured.edits, isPreferred: true, safe }];
  },
};

/**
 * Swagger 2.0: `http` in a `schemes` list becomes `https` (`ws` becomes `wss`); when the list
 * names the secure scheme already, the clear-text entry is removed instead of being duplicated.
 */
function fixScheme20(doc: ParsedDocument, node: AstNode, safe: boolean): FixProposal[] {
  const list = node.parent;
  const scheme = stringValue(node)?.trim().toLowerCase();
  if (!isArray(list) || list.key !== 'schemes' || (scheme !== 'http' && scheme !== 'ws')) return [];
  const secure = secureSchemeFor(scheme);
  const listed = list.items.some((item) => stringValue(item)?.trim().toLowerCase() === secure);
  if (listed) {
    const edit = removeArrayItem(doc, list, list.items.indexOf(node));
    return edit === undefined ? [] : [{ title: messages.dropScheme({ scheme, secure }), edits: [edit], isPreferred: true, safe }];
  }
  return [{ title: messages.replaceScheme({ scheme, secure }), edits: [replaceScalar(doc, node, secure)], isPreferred: true, safe }];
}

/**
 * The edits that give a URL, or a server variable value that yields one, its secure scheme:
 * `http://host` becomes `https://host` (`ws` becomes `wss`), keeping the scalar's quotes. A
 * variable value is kept consistent with the rest of its variable, because a `default` must be one
 * of the `enum` values: changing the default also changes the same value in the enum, unless the
 * enum lists the secure value already; an enum value whose secure form is listed already is
 * removed rather than duplicated, and a default equal to it changes along. Undefined when the
 * node holds no clear-text scheme that can be rewritten in place (a block scalar, an escape).
 * Shared with `tls-http-url`, whose callback and link servers use variables the same way.
 */
export function secureSchemeEdits(doc: ParsedDocument, node: AstNode): { scheme: InsecureScheme; edits: TextEdit[] } | undefined {
  const value = stringValue(node);
  if (value === undefined) return undefined;
  const scheme = insecureSchemeOf(value) ?? bareInsecureScheme(value);
  if (scheme === undefined) return undefined;
  const own = schemeEdit(doc, node, scheme);
  if (own === undefined) return undefined;
  const secureValue = applyToValue(value, scheme);
  const variable = serverVariableOf(node);
  if (variable === undefined) return { scheme, edits: [own] };
  const fallback = child(variable, 'default');
  const options = child(variable, 'enum');
  const optionValues = isArray(options) ? options.items.map(stringValue) : [];
  const edits: TextEdit[] = [];
  const alsoChange = (other: AstNode | undefined): boolean => {
    if (other === undefined || other === node || stringValue(other) !== value) return true;
    const edit = schemeEdit(doc, other, scheme);
    if (edit !== undefined) edits.push(edit);
    return edit !== undefined;
  };
  if (node === fallback) {
    edits.push(own);
    if (isArray(options) && !optionValues.includes(secureValue) && !options.items.every(alsoChange)) return undefined;
    return { scheme, edits };
  }
  if (isArray(options) && optionValues.includes(secureValue)) {
    const removal = removeArrayItem(doc, options, options.items.indexOf(node));
    if (removal === undefined) return undefined;
    edits.push(removal);
  } else edits.push(own);
  return alsoChange(fallback) ? { scheme, edits } : undefined;
}

/** A variable value that is only the scheme (`http` in `{scheme}://api.shop.test`). */
function bareInsecureScheme(value: string): InsecureScheme | undefined {
  const bare = value.trim().toLowerCase();
  return bare === 'http' || bare === 'ws' ? bare : undefined;
}

function applyToValue(value: string, scheme: InsecureScheme): string {
  return value.replace(new RegExp(`^(\\s*)${scheme}`, 'i'), `$1${secureSchemeFor(scheme)}`);
}

/** Replaces the scheme where the scalar's source text starts (after its quote), or undefined when it does not. */
function schemeEdit(doc: ParsedDocument, node: AstNode, scheme: InsecureScheme): TextEdit | undefined {
  const source = doc.text.slice(node.start, node.end);
  const match = new RegExp(`^(["']?[ \\t]*)${scheme}(?![a-z0-9+.-])`, 'i').exec(source);
  if (match === null) return undefined;
  const start = node.start + match[1].length;
  return { uri: doc.uri, start, end: start + scheme.length, newText: secureSchemeFor(scheme) };
}

/** The server variable object whose `default` or `enum` item the node is, if it is one. */
function serverVariableOf(node: AstNode): ObjectNode | undefined {
  const holder = node.parent?.type === 'array' && node.parent.key === 'enum' ? node.parent.parent : node.key === 'default' ? node.parent : undefined;
  return isObject(holder) && holder.parent?.type === 'object' && holder.parent.key === 'variables' ? holder : undefined;
}

function checkServer(api: ApiDescription, server: ServerEntry, settings: ApiGuardSettings, report: (report: Report) => void): void {
  for (const spot of insecureServerSpots(server, settings.allowedInsecureHosts)) {
    const secure = secureSchemeFor(spot.scheme);
    const message =
      spot.variable === undefined
        ? messages.serverUrl({ url: spot.url, scheme: spot.scheme, secure })
        : messages.serverVariable({ value: spot.variable.value, variable: spot.variable.name, template: server.url, url: spot.url, secure });
    const data: Record<string, unknown> = { url: spot.url, scheme: spot.scheme, version: api.version };
    if (spot.variable !== undefined) data.variable = spot.variable.name;
    if (spot.allowlisted) data.allowlisted = true;
    report({
      at: spot.at,
      part: 'value',
      message: message + (spot.allowlisted ? messages.allowlisted() : ''),
      allowlisted: spot.allowlisted,
      data,
    });
  }
}

function checkSchemes20(api: ApiDescription, settings: ApiGuardSettings, report: (report: Report) => void): void {
  const root = api.root.root;
  if (!isObject(root)) return;
  const hostField = stringValue(child(root, 'host'));
  const allowlisted = hostField !== undefined && isAllowlistedHost(hostOfHostField(hostField), settings.allowedInsecureHosts);
  const checkList = (owner: NodeRef): void => {
    const list = child(owner.node, 'schemes');
    if (!isArray(list)) return;
    const schemes = list.items.map(stringValue).filter((scheme): scheme is string => scheme !== undefined);
    for (const item of list.items) {
      const scheme = stringValue(item)?.trim().toLowerCase();
      if (scheme !== 'http' && scheme !== 'ws') continue;
      const secure = secureSchemeFor(scheme);
      const message =
        hostField === undefined ? messages.schemeWithoutHost({ scheme, secure }) : messages.schemeWithHost({ scheme, secure, host: hostField });
      report({
        at: { doc: owner.doc, node: item },
        part: 'value',
        message: message + (allowlisted ? messages.allowlisted() : ''),
        allowlisted,
        data: allowlisted ? { scheme, schemes, version: api.version, allowlisted } : { scheme, schemes, version: api.version },
      });
    }
  };
  checkList({ doc: api.root, node: root });
  for (const operation of uniqueOperations(api)) checkList(operation.operation);
}
