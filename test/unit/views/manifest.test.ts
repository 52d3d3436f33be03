import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { COMMANDS, VIEWS } from '../../../client/src/commandIds';

/**
 * The manifest's view contributions against the code: views, commands and menus refer to each
 * other by id, and the walkthrough, grammars and templates ship files that must exist and be
 * packaged. A typo anywhere here silently hides a button in the editor.
 */
const root = path.resolve(__dirname, '../../..');

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; icon?: string }[];
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    viewsWelcome: { view: string; contents: string; when?: string }[];
    menus: Record<string, MenuItem[]>;
    walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[];
    jsonValidation: { fileMatch: string; url: string }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const nlsDe = JSON.parse(readFileSync(path.join(root, 'package.nls.de.json'), 'utf8')) as Record<string, string>;
const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
/** Commands that VS Code itself provides, or generates for the contributed views. */
const builtIn = new Set([
  'vscode.openFolder',
  'workbench.actions.view.problems',
  `${VIEWS.inventory}.focus`,
  `${VIEWS.checklist}.focus`,
  `workbench.view.extension.${VIEWS.container}`,
]);

function resolved(text: string, table: Record<string, string>): string {
  const match = /^%(.+)%$/.exec(text);
  return match === null ? text : (table[match[1]] ?? '');
}

function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\(command:([\w.]+)/g)].map((match) => match[1]);
}

