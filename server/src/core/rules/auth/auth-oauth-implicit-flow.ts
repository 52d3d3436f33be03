import { insertProperties, insertProperty, removeProperty, renameKey, replaceScalar } from '../../fixes/structuralEdits';
import type { TextEdit } from '../../fixes/textEdit';
import { defineMessages } from '../../l10n/messages';
import { child, childString, isObject, toValue, type AstNode } from '../../model/ast';
import { ALL_VERSIONS, type ApiDescription, type NodeRef, type SecuritySchemeEntry } from '../../openapi/types';
import { hostOfUrl, insecureSchemeOf, isAllowlistedHost } from '../tls/support/insecureUrl';
import type { FixContext, FixProposal, SpecRule } from '../types';
import { oauthFlowsOf, type OAuthFlow } from './support/oauthFlows';
import { OWASP_LINKS } from '../support/owasp';
import { schemeLocation } from './support/schemeLocation';

const messages = defineMessages({
  implicit: {
    en: 'OAuth2 scheme "{scheme}" uses the implicit flow, which the OAuth 2.0 Security BCP (RFC 9700) deprecates: use {replacement}',
    de: 'Das OAuth2-Schema "{scheme}" verwendet den Implicit-Flow, von dem die OAuth 2.0 Security BCP (RFC 9700) abrät: verwenden Sie {replacement}',
  },
  password: {
    en: 'OAuth2 scheme "{scheme}" uses the resource owner password flow, which the OAuth 2.0 Security BCP (RFC 9700) forbids: use {replacement}',
    de: 'Das OAuth2-Schema "{scheme}" verwendet den Resource-Owner-Password-Flow, den die OAuth 2.0 Security BCP (RFC 9700) untersagt: verwenden Sie {replacement}',
  },
  replace: {
    en: 'Replace the {flow} flow with {replacement}',
    de: 'Den {flow}-Flow durch {replacement} ersetzen',
  },
  replaceGuessed: {
    en: 'Replace the {flow} flow with {replacement} ({field} guessed as {url}: check it)',
    de: 'Den {flow}-Flow durch {replacement} ersetzen ({field} geschätzt als {url}: bitte prüfen)',
  },
  merge: {
    en: 'Remove the {flow} flow and define its scopes in the existing {replacement} flow',
    de: 'Den {flow}-Flow entfernen und seine Scopes im vorhandenen {replacement}-Flow definieren',
  },
});

const DEPRECATED_FLOWS = new Set(['implicit', 'password']);

/**
 * The keys an authorization code flow may have (3.x flow object; 2.0 scheme). A deprecated flow
 * with any other key is left alone: renaming it would move a schema violation to a new place.
 */
const CODE_FLOW_KEYS_3 = new Set(['authorizationUrl', 'tokenUrl', 'refreshUrl', 'scopes']);
const CODE_FLOW_KEYS_2 = new Set(['type', 'flow', 'authorizationUrl', 'tokenUrl', 'scopes', 'description']);

type UrlField = 'authorizationUrl' | 'tokenUrl';

/** A URL the new flow needs, and whether the document states it or the fix guesses it. */
interface NeededUrl {
  field: UrlField;
  url: string;
  guessed: boolean;
}

/**
 * The authorisation and token endpoints of every OAuth2 flow in the API that has both: an
 * authorisation server is usually described once per document, by the code flow of one scheme
 * or by another scheme (2.0 defines one flow per scheme).
 */
function knownEndpointPairs(api: ApiDescription): { authorizationUrl: string; tokenUrl: string }[] {
  const pairs: { authorizationUrl: string; tokenUrl: string }[] = [];
  for (const scheme of api.securitySchemes.values()) {
    for (const flow of oauthFlowsOf(api, scheme)) {
      const authorizationUrl = childString(flow.holder.node, 'authorizationUrl');
      const tokenUrl = childString(flow.holder.node, 'tokenUrl');
      if (authorizationUrl !== undefined && tokenUrl !== undefined) pairs.push({ authorizationUrl, tokenUrl });
    }
  }
  return pairs;
}

