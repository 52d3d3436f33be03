import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

/**
 * The TextMate injection grammars in syntaxes/. Their regular expressions keep to the subset that
 * Oniguruma (the editor's engine) and JavaScript share, so they are compiled and run here with
 * JavaScript's RegExp; a small begin/end scanner applies the directive rule the way the editor
 * does (the end pattern wins a tie, then the patterns in order).
 */
const root = path.resolve(__dirname, '../../..');

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  name?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, { name: string }>;
  beginCaptures?: Record<string, { name: string }>;
}

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository?: Record<string, Rule>;
}

function grammar(file: string): Grammar {
  return JSON.parse(readFileSync(path.join(root, 'syntaxes', file), 'utf8')) as Grammar;
}

function* rules(rule: Rule): Generator<Rule> {
  yield rule;
  for (const child of rule.patterns ?? []) yield* rules(child);
}

function regex(source: string, flags = 'g'): RegExp {
  return new RegExp(source, flags);
}

interface Token {
  text: string;
  scope: string;
}

/** Applies the directive rule of the ignore grammar to the text of a comment. */
function directiveTokens(commentText: string): Token[] {
  const ignore = grammar('api-guard-ignore.injection.json');
  const directive = ignore.repository!.directive;
  const begin = regex(directive.begin!, 'd');
  const opened = begin.exec(commentText);
  if (opened === null) return [];
  const tokens: Token[] = [{ text: opened[1], scope: directive.beginCaptures!['1'].name }];
  const inner = directive.patterns!.map((pattern) => (pattern.include !== undefined ? ignore.repository![pattern.include.slice(1)] : pattern));
  let position = opened.index + opened[0].length;
  for (;;) {
    const end = regex(directive.end!, 'gm');
    end.lastIndex = position;
    const endAt = end.exec(commentText)?.index ?? commentText.length;
    let best: { at: number; match: RegExpExecArray; rule: Rule } | undefined;
    for (const rule of inner) {
      const pattern = regex(rule.match!, 'gd');
      pattern.lastIndex = position;
      const match = pattern.exec(commentText);
      if (match !== null && match[0].length > 0 && (best === undefined || match.index < best.at)) best = { at: match.index, match, rule };
    }
    if (best === undefined || best.at >= endAt) return tokens;
    if (best.rule.captures !== undefined) {
      for (const [group, capture] of Object.entries(best.rule.captures)) {
        const text = best.match[Number(group)];
        if (text !== undefined && text !== '') tokens.push({ text, scope: capture.name });
      }
    } else tokens.push({ text: best.match[0], scope: best.rule.name! });
    position = best.at + best.match[0].length;
  }
}

const named = (tokens: Token[], scope: string) => tokens.filter((token) => token.scope === scope).map((token) => token.text);

