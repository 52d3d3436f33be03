import * as vscode from 'vscode';
import { ResponseError, type ConfigurationRequest } from 'vscode-languageclient/node';
import { explicitSettings, isSectionOf, selectSection } from './explicitSettings';

const ROOT_SECTION = 'apiGuard';

/** Settings that widen what the analysis may read; restricted in untrusted workspaces (package.json). */
const RESTRICTED_KEYS = new Set(['apiGuard.allowedRemoteRefHosts']);

/** Editor-only settings that are not part of the analysis settings the server layers. */
const CLIENT_ONLY_KEYS = new Set(['apiGuard.trace.server']);

/** The `apiGuard.*` keys this extension contributes, read from its manifest so they never drift. */
function contributedSettingKeys(context: vscode.ExtensionContext): string[] {
  const configuration: unknown = context.extension.packageJSON?.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  const keys: string[] = [];
  for (const section of sections) {
    const properties: unknown = (section as { properties?: unknown } | undefined)?.properties;
    if (typeof properties !== 'object' || properties === null) continue;
    for (const key of Object.keys(properties)) if (key.startsWith(`${ROOT_SECTION}.`) && !CLIENT_ONLY_KEYS.has(key)) keys.push(key);
  }
  return keys;
}

/**
 * Answers the server's `workspace/configuration` requests for `apiGuard` sections with only the
 * values someone set (see explicitSettings.ts for why), and leaves every other section to the
 * client's default handling.
 */
export function explicitSettingsMiddleware(context: vscode.ExtensionContext): ConfigurationRequest.MiddlewareSignature {
  const keys = contributedSettingKeys(context);
  return async (params, token, next) => {
    const defaults = await next(params, token);
    if (defaults instanceof ResponseError || !Array.isArray(defaults)) return defaults;
    return params.items.map((item, index) => {
      if (!isSectionOf(item.section, ROOT_SECTION)) return defaults[index];
      const scope = item.scopeUri !== undefined ? vscode.Uri.parse(item.scopeUri) : undefined;
      const configuration = vscode.workspace.getConfiguration(undefined, scope);
      const settings = explicitSettings(keys, (key) => configuration.inspect(key), {
        root: ROOT_SECTION,
        trusted: vscode.workspace.isTrusted,
        restrictedKeys: RESTRICTED_KEYS,
      });
      return selectSection(settings, ROOT_SECTION, item.section) ?? null;
    });
  };
}
