/**
 * The `apiGuard.*` values a person or team actually wrote into their settings, without VS Code's
 * defaults. The server layers settings as defaults ← `.api-guard.yaml` ← editor settings; if the
 * editor answered with its defaults too, every key of the team's `.api-guard.yaml` would be
 * overwritten by a default nobody chose. This module is free of `vscode` so it can be unit-tested.
 */

/** What `WorkspaceConfiguration.inspect` reports for one key (language-specific values are not used). */
export interface SettingLayers {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface ExplicitSettingsOptions {
  /** The section all keys start with, e.g. `apiGuard`. */
  root: string;
  /** Whether the workspace is trusted. */
  trusted: boolean;
  /**
   * Keys whose workspace and folder values widen what the analysis may access; in an untrusted
   * workspace only the user's own (global) value of these keys counts.
   */
  restrictedKeys: ReadonlySet<string>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Combines the layers of one key the way VS Code does (folder over workspace over user; objects
 * such as `apiGuard.rules` are merged key by key), or returns undefined when no layer sets it.
 */
export function effectiveExplicitValue(layers: SettingLayers, trustedLayersOnly: boolean): unknown {
  const ordered = trustedLayersOnly ? [layers.globalValue] : [layers.globalValue, layers.workspaceValue, layers.workspaceFolderValue];
  let result: unknown;
  for (const value of ordered) {
    if (value === undefined) continue;
    result = isPlainObject(result) && isPlainObject(value) ? { ...result, ...value } : value;
  }
  return result;
}

/**
 * Builds the nested settings object below `options.root` from every key that has an explicit
 * value: `apiGuard.diagnostics.scope` becomes `{ diagnostics: { scope } }`.
 */
export function explicitSettings(
  keys: readonly string[],
  inspect: (key: string) => SettingLayers | undefined,
  options: ExplicitSettingsOptions,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const prefix = `${options.root}.`;
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const layers = inspect(key);
    if (layers === undefined) continue;
    const restricted = !options.trusted && options.restrictedKeys.has(key);
    const value = effectiveExplicitValue(layers, restricted);
    if (value === undefined) continue;
    const path = key.slice(prefix.length).split('.');
    let target = result;
    for (const segment of path.slice(0, -1)) {
      const existing = target[segment];
      const next = isPlainObject(existing) ? existing : {};
      target[segment] = next;
      target = next;
    }
    target[path[path.length - 1]] = value;
  }
  return result;
}

/**
 * The part of an explicit-settings object that a `workspace/configuration` item asks for:
 * section `apiGuard` is the whole object, `apiGuard.code` its `code` member, and so on.
 * Returns undefined (JSON null on the wire) when nothing below that section is set, except for
 * the root section, which is always an object.
 */
export function selectSection(settings: Record<string, unknown>, root: string, section: string): unknown {
  if (section === root) return settings;
  let current: unknown = settings;
  for (const segment of section.slice(root.length + 1).split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** Whether a `workspace/configuration` section belongs to `root` (`apiGuard`, `apiGuard.rules`, …). */
export function isSectionOf(section: string | undefined | null, root: string): section is string {
  return section === root || (typeof section === 'string' && section.startsWith(`${root}.`));
}
