import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');

/**
 * The message tables of the inventory and checklist modules: every key has an English and a
 * German text with the same placeholders, and every key is used by its module.
 */
const modules = [
  'server/src/core/inventory/formatInventory.ts',
  'server/src/core/checklist/formatChecklist.ts',
  'server/src/core/checklist/checklistState.ts',
];

describe('inventory and checklist messages', () => {
  for (const file of modules) {
    it(`${file}: every message is translated and used`, () => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const table = /const m = defineMessages\(\{([\s\S]*?)\n\}\);/.exec(text);
      assert.ok(table, 'no message table');
      const entries = [...table[1].matchAll(/^ {2}(\w+): \{\s*en: ('(?:[^'\\]|\\.)*'),\s*de: ('(?:[^'\\]|\\.)*'),?\s*\}/gm)];
      const keys = [...table[1].matchAll(/^ {2}(\w+): \{/gm)].map((match) => match[1]);
      assert.equal(entries.length, keys.length, 'every entry has exactly an en and a de text');
      const rest = text.slice(0, table.index) + text.slice(table.index + table[0].length);
      for (const [, key, english, german] of entries) {
        const holes = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
        assert.deepEqual(holes(german), holes(english), `placeholders of ${key}`);
        assert.notEqual(german.trim(), "''", `${key} has a German text`);
        assert.match(rest, new RegExp(`\\bm\\.${key}\\b`), `${key} is used`);
      }
    });
  }
});