/**
 * The endpoint beside a known one: its last path segment replaced, query and fragment dropped
 * (`https://auth.example.com/oauth/authorize` → `https://auth.example.com/oauth/token`).
 */
function siblingEndpoint(url: string, segment: string): string {
  const bare = url.trim().replace(/[?#].*$/, '');
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(bare)?.[0] ?? '';
  const path = bare.slice(origin.length);
  const cut = path.lastIndexOf('/');
  if (cut < 0) return origin === '' ? segment : `${origin}/${segment}`;
  return `${origin}${path.slice(0, cut)}/${segment}`;
}

/**
 * The URL the code flow needs that the deprecated flow lacks: the token endpoint for an implicit
 * flow, the authorisation endpoint for a password flow. It is stated when another flow of the
 * document pairs the known endpoint with it (or, in 3.x, a sibling flow of the same scheme has
 * it), and otherwise guessed beside the known endpoint. 'present' when the flow already has it;
 * undefined when the flow lacks the endpoint it should have.
 */
function neededUrl(api: ApiDescription, flowName: string, holder: NodeRef, siblings: OAuthFlow[]): NeededUrl | 'present' | undefined {
  const field: UrlField = flowName === 'implicit' ? 'tokenUrl' : 'authorizationUrl';
  if (child(holder.node, field) !== undefined) return childString(holder.node, field) === undefined ? undefined : 'present';
  const knownField: UrlField = field === 'tokenUrl' ? 'authorizationUrl' : 'tokenUrl';
  const known = childString(holder.node, knownField);
  if (known === undefined || known.trim() === '') return undefined;
  const pair = knownEndpointPairs(api).find((candidate) => candidate[knownField] === known);
  if (pair !== undefined) return { field, url: pair[field], guessed: false };
  for (const sibling of siblings) {
    const url = childString(sibling.holder.node, field);
    if (url !== undefined && sibling.holder.node !== holder.node) return { field, url, guessed: false };
  }
  return { field, url: siblingEndpoint(known, field === 'tokenUrl' ? 'token' : 'authorize'), guessed: true };
}

/** True when a URL would be reported as clear text (an error) by the encryption rules. */
function isReportedInsecure(url: string, allowedHosts: readonly string[]): boolean {
  return insecureSchemeOf(url) !== undefined && !isAllowlistedHost(hostOfUrl(url), allowedHosts);
}

/** Every URL value of an object's `*Url` keys. */
function urlsOf(node: AstNode): string[] {
  if (!isObject(node)) return [];
  return [...node.properties.entries()].filter(([key]) => key.endsWith('Url')).map(([, value]) => toValue(value)).filter((url): url is string => typeof url === 'string');
}

/** Scopes of a flow as a plain map of strings, or undefined when its `scopes` is not one. */
function scopesOf(api: ApiDescription, holder: NodeRef): { map: Map<string, string>; at: NodeRef } | undefined {
  const raw = child(holder.node, 'scopes');
  if (raw === undefined) return undefined;
  const scopes = api.resolve({ doc: holder.doc, node: raw });
  if (!isObject(scopes.node)) return undefined;
  const map = new Map<string, string>();
  for (const [name, value] of scopes.node.properties) {
    const text = toValue(value);
    if (typeof text !== 'string') return undefined;
    map.set(name, text);
  }
  return { map, at: scopes };
}

/** 3.x, with a code flow already there: drop the deprecated flow and define its scopes in the code flow. */
function mergeIntoCodeFlow(api: ApiDescription, doc: FixContext['doc'], flows: AstNode, deprecated: OAuthFlow, codeFlow: OAuthFlow): TextEdit[] | undefined {
  if (!isObject(flows) || deprecated.at.node.key === undefined) return undefined;
  const removal = removeProperty(doc, flows, String(deprecated.at.node.key));
  if (removal === undefined) return undefined;
  const own = scopesOf(api, deprecated.holder);
  const target = scopesOf(api, codeFlow.holder);
  if (own === undefined || target === undefined || !isObject(target.at.node)) return undefined;
  const missing = [...own.map].filter(([name]) => !target.map.has(name));
  const insert = insertProperties(target.at.doc, target.at.node, missing);
  return insert === undefined ? [removal] : [removal, insert];
}

/** The proposal turning the deprecated flow into a code flow, or undefined when that cannot be done cleanly. */
function replaceWithCodeFlow(context: FixContext, scheme: SecuritySchemeEntry, deprecated: OAuthFlow, replacement: string): FixProposal | undefined {
  const { api, doc, settings } = context;
  const holder = deprecated.holder;
  const is2 = api.version === '2.0';
  // A flow object reached through $ref may be shared; it is not rewritten from here.
  if (!is2 && holder.node !== deprecated.at.node) return undefined;
  if (!isObject(holder.node)) return undefined;
  const allowed = is2 ? CODE_FLOW_KEYS_2 : CODE_FLOW_KEYS_3;
  if ([...holder.node.properties.keys()].some((key) => !allowed.has(key) && !key.startsWith('x-'))) return undefined;
  if (scopesOf(api, holder) === undefined) return undefined;
  const needed = neededUrl(api, deprecated.name, holder, oauthFlowsOf(api, scheme));
  if (needed === undefined) return undefined;
  const added = needed === 'present' ? undefined : needed;
  const urls = [...urlsOf(holder.node), ...(added === undefined ? [] : [added.url])];
  // A clear-text endpoint is fixed by tls-http-url first; moving or copying it here would repeat its error.
  if (urls.some((url) => isReportedInsecure(url, settings.allowedInsecureHosts))) return undefined;
  const edits: TextEdit[] = [];
  if (is2) {
    edits.push(replaceScalar(doc, deprecated.at.node, replacement));
  } else {
    const rename = renameKey(doc, deprecated.at.node, replacement);
    if (rename === undefined) return undefined;
    edits.push(rename);
  }
  if (added !== undefined) {
    const placement = added.field === 'tokenUrl' ? { after: ['authorizationUrl'] } : is2 ? { after: ['flow'] } : { atStart: true };
    edits.push(insertProperty(holder.doc, holder.node, added.field, added.url, placement));
  }
  const guessed = added?.guessed === true;
  return {
    title:
      added !== undefined && added.guessed
        ? messages.replaceGuessed({ flow: deprecated.name, replacement, field: added.field, url: added.url })
        : messages.replace({ flow: deprecated.name, replacement }),
    edits,
    // A guessed endpoint must be checked by someone who knows the authorisation server.
    isPreferred: !guessed,
    safe: !guessed,
  };
}

export const authOauthImplicitFlow: SpecRule = {
  meta: {
    id: 'auth-oauth-implicit-flow',
    category: 'auth',
    severity: 'error',
    title: 'An OAuth2 scheme uses the implicit or the resource owner password flow.',
    titleDe: 'Ein OAuth2-Schema verwendet den Implicit- oder den Resource-Owner-Password-Flow.',
    description: [
      'The OAuth 2.0 Security Best Current Practice (RFC 9700) retires two of the original grant',
      `types (${OWASP_LINKS['API2:2023']}):`,
      '',
      '- the **implicit** flow returns the access token in the redirect URL fragment, where it leaks',
      '  through browser history, `Referer` headers and injected scripts, and cannot be bound to the',
      '  client (RFC 9700 §2.1.2: clients SHOULD NOT use it);',
      '- the **resource owner password credentials** flow hands the user\'s password to the client',
      '  application and cannot support multi-factor authentication (RFC 9700 §2.4: it MUST NOT be',
      '  used).',
      '',
      '## What is flagged',
      '',
      '- OpenAPI 3.0, 3.1, 3.2: each `implicit` or `password` entry under an `oauth2` scheme\'s',
      '  `flows` (one finding per flow, on its key);',
      '- Swagger 2.0: an `oauth2` scheme with `flow: implicit` or `flow: password` (on the value).',
      '',
      '## How to fix',
      '',
      'Use the authorisation code flow with PKCE (RFC 7636) — for browser and mobile apps as well',
      'as for server-side clients. The quick fix replaces the flow with an `authorizationCode` flow',
      '(2.0: `flow: accessCode`) that keeps the scopes. The endpoint the code flow needs in',
      'addition (the `tokenUrl` of an implicit flow, the `authorizationUrl` of a password flow) is',
      'taken from another flow of the document that uses the same authorisation server; when no',
      'flow states it, the fix guesses it beside the known endpoint (`…/authorize` → `…/token`),',
      'shows the guess in its title and is left out of "fix all". When the scheme already has a',
      'code flow, the fix removes the deprecated flow and defines its scopes in the code flow. The',
      'fix waits until the flow\'s endpoints use HTTPS (`tls-http-url` fixes them). Machine-to-machine',
      'clients use `clientCredentials` (2.0: `application`).',
      '',
      '## How to suppress',
      '',
      'Write `# api-guard-ignore auth-oauth-implicit-flow -- reason` above the flow, or add',
      '`x-api-guard-ignore: [auth-oauth-implicit-flow]` inside the scheme.',
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API2:2023'],
    fix: 'Replaces the flow with an `authorizationCode` flow that keeps its scopes (2.0: `flow: accessCode`), taking the missing endpoint from another flow of the document or guessing it for review; an existing code flow receives the scopes instead.',
    examples: {
      bad: [
        'components:',
        '  securitySchemes:',
        '    oauth:',
        '      type: oauth2',
        '      flows:',
        '        implicit:',
        '          authorizationUrl: https://auth.example.com/authorize',
        '          scopes: { "orders:read": Read orders }',
        '',
      ].join('\n'),
      good: [
        'components:',
        '  securitySchemes:',
        '    oauth:',
        '      type: oauth2',
        '      flows:',
        '        authorizationCode:',
        '          authorizationUrl: https://auth.example.com/authorize',
        '          tokenUrl: https://auth.example.com/token',
        '          refreshUrl: https://auth.example.com/token',
        '          scopes: { "orders:read": Read orders }',
        '',
      ].join('\n'),
    },
  },
  check({ api, report }) {
    const is2 = api.version === '2.0';
    const replacement = is2 ? 'accessCode' : 'authorizationCode';
    for (const scheme of api.securitySchemes.values()) {
      const flows = oauthFlowsOf(api, scheme);
      const hasReplacement = flows.some((flow) => flow.name === replacement);
      for (const flow of flows) {
        if (!DEPRECATED_FLOWS.has(flow.name)) continue;
        const message = flow.name === 'implicit' ? messages.implicit : messages.password;
        report({
          at: flow.at,
          part: is2 ? 'value' : 'key',
          message: message({ scheme: scheme.name, replacement }),
          data: { scheme: scheme.name, flow: flow.name, version: api.version, replacement, replacementExists: hasReplacement },
          related: schemeLocation(scheme).related,
        });
      }
    }
  },
  fix(context) {
    const { api, finding, node } = context;
    const schemeName = finding.data?.scheme;
    if (typeof schemeName !== 'string' || node === undefined) return [];
    const scheme = api.securitySchemes.get(schemeName);
    if (scheme === undefined) return [];
    const flows = oauthFlowsOf(api, scheme);
    const deprecated = flows.find((flow) => flow.at.node === node && DEPRECATED_FLOWS.has(flow.name));
    if (deprecated === undefined) return [];
    const replacement = api.version === '2.0' ? 'accessCode' : 'authorizationCode';
    const codeFlow = flows.find((flow) => flow.name === replacement);
    if (codeFlow !== undefined) {
      if (node.parent === undefined) return [];
      const edits = mergeIntoCodeFlow(api, context.doc, node.parent, deprecated, codeFlow);
      return edits === undefined ? [] : [{ title: messages.merge({ flow: deprecated.name, replacement }), edits, isPreferred: true, safe: true }];
    }
    const proposal = replaceWithCodeFlow(context, scheme, deprecated, replacement);
    return proposal === undefined ? [] : [proposal];
  },
};
