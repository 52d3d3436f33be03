import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AstNode } from '../../../server/src/core/model/ast';
import { defaultSettings } from '../../../server/src/core/config/settings';
import { analyseApiSteps } from '../../../server/src/core/engine/analyseApi';
import { buildApi } from '../../../server/src/core/openapi/buildApi';
import { refCircular } from '../../../server/src/core/rules/spec/ref-circular';
import { findRefCycles, type RefCycle } from '../../../server/src/core/rules/spec/support/refCycles';
import { DocumentStore } from '../../../server/src/core/workspace/documentStore';
import { drain } from '../helpers/drain';
import { lintFiles } from '../helpers/lint';
import { ruleTable } from '../helpers/ruleTable';
import { seededRandom } from '../helpers/seededRandom';

const schemas3 = (version: string, body: string) => `openapi: ${version}
info: { title: Shop, version: "1" }
paths: {}
components:
  schemas:
${body}`;

ruleTable('ref-circular', [
  ...['3.0.3', '3.1.0', '3.2.0'].map((version) => ({
    name: `${version}: references that point at each other`,
    files: schemas3(version, '    Order:\n      $ref: "#/components/schemas/Purchase"\n    Purchase:\n      $ref: "#/components/schemas/Order"\n'),
    expect: [
      {
        pointer: '/components/schemas/Order/$ref',
        message: 'References point at each other and never reach a definition: #/components/schemas/Purchase → #/components/schemas/Order → #/components/schemas/Purchase',
        severity: 'info' as const,
        line: 6,
      },
    ],
  })),
  {
    name: 'Swagger 2.0: a recursive schema',
    files: 'swagger: "2.0"\ninfo: { title: Shop, version: "1" }\npaths: {}\ndefinitions:\n  Category:\n    type: object\n    properties:\n      parent: { $ref: "#/definitions/Category" }\n',
    expect: [{ pointer: '/definitions/Category/properties/parent/$ref', message: 'Reference cycle: #/definitions/Category → #/definitions/Category. Recursive definitions are valid' }],
  },
  {
    name: 'a reference to itself',
    files: schemas3('3.1.0', '    Loop:\n      $ref: "#/components/schemas/Loop"\n'),
    expect: [{ pointer: '/components/schemas/Loop/$ref', message: 'never reach a definition: #/components/schemas/Loop → #/components/schemas/Loop' }],
  },
  {
    name: 'one finding per group of references, however many cycles it has',
    files: schemas3(
      '3.1.0',
      '    A:\n      properties:\n        b: { $ref: "#/components/schemas/B" }\n        c: { $ref: "#/components/schemas/C" }\n    B:\n      properties:\n        a: { $ref: "#/components/schemas/A" }\n    C:\n      items: { $ref: "#/components/schemas/A" }\n    D:\n      properties:\n        a: { $ref: "#/components/schemas/A" }\n',
    ),
    expect: [{ pointer: '/components/schemas/A/properties/b/$ref', message: '(4 references take part in this cycle)' }],
  },
  {
    // Deeper than the parent links a walk up goes without memoising (refCycles' SHORT_WALK): the
    // walk from the inner references reaches its definition through the memoised part.
    name: 'references nested deep inside the schema they lead back to',
    files: (() => {
      let nested = '        { $ref: "#/components/schemas/Tree" }';
      for (let level = 12; level >= 1; level--) nested = `{ properties: { level${level}: ${nested.trim()}, other${level}: { $ref: "#/components/schemas/Leaf" } } }`;
      return schemas3('3.1.0', `    Tree:\n      properties:\n        root: ${nested}\n    Leaf:\n      type: string\n`);
    })(),
    expect: [
      {
        pointer: '/components/schemas/Tree/properties/root' + Array.from({ length: 12 }, (_, index) => `/properties/level${index + 1}`).join('') + '/$ref',
        message: 'Reference cycle: #/components/schemas/Tree → #/components/schemas/Tree. Recursive definitions are valid',
      },
    ],
  },
  {
    name: 'two separate cycles give two findings',
    files: schemas3(
      '3.0.3',
      '    A:\n      properties:\n        self: { $ref: "#/components/schemas/A" }\n    B:\n      properties:\n        self: { $ref: "#/components/schemas/B" }\n',
    ),
    expect: [{ pointer: '/components/schemas/A/properties/self/$ref' }, { pointer: '/components/schemas/B/properties/self/$ref' }],
  },
  {
    name: 'references without a cycle',
    files: schemas3('3.1.0', '    A:\n      properties:\n        b: { $ref: "#/components/schemas/B" }\n    B:\n      properties:\n        c: { $ref: "#/components/schemas/C" }\n    C: { type: string }\n'),
    expect: [],
  },
  {
    name: 'a cycle across files is reported at its first reference in document order',
    files: {
      'api.yaml': 'openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Node:\n      $ref: "./node.yaml"\n',
      'node.yaml': 'type: object\nproperties:\n  next: { $ref: "./node.yaml" }\n',
    },
    expect: [{ file: 'node.yaml', pointer: '/properties/next/$ref', message: 'Reference cycle: ./node.yaml → ./node.yaml', line: 2 }],
  },
  {
    name: 'a cycle through two files',
    files: {
      'api.yaml': 'openapi: 3.0.3\ninfo: { title: Shop, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Order:\n      type: object\n      properties:\n        customer: { $ref: "./customer.yaml" }\n',
      'customer.yaml': 'type: object\nproperties:\n  lastOrder: { $ref: "./api.yaml#/components/schemas/Order" }\n',
    },
    expect: [{ file: 'api.yaml', pointer: '/components/schemas/Order/properties/customer/$ref', message: './customer.yaml → ./api.yaml#/components/schemas/Order → ./customer.yaml', line: 8 }],
  },
  {
    name: 'JSON document',
    files: JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: {}, components: { schemas: { T: { type: 'array', items: { $ref: '#/components/schemas/T' } } } } }, null, 2),
    expect: [{ pointer: '/components/schemas/T/items/$ref', line: 12 }],
  },
  {
    name: 'suppressed',
    files: schemas3('3.1.0', '    Tree:\n      x-api-guard-ignore: [ref-circular]\n      properties:\n        children: { type: array, items: { $ref: "#/components/schemas/Tree" } }\n'),
    expect: [],
    suppressed: [{ pointer: '/components/schemas/Tree/properties/children/items/$ref' }],
  },
]);

