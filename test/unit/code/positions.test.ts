import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractCode } from '../../../server/src/core/code/extractCode';
import { SyntaxTreeCache } from '../../../server/src/core/code/syntaxTreeCache';
import type { Range } from '../../../server/src/core/model/lineIndex';
import { LineIndex } from '../../../server/src/core/model/lineIndex';
import { analyse } from './codeHarness';

function textOf(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

describe('UTF-16 positions', () => {
  test('ranges after umlauts, emoji and CJK characters point at the right characters', async () => {
    const text = [
      "const grüße = 'Grüße aus Köln 🎉 東京';",
      "fetch('http://api.partner.example/ä'); const 😀 = 1; fetch(`http://api.partner.example/${grüße}`);",
      "const token = '𝒳q8X2v9LmP4rT7wZk1Nc3';",
    ].join('\n');
    const result = await analyse('src/unicode.ts', text);
    const httpFindings = result.findings.filter((finding) => finding.ruleId === 'code-http-url');
    assert.equal(httpFindings.length, 2);
    assert.equal(textOf(text, httpFindings[0].range), "'http://api.partner.example/ä'");
    assert.equal(textOf(text, httpFindings[1].range), '`http://api.partner.example/${grüße}`');
    // JavaScript strings count UTF-16 code units, as LSP does: the emoji before the second call is two.
    assert.equal(httpFindings[1].range.start.character, text.split('\n')[1].indexOf('`http'));
    const secret = result.findings.find((finding) => finding.ruleId === 'code-hardcoded-secret');
    assert.ok(secret !== undefined);
    assert.equal(textOf(text, secret.range), "'𝒳q8X2v9LmP4rT7wZk1Nc3'");
    const replacement = (httpFindings[0].data?.replacement as { range: Range; newText: string }).range;
    assert.equal(textOf(text, replacement), 'http');
  });

  test('CRLF line endings', async () => {
    const text = "const a = 1;\r\nfetch('http://api.partner.example/x');\r\n";
    const result = await analyse('src/crlf.js', text);
    assert.equal(result.findings.length, 1);
    assert.deepEqual(result.findings[0].range.start, { line: 1, character: 6 });
  });

  test('Python and PHP strings with non-ASCII text before the URL', async () => {
    const python = "x = 'Straße'; requests.get('http://api.partner.example/é')  # 🎉\n";
    const py = await analyse('src/u.py', `import requests\n${python}`);
    assert.equal(textOf(`import requests\n${python}`, py.findings[0].range), "'http://api.partner.example/é'");
    const php = "<?php $ü = 'Ärger'; curl_init('http://api.partner.example/ö');\n";
    const ph = await analyse('src/u.php', php);
    assert.equal(textOf(php, ph.findings[0].range), "'http://api.partner.example/ö'");
  });
});

describe('incremental re-parse', () => {
  test('edits applied to the cached tree give the same tree and call sites as a full parse', async () => {
    const cache = new SyntaxTreeCache();
    const uri = 'file:///ws/src/edit.ts';
    let text = "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://a.example' });\napi.get('/orders');\n";
    await cache.parse(uri, 'typescript', text);
    const edits = [
      { range: { start: { line: 2, character: 10 }, end: { line: 2, character: 16 } }, text: 'invoices/ü' },
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: "api.post('/😀/refunds');\nfetch('http://x.example');\n" },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// header\n' },
    ];
    for (const edit of edits) {
      const lines = new LineIndex(text);
      text = text.slice(0, lines.offsetAt(edit.range.start)) + edit.text + text.slice(lines.offsetAt(edit.range.end));
      const tree = await cache.applyChanges(uri, [edit]);
      assert.ok(tree !== undefined);
      assert.equal(cache.get(uri)?.text, text);
      const fresh = await new SyntaxTreeCache().parse('file:///ws/fresh.ts', 'typescript', text);
      assert.equal(tree.rootNode.toString(), fresh.rootNode.toString());
      assert.equal(tree.rootNode.hasError, false);
      const incremental = await extractCode({ uri, text, tree });
      const full = await extractCode({ uri, text });
      assert.deepEqual(incremental?.callSites, full?.callSites);
      fresh.delete();
    }
    assert.deepEqual(
      (await extractCode({ uri, text, tree: cache.get(uri)!.tree }))?.callSites.map((call) => `${call.method} ${call.urlTemplate}`),
      ['GET /invoices/ü', 'POST /😀/refunds', 'GET http://x.example'],
    );
    cache.close(uri);
    assert.equal(cache.get(uri), undefined);
  });

  test('several changes in one notification, and a full-text change', async () => {
    const cache = new SyntaxTreeCache();
    const uri = 'file:///ws/src/multi.py';
    await cache.parse(uri, 'python', "import requests\nrequests.get('https://a.example/x')\n");
    const tree = await cache.applyChanges(uri, [
      { range: { start: { line: 1, character: 9 }, end: { line: 1, character: 12 } }, text: 'post' },
      // Positions of a later change refer to the text after the earlier ones, as in LSP.
      { range: { start: { line: 1, character: 33 }, end: { line: 1, character: 34 } }, text: 'y' },
    ]);
    assert.equal(cache.get(uri)?.text, "import requests\nrequests.post('https://a.example/y')\n");
    assert.equal((await extractCode({ uri, text: cache.get(uri)!.text, tree }))?.callSites[0].urlTemplate, 'https://a.example/y');
    await cache.applyChanges(uri, [{ text: "import requests\nrequests.delete('https://b.example')\n" }]);
    const replaced = cache.get(uri)!;
    assert.equal((await extractCode({ uri, text: replaced.text, tree: replaced.tree }))?.callSites[0].method, 'DELETE');
    assert.equal(await cache.applyChanges('file:///ws/unknown.py', []), undefined);
    cache.clear();
  });
});