describe('the view contributions', () => {
  it('contribute the API Guard container with the inventory and checklist views', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((container) => container.id), [VIEWS.container]);
    assert.ok(existsSync(path.join(root, manifest.contributes.viewsContainers.activitybar[0].icon)));
    assert.deepEqual(manifest.contributes.views[VIEWS.container].map((view) => view.id), [VIEWS.inventory, VIEWS.checklist]);
  });

  it('contribute every command the code registers, and the code names every contributed view command', () => {
    for (const id of Object.values(COMMANDS)) assert.ok(contributed.has(id), `${id} is contributed`);
    for (const id of contributed) assert.ok((Object.values(COMMANDS) as string[]).includes(id), `${id} has a COMMANDS entry`);
  });

  it('refer in menus only to contributed commands, and toggle each pair on one context key', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(contributed.has(item.command), `${menu}: ${item.command}`);
    }
    const title = manifest.contributes.menus['view/title'];
    const when = (command: string) => title.find((item) => item.command === command)?.when ?? '';
    assert.match(when(COMMANDS.inventoryGroupByPath), /apiGuard\.inventory\.groupBy != path/);
    assert.match(when(COMMANDS.inventoryGroupByTag), /apiGuard\.inventory\.groupBy == path/);
    assert.match(when(COMMANDS.inventoryShowOnlyProblems), /!apiGuard\.inventory\.onlyProblems/);
    assert.match(when(COMMANDS.inventoryShowAll), /(^|[^!])apiGuard\.inventory\.onlyProblems/);
    for (const command of [COMMANDS.inventoryGroupByPath, COMMANDS.inventoryShowOnlyProblems, COMMANDS.inventoryRefresh, COMMANDS.exportInventory]) {
      assert.ok(manifest.contributes.commands.find((entry) => entry.command === command)?.icon, `${command} has an icon for the title bar`);
    }
  });

  it('offer the step commands on the rows whose context value the checklist model sets', () => {
    const context = manifest.contributes.menus['view/item/context'];
    const pattern = (command: string) =>
      context
        .filter((item) => item.command === command)
        .map((item) => /viewItem =~ \/(.+?)\/|viewItem == (\S+)/.exec(item.when ?? ''))
        .map((match) => (match?.[1] !== undefined ? new RegExp(match[1]) : new RegExp(`^${match?.[2]}$`)));
    const offered = (command: string, contextValue: string) => pattern(command).some((regex) => regex.test(contextValue));
    assert.ok(offered(COMMANDS.checklistConfirmStep, 'step-unconfirmed'));
    assert.ok(offered(COMMANDS.checklistConfirmStep, 'step-unconfirmed-audit'));
    assert.ok(!offered(COMMANDS.checklistConfirmStep, 'step-confirmed'));
    assert.ok(offered(COMMANDS.checklistReopenStep, 'step-confirmed'));
    assert.ok(!offered(COMMANDS.checklistReopenStep, 'step-unconfirmed'));
    assert.ok(offered(COMMANDS.checklistRecordAudit, 'step-confirmed-audit'));
    assert.ok(!offered(COMMANDS.checklistRecordAudit, 'step-unconfirmed'));
    assert.ok(offered(COMMANDS.checklistSetStartDate, 'plan'));
  });

  it('have welcome texts for every state the views set, whose buttons run real commands', () => {
    const states = (view: string) => manifest.contributes.viewsWelcome.filter((entry) => entry.view === view).map((entry) => /state == ([\w-]+)/.exec(entry.when ?? '')?.[1] ?? entry.when);
    assert.deepEqual(states(VIEWS.inventory), ['workbenchState == empty', 'loading', 'unavailable', 'no-apis', 'no-problems']);
    assert.deepEqual(states(VIEWS.checklist), ['workbenchState == empty', 'loading', 'unavailable']);
    for (const entry of manifest.contributes.viewsWelcome) {
      for (const table of [nls, nlsDe]) {
        const text = resolved(entry.contents, table);
        assert.ok(text !== '', `${entry.contents} is translated`);
        for (const command of commandLinks(text)) assert.ok(contributed.has(command) || builtIn.has(command), `${entry.view}: command:${command}`);
      }
    }
    const noApis = resolved(manifest.contributes.viewsWelcome.find((entry) => entry.when?.includes('no-apis'))!.contents, nls);
    assert.match(noApis, /No OpenAPI documents found/);
    assert.match(noApis, /\(command:apiGuard\.createStarterSpec\)/);
    assert.match(noApis, /\(https:\/\/[^)]+\)/, 'a link to the documentation');
  });

  it('walk through the four weeks with a command button and an existing Markdown page per step', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.ok(walkthrough.steps.length >= 5);
    const described = walkthrough.steps.map((step) => resolved(step.description, nls)).join('\n');
    for (const week of [1, 2, 3, 4]) assert.ok(walkthrough.steps.some((step) => step.id.startsWith(`week${week}`)), `a step for week ${week}`);
    assert.match(described, /apiGuard\.exportInventory/);
    assert.match(described, /apiGuard\.analyseWorkspace/);
    assert.match(described, /apiGuard\.inventory\.focus/);
    assert.match(described, /apiGuard\.checklist\.focus/);
    for (const step of walkthrough.steps) {
      for (const table of [nls, nlsDe]) {
        const links = commandLinks(resolved(step.description, table));
        assert.ok(links.length > 0, `${step.id} has a command button`);
        for (const command of links) assert.ok(contributed.has(command) || builtIn.has(command), `${step.id}: command:${command}`);
      }
      assert.deepEqual(commandLinks(resolved(step.description, nlsDe)), commandLinks(resolved(step.description, nls)), `${step.id}: the German buttons run the same commands`);
      assert.ok(step.media.markdown !== undefined && existsSync(path.join(root, step.media.markdown)), `${step.id}: ${step.media.markdown}`);
    }
  });

  it('validate the checklist file with its schema', () => {
    const entry = manifest.contributes.jsonValidation.find((candidate) => candidate.fileMatch === '.api-guard/checklist.json');
    assert.equal(entry?.url, './schemas/checklist.schema.json');
    assert.ok(existsSync(path.join(root, entry.url)));
  });

  it('package the files the views need at run time', () => {
    const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split(/\r?\n/);
    for (const pattern of ['!syntaxes/**', '!templates/**', '!media/walkthrough/**', '!media/activity-bar.svg', '!l10n/**', '!schemas/**']) {
      assert.ok(ignore.includes(pattern), `.vscodeignore keeps ${pattern}`);
    }
    assert.ok(existsSync(path.join(root, 'templates/openapi-starter.yaml')));
  });
});
