import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../../..');

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : name.endsWith('.ts') ? [file] : [];
  });
}

/** The message of every `l10n.t('…')` call in the extension's sources (single-quoted literals). */
function clientMessages(): Set<string> {
  const messages = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'client/src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(match[1]!.replace(/\\(.)/g, '$1'));
    assert.doesNotMatch(text, /l10n\.t\(\s*[^'\s]/, `${path.relative(root, file)} passes a non-literal to l10n.t, which no bundle can translate`);
  }
  return messages;
}

test('every client message has a German translation and the bundle has no unused entry', () => {
  const messages = clientMessages();
  assert.ok(messages.size > 0, 'no l10n.t calls found in client/src');
  const german = readJson('l10n/bundle.l10n.de.json');
  const untranslated = [...messages].filter((message) => typeof german[message] !== 'string');
  const unused = Object.keys(german).filter((key) => !messages.has(key));
  assert.deepEqual(untranslated, [], 'messages without a German translation');
  assert.deepEqual(unused, [], 'German bundle entries no code uses');
  for (const [english, translation] of Object.entries(german)) {
    const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();
    assert.deepEqual(placeholders(String(translation)), placeholders(english), `placeholders of "${english}"`);
  }
});

test('every %key% of package.json exists in English and German, and no nls key is unused', () => {
  const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
  const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!));
  const english = readJson('package.nls.json');
  const german = readJson('package.nls.de.json');
  assert.deepEqual([...used].filter((key) => typeof english[key] !== 'string'), [], 'keys missing from package.nls.json');
  assert.deepEqual([...used].filter((key) => typeof german[key] !== 'string'), [], 'keys missing from package.nls.de.json');
  assert.deepEqual(Object.keys(english).filter((key) => !used.has(key)), [], 'unused keys in package.nls.json');
  assert.deepEqual(Object.keys(german).filter((key) => !used.has(key)), [], 'unused keys in package.nls.de.json');
});
