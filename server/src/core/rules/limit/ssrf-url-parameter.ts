import { defineMessages } from '../../l10n/messages';
import { child, childString, isObject, type AstNode } from '../../model/ast';
import { resolveIfRef, schemasOf, schemaTypes } from '../../openapi/schemas';
import { ALL_VERSIONS } from '../../openapi/types';
import { suppressionSection } from '../doc/support/ruleDocs';
import type { SpecRule } from '../types';
import { OWASP_API7 } from '../support/owasp';
import { parameterSchema } from './support/parameterSchema';

const messages = defineMessages({
  parameter: {
    en: 'Parameter "{name}" takes a URL or redirect target; if the server fetches or redirects to it, attackers can reach internal hosts (SSRF) or send users elsewhere; restrict it to an allowlist',
    de: 'Der Parameter „{name}“ nimmt eine URL oder ein Weiterleitungsziel an; ruft der Server sie ab oder leitet dorthin weiter, erreichen Angreifer interne Hosts (SSRF) oder lenken Nutzer um; beschränken Sie ihn auf eine Allowlist',
  },
  property: {
    en: 'Request property "{name}" takes a URL or redirect target; if the server fetches or redirects to it, attackers can reach internal hosts (SSRF) or send users elsewhere; restrict it to an allowlist',
    de: 'Die Anfrage-Eigenschaft „{name}“ nimmt eine URL oder ein Weiterleitungsziel an; ruft der Server sie ab oder leitet dorthin weiter, erreichen Angreifer interne Hosts (SSRF) oder lenken Nutzer um; beschränken Sie sie auf eine Allowlist',
  },
});

/** Formats that say a string is not a URL whatever its name. */
const NON_URL_FORMATS = new Set(['uuid', 'date', 'date-time', 'time', 'email', 'byte', 'binary', 'int32', 'int64', 'password']);
/** Formats that say a string is a URL whatever its name. */
const URL_FORMATS = new Set(['uri', 'url', 'iri']);

/**
 * Names that say the value is a URL the server may call or send users to: `…url`, `…uri`,
 * `callback`, `redirect…`, `webhook…`, `next` (compared case-insensitively). Names that end in an
 * id (`webhookId`, `redirect_id`) identify an object instead and are left out.
 */
export function isUrlLikeName(name: string): boolean {
  // Asked of every property of every request schema: one test without a lower-case copy first.
  return URL_LIKE_NAME.test(name) && !ID_NAME.test(name);
}

// `u`: Unicode case folding, as `toLowerCase` (the Kelvin sign is a `k`).
const URL_LIKE_NAME = /(?:url|uri)$|^(?:redirect|webhook)|^(?:callback|next)$/iu;
const ID_NAME = /(_|-)ids?$|[a-z0-9]I[dD]s?$/;

/** True when a value with these types and format can hold a URL: a string, or untyped. */
function canHoldUrl(types: Set<string>, format: string | undefined): boolean {
  if (types.size > 0 && !types.has('string')) return false;
  return format === undefined || !NON_URL_FORMATS.has(format);
}

