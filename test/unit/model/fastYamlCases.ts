/**
 * Hand-written YAML snippets for the fast reader's differential tests (fastYamlDifferential.test.ts
 * and fastYamlFuzz.test.ts): every construct the reader supports, the edge cases of folding,
 * chomping, escapes and indentation, and constructs it must hand to the yaml package; plus the
 * tree comparison and the mutator both tests use.
 */
import type { AstNode, ScalarNode } from '../../../server/src/core/model/ast';
import { readYamlFast } from '../../../server/src/core/model/fastYaml';
import { parseYamlWithPackage } from '../../../server/src/core/model/parseYaml';

/** Snippets the fast reader must read itself, agreeing exactly with the yaml package path. */
export const fastSnippets: readonly string[] = [
  // Core schema scalars.
  'a: ~\nb: null\nc: Null\nd: NULL\ne: nULL\nf:\n',
  'a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\ng: tRUE\nh: yes\ni: no\nj: on\nk: off\n',
  'a: 0\nb: -0\nc: +12\nd: 012\ne: 0o17\nf: 0o8\ng: 0x1F\nh: 0xg\ni: 1_000\nj: 99999999999999999999\nk: -12\nl: 0X1F\n',
  'a: 1.0\nb: -1.5\nc: .5\nd: +.5\ne: 1.\nf: 1e3\ng: 1E-3\nh: .5e+2\ni: 1.5e3\nj: 1e\nk: 1.2.3\nl: -.5\nm: 00.10\n',
  'a: .inf\nb: -.inf\nc: +.inf\nd: .Inf\ne: .INF\nf: .nan\ng: .NaN\nh: .NAN\ni: -.nan\nj: .iNF\nk: inf\nl: nan\n',
  'v1: 1:2\nt: 12:30:00\nd: 2023-01-01\ne: 2001-12-14t21:59:43.10-05:00\nver: 3.1.0\nneg: -x\nq: ?x\nc: :x\n',
  // Keys that are not strings: the converter names them by their value.
  '200: ok\n1.0: one\n0x10: sixteen\ntrue: yes\nnull: nothing\n.inf: big\n-0: zero\n1e3: thousand\n',
  '~: tilde\n"200": quoted\n\'x\': single\n',
  'responses:\n  "200":\n    description: OK\n  404:\n    description: Not found\n  default:\n    description: Error\n',
  // Keys with unusual characters.
  'a#b: 1\n"a: b": 2\n\'c # d\': 3\n/path/{id}: 4\nx-ext: 5\n$ref: 6\n"": 7\na b c: 8\n"\\u00e9": 9\nkey\t: 10\n',
  'url: http://example.com:8080/a?b=c#frag\nmail: a@b.c\nglob: "*.yaml"\npct: 50%\ntilde: ~x\n',
  // Double-quoted scalars.
  'a: "x\\"y"\nb: "\\\\"\nc: ""\nd: "\\t\\n\\r\\0\\a\\b\\e\\f\\v\\N\\_\\L\\P\\/\\ \\""\ne: "\\x41\\u00e9\\U0001F600"\nf: "\\ud83d\\ude00"\n',
  'a: "line one\n  line two"\nb: "para\n\n  two"\nc: "trail   \n  next"\nd: "joined\\\n  here"\ne: "keep\\\n\n  blank"\nf: "  lead"\ng: "trail  "\n',
  'a: "tab\there"\nb: "many\n\n\n   lines\n \n  end"\nc: "esc \\\n   x"\n',
  // Single-quoted scalars.
  "a: 'it''s'\nb: ''\nc: 'multi\n  line'\nd: 'blank\n\n  line'\ne: 'trail  \n  x  '\nf: ''''\ng: 'a # b'\n",
  "- 'one\n\n\n  two'\n- 'x: y'\n",
  // Plain scalars.
  'a: hello world\nb: hello # comment\nc: hello#not\nd: b:c\ne: -1\nf: a - b\ng: x[y]\n',
  'a: one\n  two\n  three\nb: one\n\n  two\nc: one\n  two # comment\nd: x\n\n\n  y\n    z\n',
  '- one\n  two\n- three\n\n  four\n',
  'a:\n  one\n  two\nb:\n  solo\n',
  'a: first\n  - not a list\n  "quoted" too\n',
  'a: text with trailing spaces   \nb: tabs\tinside\t\n',
  'description: The `type` field is a *very* important {thing} [1], with #hash and & and ! inside\n',
  // Block scalars.
  'a: |\n  one\n  two\nb: >\n  one\n  two\n',
  'a: |-\n  x\n\nb: |+\n  x\n\n\nc: >-\n  y\n\n\nd: >+\n  y\n\n',
  'a: |\n  x\n\n\n  # not a comment\n\nb: 1\n',
  'a: >\n  folded\n  text\n\n  new para\n    indented\n    more\n  back\n\n\n  end\n',
  'a: >\n\n  leading blank\n\n  x\n',
  'a: |2\n    two extra\n   one extra\nb: >1-\n  x\n',
  'a: |+2\n    x\n\nb: |-1\n  x\n',
  'a: |  # header comment\n  text\n',
  'a: |\nb: >-\nc: |+\n\nd: 1\n',
  'a: |\n  trailing\n     \n  \n',
  'a: |\n  with\ttab\n  \tstart tab\nb: >\n  \tfolded tab\n  x\n',
  'a: |\n  last line without newline',
  'a: >\n  x\n\n   more\n  y\n',
  '- |\n  seq literal\n- >-\n  seq folded\n-   |\n  spaced\n',
  '- a: |\n    compact\n  b: 1\n',
  'a:\n  b: |\n    deep\n\n  c: >\n    x\n# top\n',
  'a: |\n   x\n  # comment at lower indent\nb: 1\n',
  // Block mappings and sequences.
  'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
  '- a\n- b\n-\n- \n- c\n',
  '- - a\n  - b\n- - - c\n',
  '- a: 1\n  b: 2\n- c: 3\n',
  '-\n  a: 1\n- \n  - x\n',
  'a:\n- x\n- y\nb: 1\n',
  'a:\n  - x\n  - y:\n    - z\n    w: 1\n',
  '- a:\n  - b\n  c: d\n',
  'paths:\n  /pets:\n    get:\n      parameters:\n        - name: id\n          in: path\n          required: true\n      responses:\n        200:\n          description: ok\n',
  'a:\n\n\n  b: 1\n\n\nc: 2\n',
  'a: 1   \nb: 2\t\n',
  'a:    1\nb:\t2\n',
  '  indented: root\n  second: 2\n',
  '- root\n- seq\n',
  'a:\n  - x\n  -\n  - y\nb:\n',
  // Explicit keys.
  '? long key\n: value\n',
  'x:\n  ? long key\n  : type: object\n    p: 1\n  b: 2\n',
  '? /a/{b}.json\n: servers:\n  - url: x\n  description: ""\n? "quoted"\n: 1\n',
  '? k\n:\n  nested: 1\n',
  // Flow collections.
  'a: []\nb: {}\nc: [a, b]\nd: [a, [b, c], {d: e}]\ne: {a: 1, b: [2]}\n',
  'a: [a, b, ]\nb: {x: 1, }\nc: [ "a" , \'b\' ]\nd: {"a":1,"b":"2"}\ne: {\'a\': 1}\n',
  'a: [\n  1,\n  2\n]\nb: {\n  x: 1,\n  y: [\n    2\n  ]\n}\n',
  'a: [1, # one\n  2] # after\nb: {x: 1, # c\n  y: 2}\n',
  'a: [http://x.y/z, a:b, -1, .5, ~, null, true, "q"]\n',
  'a: {url: http://x, k: v:w}\n',
  '- [1, 2]\n- {a: b}\n- [ ]\n',
  '[a, b, c]\n',
  '{a: 1, b: 2}\n',
  '{\n  "openapi": "3.0.0",\n  "info": {"title": "x", "version": "1"}\n}\n',
  'a: [\n  "multi\n  line",\n  \'other\n\n  one\'\n]\n',
  'a: {b: {c: {d: [1, [2, [3]]]}}}\n',
  'a: {x: 1}   # c\n    # absorbed\nb: 2\n',
  // Anchors, aliases and merge keys.
  'a: &x 1\nb: *x\nc: &y [1, 2]\nd: *y\ne: &z {k: v}\nf: *z\n',
  'a: &x\n  k: v\n  n:\n    m: 1\nb: *x\nc:\n  - *x\n  - *x\n',
  'a: &list\n  - 1\n  - 2\nb: *list\n',
  'base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\nd: *b\n',
  'a: &a {p: 1}\nb: &b {p: 2, q: 2}\nc:\n  <<: [*a, *b]\n  r: 3\nd:\n  r: 0\n  <<: *b\n',
  'defaults: &defaults\n  adapter: pg\n  host: localhost\ndev:\n  database: dev\n  <<: *defaults\n',
  '- &item\n  name: x\n- *item\n',
  'a: &x "quoted"\nb: &y |\n  block\nc: [*x, *y]\nd: {k: *x}\n',
  'a: &x 1\na2: &x 2\nb: *x\n',
  'a: &k\n- x\n- y\nb: *k\n',
  'a: &x: y\nb: &x:y 1\nc: *x:y\nd: &é 2\ne: *é\n',
  'a: &x {k: 1}\nb:\n  "<<": *x\nc:\n  <<: *x\n  k: 2\n  k2: 3\n',
  '---: 1\n...: 2\n',
  // Comments in odd places.
  '# leading\n\n# more\na: 1 # trailing\n# between\nb:\n  # before nested\n  c: 2\n  # after nested\n# end\n',
  'a:\n  b: 1\n  # at inner indent\n',
  'a:\n  b: 1\n# at root indent\n',
  'a:\n  b: 1\n\n  # inner after blank\n\n',
  'a: b\n    # indented\n\n    # again\n  # less\n',
  'x:\n  a:\n    b:\n      c: 1\n      # comment\n  d: 2\n',
  'x:\n  - a\n    # deeper\n  - b\n  # same\n',
  'a:\n  - |\n    x\n\n\n  # z\nb: c\n',
  '- a: 1\n  # c\n- b\n',
  'a:\n  - x\n      # far\n',
  'a:\n  b:\n    - c\n    # four\n  # two\n',
  'k: v\n\n\n',
  'k: v',
  // Empty values followed by comments.
  'a: # comment\nb: 1\n',
  'a:\n  b: # c\nc: 1\n',
  'a:\n  b:\n  # c\n\n',
  'a:\n  - # c\n',
  'a:\n  -\n  # c\nb: 1\n',
  'parameters:\n# - name: x\nresponses: {}\n',
  'x:\n  a:\n    b:\n    # c\n  d: 2\n',
  '- a\n# between\n-\n',
  '- a\n  # deeper\n-\n\n',
  'a:\n  - b: 1\n    # kept by the mapping\n  -\n',
  // Documents.
  '---\na: 1\n',
  '--- # comment\na: 1\n',
  '# c\n---\na: 1\n...\n',
  'a: 1\n...\n# after end\n',
  '\uFEFFa: 1\nb: 2\n',
  '\uFEFF# comment first\n- x\n- y: 1\n  z: 2\n',
  '\uFEFF---\na: 1\n',
  'a: 1\r\nb:\r\n  c: "x\r\n    y"\r\n  d: |\r\n    one\r\n    two\r\n  e: >-\r\n    f\r\n\r\n    g\r\n  f: plain\r\n    more\r\n',
  // Long lines.
  `description: ${'word '.repeat(2000)}end\nnext: 1\n`,
  `'${'k'.repeat(1100)}': long key\n`,
];

