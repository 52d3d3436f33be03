// Bundles the extension client, the language server and the CLI into dist/ (CommonJS, Node).
// `node esbuild.mjs --watch` rebuilds on change; `--production` minifies. The options of each
// bundle are in scripts/bundleOptions.mjs.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { bundleOptions } from './scripts/bundleOptions.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

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

const contexts = await Promise.all(bundleOptions({ production }).map((options) => esbuild.context(options)));
copyAssets();
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
