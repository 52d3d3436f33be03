// The options of every bundle in dist/, for esbuild.mjs and for the tests that build a bundle the
// way it is built (test/unit/cli/bundleAscii.test.ts): one place, so that a test cannot pass on
// options the real build no longer uses.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One esbuild options object per build, paths relative to `root` (the repository). `production`
 * minifies and leaves out source maps (`npm run package`).
 */
export function bundleOptions({ root = '.', production = false } = {}) {
  const common = {
    absWorkingDir: resolve(root),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    legalComments: 'none',
    outdir: 'dist',
    // web-tree-sitter's ESM build reads `import.meta.url`, which is empty in a CommonJS bundle; its
    // CommonJS build finds its files through the `locateFile` the engine passes.
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  };

  // The precompiled structural validators (scripts/generateStructureValidators.ts): one small bundle
  // each in dist/generated/, which validateStructure.ts loads at run time only for the version at hand.
  const validatorsDir = 'server/src/core/openapi/generated';
  const validatorEntries = Object.fromEntries(
    readdirSync(join(common.absWorkingDir, validatorsDir))
      .filter((name) => name.endsWith('.js'))
      .map((name) => [`generated/${name.slice(0, -3)}`, `${validatorsDir}/${name}`]),
  );

  const builds = [
    { entryPoints: { extension: 'client/src/extension.ts' }, external: ['vscode'] },
    { entryPoints: { server: 'server/src/server.ts' } },
    // dist/cli.js is a small launcher that loads the CLI bundle dist/cli-main.js through a V8 code cache.
    { entryPoints: { cli: 'server/src/cli/launcher.ts' }, banner: { js: '#!/usr/bin/env node' } },
    { entryPoints: { 'cli-main': 'server/src/cli.ts' } },
    // The worker threads of workspace code scans, started by the CLI from dist/.
    { entryPoints: { codeScanWorker: 'server/src/node/codeScanWorker.ts' } },
    { entryPoints: validatorEntries, sourcemap: false },
  ];
  return builds.map((build) => ({ ...common, ...build }));
}
