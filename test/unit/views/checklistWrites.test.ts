import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { updateChecklistState } from '../../../server/src/core/checklist/checklistState';
import { confirmerName, type ConfirmerSources } from '../../../client/src/checklist/confirmer';
import { minimalTextChange, type TextChange } from '../../../client/src/checklist/textChange';

function apply(text: string, change: TextChange | undefined): string {
  return change === undefined ? text : text.slice(0, change.start) + change.text + text.slice(change.end);
}

describe('the minimal edit of the checklist file', () => {
  it('replaces only what differs and reproduces the new text', () => {
    const before = '{\n  "version": 1,\n  "startDate": "2026-03-02"\n}\n';
    const after = updateChecklistState(before, { kind: 'set-start-date', date: '2026-03-09' });
    const change = minimalTextChange(before, after)!;
    assert.equal(apply(before, change), after);
    assert.deepEqual(change, { start: before.lastIndexOf('2"'), end: before.lastIndexOf('2"') + 1, text: '9' });
  });

  it('keeps the team’s other entries and formatting when a confirmation is added', () => {
    const before = '{\r\n\t"version": 1,\r\n\t"startDate": "2026-03-02",\r\n\t"steps": {\r\n\t\t"4.1": { "lastAudit": { "date": "2026-03-01" } }\r\n\t}\r\n}\r\n';
    const after = updateChecklistState(before, { kind: 'confirm', step: '1.2', by: 'Mara Keller', at: '2026-03-03T09:00:00.000Z', note: 'exported' });
    const change = minimalTextChange(before, after)!;
    assert.equal(apply(before, change), after);
    assert.ok(change.start > before.indexOf('"steps"'), 'nothing before the steps object changes');
    assert.ok(before.slice(change.end).includes('4.1": { "lastAudit": { "date": "2026-03-01" } }'), 'the audit entry is kept, not rewritten');
    assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(change.text), 'the inserted text uses the file’s CRLF line ends');
  });

  it('is nothing when the text does not change, and everything for a new file', () => {
    assert.equal(minimalTextChange('same', 'same'), undefined);
    assert.deepEqual(minimalTextChange('', '{}\n'), { start: 0, end: 0, text: '{}\n' });
  });

  it('never splits a CRLF or a surrogate pair', () => {
    const crlf = minimalTextChange('a\r\nb', 'a\nb')!;
    assert.equal(apply('a\r\nb', crlf), 'a\nb');
    assert.ok(crlf.start <= 1 && crlf.end >= 3, `the whole line end is replaced: ${JSON.stringify(crlf)}`);
    const emoji = minimalTextChange('x😀y', 'x😃y')!;
    assert.equal(apply('x😀y', emoji), 'x😃y');
    assert.deepEqual([emoji.start, emoji.end, emoji.text], [1, 3, '😃']);
    const shared = minimalTextChange('a\r\n', 'a\r\r\n')!;
    assert.equal(apply('a\r\n', shared), 'a\r\r\n');
  });
});

describe('who confirms a step', () => {
  const sources = (git: string | undefined, os: string | undefined, calls: string[] = []): ConfirmerSources => ({
    gitUserName: async (folder) => {
      calls.push(folder);
      return git;
    },
    osUserName: () => os,
  });

  it('is the git user name of the folder when there is one', async () => {
    const calls: string[] = [];
    assert.equal(await confirmerName({ folderPath: '/work/shop', mayRunGit: true, fallback: 'unknown' }, sources('  Mara Keller ', 'mk', calls)), 'Mara Keller');
    assert.deepEqual(calls, ['/work/shop'], 'git is asked in the workspace folder');
  });

  it('falls back to the operating-system account, then to the fallback text', async () => {
    assert.equal(await confirmerName({ folderPath: '/work/shop', mayRunGit: true, fallback: 'unknown' }, sources(undefined, 'mk')), 'mk');
    assert.equal(await confirmerName({ folderPath: '/work/shop', mayRunGit: true, fallback: 'unknown' }, sources('   ', 'mk')), 'mk');
    assert.equal(await confirmerName({ folderPath: '/work/shop', mayRunGit: true, fallback: 'unbekannt' }, sources(undefined, undefined)), 'unbekannt');
  });

  it('does not run git in an untrusted workspace or without a folder on disk', async () => {
    const calls: string[] = [];
    assert.equal(await confirmerName({ folderPath: '/work/shop', mayRunGit: false, fallback: 'unknown' }, sources('Mara Keller', 'mk', calls)), 'mk');
    assert.equal(await confirmerName({ folderPath: undefined, mayRunGit: true, fallback: 'unknown' }, sources('Mara Keller', 'mk', calls)), 'mk');
    assert.deepEqual(calls, []);
  });
});
