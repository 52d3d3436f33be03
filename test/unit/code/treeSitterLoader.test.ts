import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CODE_LANGUAGES } from '../../../server/src/core/code/languages';
import { configureTreeSitter, loadCodeLanguage, parseCode, TreeSitterLoadError } from '../../../server/src/core/code/treeSitter';
import { useNodeModulesGrammars } from './codeHarness';

test('a grammar that cannot be read fails with an error naming it, and loads once the files are there', async () => {
  configureTreeSitter({
    locateRuntime: (fileName) => require.resolve(`web-tree-sitter/${fileName}`),
    readGrammar: (fileName) => Promise.reject(new Error(`no such file: ${fileName}`)),
  });
  await assert.rejects(loadCodeLanguage('go'), (error: unknown) => error instanceof TreeSitterLoadError && error.language === 'go' && /tree-sitter-go\.wasm/.test(error.message));
  useNodeModulesGrammars();
  const grammar = await loadCodeLanguage('go');
  assert.equal(grammar, await loadCodeLanguage('go'), 'grammars are cached');
});

test('every grammar of the bundle loads and parses', async () => {
  useNodeModulesGrammars();
  for (const language of CODE_LANGUAGES) {
    const tree = await parseCode(language, language === 'php' ? '<?php echo 1;' : 'x');
    assert.ok(tree.rootNode.childCount >= 0, language);
    tree.delete();
  }
});