/** Snippets the fast reader must hand to the yaml package (unsupported constructs and errors). */
export const fallbackSnippets: readonly string[] = [
  'a: !!str 1\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\n---\nb: 2\n',
  '? [a, b]\n: c\n',
  // A key given twice where the package reports it elsewhere than at the key (after an empty
  // value, out of its mapping's column, an explicit key), or in a document with aliases.
  'a: 1\nb:\na: 2\n',
  'a:\n  b:\na: 2\n',
  'a:\n  b: 1\n c: 2\n c: 3\n',
  '? a\n: 1\n? a\n: 2\n',
  'a: &x 1\na: 2\nb: *x\n',
  'x: &x {k: 1}\ny:\n  <<: *x\n  k: 2\n  k: 3\n',
  // Keys of one name and not one value, which the package compares with every key before them.
  '"1": a\n1: b\n',
  '"": a\n~: b\n"": c\n',
  '.nan: 1\n.nan: 2\n',
  'a:\n\tb: 1\n',
  'a: b: c\n',
  'a: "unterminated\n',
  'a: [1, 2\nb: 3\n',
  'a: *missing\n',
  'a: &x [1, *x]\n',
  '',
  '# only a comment\n',
  'just a scalar\n',
  'a: "bad \\q escape"\n',
  'a: @reserved\n',
  'a: 1\n- b\n',
  '- a\nb: 1\n',
  'a: |0\n  x\n',
  'a: {b}\n',
  'a: [b: c]\n',
  'a:\n  - x\n - y\n',
  'g: [x]y\n',
  '\uFEFF- x\n- y: 1\n',
  '\uFEFF  a: 1\n  b: 2\n',
  // Right of the mapping's column, where the yaml package does not take the line as the next key
  // (after a plain scalar, or a sequence in the mapping's own column), where this reader does not
  // follow it (after a quoted scalar on several lines or an alias), or where its lexer reads the key's
  // value otherwise (a scalar continued on lines not right of the key's own line).
  'a: x\n  b: 2\n',
  'a: "x\n  y"\n  b: 2\n',
  'a: &x "v"\nb: *x\n  c: 1\n',
  'a:\n- x\n  b: 1\n',
  'a:\n  b:\n    c: 1\n k: x\n y\n',
  'a:\n  b:\n    c: 1\n k: |\n  text\n',
  'a:\n  b:\n    c: 1\n k: "x\n y"\n',
  'a:\n  b: 1\n ? c\n : d\n',
  'x: &x {k: 1}\na:\n  b: 1\n <<: *x\n',
  'a:\n  b: 1\n - c\n',
];

