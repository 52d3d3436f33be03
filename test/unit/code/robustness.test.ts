import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { extractCode } from '../../../server/src/core/code/extractCode';
import './codeHarness';

/**
 * Code in the editor is broken most of the time: every prefix of every fixture (a file being
 * typed) and a few mangled versions must extract without any detector stage failing.
 */
const fixtures = path.resolve(__dirname, '../../fixtures/code');

test('truncated and mangled code never makes a detector fail', async () => {
  const files = readdirSync(fixtures)
    .filter((name) => name !== 'specs' && statSync(path.join(fixtures, name)).isDirectory())
    .flatMap((language) => readdirSync(path.join(fixtures, language)).map((name) => path.join(fixtures, language, name)));
  assert.ok(files.length >= 16);
  let runs = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const variants = [text.replace(/[)}\]]/g, ''), text.replace(/['"`]/g, ''), text.split('\n').reverse().join('\n')];
    for (let cut = 0; cut < text.length; cut += 97) variants.push(text.slice(0, cut));
    for (const variant of variants) {
      const errors: string[] = [];
      await extractCode({ uri: `file:///ws/src/${path.basename(file)}`, text: variant, onExtractionError: (stage, error) => errors.push(`${stage}: ${(error as Error).stack}`) });
      assert.deepEqual(errors, [], `${path.basename(file)}: ${JSON.stringify(variant.slice(-80))}`);
      runs++;
    }
  }
  assert.ok(runs > 100);
});