describe('ref-circular on large graphs', () => {
  it('terminates on a long chain closed into one cycle and reports it once with a shortened chain', () => {
    const count = 3000;
    const lines = Array.from({ length: count }, (_, index) => `    S${index}:\n      $ref: "#/components/schemas/S${(index + 1) % count}"\n`).join('');
    const { findings } = lintFiles(schemas3('3.1.0', lines), { only: ['ref-circular'] });
    assert.equal(findings.length, 1);
    assert.equal(findings[0].pointer, '/components/schemas/S0/$ref');
    assert.match(findings[0].message, /→ …$/);
    assert.equal(findings[0].data?.references, count);
    assert.ok((findings[0].related?.length ?? 0) > 0);
  });

  it('gives related locations for the other references of the cycle', () => {
    const { findings } = lintFiles(schemas3('3.1.0', '    A:\n      $ref: "#/components/schemas/B"\n    B:\n      $ref: "#/components/schemas/A"\n'), { only: ['ref-circular'] });
    assert.deepEqual(findings[0].related?.map((related) => [related.range.start.line, related.message]), [[8, 'Part of the reference cycle']]);
  });
});

describe('ref-circular against a search of every pair of references', () => {
  /** Whether `node` is `ancestor` or inside it. */
  const inside = (node: AstNode, ancestor: AstNode): boolean => {
    for (let current: AstNode | undefined = node; current !== undefined; current = current.parent) if (current === ancestor) return true;
    return false;
  };

  it('finds the groups of references that lead back to themselves, each with a chain that does', () => {
    const next = seededRandom(7);
    const pick = (count: number) => Math.floor(next() * count);
    for (let round = 0; round < 60; round++) {
      // Schemas with nested properties, whose references point at a schema or at one of its properties.
      const count = 2 + pick(12);
      const body = Array.from({ length: count }, (_, index) => {
        const refs = Array.from({ length: pick(4) }, (_, at) => {
          const target = pick(count);
          const pointer = next() < 0.3 ? `#/components/schemas/S${target}/properties/p0` : `#/components/schemas/S${target}`;
          return next() < 0.3 ? `        p${at}: { properties: { q: { $ref: "${pointer}" } } }\n` : `        p${at}: { $ref: "${pointer}" }\n`;
        });
        return next() < 0.15 ? `    S${index}:\n      $ref: "#/components/schemas/S${pick(count)}"\n` : `    S${index}:\n      properties:\n${refs.join('') || '        p0: { type: string }\n'}`;
      });
      const text = schemas3('3.1.0', body.join(''));
      const store = new DocumentStore({ read: (uri) => (uri === 'file:///ws/api.yaml' ? text : undefined) });
      const api = buildApi(store.get('file:///ws/api.yaml')!, store, { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] })!;
      const sites = api.refSites;
      // A reference leads to every reference inside what it points at.
      const leadsTo = sites.map((from) => sites.map((to) => from.target !== undefined && inside(to.node, from.target.node)));
      const reaches = leadsTo.map((row) => [...row]);
      for (let via = 0; via < sites.length; via++) {
        for (let from = 0; from < sites.length; from++) if (reaches[from][via]) for (let to = 0; to < sites.length; to++) if (reaches[via][to]) reaches[from][to] = true;
      }
      const expected = new Set<string>();
      for (let from = 0; from < sites.length; from++) {
        if (!reaches[from][from]) continue;
        expected.add(sites.map((_, to) => to).filter((to) => reaches[from][to] && reaches[to][from]).join(','));
      }
      const cycles = findRefCycles(api);
      const found = cycles.map((cycle) => cycle.sites.map((site) => sites.indexOf(site)).sort((a, b) => a - b).join(','));
      assert.deepEqual(new Set(found), expected, `round ${round}:\n${text}`);
      assert.equal(found.length, expected.size, `round ${round}: a group reported twice`);
      for (const cycle of cycles) {
        const chain = cycle.chain.map((site) => sites.indexOf(site));
        assert.equal(cycle.chain[0], cycle.sites[0], `round ${round}: the chain starts at the group's first reference`);
        for (let at = 0; at < chain.length; at++) assert.ok(leadsTo[chain[at]][chain[(at + 1) % chain.length]], `round ${round}: chain ${chain.join(' → ')}`);
        const direct = cycle.chain.every((site) => sites.some((other) => other.node === site.target?.node));
        assert.equal(cycle.direct, direct, `round ${round}: direct`);
      }
    }
  });
});

