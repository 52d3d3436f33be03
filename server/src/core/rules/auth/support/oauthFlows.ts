import { child, isObject, stringValue } from '../../../model/ast';
import type { ApiDescription, NodeRef, SecuritySchemeEntry, SpecVersion } from '../../../openapi/types';

/** One OAuth2 flow of a scheme, in the words of the document's version. */
export interface OAuthFlow {
  /** 3.x: the key under `flows` (`authorizationCode`); 2.0: the `flow` value (`accessCode`). */
  name: string;
  /** The node that names the flow: 3.x the flow object (shown on its key), 2.0 the `flow` value. */
  at: NodeRef;
  /** The object holding `scopes` and the URLs: the flow object (3.x) or the scheme itself (2.0). */
  holder: NodeRef;
}

const FLOWS_3 = ['implicit', 'password', 'clientCredentials', 'authorizationCode'];
const FLOWS_3_2 = [...FLOWS_3, 'deviceAuthorization'];
const FLOWS_2_0 = ['implicit', 'password', 'application', 'accessCode'];

/** The flow names a version defines; a key outside this list is not a flow of that version. */
function flowNamesOf(version: SpecVersion): readonly string[] {
  if (version === '2.0') return FLOWS_2_0;
  return version === '3.2' ? FLOWS_3_2 : FLOWS_3;
}

export function isOAuth2(scheme: SecuritySchemeEntry): boolean {
  return scheme.type === 'oauth2';
}

/**
 * The flows an OAuth2 scheme declares. Swagger 2.0 has one flow per scheme (`flow`, with scopes
 * on the scheme); OAS 3.x lists flow objects under `flows`, and only the names the version
 * defines are read (`deviceAuthorization` is a flow from 3.2 on).
 */
export function oauthFlowsOf(api: ApiDescription, scheme: SecuritySchemeEntry): OAuthFlow[] {
  if (!isOAuth2(scheme) || !isObject(scheme.at.node)) return [];
  if (api.version === '2.0') {
    const flowNode = child(scheme.at.node, 'flow');
    const name = stringValue(flowNode);
    if (flowNode === undefined || name === undefined || !FLOWS_2_0.includes(name)) return [];
    return [{ name, at: { doc: scheme.at.doc, node: flowNode }, holder: scheme.at }];
  }
  const flowsNode = child(scheme.at.node, 'flows');
  if (flowsNode === undefined) return [];
  const flows = api.resolve({ doc: scheme.at.doc, node: flowsNode });
  if (!isObject(flows.node)) return [];
  const out: OAuthFlow[] = [];
  for (const name of flowNamesOf(api.version)) {
    const raw = flows.node.properties.get(name);
    if (raw === undefined) continue;
    const flow = api.resolve({ doc: flows.doc, node: raw });
    if (!isObject(flow.node)) continue;
    out.push({ name, at: { doc: flows.doc, node: raw }, holder: flow });
  }
  return out;
}

/**
 * Every scope an OAuth2 scheme defines (the union over its flows; 2.0: the scheme's `scopes`), or
 * undefined when the definition is too broken to tell (no readable `flows` / `scopes`), so that
 * rules about scopes stay quiet instead of repeating what the schema check already reports.
 */
export function definedScopesOf(api: ApiDescription, scheme: SecuritySchemeEntry): Set<string> | undefined {
  if (!isOAuth2(scheme) || !isObject(scheme.at.node)) return undefined;
  const holders: NodeRef[] =
    api.version === '2.0' ? [scheme.at] : oauthFlowsOf(api, scheme).map((flow) => flow.holder);
  let readable = false;
  const scopes = new Set<string>();
  for (const holder of holders) {
    const scopesNode = child(holder.node, 'scopes');
    if (scopesNode === undefined) continue;
    const resolved = api.resolve({ doc: holder.doc, node: scopesNode });
    if (!isObject(resolved.node)) continue;
    readable = true;
    for (const scope of resolved.node.properties.keys()) scopes.add(scope);
  }
  if (api.version !== '2.0' && holders.length > 0) readable = true;
  return readable ? scopes : undefined;
}
