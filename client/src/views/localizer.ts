/**
 * The part of `vscode.l10n` that the view models use. The models take it as a parameter named
 * `l10n` so that they stay free of `vscode` (and run under node:test with a stand-in), while
 * every message is still a literal first argument of `l10n.t`, which the bundle check finds.
 */
export interface Localizer {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** Fills `{0}`, `{1}` … with the arguments, as `vscode.l10n.t` does. */
export function fillPlaceholders(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

/** A localizer that translates through a bundle (`l10n/bundle.l10n.<lang>.json`); missing entries stay English. */
export function bundleLocalizer(bundle: Readonly<Record<string, string>> = {}): Localizer {
  return { t: (message, ...args) => fillPlaceholders(bundle[message] ?? message, args) };
}
