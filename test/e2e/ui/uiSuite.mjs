// Runs the UI suite with mocha in this process: installs the packaged extension and the German
// language pack into one user-data folder (shared by the English and the German workbench, which
// run one after the other), then loads ui.test.mjs.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { installExtension } from '../lib/codeServer.mjs';
import { packageLanguagePack, registerLanguagePacks } from '../lib/languagePack.mjs';
import { docsImagesDir, repoRoot } from '../lib/paths.mjs';
import { uiOptions } from './options.mjs';

/**
 * @param {{ vsixPath: string, runDir: string, updateDocsImages: boolean }} options
 * @returns {Promise<{ passed: number, failed: number, published: string[] }>}
 */
export async function runUiSuite({ vsixPath, runDir, updateDocsImages }) {
  const userDataDir = join(runDir, 'data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  installExtension(vsixPath, extensionsDir, userDataDir);
  installExtension(packageLanguagePack(), extensionsDir, userDataDir);
  const languages = registerLanguagePacks(userDataDir, extensionsDir);
  console.log(`  installed ${vsixPath.split('/').pop()} and the language pack(s) ${languages.join(', ')}`);

  const published = [];
  Object.assign(uiOptions, {
    repoRoot,
    userDataDir,
    extensionsDir,
    userSettings: {},
    home: (name) => join(runDir, `server-${name}`),
    publish(screenshot, name) {
      const target = join(docsImagesDir, name);
      // The pictures in docs/images are committed; they are replaced only on request (or when
      // missing) so that a test run does not leave the work tree changed.
      if (!updateDocsImages && existsSync(target)) return;
      mkdirSync(docsImagesDir, { recursive: true });
      copyFileSync(screenshot, target);
      published.push(target);
    },
  });

  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 360_000 });
  mocha.addFile(fileURLToPath(new URL('./ui.test.mjs', import.meta.url)));
  await mocha.loadFilesAsync();
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  mocha.dispose();
  return { passed: stats.passes, failed: stats.failures, published };
}