/**
 * `count` schemas in groups of `size` that refer round: each one's index, the next of its group,
 * and one of the next group's first `spread` (which never leads back; the last group's refer round).
 */
function groupedSchemas(count: number, size: number, spread: number): { index: number; next: number; other: number }[] {
  return Array.from({ length: count }, (_, index) => {
    const group = index - (index % size);
    const next = group + ((index + 1) % size);
    return { index, next, other: group + size < count ? group + size + (index % spread) : next };
  });
}

describe('ref-circular prepared in steps (the language server runs the analysis in slices)', () => {
  // 4,000 schemas in groups of 8 that refer round, each also referring to a schema of the next
  // group (which never leads back), and a few self references: 500 cycles.
  const body = groupedSchemas(4000, 8, 3).map(({ index, next, other }) => {
    const self = index % 97 === 0 ? `\n        me: { $ref: "#/components/schemas/S${index}" }` : '';
    return `    S${index}:\n      properties:\n        next: { $ref: "#/components/schemas/S${next}" }\n        other: { items: { $ref: "#/components/schemas/S${other}" } }${self}\n`;
  }).join('');
  const text = schemas3('3.1.0', body);

  function api() {
    const store = new DocumentStore({ read: (uri) => (uri === 'file:///ws/api.yaml' ? text : undefined) });
    return buildApi(store.get('file:///ws/api.yaml')!, store, { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] })!;
  }
  const describeCycles = (cycles: RefCycle[]) => cycles.map((cycle) => `${cycle.direct} ${cycle.sites.map((site) => site.ref).join(',')} | ${cycle.chain.map((site) => site.node.start).join(',')}`);

  it('finds the cycles of a search in one go, in several steps', () => {
    const oneGo = describeCycles(findRefCycles(api()));
    assert.ok(oneGo.length > 1, `${oneGo.length} cycles`);
    const prepared = api();
    const { yields } = drain(refCircular.prepareSteps!(prepared));
    assert.ok(yields >= 3, `${yields} yields`);
    assert.deepEqual(describeCycles(findRefCycles(prepared)), oneGo);
  });

  it('remembers the graph it searched, so that the next version with the same references does not search again', () => {
    const store = new DocumentStore({ read: (uri) => (uri === 'file:///ws/api.yaml' ? text : undefined) });
    const build = () => buildApi(store.get('file:///ws/api.yaml')!, store, { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] })!;
    const first = build();
    assert.ok(drain(refCircular.prepareSteps!(first)).yields >= 3);
    // Another API over the same tree (as after a keystroke that left every reference in place).
    const second = build();
    assert.notEqual(second, first);
    assert.equal(drain(refCircular.prepareSteps!(second)).yields, 0);
    assert.deepEqual(describeCycles(findRefCycles(second)), describeCycles(findRefCycles(first)));
  });

  it('gives the findings of an analysis in one go when the analysis runs in slices', () => {
    const run = (inSlices: boolean) => {
      const steps = analyseApiSteps(api(), defaultSettings(), { inSlices, only: new Set(['ref-circular']) });
      for (;;) {
        const next = steps.next();
        if (next.done === true) return next.value.findings.map((finding) => `${finding.pointer} ${finding.message} ${finding.related?.length}`);
      }
    };
    const oneGo = run(false);
    assert.ok(oneGo.length > 1);
    assert.deepEqual(run(true), oneGo);
  });
});