/**
 * Snippets with keys right of their mapping's column after a block collection further right, as
 * outdenting a key to the column of the mapping that holds it leaves the entries after it. The fast
 * reader must read them itself, with exactly the yaml package's tree and problems.
 */
export const recoveredSnippets: readonly string[] = [
  'a:\n  b: 1\n c: 2\n',
  // A path's key outdented to the root's column: every later path is a key of the root.
  'openapi: 3.0.0\npaths:\n  /a:\n    get:\n      summary: x\n/b:\n    get:\n      summary: y\n  /c:\n    get:\n      summary: z\n  /d: {}\ncomponents:\n  schemas: {}\n',
  // A schema's `required:` outdented to the column of the schema names.
  'components:\n  schemas:\n    Pet:\n      type: object\n    required:\n        - id\n      properties:\n        id:\n          type: integer\n      description: a pet\n',
  // The value of such a key left of the key, but right of the mapping.
  'a:\n    b: 1\n  c:\n d: 2\n e: 3\nf: 4\n',
  'a:\n    b: 1\n  c:\n  - x\n  - y\nf: 4\n',
  // In the mapping of a sequence's item; with comments and blank lines between; quoted keys; flow values.
  '- a:\n    x: 1\n   b: 2\n- c\n',
  'a:\n  b:\n    c: 1\n  # note\n\n d: 2 # end\n# top\ne: 3\n',
  'a:\n  b:\n    c: 1\n "d": [1, 2]\n \'e\': {f: g}\n  g: "x" # c\n  h: \'y\'\ni: 3\n',
  // After a quoted scalar or a flow collection on the key's line.
  'a: "x"\n  b: 2\nc: 3\n',
  'a: [1]\n  b: 2\n',
  'p:\n  a: {k: v}\n    b: 2\n    c:\n      d: 1\n  e: 3\n',
  'a:\n  b:\n    - 1\n    - 2\n c: &anchor\n    k: v\nd: *anchor\n',
  'a:\n  b:\n    c:\n      d: 1\n   e: 2\n  f: 3\n',
  // A key given twice: the later entry is kept, and moves to the end.
  'a: 1\na: 2\n',
  '1: a\n1.0: b\n',
  'true: 1\nTrue: 2\nc: 3\n',
  'a:\n  x: 1\nb: 0\na: 2\n',
  'p:\n  a: &x 1\n  a: "2"\n',
  'paths:\n  /a:\n    get: {}\n  /b: {}\n  /a:\n    post: {}\n',
  'true: v\nn:\n  a: 1\n  a: 2\ntrue: w\n',
];

