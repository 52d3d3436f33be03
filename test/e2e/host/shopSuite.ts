/**
 * Entry point of the extension-host suite for a single-folder workspace holding a copy of
 * examples/shop. code-server's test payload and @vscode/test-electron both load this module (as
 * the bundle .cache/e2e/out/shopSuite.js) and call `run()`.
 */
import { runMochaSuite } from './mochaRun';
import { shopTests } from './shop.tests';

export function run(): Promise<void> {
  return runMochaSuite('extension host, examples/shop', [shopTests]);
}