describe('ref-circular while a spec is typed in (the graph remembered across patched versions)', () => {
  // 1,200 schemas in groups of 6 that refer round, each with a description and a block of properties.
  const body = groupedSchemas(1200, 6, 4).map(({ index, next, other }) => {
    return `    S${index}:\n      description: schema number ${index}\n      properties:\n        next: { $ref: "#/components/schemas/S${next}" }\n        other:\n          type: array\n          items:\n            $ref: "#/components/schemas/S${other}"\n`;
  }).join('');
  const URI = 'file:///ws/api.yaml';
  const POLICY = { allowedFolders: ['file:///ws'], allowedRemoteHosts: [] };
  const describeCycles = (cycles: RefCycle[]) =>
    cycles.map((cycle) => `${cycle.direct} ${cycle.sites.map((site) => `${site.node.start}:${site.ref}`).join(',')} | ${cycle.chain.map((site) => site.node.start).join(',')}`);

  it('finds after every keystroke what a search of a fresh parse finds, and searches again only when the graph changed', () => {
    const next = seededRandom(11);
    let text = schemas3('3.1.0', body);
    const store = new DocumentStore({ read: () => undefined });
    let version = 1;
    store.setOpen(URI, text, version);
    let previous = buildApi(store.get(URI)!, store, POLICY)!;
    assert.ok(drain(refCircular.prepareSteps!(previous)).yields >= 1, 'a search takes more than one step');
    let searched = 0;
    let kept = 0;
    let keptWithNewNodes = 0;
    for (let round = 0; round < 80; round++) {
      // What typing does: a letter in a description or a name, a new property line in a block of
      // references, a letter in a reference (another target), or at any place of the first schemas
      // (in an indentation too, which may break the text for a while).
      const choice = next();
      const schema = Math.floor(next() * 30);
      const start = text.indexOf(`    S${schema}:\n`);
      let at: number;
      let typed = String.fromCharCode(97 + Math.floor(next() * 26));
      if (choice < 0.25) at = text.indexOf('schema number', start) + 7;
      else if (choice < 0.45) at = text.indexOf('        next:', start) + 10;
      else if (choice < 0.7) {
        at = text.indexOf('        other:', start) - 1;
        typed = `\n        note${round}: ${typed}`;
      } else if (choice < 0.8) at = text.indexOf('$ref: "#/components/schemas/S', start) + 20;
      else at = 180 + Math.floor(next() * 1500);
      const position = store.get(URI)!.lines.positionAt(at);
      text = text.slice(0, at) + typed + text.slice(at);
      store.setOpen(URI, text, ++version, { fromVersion: version - 1, changes: [{ range: { start: position, end: position }, text: typed }] });
      const api = buildApi(store.get(URI)!, store, POLICY);
      if (api === undefined) continue;
      const { yields } = drain(refCircular.prepareSteps!(api));
      const fresh = new DocumentStore({ read: () => undefined });
      fresh.setOpen(URI, text, version);
      const expected = describeCycles(findRefCycles(buildApi(fresh.get(URI)!, fresh, POLICY)!));
      assert.deepEqual(describeCycles(findRefCycles(api)), expected, `round ${round}`);
      if (yields > 0) searched++;
      else {
        kept++;
        if (api.refSites.some((site, index) => site.node !== previous.refSites[index]?.node)) keptWithNewNodes++;
      }
      previous = api;
    }
    assert.ok(searched > 0, `searched ${searched} times`);
    assert.ok(keptWithNewNodes > 15, `kept ${kept} times, ${keptWithNewNodes} of them with references read again`);
  });
});
