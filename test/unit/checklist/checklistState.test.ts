import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  ChecklistStateError,
  isValidDate,
  isValidDateTime,
  parseChecklistState,
  updateChecklistState,
  type ChecklistChange,
} from '../../../server/src/core/checklist/checklistState';

const root = path.resolve(__dirname, '../../..');
const schema = JSON.parse(readFileSync(path.join(root, 'schemas/checklist.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addKeyword('markdownDescription');
addFormats(ajv);
const validate = ajv.compile(schema);

/** Valid by the JSON schema (files that are not JSON at all are invalid). */
function schemaValid(text: string): boolean {
  try {
    return validate(JSON.parse(text)) === true;
  } catch {
    return false;
  }
}

const goodFile = `{
  "$schema": "../schemas/checklist.schema.json",
  "version": 1,
  "startDate": "2026-03-02",
  "steps": {
    "1.2": {
      "confirmed": { "by": "Mara Keller", "at": "2026-03-03T09:00:00Z", "note": "Inventory reviewed." }
    },
    "4.1": {
      "lastAudit": { "date": "2026-03-01", "note": "Pentest", "link": "https://wiki.example/pentest" }
    }
  }
}
`;

const goodFiles: Record<string, string> = {
  'the full example': goodFile,
  'only a version': '{ "version": 1 }',
  'an empty steps map': '{ "version": 1, "steps": {} }',
  'a confirmation without a note, with an offset': '{ "version": 1, "steps": { "2.2": { "confirmed": { "by": "Jo", "at": "2026-03-03T09:00:00.123+01:00" } } } }',
  'an audit with only a date': '{ "version": 1, "steps": { "4.1": { "lastAudit": { "date": "2028-02-29" } } } }',
  'both records on one step': '{ "version": 1, "steps": { "4.1": { "confirmed": { "by": "Jo", "at": "2026-03-03T09:00:00Z" }, "lastAudit": { "date": "2026-03-01" } } } }',
};

const badFiles: Record<string, { text: string; message: RegExp; broken: boolean; at?: string }> = {
  'not JSON': { text: '{ "version": 1, ', message: /not valid JSON/, broken: true },
  'an array': { text: '[1]', message: /must contain a JSON object/, broken: true },
  'no version': { text: '{ "steps": {} }', message: /no "version"/, broken: false },
  'a newer version': { text: '{ "version": 2 }', message: /version 2, which this release/, broken: true, at: '2' },
  'a version as text': { text: '{ "version": "1" }', message: /version "1"/, broken: true, at: '"1"' },
  'an unknown top-level key': { text: '{ "version": 1, "owner": "me" }', message: /Unknown property "owner"/, broken: false, at: '"owner"' },
  'a start date that is no day': { text: '{ "version": 1, "startDate": "2026-02-30" }', message: /startDate.*YYYY-MM-DD/, broken: false, at: '"2026-02-30"' },
  'a start date with a time': { text: '{ "version": 1, "startDate": "2026-03-02T00:00:00Z" }', message: /YYYY-MM-DD/, broken: false },
  'an unknown step': { text: '{ "version": 1, "steps": { "5.1": {} } }', message: /"5\.1" is not a checklist step/, broken: false, at: '"5.1"' },
  'a step that is no object': { text: '{ "version": 1, "steps": { "1.1": true } }', message: /"1\.1" must be an object/, broken: false },
  'a confirmation without by': {
    text: '{ "version": 1, "steps": { "1.1": { "confirmed": { "at": "2026-03-03T09:00:00Z" } } } }',
    message: /"by" is required/,
    broken: false,
  },
  'a blank confirmer': {
    text: '{ "version": 1, "steps": { "1.1": { "confirmed": { "by": "  ", "at": "2026-03-03T09:00:00Z" } } } }',
    message: /"by" must not be empty/,
    broken: false,
  },
  'a confirmation time without a zone': {
    text: '{ "version": 1, "steps": { "1.1": { "confirmed": { "by": "Jo", "at": "2026-03-03T09:00:00" } } } }',
    message: /"at" must be a date and time/,
    broken: false,
  },
  'a confirmation date only': {
    text: '{ "version": 1, "steps": { "1.1": { "confirmed": { "by": "Jo", "at": "2026-03-03" } } } }',
    message: /"at" must be a date and time/,
    broken: false,
  },
  'a note that is a number': {
    text: '{ "version": 1, "steps": { "1.1": { "confirmed": { "by": "Jo", "at": "2026-03-03T09:00:00Z", "note": 5 } } } }',
    message: /"note" must be a text/,
    broken: false,
  },
  'an unknown key in a confirmation': {
    text: '{ "version": 1, "steps": { "1.1": { "confirmed": { "by": "Jo", "at": "2026-03-03T09:00:00Z", "who": "x" } } } }',
    message: /Unknown property "who"/,
    broken: false,
  },
  'an unknown key in a step': { text: '{ "version": 1, "steps": { "1.1": { "done": true } } }', message: /Unknown property "done"/, broken: false },
  'an audit without a date': { text: '{ "version": 1, "steps": { "4.1": { "lastAudit": { "note": "x" } } } }', message: /"date" is required/, broken: false },
  'steps as a list': { text: '{ "version": 1, "steps": [] }', message: /"steps" must be an object/, broken: false },
};

describe('the checklist file schema and parser', () => {
  for (const [name, text] of Object.entries(goodFiles)) {
    it(`accepts ${name}`, () => {
      const parsed = parseChecklistState(text);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.broken, false);
      assert.ok(schemaValid(text), JSON.stringify(validate.errors));
    });
  }

  for (const [name, bad] of Object.entries(badFiles)) {
    it(`rejects ${name}`, () => {
      const parsed = parseChecklistState(bad.text);
      assert.ok(
        parsed.problems.some((problem) => bad.message.test(problem.message)),
        parsed.problems.map((problem) => problem.message).join('\n'),
      );
      assert.equal(parsed.broken, bad.broken);
      assert.equal(schemaValid(bad.text), false, 'the JSON schema agrees');
      if (bad.at !== undefined) {
        const problem = parsed.problems.find((candidate) => bad.message.test(candidate.message))!;
        assert.equal(bad.text.slice(problem.start, problem.end), bad.at);
      }
    });
  }

  it('reads the state, and keeps the valid parts of a partly broken file', () => {
    assert.deepEqual(parseChecklistState(goodFile).state, {
      version: 1,
      startDate: '2026-03-02',
      steps: {
        '1.2': { confirmed: { by: 'Mara Keller', at: '2026-03-03T09:00:00Z', note: 'Inventory reviewed.' } },
        '4.1': { lastAudit: { date: '2026-03-01', note: 'Pentest', link: 'https://wiki.example/pentest' } },
      },
    });
    const partly = parseChecklistState(
      '{ "version": 1, "startDate": "soon", "steps": { "1.1": { "confirmed": { "by": "Jo" } }, "2.1": { "confirmed": { "by": "Al", "at": "2026-03-03T10:00:00Z" } } } }',
    );
    assert.equal(partly.problems.length, 2);
    assert.deepEqual(partly.state, { version: 1, steps: { '2.1': { confirmed: { by: 'Al', at: '2026-03-03T10:00:00Z' } } } });
  });

  it('treats empty text as a file that does not exist yet', () => {
    assert.deepEqual(parseChecklistState('  \n'), { state: { version: 1, steps: {} }, problems: [], broken: false });
  });

  it('checks dates and date-times like the schema formats do', () => {
    assert.ok(isValidDate('2028-02-29'));
    assert.ok(!isValidDate('2027-02-29'));
    assert.ok(!isValidDate('2026-13-01'));
    assert.ok(!isValidDate('26-03-01'));
    assert.ok(isValidDateTime(new Date('2026-03-03T09:00:00Z').toISOString()));
    assert.ok(isValidDateTime('2026-03-03T09:00:00+02:00'));
    assert.ok(!isValidDateTime('2026-03-03T25:00:00Z'));
    assert.ok(!isValidDateTime('2026-03-03T09:00Z'));
  });

  it('accepts the example workspace’s checklist file', () => {
    const text = readFileSync(path.join(root, 'examples/shop/.api-guard/checklist.json'), 'utf8');
    assert.deepEqual(parseChecklistState(text).problems, []);
    assert.ok(schemaValid(text), JSON.stringify(validate.errors));
  });
});

describe('minimal edits of the checklist file', () => {
  const confirm: ChecklistChange = { kind: 'confirm', step: '2.1', by: 'Jo Weber', at: '2026-03-10T08:15:00.000Z', note: 'All APIs described.' };

  /** The edit touched one contiguous span: the common prefix and suffix cover everything else. */
  function changedSpan(before: string, after: string): { removed: string; added: string } {
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let end = 0;
    while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
    return { removed: before.slice(start, before.length - end), added: after.slice(start, after.length - end) };
  }

  function assertValid(text: string): void {
    const parsed = parseChecklistState(text);
    assert.deepEqual(parsed.problems, [], text);
    assert.ok(schemaValid(text), `${JSON.stringify(validate.errors)}\n${text}`);
  }

  it('creates the file from nothing', () => {
    const text = updateChecklistState('', { kind: 'set-start-date', date: '2026-03-02' });
    assert.equal(text, '{\n  "version": 1,\n  "startDate": "2026-03-02",\n  "steps": {}\n}\n');
    const confirmed = updateChecklistState('', confirm);
    assert.deepEqual(parseChecklistState(confirmed).state.steps['2.1']?.confirmed, { by: 'Jo Weber', at: '2026-03-10T08:15:00.000Z', note: 'All APIs described.' });
    assertValid(confirmed);
    assert.equal(updateChecklistState('', { kind: 'reopen', step: '1.1' }), '', 'reopening in a missing file changes nothing');
  });

  it('adds a confirmation to a new step without touching the others', () => {
    const after = updateChecklistState(goodFile, confirm);
    assertValid(after);
    const inserted = [
      ',',
      '    "2.1": {',
      '      "confirmed": {',
      '        "by": "Jo Weber",',
      '        "at": "2026-03-10T08:15:00.000Z",',
      '        "note": "All APIs described."',
      '      }',
      '    }',
    ].join('\n');
    const anchor = goodFile.indexOf(',\n    "4.1"');
    assert.equal(after, goodFile.slice(0, anchor) + inserted + goodFile.slice(anchor), 'one insertion after step 1.2, nothing else changed');
    assert.deepEqual(parseChecklistState(after).state.steps['1.2'], parseChecklistState(goodFile).state.steps['1.2']);
  });

  it('keeps the steps in step order', () => {
    const order = (text: string) => Object.keys(parseChecklistState(text).state.steps);
    assert.deepEqual(order(updateChecklistState(goodFile, confirm)), ['1.2', '2.1', '4.1']);
    const first = updateChecklistState(goodFile, { ...confirm, step: '1.1' } as ChecklistChange);
    assertValid(first);
    assert.deepEqual(order(first), ['1.1', '1.2', '4.1']);
    assert.deepEqual(order(updateChecklistState(goodFile, { ...confirm, step: '4.2' } as ChecklistChange)), ['1.2', '4.1', '4.2']);
  });

  it('replaces an existing confirmation in place', () => {
    const after = updateChecklistState(goodFile, { kind: 'confirm', step: '1.2', by: 'Al', at: '2026-03-11T10:00:00Z' });
    assertValid(after);
    const { removed } = changedSpan(goodFile, after);
    assert.ok(!removed.includes('"4.1"') && !removed.includes('"startDate"'), removed);
    assert.deepEqual(parseChecklistState(after).state.steps['1.2'], { confirmed: { by: 'Al', at: '2026-03-11T10:00:00Z' } });
    assert.ok(after.includes('"lastAudit": { "date": "2026-03-01", "note": "Pentest", "link": "https://wiki.example/pentest" }'), 'other entries keep their one-line style');
  });

  it('adds the confirmation next to an audit record of the same step', () => {
    const after = updateChecklistState(goodFile, { kind: 'confirm', step: '4.1', by: 'Al', at: '2026-03-11T10:00:00Z' });
    assertValid(after);
    assert.deepEqual(Object.keys(parseChecklistState(after).state.steps['4.1'] ?? {}), ['lastAudit', 'confirmed']);
  });

  it('reopens a step by removing its confirmation, and the step when nothing else is left', () => {
    const reopened = updateChecklistState(goodFile, { kind: 'reopen', step: '1.2' });
    assertValid(reopened);
    assert.ok(!reopened.includes('"1.2"'));
    assert.ok(reopened.includes('"4.1"') && reopened.includes('"startDate": "2026-03-02"'));
    assert.equal(changedSpan(goodFile, reopened).added, '');

    const withBoth = updateChecklistState(goodFile, { kind: 'confirm', step: '4.1', by: 'Al', at: '2026-03-11T10:00:00Z' });
    const reopenedAudit = updateChecklistState(withBoth, { kind: 'reopen', step: '4.1' });
    assertValid(reopenedAudit);
    assert.deepEqual(parseChecklistState(reopenedAudit).state.steps['4.1'], { lastAudit: { date: '2026-03-01', note: 'Pentest', link: 'https://wiki.example/pentest' } });

    const single = '{\n  "version": 1,\n  "steps": {\n    "3.1": { "confirmed": { "by": "Jo", "at": "2026-03-03T09:00:00Z" } }\n  }\n}\n';
    assert.equal(updateChecklistState(single, { kind: 'reopen', step: '3.1' }), '{\n  "version": 1,\n  "steps": {}\n}\n');
    assert.equal(updateChecklistState(single, { kind: 'reopen', step: '2.2' }), single, 'reopening an unconfirmed step changes nothing');
  });

  it('sets, changes and clears the start date', () => {
    const noDate = '{\n    "version": 1,\n    "steps": {}\n}\n';
    const added = updateChecklistState(noDate, { kind: 'set-start-date', date: '2026-04-01' });
    assert.equal(added, '{\n    "version": 1,\n    "startDate": "2026-04-01",\n    "steps": {}\n}\n', 'keeps the file’s four-space indentation');
    const changed = updateChecklistState(added, { kind: 'set-start-date', date: '2026-04-06' });
    assert.equal(changed, added.replace('2026-04-01', '2026-04-06'));
    assert.equal(updateChecklistState(changed, { kind: 'set-start-date', date: undefined }), noDate);
  });

  it('records an audit', () => {
    const after = updateChecklistState('{ "version": 1 }', { kind: 'record-audit', step: '4.1', date: '2026-03-20', link: 'SEC-42' });
    assertValid(after);
    assert.deepEqual(parseChecklistState(after).state.steps['4.1'], { lastAudit: { date: '2026-03-20', link: 'SEC-42' } });
  });

  it('keeps CRLF line ends', () => {
    const crlf = goodFile.replace(/\n/g, '\r\n');
    const after = updateChecklistState(crlf, confirm);
    assertValid(after);
    assert.ok(!/[^\r]\n/.test(after), 'every line end is CRLF');
  });

  it('adds a missing version', () => {
    const after = updateChecklistState('{\n  "steps": {}\n}\n', { kind: 'set-start-date', date: '2026-03-02' });
    assertValid(after);
    assert.ok(after.startsWith('{\n  "version": 1,\n'));
  });

  it('refuses to change a broken file and leaves it alone', () => {
    for (const broken of ['{ "version": 1, "steps": {', '{ "version": 7 }', '"just text"']) {
      assert.throws(
        () => updateChecklistState(broken, confirm),
        (error: unknown) => error instanceof ChecklistStateError && error.problems.length > 0,
      );
    }
  });

  it('refuses invalid changes', () => {
    assert.throws(() => updateChecklistState(goodFile, { kind: 'set-start-date', date: '02.03.2026' }), ChecklistStateError);
    assert.throws(() => updateChecklistState(goodFile, { ...confirm, at: 'yesterday' } as ChecklistChange), ChecklistStateError);
    assert.throws(() => updateChecklistState(goodFile, { ...confirm, by: ' ' } as ChecklistChange), ChecklistStateError);
    assert.throws(() => updateChecklistState(goodFile, { kind: 'record-audit', step: '4.1', date: '2026-3-1' }), ChecklistStateError);
  });
});