describe('the injection grammars', () => {
  const files = readdirSync(path.join(root, 'syntaxes')).filter((name) => name.endsWith('.json'));

  it('are contributed with injectTo, and every contributed grammar file exists with its scope name', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
    };
    const contributed = manifest.contributes.grammars;
    assert.deepEqual(contributed.map((entry) => path.basename(entry.path)).sort(), [...files].sort(), 'every grammar file is contributed, and only those');
    for (const entry of contributed) {
      assert.ok(existsSync(path.join(root, entry.path)), entry.path);
      assert.equal(grammar(path.basename(entry.path)).scopeName, entry.scopeName, `${entry.path} declares the contributed scope name`);
      assert.ok((entry.injectTo ?? []).length > 0, `${entry.path} is injected somewhere`);
    }
    const directive = contributed.find((entry) => entry.path.endsWith('api-guard-ignore.injection.json'))!;
    assert.deepEqual(
      [...directive.injectTo!].sort(),
      ['source.cs', 'source.go', 'source.java', 'source.js', 'source.js.jsx', 'source.json', 'source.json.comments', 'source.php', 'source.python', 'source.ts', 'source.tsx', 'source.yaml'],
    );
    const keys = contributed.find((entry) => entry.path.endsWith('api-guard-extension-keys.injection.json'))!;
    assert.deepEqual([...keys.injectTo!].sort(), ['source.json', 'source.json.comments', 'source.yaml']);
  });

  it('compile every regular expression', () => {
    for (const file of files) {
      const parsed = grammar(file);
      assert.ok(parsed.injectionSelector.startsWith('L:'), `${file} wins ties against the host grammar`);
      const all = [...parsed.patterns, ...Object.values(parsed.repository ?? {})].flatMap((rule) => [...rules(rule)]);
      let count = 0;
      for (const rule of all) {
        for (const source of [rule.match, rule.begin, rule.end, rule.while]) {
          if (source === undefined) continue;
          assert.doesNotThrow(() => regex(source), `${file}: ${source}`);
          // Oniguruma-only syntax would compile differently or not at all in the editor.
          assert.doesNotMatch(source, /\\[AzZGhH]|\(\?[imx-]+\)|\\p\{/, `${file}: ${source} keeps to the shared subset`);
          count++;
        }
      }
      assert.ok(count > 0, `${file} has patterns`);
    }
  });

  it('highlight the directive, the rule ids and the reason of api-guard-ignore', () => {
    const tokens = directiveTokens('# api-guard-ignore auth-http-basic, tls-http-url -- legacy partner, see ticket OPS-12');
    assert.deepEqual(named(tokens, 'keyword.control.directive.api-guard'), ['api-guard-ignore']);
    assert.deepEqual(named(tokens, 'constant.other.rule-id.api-guard'), ['auth-http-basic', 'tls-http-url']);
    assert.deepEqual(named(tokens, 'punctuation.separator.reason.api-guard'), ['--']);
    assert.deepEqual(named(tokens, 'string.unquoted.reason.api-guard'), ['legacy partner, see ticket OPS-12'], 'commas in the reason are not rule separators');
  });

  it('highlight api-guard-ignore-file, the wildcard, and stop at the end of a block comment', () => {
    assert.deepEqual(named(directiveTokens('// api-guard-ignore-file limit-string-length'), 'keyword.control.directive.api-guard'), ['api-guard-ignore-file']);
    const block = directiveTokens('/* api-guard-ignore * -- generated fixture */ const b = 1;');
    assert.deepEqual(named(block, 'constant.other.rule-id.api-guard'), ['*']);
    assert.deepEqual(named(block, 'string.unquoted.reason.api-guard'), ['generated fixture']);
    const html = directiveTokens('<!-- api-guard-ignore doc-info -- draft -->');
    assert.deepEqual(named(html, 'string.unquoted.reason.api-guard'), ['draft']);
  });

  it('leave look-alikes alone', () => {
    assert.deepEqual(directiveTokens('# mentions api-guard-ignores and my-api-guard-ignore'), []);
    assert.deepEqual(directiveTokens('# api-guard-ignore-files-not'), []);
  });

  it('take over a // comment that holds a directive where the host grammar matches comments in one go (C#, JSON)', () => {
    const lineComment = grammar('api-guard-ignore-line-comment.injection.json');
    const begin = regex(lineComment.patterns[0].begin!, '');
    assert.ok(begin.test('    // api-guard-ignore code-http-url -- local stub'));
    assert.ok(begin.test('var a = 1; // api-guard-ignore-file code-http-url'));
    assert.ok(!begin.test('// an ordinary comment'));
    assert.ok(!begin.test('// api-guard-ignored'));
    assert.match(lineComment.injectionSelector, /-comment -string/, 'never inside a comment or a string');
  });

  it('highlight x-api-guard-* keys only', () => {
    const keys = grammar('api-guard-extension-keys.injection.json');
    const pattern = regex(keys.repository!['extension-key'].match!, 'g');
    const matches = (text: string) => [...text.matchAll(pattern)].map((match) => match[0]);
    assert.deepEqual(matches('x-api-guard-public'), ['x-api-guard-public']);
    assert.deepEqual(matches('x-api-guard-ignore'), ['x-api-guard-ignore']);
    assert.deepEqual(matches('x-api-guard-'), []);
    assert.deepEqual(matches('xx-api-guard-public'), []);
    assert.deepEqual(matches('x-api-guard-public-'), []);
    assert.deepEqual(matches('x-other'), []);
    assert.match(keys.injectionSelector, /entity\.name\.tag/, 'YAML keys, not values');
    assert.match(keys.injectionSelector, /support\.type\.property-name/, 'JSON keys, not values');
  });
});