export const ssrfUrlParameter: SpecRule = {
  usesSchemas: true,
  meta: {
    id: 'ssrf-url-parameter',
    category: 'limit',
    severity: 'info',
    title: 'A parameter or request property takes a URL or redirect target (SSRF / open redirect risk).',
    titleDe: 'Ein Parameter oder eine Anfrage-Eigenschaft nimmt eine URL oder ein Weiterleitungsziel an (SSRF-/Open-Redirect-Risiko).',
    description: [
      '## Why it matters',
      '',
      'When an API fetches a URL its client supplied (a webhook target, an avatar to import, a',
      'callback to notify), an attacker can point it at `http://169.254.169.254/` or another internal',
      `host and read what only the server can reach (${OWASP_API7}). Redirect parameters (\`next\`,`,
      '`redirect_uri`) that are not checked send users to a phishing page under the API\'s name.',
      'Such inputs need an allowlist of hosts and schemes in the implementation, and the API',
      'description is the place to find them all for review.',
      '',
      '## What it flags',
      '',
      'Parameters (query, path, header, cookie; Swagger 2.0 also `formData`) and properties of',
      'request bodies (through `$ref`, nested objects, arrays and compositions) whose name ends in',
      '`url` or `uri`, starts with `redirect` or `webhook`, or is `callback` or `next` (compared',
      'case-insensitively), and properties and parameters of any name with `format: uri` (`url`,',
      '`iri`). Values that cannot hold a URL are skipped: a declared type other than `string`, a',
      'format such as `uuid`, `date-time` or `email`, and names ending in an id (`webhookId`).',
      '`readOnly` properties are not sent by clients and are skipped. Each parameter or property is',
      'reported once, where it is written.',
      '',
      '## How to fix it',
      '',
      'Validate the value against an allowlist of schemes and hosts in the implementation (and',
      'refuse private address ranges after DNS resolution). Document the restriction, for example',
      'with a `pattern` or in the `description`, then suppress the finding with the reason.',
      '',
      suppressionSection('ssrf-url-parameter', '        - name: callbackUrl', 'validated against the partner host allowlist'),
    ].join('\n'),
    versions: ALL_VERSIONS,
    step: '3.2',
    owasp: ['API7:2023'],
    examples: {
      bad: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /imports:\n    post:\n      parameters:\n        - { name: sourceUrl, in: query, schema: { type: string, maxLength: 2048 } }\n      responses:\n        "202": { description: Accepted }\n',
      good: 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /imports:\n    post:\n      parameters:\n        - { name: sourceId, in: query, schema: { type: string, format: uuid } }\n      responses:\n        "202": { description: Accepted }\n',
    },
  },
  check({ api, report }) {
    // Asked of every parameter and every property of every request schema, of names that repeat
    // (`url`, `id`, `metadata`): each name is tested once per run.
    const urlLike = new Map<string, boolean>();
    const isUrlLike = (name: string): boolean => {
      let answer = urlLike.get(name);
      if (answer === undefined) urlLike.set(name, (answer = isUrlLikeName(name)));
      return answer;
    };
    // A parameter defined once and referenced by many operations is judged once (kubernetes: 9,382
    // parameters of its operations, 1,403 nodes): the answer depends on its node alone.
    const judged = new Set<AstNode>();
    for (const operation of api.operations) {
      for (const parameter of operation.parameters) {
        if (parameter.name === undefined || parameter.in === 'body' || judged.has(parameter.at.node)) continue;
        judged.add(parameter.at.node);
        const schema = parameterSchema(api, parameter.at)?.node;
        const format = childString(schema, 'format');
        const named = isUrlLike(parameter.name) || (format !== undefined && URL_FORMATS.has(format));
        if (!named || !canHoldUrl(schemaTypes(schema), format)) continue;
        report({ at: { doc: parameter.at.doc, node: child(parameter.at.node, 'name')! }, part: 'value', message: messages.parameter({ name: parameter.name }) });
      }
    }
    // A property shared by several request schemas (through their compositions) is reported once.
    const reported = new Set<AstNode>();
    let doc = api.root;
    const visit = (property: AstNode, name: string): void => {
      const resolved = resolveIfRef(api, { doc, node: property }).node;
      const format = childString(resolved, 'format');
      if (!isUrlLike(name) && (format === undefined || !URL_FORMATS.has(format))) return;
      if (reported.has(property) || isReadOnly(property) || isReadOnly(resolved) || !canHoldUrl(schemaTypes(resolved), format)) return;
      reported.add(property);
      report({ at: { doc, node: property }, message: messages.property({ name }) });
    };
    for (const entry of schemasOf(api).entries) {
      if (!entry.request || entry.kind !== 'schema') continue;
      const properties = child(entry.at.node, 'properties');
      if (!isObject(properties)) continue;
      doc = entry.at.doc;
      properties.properties.forEach(visit);
    }
  },
};

function isReadOnly(node: AstNode): boolean {
  const flag = child(node, 'readOnly');
  return flag !== undefined && flag.type === 'boolean' && flag.value === true;
}
