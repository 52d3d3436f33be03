import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../../server/src/core/engine/finding';
import { ruleMeta } from '../../../server/src/core/rules/registry';
import { analyse, apisOf } from './codeHarness';

/**
 * Runs every fixture under test/fixtures/code/<language>/ and compares its findings line by line
 * with the annotations written on the lines themselves, in a trailing comment:
 *
 *   fetch('http://api.partner.example/x'); // expect: code-http-url
 *   fetch('http://localhost/x');           // expect: code-http-url:hint
 *   fetch('http://mock.internal/x');       // expect-suppressed: code-http-url
 *
 * A finding without annotation fails, as does an annotation without finding. The API
 * descriptions under test/fixtures/code/specs/ are the workspace's APIs for every fixture.
 */
const fixtures = path.resolve(__dirname, '../../fixtures/code');
const specsFolder = path.join(fixtures, 'specs');
const specs = Object.fromEntries(readdirSync(specsFolder).map((name) => [`specs/${name}`, readFileSync(path.join(specsFolder, name), 'utf8')]));
const apis = apisOf(specs);

const ANNOTATION = /\bexpect(-suppressed)?:\s*([a-z0-9:, -]+?)\s*(?:\*\/|-->|$)/;

interface Expectation {
  line: number;
  entry: string;
}

function expectationsOf(text: string): { active: string[]; suppressed: string[] } {
  const active: string[] = [];
  const suppressed: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = ANNOTATION.exec(line);
    if (match === null) return;
    for (const entry of match[2].split(',').map((part) => part.trim()).filter((part) => part !== '')) {
      (match[1] === undefined ? active : suppressed).push(describeEntry({ line: index, entry }));
    }
  });
  return { active: active.sort(), suppressed: suppressed.sort() };
}

/** `line 12: code-http-url` (default severity) or `line 12: code-http-url:hint`. */
function describeEntry(expectation: Expectation): string {
  return `line ${expectation.line + 1}: ${expectation.entry}`;
}

/** The annotation names a severity only when it differs from the rule's default. */
function describeFinding(finding: Finding): string {
  const line = `line ${finding.range.start.line + 1}: ${finding.ruleId}`;
  return ruleMeta(finding.ruleId)?.severity === finding.severity ? line : `${line}:${finding.severity}`;
}

const languages = readdirSync(fixtures).filter((name) => name !== 'specs' && statSync(path.join(fixtures, name)).isDirectory());

for (const language of languages) {
  describe(`code fixtures: ${language}`, () => {
    for (const name of readdirSync(path.join(fixtures, language)).sort()) {
      test(name, async () => {
        const text = readFileSync(path.join(fixtures, language, name), 'utf8');
        const expected = expectationsOf(text);
        const result = await analyse(`src/${language}/${name}`, text, { apis });
        assert.ok(result.extraction !== undefined, `${name} was not recognised as a code file`);
        const active = result.findings.map(describeFinding).sort();
        const suppressed = result.suppressed.map(describeFinding).sort();
        const details = result.findings.map((finding) => `  ${finding.range.start.line + 1}: ${finding.ruleId} (${finding.severity}) ${finding.message}`).join('\n');
        assert.deepEqual(active, expected.active, `findings of ${language}/${name}:\n${details}`);
        assert.deepEqual(suppressed, expected.suppressed, `suppressed findings of ${language}/${name}`);
      });
    }
  });
}
