import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeExtraction } from '../../../server/src/core/code/codeExtraction';
import { extractFromTree } from '../../../server/src/core/code/extractCode';
import { javascriptMayHaveResults } from '../../../server/src/core/code/extract/javascriptMayHaveResults';
import { scanJavascript } from '../../../server/src/core/code/extract/scanJavascript';
import { codeLanguageOf } from '../../../server/src/core/code/languages';
import { parseCode } from '../../../server/src/core/code/treeSitter';
import './codeHarness';
import type { Node } from 'web-tree-sitter';

const root = path.resolve(__dirname, '../../..');

/** The extraction of a text from a full parse, whatever the pre-parse test says. */
async function extractParsed(uri: string, text: string): Promise<CodeExtraction> {
  const language = codeLanguageOf(uri)!;
  const tree = await parseCode(language, text);
  try {
    return extractFromTree(uri, language, text, tree);
  } finally {
    tree.delete();
  }
}

function isEmpty(extraction: CodeExtraction): boolean {
  return extraction.callSites.length + extraction.clients.length + extraction.urls.length + extraction.tlsSettings.length + extraction.secretCandidates.length === 0;
}

function codeFilesIn(folder: string, out: string[] = []): string[] {
  for (const name of readdirSync(folder).sort()) {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) codeFilesIn(file, out);
    else if (/\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

/**
 * What `JavascriptScan.identifiers` must be, from the syntax tree: the text with each comment
 * replaced by a space and the contents of string literals, of the text parts of template literals
 * and of regular expression patterns left out.
 */
function withoutCommentsAndLiterals(text: string, root: Node): string {
  const cuts: [number, number, string][] = [];
  for (const node of root.descendantsOfType(['comment', 'string', 'template_string', 'regex_pattern'])) {
    // TypeScript's `string` keyword is an anonymous node of the same name.
    if (node === null || !node.isNamed) continue;
    if (node.type === 'comment') cuts.push([node.startIndex, node.endIndex, ' ']);
    else if (node.type === 'regex_pattern') cuts.push([node.startIndex, node.endIndex, '']);
    else if (node.type === 'string') cuts.push([node.startIndex + 1, node.endIndex - 1, '']);
    else {
      let from = node.startIndex + 1;
      for (const part of node.namedChildren) {
        if (part?.type !== 'template_substitution') continue;
        cuts.push([from, part.startIndex, '']);
        from = part.endIndex;
      }
      cuts.push([from, node.endIndex - 1, '']);
    }
  }
  cuts.sort((a, b) => a[0] - b[0]);
  let result = '';
  let copied = 0;
  for (const [start, end, replacement] of cuts) {
    // A cut inside one already made (a comment in a literal's text is none to the parser either).
    if (start < copied) continue;
    result += text.slice(copied, start) + replacement;
    copied = end;
  }
  return result + text.slice(copied);
}

/** Checks every file; returns how many the test let go without parsing. */
async function assertNeverDropsResults(files: readonly string[]): Promise<number> {
  let skipped = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (javascriptMayHaveResults(text)) continue;
    skipped++;
    const extraction = await extractParsed(`file:///ws/${path.basename(file)}`, text);
    assert.ok(isEmpty(extraction), `${file} was skipped but yields ${JSON.stringify(extraction).slice(0, 400)}`);
  }
  return skipped;
}

/** Code that yields something in ways a text search could overlook: escapes, comments, spacing. */
const YIELDING = [
  "const agent = { 'reject\\u0055nauthorized': false };",
  "import client from '\\x61xios';\nclient.get('/orders');",
  "const settings = { api_key: 'q8Jf2LmZx0Rt5Vb7' };",
  "http /* the module */ .get(options);",
  "const pets = client./* generated */GET('/pets');",
  "const pets = client.\n  // generated\n  GET('/pets');",
  'const socket = new WebSocket(endpoint);',
  "const id = 'AKIAZ7Q3NX5LBD2ORK4T';",
  "class Api { list() { return this.request({ path: '/pets', method: 'GET' }); } }",
  "const mirror = 'ftp://reader:pw@files.partner.example/dump';",
  "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
  'export const load = (id: string) => fetch(`https://api.partner.example/items/${id}`);',
  "const base = 'https:\\/\\/api.partner.example';",
  "const key = 'sk_live_\\\n4eC39HqLyjWDarjtT1zdp7dc';",
  // A secret-like name with its literal further on in the same statement or bracket group.
  "headers.set('Authorization', 'Bearer q8Jf2LmZx0Rt5Vb7');",
  "const settings = { api_key: prefix + 'q8Jf2LmZx0Rt5Vb7' };",
  'class Api { private token: string = `q8Jf2LmZx0Rt5Vb7`; }',
  "client.setToken(\n  // the partner's key\n  'q8Jf2LmZx0Rt5Vb7',\n);",
  "const password = [\n  'q8Jf2LmZx0Rt5Vb7',\n][0]",
  "config['apiKey'] = 'q8Jf2LmZx0Rt5Vb7';",
  // Regular expressions, divisions and templates that hold comment and quote characters.
  "const quote = /'[/]/g; const half = total / 2; // a comment\nconst token = 'q8Jf2LmZx0Rt5Vb7';",
  "if (ready) /x'/.test(s); const token = 'q8Jf2LmZx0Rt5Vb7';",
  "const path = `/*${name}*/`; const token = 'q8Jf2LmZx0Rt5Vb7';",
  "const note = `// ${'}'} ${`${a}`}`; const secret = 'q8Jf2LmZx0Rt5Vb7';",
  // A regular expression after `export default`, whose quote must not open a string that hides the call.
  'export default /"/; fetch(url); // "',
  // Escapes that may hide a library's name or a URL in a string or template, next to regular expressions.
  "const pattern = /\\d+/; const lib = require('\\u0061xios'); lib.get('/orders');",
  'const pattern = /\\w+/; const base = `https:\\/\\/api.partner.example`;',
  // A literal that may be a secret only at a low entropy threshold, and one with an escape.
  "const token = 'aaaaaaaaaa1';",
  "const token = 'q8Jf2LmZ\\x30Rt5Vb7';",
  // A name's range goes on after braces close, and a name between braces names what follows it there.
  "const token = { retries: 1 } && 'q8Jf2LmZx0Rt5Vb7';",
  "const config = { region: 'eu-west-1', apiKey: 'q8Jf2LmZx0Rt5Vb7' };",
  // Modules where they are imported, whatever stands between `require` and its argument.
  "const client = require /* the HTTP client */ ('axios');\nclient.get('/orders');",
  "import * as web from 'node:https';\nweb.get(options);",
  "class Api { list() { return this?.request({ 'path': '/pets', 'method': 'GET' }); } }",
  // Library names as identifiers, a provider's key after a plain escape.
  'http.get(options, (response) => response.resume());',
  "const keys = 'first\\nAKIAZ7Q3NX5LBD2ORK4T';",
  // An AWS secret key (a provider's format that depends on the name) that looks like a path, under a name without "aws".
  "const secretAccessKey = '/bPxRfiCYq8Jf2LmZx0Rt5Vb7wJalrXUtnFEMIK7';",
];

/** Code that yields nothing and that the lexer lets go: names and URLs in comments, secret-like names without a literal. */
const LET_GO = [
  '/**\n * Calls https://api.partner.example with the caller\'s token.\n */\nexport const add = (a, b) => a + b;\n',
  "// fetch('/orders') once the API exists\nconst label = 'a plain label, long enough';\n",
  'const credential = new DefaultAzureCredential();\nconst client = new NetworkClient(credential, subscriptionId);\nconst label = "a plain label, long enough";\n',
  "export function refresh(token: string, options: { continuationToken?: string }): void {\n  store(token, options.continuationToken);\n}\nconst label = 'a plain label, long enough';\n",
  "const ratio = count / total; /* the secret: 'q8Jf2LmZx0Rt5Vb7' */\nconst label = 'a plain label, long enough';\n",
  // Secret-like names whose literals no entropy threshold makes a credential: plain words, white space, paths.
  "const authTokenName = 'properties.authToken';\nconst apiKeyHeader = { auth: { type: 'an api key header' } };\nconst password = '/etc/secrets/password';\n",
  // Escapes in regular expressions and plain escapes in strings, which hide no name or URL.
  "const digits = /\\d+\\/\\w+/g;\nconst label = 'line one\\nline two\\t\\'quoted\\'';\n",
  // Literals between braces after a secret-like name, which are named by their own keys and members.
  "export enum KnownAuthenticationMethod { Eaptls = 'EAPTLS', EapmschaPv2 = 'EAPMSCHAPv2' }\nconst settings = { auth: 'x', region: 'eu-west-1a2' };\n",
  // A relative path under a secret-like name; library names in strings, regular expressions and type positions; a word that only looks like a provider's key.
  "var import_httpAuthSchemeProvider = require('./auth/httpAuthSchemeProvider');\nconst protocol = 'https';\nconst module = '@smithy/protocol-http';\nvar _AWSAKI = 'AWSAccessKeyId';\nvar _ACRBOs = 'AssociateCapacityReservationBillingOwner';\nconst pattern = /fetch|axios/;\nconst de_ASIAPacific = 1;\nconst request = function (method, path) { return send(this, method, path); };\n",
];

/** Text that the lexer cannot be sure of: then the whole text is tested, as before. */
const UNSURE = [
  'const view = <a href="https://x.example">Don\'t</a>;',
  'const frag = <>{items}</>;',
  'function f() {} /x/.test(s)',
  'const size = box.width! / 2;',
  'let a = b++ / 2;',
  "const s = 'no end\n';",
  'const t = `no end',
  '/* no end',
  'x = 1 <!-- a comment in a script',
];

describe('the pre-parse test of JavaScript and TypeScript files', () => {
  test('lets go only files whose full extraction is empty (fixtures and dependency sources)', async () => {
    const files = [
      ...['javascript', 'typescript', 'tsx'].flatMap((language) => codeFilesIn(path.join(root, 'test/fixtures/code', language))),
      ...codeFilesIn(path.join(root, 'node_modules/yaml/dist/compose')),
      ...codeFilesIn(path.join(root, 'node_modules/picomatch/lib')),
      ...codeFilesIn(path.join(root, 'node_modules/form-data/lib')),
      ...codeFilesIn(path.join(root, 'node_modules/agent-base/dist')),
    ];
    assert.ok(files.length > 30);
    // It must let some go, or it would save nothing.
    assert.ok((await assertNeverDropsResults(files)) > 5);
  });

  test('finds what escapes, comments and spacing hide from a plain search', async () => {
    for (const code of YIELDING) {
      const uri = code.includes(': string') ? 'file:///ws/src/snippet.ts' : 'file:///ws/src/snippet.js';
      assert.ok(!isEmpty(await extractParsed(uri, code)), `the example yields something: ${code}`);
      assert.ok(javascriptMayHaveResults(code), code);
    }
    const plain = "export const add = (a, b) => a + b;\nconst label = 'a plain label';\n";
    assert.ok(isEmpty(await extractParsed('file:///ws/src/plain.js', plain)));
    assert.equal(javascriptMayHaveResults(plain), false);
  });

  test('lets go what only comments or names without a literal hold, and gives up where it cannot be sure', async () => {
    for (const code of LET_GO) {
      const uri = code.includes(': string') ? 'file:///ws/src/snippet.ts' : 'file:///ws/src/snippet.js';
      assert.ok(isEmpty(await extractParsed(uri, code)), `the example yields nothing: ${code}`);
      assert.equal(javascriptMayHaveResults(code), false, code);
    }
    // Many comments after a dot: each comment has one way to end, or rejecting this would take 2^40 steps.
    assert.equal(javascriptMayHaveResults(`a.${' /* c */'.repeat(40)} ${' // c'.repeat(40)}\n x`), false);
    const names = { hint: /token/gi, accepts: (name: string) => name === 'token', minimumLiteralLength: 10 };
    for (const code of UNSURE) assert.equal(scanJavascript(code, names), undefined, code);
  });

  test("the lexer's comments and literals are the parser's (fixtures and dependency sources without syntax errors)", async () => {
    const files = [
      ...['javascript', 'typescript'].flatMap((language) => codeFilesIn(path.join(root, 'test/fixtures/code', language))),
      ...codeFilesIn(path.join(root, 'node_modules/yaml/dist')),
      ...codeFilesIn(path.join(root, 'node_modules/picomatch/lib')),
      ...codeFilesIn(path.join(root, 'node_modules/ajv/dist/compile')),
      ...codeFilesIn(path.join(root, 'node_modules/agent-base/dist')),
    ];
    const names = { hint: /token/gi, accepts: () => false, minimumLiteralLength: 10 };
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const scan = scanJavascript(text, names);
      if (scan === undefined) continue;
      const language = codeLanguageOf(`file:///ws/${path.basename(file)}`)!;
      const tree = await parseCode(language, text);
      try {
        if (tree.rootNode.hasError) continue;
        let withoutComments = '';
        let copied = 0;
        for (const comment of tree.rootNode.descendantsOfType(['comment', 'html_comment'])) {
          withoutComments += text.slice(copied, comment!.startIndex) + ' ';
          copied = comment!.endIndex;
        }
        withoutComments += text.slice(copied);
        assert.equal(scan.code, withoutComments, file);
        assert.equal(scan.identifiers(), withoutCommentsAndLiterals(text, tree.rootNode), file);
        compared++;
      } finally {
        tree.delete();
      }
    }
    assert.ok(compared > 100, `${compared} files compared`);
  });

  const benchInput = path.join(root, 'bench/.cache/code-input/workspace');
  test('lets go only files whose full extraction is empty (the whole input of npm run bench:code)', { skip: existsSync(benchInput) ? false : 'the benchmark input is fetched by npm run bench:code' }, async () => {
    const files = codeFilesIn(benchInput);
    assert.ok(files.length > 5000);
    assert.ok((await assertNeverDropsResults(files)) > 1000);
  });
});