/**
 * The first difference between two trees, or undefined when they are identical: node types,
 * values (NaN and -0 included), offsets, key offsets, keys, flow flags, property order and
 * parent links.
 */
export function firstDifference(actual: AstNode | undefined, expected: AstNode | undefined, path = ''): string | undefined {
  if (actual === undefined || expected === undefined) return actual === expected ? undefined : `${path || '/'}: ${actual === undefined ? 'missing' : 'unexpected'} node`;
  for (const field of ['type', 'start', 'end', 'keyStart', 'keyEnd', 'key'] as const) {
    if (!Object.is(actual[field], expected[field])) {
      return `${path || '/'}: ${field} is ${JSON.stringify(actual[field])}, expected ${JSON.stringify(expected[field])}`;
    }
  }
  if (actual.type === 'object' && expected.type === 'object') {
    if (actual.flow !== expected.flow) return `${path || '/'}: flow is ${actual.flow}`;
    const actualKeys = [...actual.properties.keys()];
    const expectedKeys = [...expected.properties.keys()];
    if (actualKeys.join('\u0000') !== expectedKeys.join('\u0000')) {
      return `${path || '/'}: keys are ${JSON.stringify(actualKeys)}, expected ${JSON.stringify(expectedKeys)}`;
    }
    for (const [name, value] of actual.properties) {
      if (value.parent !== actual) return `${path}/${name}: wrong parent`;
      const difference = firstDifference(value, expected.properties.get(name), `${path}/${name}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (actual.type === 'array' && expected.type === 'array') {
    if (actual.flow !== expected.flow) return `${path || '/'}: flow is ${actual.flow}`;
    if (actual.items.length !== expected.items.length) return `${path || '/'}: ${actual.items.length} items, expected ${expected.items.length}`;
    for (let index = 0; index < actual.items.length; index++) {
      if (actual.items[index].parent !== actual) return `${path}/${index}: wrong parent`;
      const difference = firstDifference(actual.items[index], expected.items[index], `${path}/${index}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  const actualValue = (actual as ScalarNode).value;
  const expectedValue = (expected as ScalarNode).value;
  if (!Object.is(actualValue, expectedValue)) return `${path || '/'}: value is ${JSON.stringify(actualValue)}, expected ${JSON.stringify(expectedValue)}`;
  return undefined;
}

export type Verdict = { kind: 'fast' } | { kind: 'recovered' } | { kind: 'declined'; reason: string } | { kind: 'disagreement'; detail: string };

/**
 * Reads `text` with the fast reader and with the yaml package. The fast reader may decline, but
 * when it answers, the yaml package must read the text into the identical tree with the identical
 * problems: none ('fast'), or those of keys out of their mapping's column ('recovered').
 */
export function judge(text: string): Verdict {
  const fast = readYamlFast(text, DEFAULT_MAX_NODES);
  if (fast.root === undefined) return { kind: 'declined', reason: fast.unsupported };
  const reference = parseYamlWithPackage(text, DEFAULT_MAX_NODES);
  const fastErrors = JSON.stringify(fast.errors);
  const referenceErrors = JSON.stringify(reference.errors);
  if (fastErrors !== referenceErrors) return { kind: 'disagreement', detail: `problems ${fastErrors}, the yaml package's ${referenceErrors}` };
  const difference = firstDifference(fast.root, reference.root);
  if (difference !== undefined) return { kind: 'disagreement', detail: difference };
  return fast.errors.length === 0 ? { kind: 'fast' } : { kind: 'recovered' };
}

const DEFAULT_MAX_NODES = 2_000_000;

/** Text fragments the mutator inserts: YAML indicators, white space and line breaks. */
const FRAGMENTS = [
  ' ', '  ', '\n', ':', ': ', '-', '- ', '#', ' #', '"', "'", '|', '>', '[', ']', '{', '}', ',', '&a ', '*a', '\t', 'x',
  '?', '? ', '\\', '\r\n', '\r', '0', '.', '<<: *a\n', '\n  ', '\n- ', '!', '%', '@', '~', '+', '...\n', '---\n',
  '\n#c\n', '  # c\n', ' &x', ': |', ': >-', '\n    ', '*x', '\uFEFF',
];

/** One or two random edits: delete, insert or replace a character, indent, dedent, copy or drop a line. */
export function mutate(text: string, random: () => number): string {
  const pick = (count: number): number => Math.floor(random() * count);
  const edits = 1 + pick(2);
  for (let edit = 0; edit < edits; edit++) {
    const at = pick(text.length + 1);
    const operation = pick(6);
    if (operation === 0) text = text.slice(0, at) + text.slice(at + 1);
    else if (operation <= 2) text = text.slice(0, at) + FRAGMENTS[pick(FRAGMENTS.length)] + text.slice(at);
    else if (operation === 3) text = text.slice(0, at) + FRAGMENTS[pick(FRAGMENTS.length)] + text.slice(at + 1);
    else {
      const lines = text.split('\n');
      const line = pick(lines.length);
      if (operation === 4) lines[line] = random() < 0.5 ? ' '.repeat(1 + pick(2)) + lines[line] : lines[line].replace(/^ {1,2}/, '');
      else if (random() < 0.5) lines.splice(pick(lines.length), 0, lines[line]);
      else lines.splice(line, 1);
      text = lines.join('\n');
    }
  }
  return text;
}

/**
 * Outdents the line of a mapping key: mostly to the column of a line above it that is further left
 * (the column of a mapping that holds the key), else to any column left of it. Texts without such a
 * line come back as they are.
 */
export function outdentKeyLine(text: string, random: () => number): string {
  const lines = text.split('\n');
  const keyLines = lines.flatMap((line, index) => (/^ +[^\s#-][^:]*:( |$)/.test(line) ? [index] : []));
  if (keyLines.length === 0) return text;
  const index = keyLines[Math.floor(random() * keyLines.length)];
  const indent = lines[index].length - lines[index].trimStart().length;
  const columns: number[] = [];
  for (let above = index - 1, lowest = indent; above >= 0 && lowest > 0; above--) {
    const content = lines[above].trimStart();
    const column = lines[above].length - content.length;
    if (content !== '' && !content.startsWith('#') && column < lowest) columns.push((lowest = column));
  }
  const to = columns.length > 0 && random() < 0.8 ? columns[Math.floor(random() * columns.length)] : Math.floor(random() * indent);
  lines[index] = ' '.repeat(to) + lines[index].slice(indent);
  return lines.join('\n');
}

/**
 * Gives an entry of a block mapping twice: the entry (its key line and the lines below it) again
 * right after it, or after its later siblings, or its key line alone with a scalar value.
 */
export function repeatEntry(text: string, random: () => number): string {
  const lines = text.split('\n');
  const keyLines = lines.flatMap((line, index) => (/^ *[^\s#-][^:]*:( |$)/.test(line) ? [index] : []));
  if (keyLines.length === 0) return text;
  const index = keyLines[Math.floor(random() * keyLines.length)];
  const indentOf = (line: string): number => line.length - line.trimStart().length;
  const indent = indentOf(lines[index]);
  let end = index + 1;
  while (end < lines.length && (lines[end].trim() === '' || indentOf(lines[end]) > indent || (indentOf(lines[end]) === indent && lines[end].trimStart().startsWith('- ')))) end++;
  const entry = lines.slice(index, end);
  const mode = Math.floor(random() * 3);
  if (mode === 0) lines.splice(end, 0, ...entry);
  else if (mode === 1) lines.splice(end, 0, lines[index].replace(/:( .*)?$/, ': x'));
  else {
    let after = end;
    while (after < lines.length && (lines[after].trim() === '' || indentOf(lines[after]) >= indent)) after++;
    lines.splice(after, 0, ...entry);
  }
  return lines.join('\n');
}

/**
 * A random, mostly valid YAML document in the style of OpenAPI files: nested block mappings and
 * sequences in every layout the fast reader supports, all scalar styles, flow collections, block
 * scalars, anchors, aliases and merge keys, with blank lines and comments at random indentation.
 */
export function generateDocument(random: () => number): string {
  const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)];
  const chance = (probability: number): boolean => random() < probability;
  const anchors: string[] = [];
  const mappingAnchors: string[] = [];
  let anchorCount = 0;

  const words = ['a', 'b c', 'x-y', '200', '1.0', 'true', 'null', '~', '-1', '.5', 'http://x:1/y', 'a#b', 'é', '🛒', 'v:1', '0x1F', '1e3', '', 'it\'s', 'say "hi"', 'tab\there'];
  const scalar = (indent: number): string => {
    const word = pick(words);
    switch (Math.floor(random() * 8)) {
      case 0:
        return JSON.stringify(word);
      case 1:
        return `'${word.replace(/'/g, "''")}'`;
      case 2:
        return `"line one\n${' '.repeat(indent + 1)}line two${chance(0.3) ? '\\\n' + ' '.repeat(indent + 2) + 'joined' : ''}"`;
      case 3:
        return `plain start\n${' '.repeat(indent + 1 + Math.floor(random() * 3))}continued${chance(0.3) ? '\n\n' + ' '.repeat(indent + 1) + 'after blank' : ''}`;
      default:
        return word === '' || /^[-?:,[\]{}#&*!|>'"%@`\t ]|: | #|\t/.test(word) ? JSON.stringify(word) : word;
    }
  };
  const comment = (indent: number): string => ' '.repeat(Math.max(0, indent + Math.floor(random() * 5) - 2)) + pick(['# c', '#c', '#', '# key: value']) + '\n';
  const gap = (indent: number): string => {
    let text = '';
    while (chance(0.2)) text += chance(0.5) ? pick(['\n', '  \n']) : comment(indent);
    return text;
  };
  const blockScalar = (indent: number): string => {
    const header = pick(['|', '>', '|-', '>-', '|+', '>+', '|2', '>1-', '|+1']);
    const digit = /\d/.exec(header);
    const contentIndent = indent + (digit ? Number(digit[0]) : 2);
    let body = '';
    for (let line = 0, count = 1 + Math.floor(random() * 4); line < count; line++) {
      body += chance(0.2) ? '\n' : ' '.repeat(contentIndent + (chance(0.2) ? 2 : 0)) + pick(['text', 'more words', '# hash', 'x: y', '- item']) + '\n';
    }
    if (chance(0.3)) body += pick(['\n', '\n\n', ' '.repeat(contentIndent + 1) + '\n']);
    return ` ${header}${chance(0.1) ? ' # header' : ''}\n${body}`;
  };
  const flow = (depth: number): string => {
    if (depth > 4 || chance(0.3)) return JSON.stringify(pick(words));
    if (chance(0.5)) {
      const items = Array.from({ length: Math.floor(random() * 3) }, () => (chance(0.7) ? pick(['x', '1', 'a b', '"q"', "'s'", '~']) : flow(depth + 1)));
      return `[${items.join(', ')}${items.length > 0 && chance(0.2) ? ', ' : ''}]`;
    }
    const entries = Array.from({ length: Math.floor(random() * 3) }, (_, index) => `${pick([`k${index}`, `"q${index}"`, `'s${index}'`, `20${index}`])}: ${chance(0.7) ? pick(['v', '1', 'true', '"x"']) : flow(depth + 1)}`);
    return `{${entries.join(', ')}}`;
  };

  // The text after `key:` or `-` (starting right after the indicator), for an entry of a collection in column `indent`.
  const value = (depth: number, indent: number, inSequence: boolean): string => {
    const trail = chance(0.15) ? '  # t' : chance(0.1) ? '   ' : '';
    const roll = Math.floor(random() * 14);
    if (depth > 3 || roll < 3) return ' ' + scalar(indent) + trail + '\n';
    if (roll === 3) return pick(['', ' ', ' # empty']) + '\n';
    if (roll === 4) return blockScalar(indent);
    if (roll === 5) return ' ' + flow(0) + trail + '\n';
    if (roll === 6 && anchors.length > 0) return ` *${pick(anchors)}${trail}\n`;
    if (roll === 7 && inSequence) {
      // A compact mapping or nested sequence on the item's line.
      const inner = block(depth + 1, indent + 2, pick(['mapping', 'sequence'] as const));
      return ' ' + inner.slice(indent + 2);
    }
    if (roll === 8 && !inSequence) return '\n' + gap(indent) + block(depth + 1, indent, 'sequence');
    if (roll === 9) {
      const name = `n${anchorCount++}`;
      const kind = pick(['mapping', 'sequence'] as const);
      const text = ` &${name}\n` + block(depth + 1, indent + 2, kind);
      anchors.push(name);
      if (kind === 'mapping') mappingAnchors.push(name);
      return text;
    }
    if (roll === 10) {
      const name = `s${anchorCount++}`;
      anchors.push(name);
      return ` &${name} ${pick(['x', '"q"', '1', '[1, 2]'])}${trail}\n`;
    }
    return (trail ? ' ' + trail.trim() : '') + '\n' + gap(indent + 2) + block(depth + 1, indent + pick([1, 2, 4]), pick(['mapping', 'sequence'] as const));
  };

  const block = (depth: number, indent: number, kind: 'mapping' | 'sequence'): string => {
    const pad = ' '.repeat(indent);
    let text = '';
    const count = 1 + Math.floor(random() * 3);
    if (kind === 'sequence') {
      for (let index = 0; index < count; index++) text += (index > 0 ? gap(indent) : '') + pad + '-' + value(depth, indent, true);
      return text;
    }
    const used = new Set<string>();
    for (let index = 0; index < count; index++) {
      let key = pick(['k', 'key', 'x y', '"q"', "'s'", '200', '1.0', 'true', '/p/{id}', `n${index}`]);
      if (used.has(key)) key = `u${index}`;
      used.add(key);
      if (index > 0) text += gap(indent);
      if (chance(0.05)) text += `${pad}? ${key}\n${pad}:${value(depth, indent, true)}`;
      else if (chance(0.05) && mappingAnchors.length > 0 && !used.has('<<')) {
        used.add('<<');
        text += `${pad}<<: ${chance(0.5) ? '*' + pick(mappingAnchors) : `[*${pick(mappingAnchors)}, *${pick(mappingAnchors)}]`}\n`;
      } else text += pad + key + ':' + value(depth, indent, false);
    }
    return text;
  };

  let document = gap(0) + (chance(0.1) ? '---\n' : '') + block(0, chance(0.1) ? 2 : 0, chance(0.8) ? 'mapping' : 'sequence') + gap(0);
  if (chance(0.05)) document += '...\n';
  if (chance(0.1)) document = document.replace(/\n/g, '\r\n');
  return document;
}
