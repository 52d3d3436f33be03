import { pathSegments } from '../../code/urlTemplate';
import { defineMessages } from '../../l10n/messages';
import type { NodeRef } from '../../openapi/types';
import { apiLabel, callSpan, type CodeRule } from './codeRule';

const messages = defineMessages({
  path: {
    en: 'The call {method} {path} goes to a server of the API "{api}" ({server}), but the API description documents no such path; document the operation or correct the URL',
    de: 'Der Aufruf {method} {path} geht an einen Server der API "{api}" ({server}), aber die API-Beschreibung dokumentiert keinen solchen Pfad; dokumentieren Sie die Operation oder korrigieren Sie die URL',
  },
  method: {
    en: 'The call {method} {path} reaches the path {documented} of the API "{api}", which documents only {methods}; document the {method} operation or correct the method',
    de: 'Der Aufruf {method} {path} erreicht den Pfad {documented} der API "{api}", die dort nur {methods} dokumentiert; dokumentieren Sie die Operation {method} oder korrigieren Sie die Methode',
  },
  relatedPaths: {
    en: 'The paths of the API description, where the operation is missing',
    de: 'Die Pfade der API-Beschreibung, in denen die Operation fehlt',
  },
  relatedPathItem: {
    en: 'The documented path, which lacks this method',
    de: 'Der dokumentierte Pfad, dem diese Methode fehlt',
  },
});

/** `orders` → `order`, `categories` → `category`, `addresses` → `address`. */
function singular(word: string): string {
  if (/ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/i.test(word)) return word.slice(0, -2);
  if (/[^s]s$/i.test(word)) return word.slice(0, -1);
  return word;
}

function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return words.map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

/**
 * The path template to document for a called path: unknown parts become parameters named after
 * the segment before them (`/orders/{*}` → `/orders/{orderId}`), named ones keep their name.
 */
export function documentedPathFor(path: string): { pathTemplate: string; pathParams: string[] } {
  const segments = pathSegments(path);
  const params: string[] = [];
  const unique = (name: string): string => {
    let candidate = name;
    for (let suffix = 2; params.includes(candidate); suffix++) candidate = `${name}${suffix}`;
    params.push(candidate);
    return candidate;
  };
  const written = segments.map((segment, index) => {
    if (!segment.includes('{')) return segment;
    const previous = index > 0 && !segments[index - 1].includes('{') ? camelCase(singular(segments[index - 1])) : '';
    return segment.replace(/\{([^{}]*)\}/g, (_, name: string) => {
      if (name !== '*' && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return `{${unique(name)}}`;
      return `{${unique(previous === '' ? 'id' : `${previous}Id`)}}`;
    });
  });
  return { pathTemplate: `/${written.join('/')}`, pathParams: params };
}

export const codeUndocumentedOperation: CodeRule = {
  meta: {
    id: 'code-undocumented-operation',
    category: 'code',
    severity: 'warning',
    title: 'Code calls an operation that the API description of its server does not document.',
    titleDe: 'Code ruft eine Operation auf, die die API-Beschreibung ihres Servers nicht dokumentiert.',
    description: [
      '## Why it matters',
      '',
      'An operation that clients use but the API description leaves out escapes every review that works',
      'from the description: security checks, gateway rules, deprecation plans, this linter. Shadow',
      'endpoints are how unprotected or forgotten functionality stays reachable.',
      '',
      '## What it flags',
      '',
      'A call whose URL (its own, or its client\'s base URL joined with its path) starts with a server of an',
      'API described in the workspace — OpenAPI 3.x `servers` with their variables expanded, Swagger 2.0',
      '`schemes` + `host` + `basePath`, a relative server URL matching any host when it has a base path —',
      'while the rest of the URL matches no documented path (path not documented), or matches a path that',
      'does not document the call\'s HTTP method (method not documented).',
      '',
      'Paths are compared segment by segment: literals must be equal, a path parameter matches any value',
      'and unknown parts of the call (`{*}`, e.g. a variable in a template string) match parameters.',
      'Nothing is reported when the match is not unambiguous: the host is unknown, two API descriptions',
      'claim the same server, or the HTTP method of the call cannot be told.',
      '',
      '## How to fix it',
      '',
      'Document the operation — the quick fix "Add operation to <spec file>" inserts a stub with a TODO',
      'summary, a parameter for each path template segment, the API\'s default security and a success and',
      'an error response — or correct the URL or method in the code.',
    ].join('\n'),
    versions: [],
    step: '2.1',
    owasp: ['API9:2023'],
    fix: 'Adds the operation to the API description: a path item / operation stub with summary TODO, path parameters for each template segment, the API\'s default security, and a success and an error response.',
    examples: {
      bad: "// The description of https://api.shop.example/v1 has no /orders/{orderId}/refunds\nawait api.post(`/orders/${id}/refunds`, refund);",
      good: '// After "Add operation", the description documents POST /orders/{orderId}/refunds\nawait api.post(`/orders/${id}/refunds`, refund);',
    },
  },
  check({ extraction, matches, report }) {
    extraction.callSites.forEach((call, index) => {
      const match = matches[index];
      if (match === undefined || !match.unambiguous || match.api === undefined || call.method === 'unknown') return;
      if (match.outcome !== 'path-not-documented' && match.outcome !== 'method-not-documented') return;
      const api = match.api;
      const method = call.method;
      const calledPath = match.path ?? '/';
      const documented = match.outcome === 'method-not-documented' ? match.documentedPath! : undefined;
      const target = documented === undefined ? documentedPathFor(calledPath) : { pathTemplate: documented, pathParams: (documented.match(/\{([^{}]+)\}/g) ?? []).map((name) => name.slice(1, -1)) };
      const pathItem = documented === undefined ? undefined : api.operations.find((operation) => operation.path === documented)?.pathItem;
      const specFileUri = pathItem?.doc.uri ?? api.pathsAt?.doc.uri ?? api.root.uri;
      const related: { at: NodeRef; message: string }[] = [];
      if (pathItem !== undefined) related.push({ at: pathItem, message: messages.relatedPathItem() });
      else if (api.pathsAt !== undefined) related.push({ at: api.pathsAt, message: messages.relatedPaths() });
      const message =
        documented === undefined
          ? messages.path({ method, path: calledPath, api: apiLabel(api), server: match.serverUrl ?? '' })
          : messages.method({ method, path: calledPath, documented, api: apiLabel(api), methods: (match.documentedMethods ?? []).join(', ') });
      report({
        at: callSpan(call),
        message,
        related,
        data: {
          outcome: match.outcome,
          apiRootUri: api.root.uri,
          specFileUri,
          method: method.toLowerCase(),
          pathTemplate: target.pathTemplate,
          pathParams: target.pathParams,
          serverUrl: match.serverUrl,
        } satisfies Record<string, unknown>,
        discriminator: `${method} ${target.pathTemplate}`,
      });
    });
  },
};
