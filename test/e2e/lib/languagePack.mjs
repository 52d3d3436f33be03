// German as a display language in code-server without the Marketplace.
//
// VS Code shows a display language only when a language pack for it is installed; without one,
// `--locale de` (or "locale": "de" in <user-data-dir>/User/argv.json) silently falls back to
// English, and so do `vscode.env.language`, our package.nls.de.json and our l10n bundle. The
// Marketplace's German pack cannot be downloaded here, so the suite installs a small stand-in
// (test/e2e/fixtures/language-pack-de). code-server's `--install-extension` copies a language
// pack into the extensions folder but does not run the step that registers it in
// <user-data-dir>/languagepacks.json (the server does that only for installs made while it runs),
// so this module writes that registration the way the server would.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, fixturesDir, repoRoot } from './paths.mjs';

const fixture = join(fixturesDir, 'language-pack-de');

function filesOf(folder, prefix = '') {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** Packages the fixture with vsce once per content (the .vsix is cached in .cache/e2e/). */
export function packageLanguagePack() {
  const hash = createHash('sha256');
  for (const file of filesOf(fixture).sort()) hash.update(file).update(readFileSync(join(fixture, file)));
  const vsix = join(cacheDir, `language-pack-de-${hash.digest('hex').slice(0, 12)}.vsix`);
  if (existsSync(vsix)) return vsix;
  mkdirSync(cacheDir, { recursive: true });
  const result = spawnSync(join(repoRoot, 'node_modules/.bin/vsce'), ['package', '--allow-missing-repository', '--out', vsix], {
    cwd: fixture,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`packaging the German language pack failed:\n${result.stdout}${result.stderr}`);
  return vsix;
}

/**
 * Registers every installed language pack of `extensionsDir` in `userDataDir`/languagepacks.json,
 * with the fields and hash VS Code's language pack cache uses (MD5 over extension id and version).
 */
export function registerLanguagePacks(userDataDir, extensionsDir) {
  const packs = {};
  for (const entry of readdirSync(extensionsDir, { withFileTypes: true })) {
    const manifestPath = join(extensionsDir, entry.name, 'package.json');
    if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
    for (const localization of manifest.contributes?.localizations ?? []) {
      const pack = (packs[localization.languageId] ??= {
        hash: '',
        extensions: [],
        translations: {},
        label: localization.localizedLanguageName ?? localization.languageName,
      });
      pack.extensions.push({ extensionIdentifier: { id }, version: manifest.version });
      for (const translation of localization.translations) pack.translations[translation.id] = join(extensionsDir, entry.name, translation.path);
    }
  }
  for (const pack of Object.values(packs)) {
    const hash = createHash('md5');
    for (const extension of pack.extensions) hash.update(extension.extensionIdentifier.id).update(extension.version);
    pack.hash = hash.digest('hex');
  }
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return Object.keys(packs);
}
