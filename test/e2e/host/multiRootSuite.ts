/**
 * Entry point of the extension-host suite for the multi-root workspace of
 * test/e2e/fixtures/multi-root (bundled as .cache/e2e/out/multiRootSuite.js).
 */
import { runMochaSuite } from './mochaRun';
import { multiRootTests, multiRootWorkspaceOpened } from './multiRoot.tests';

export function run(): Promise<void> {
  return runMochaSuite('extension host, multi-root workspace', [multiRootTests], undefined, multiRootWorkspaceOpened);
}
