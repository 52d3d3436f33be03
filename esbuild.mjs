// Bundles the extension client, the language server and the CLI into dist/ (CommonJS, Node).
// `node esbuild.mjs --watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // web-tree-sitter's ESM build reads `import.meta.url`, which is empty in a CommonJS bundle; its
  // CommonJS build finds its files through the `locateFile` the engine passes.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

// The precompiled structural validators (scripts/generateStructureValidators.ts): one small bundle
// each in dist/generated/, which validateStructure.ts loads at run time only for the version at hand.
const validatorsDir = 'server/src/core/openapi/generated';
const validatorEntries = Object.fromEntries(
  readdirSync(validatorsDir)
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

/** Files the bundles load at run time (tree-sitter runtime and grammars, schemas). */
function copyAssets() {
  mkdirSync('dist', { recursive: true });
  const wasmDir = 'node_modules/@vscode/tree-sitter-wasm/wasm';
  const grammars = ['javascript', 'typescript', 'tsx', 'python', 'java', 'c-sharp', 'go', 'php'];
  mkdirSync('dist/grammars', { recursive: true });
  for (const grammar of grammars) cpSync(`${wasmDir}/tree-sitter-${grammar}.wasm`, `dist/grammars/tree-sitter-${grammar}.wasm`);
  const runtime = 'node_modules/web-tree-sitter/web-tree-sitter.wasm';
  if (existsSync(runtime)) cpSync(runtime, 'dist/web-tree-sitter.wasm');
}

const contexts = await Promise.all(builds.map((options) => esbuild.context({ ...common, outdir: 'dist', ...options })));
copyAssets();
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
