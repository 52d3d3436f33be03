// The UI suite: the packaged extension (.vsix, installed with code-server --install-extension) in
// the workbench as a person uses it, driven through Chromium. Each step leaves a screenshot in
// test-artifacts/e2e/; a failed step prints what the workbench showed and keeps its screenshot.
/* global describe, it, before, after, beforeEach, afterEach */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../lib/browser.mjs';
import { startCodeServer } from '../lib/codeServer.mjs';
import { prepareWorkspace } from '../lib/hostSuites.mjs';
import { artifactsDir, fixturesDir, repoRoot } from '../lib/paths.mjs';
import { reportScreen, saveScreenshot } from '../lib/screen.mjs';
import { uiOptions } from './options.mjs';
import {
  closeQuickInput,
  collapseTreeRow,
  commandPaletteEntries,
  dismissOverlays,
  expandTreeRow,
  editorLineWith,
  filterProblems,
  goTo,
  openFile,
  openViewContainer,
  openWorkbench,
  problemTexts,
  runCommand,
  setPaneExpanded,
  showProblems,
  STEP_MS,
  treeRow,
  treeRowIcon,
  treeRowTexts,
  viewPane,
  waitForNoProblem,
  waitForFindings,
  waitForProblem,
  widenSideBar,
} from './workbench.mjs';

const expectations = JSON.parse(readFileSync(join(fixturesDir, 'shop-expectations.json'), 'utf8'));
/** The Problems panel lists errors, warnings and infos; hints only appear in the editor. */
const listedFindings = expectations.plantedFindings.filter((finding) => finding.severity !== 'hint');

/** `[Ln 20, Col 10]` as the Problems panel writes a 0-based `19:9-…` range. */
function panelLocation(range) {
  const [line, character] = range.split('-')[0].split(':').map(Number);
  return `[Ln ${line + 1}, Col ${character + 1}]`;
}

const readJson = (relativePath) => JSON.parse(readFileSync(join(repoRoot, relativePath), 'utf8'));
const manifest = readJson('package.json');
const nlsEnglish = readJson('package.nls.json');
const nlsGerman = readJson('package.nls.de.json');
const bundleGerman = readJson('l10n/bundle.l10n.de.json');
/** The API Guard views (issue 5) are tested once the manifest contributes them. */
const hasViews = (manifest.contributes?.views?.apiGuard ?? []).some((view) => view.id === 'apiGuard.inventory');
const SHOP_API_TITLES = ['Shop Orders API', 'Warehouse Stock API', 'Shop Payments API', 'Shop Notifications API'];

/** A tree row label pattern from an l10n template such as "Week {0}: {1}" for week `n`. */
function weekPattern(template, week) {
  const [before] = template.split('{1}');
  return new RegExp(before.replace('{0}', String(week)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

const STAGING = expectations.plantedFindings.find((finding) => finding.code === 'tls-http-server' && finding.text.includes('staging'));
const STAGING_LOCATION = panelLocation(STAGING.range);

/** Starts code-server and a browser page on a fresh copy of examples/shop. */
async function openShop(session, { locale, browserLocale }) {
  session.workspace = prepareWorkspace('shop');
  session.server = await startCodeServer({
    home: uiOptions.home(locale ?? 'en'),
    userDataDir: uiOptions.userDataDir,
    extensionsDir: uiOptions.extensionsDir,
    locale,
    userSettings: uiOptions.userSettings,
    logPath: join(artifactsDir, `code-server-ui-${locale ?? 'en'}.log`),
  });
  session.browser = await launchBrowser({ home: session.server.home, locale: browserLocale });
  session.page = session.browser.page;
  await openWorkbench(session.page, session.server.url, session.workspace.openPath);
  await waitForFindings(session.page);
}

async function closeSession(session) {
  await session.browser?.context.close().catch(() => undefined);
  await session.server?.stop();
  if (session.workspace !== undefined) rmSync(session.workspace.root, { recursive: true, force: true });
}

function reportFailures(session) {
  return async function reportFailure() {
    if (this.currentTest?.state === 'failed' && session.page !== undefined) await reportScreen(session.page, this.currentTest.fullTitle());
  };
}

describe('UI: the packaged extension in the workbench (English)', function () {
  this.timeout(4 * STEP_MS);
  const session = {};

  before(async function () {
    this.timeout(3 * STEP_MS);
    await openShop(session, { browserLocale: 'en-US' });
  });
  after(() => closeSession(session));
  beforeEach(() => dismissOverlays(session.page));
  afterEach(reportFailures(session));

  it('lists the planted findings of examples/shop in the Problems panel', async () => {
    const { page } = session;
    await showProblems(page);
    // The workspace is analysed without opening any file; the first rows arrive when it is done.
    await waitForProblem(page, ['API Guard']);
    await saveScreenshot(page, 'ui-01-problems-panel');
    for (const finding of listedFindings) {
      await filterProblems(page, finding.code);
      const location = panelLocation(finding.range);
      const fileName = finding.file.split('/').pop();
      try {
        await waitForProblem(page, [finding.code, location]);
      } catch (error) {
        throw new Error(`the Problems panel lists no ${finding.code} at ${location} (${finding.file}); filtered rows:\n  ${(await problemTexts(page)).join('\n  ')}`, { cause: error });
      }
      const fileRows = await problemTexts(page);
      assert.ok(fileRows.some((row) => row.includes(fileName)), `the ${finding.code} finding is grouped under ${fileName}: ${fileRows.join(' / ')}`);
    }
    await filterProblems(page, expectations.quiet.ruleOff);
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'detached', timeout: STEP_MS });
    await filterProblems(page, '');
  });

  it('shows the finding in the editor and applies the light-bulb quick fix, which clears the problem', async () => {
    const { page } = session;
    await openFile(page, STAGING.file);
    const [line, character] = STAGING.range.split('-')[0].split(':').map(Number);
    await goTo(page, line + 1, character + 3);
    await showProblems(page);
    // The row is looked for with the panel filtered to the rule: the panel's list holds only the
    // rows in view, and which files of the whole list are in view depends on where it was left
    // scrolled (twice the swagger.json group filled it, and the row never came).
    await filterProblems(page, STAGING.code);
    await waitForProblem(page, [STAGING.code, STAGING_LOCATION]);
    // The screenshot shows the whole list, at the open file's rows when the panel reveals them
    // (problems.autoReveal); whether it does only changes the picture.
    await filterProblems(page, '');
    await waitForProblem(page, [STAGING.code, STAGING_LOCATION], STEP_MS / 6).catch(() => undefined);
    const problemsShot = await saveScreenshot(page, 'ui-02-editor-and-problems');
    uiOptions.publish(problemsShot, 'problems.png');

    // Back into the editor (the Problems filter had the focus), with the cursor on the finding:
    // the light bulb appears there once the server offers code actions for the line.
    await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'staging.shop.example' }).first().click();
    await goTo(page, line + 1, character + 3);
    const lightBulb = page.locator('.editor-group-container.active .lightBulbWidget');
    try {
      await lightBulb.waitFor({ state: 'visible', timeout: STEP_MS });
    } catch (error) {
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget, .monaco-editor-overlaymessage').first().waitFor({ timeout: STEP_MS }).catch(() => undefined);
      await saveScreenshot(page, 'ui-03-no-light-bulb');
      throw new Error(`no light bulb appeared on line ${line + 1} of ${STAGING.file}: the server offers no code action for ${STAGING.code} there`, { cause: error });
    }
    await lightBulb.click();
    const menu = page.locator('.action-widget');
    await menu.waitFor({ timeout: STEP_MS });
    const entries = (await menu.locator('.monaco-list-row').allInnerTexts()).map((text) => text.trim());
    await saveScreenshot(page, 'ui-03-quick-fix-menu').then((shot) => uiOptions.publish(shot, 'quick-fix.png'));
    const fix = menu.locator('.monaco-list-row', { hasText: /https/i }).first();
    if ((await fix.count()) === 0) throw new Error(`the quick fix menu has no entry that switches to https: ${entries.join(' / ')}`);
    // The menu lays a pointer block over itself until the mouse moves, so that the click that
    // opened it cannot pick an entry; a person moves the mouse to the entry first.
    await fix.hover({ force: true });
    await page.locator('.context-view-pointerBlock').waitFor({ state: 'detached', timeout: STEP_MS });
    await fix.click();
    await menu.waitFor({ state: 'hidden', timeout: STEP_MS });

    const fixedLine = await editorLineWith(page, 'https://staging.shop.example/v1');
    assert.match(fixedLine, /- url: https:\/\/staging\.shop\.example\/v1/);
    await filterProblems(page, STAGING.code);
    await waitForNoProblem(page, [STAGING.code, STAGING_LOCATION]);
    await saveScreenshot(page, 'ui-04-after-quick-fix');
    // Undo the fix, as a person trying it out would, so that the next tests see the planted gap.
    await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'staging.shop.example' }).first().click();
    await page.keyboard.press('Control+Z');
    await editorLineWith(page, 'http://staging.shop.example/v1');
    await waitForProblem(page, [STAGING.code, STAGING_LOCATION]);
    await filterProblems(page, '');
  });

  if (hasViews) {
    it('shows the example’s APIs with state icons in the inventory view and the four weeks in the checklist view', async () => {
      const { page } = session;
      const inventoryTitle = nlsEnglish['view.inventory.name'];
      const checklistTitle = nlsEnglish['view.checklist.name'];
      await openViewContainer(page, 'API Guard');
      await widenSideBar(page, 560);
      // One view at a time, so that the rows looked for are within the rendered part of the tree.
      await setPaneExpanded(page, checklistTitle, false);
      await setPaneExpanded(page, inventoryTitle, true);
      const inventory = viewPane(page, inventoryTitle);
      for (const title of SHOP_API_TITLES) await treeRow(inventory, title);
      await expandTreeRow(inventory, 'Shop Orders API');
      await expandTreeRow(inventory, 'Servers');
      const serverIcons = [await treeRowIcon(await treeRow(inventory, 'http://staging.shop.example/v1')), await treeRowIcon(await treeRow(inventory, 'https://api.shop.example/v1'))];
      assert.deepEqual(serverIcons, ['unlock', 'lock'], `staging (http) and production (https) servers: ${(await treeRowTexts(inventory)).join(' / ')}`);
      await collapseTreeRow(inventory, 'Servers');
      await expandTreeRow(inventory, 'Operations');
      // Operations are grouped by tag by default; both operations of /orders/{orderId} are tagged "orders".
      await expandTreeRow(inventory, /^orders(?![a-z/])/);
      const operationIcons = [
        await treeRowIcon(await treeRow(inventory, /^DELETE \/orders\/\{orderId\}(?!\/)/)),
        await treeRowIcon(await treeRow(inventory, /^GET \/orders\/\{orderId\}(?!\/)/)),
      ];
      assert.deepEqual(operationIcons, ['unlock', 'lock'], `DELETE (security: []) and GET (bearer) of /orders/{orderId}: ${(await treeRowTexts(inventory)).join(' / ')}`);
      await saveScreenshot(page, 'ui-05-inventory-view').then((shot) => uiOptions.publish(shot, 'inventory.png'));

      await setPaneExpanded(page, inventoryTitle, false);
      await setPaneExpanded(page, checklistTitle, true);
      const checklist = viewPane(page, checklistTitle);
      for (const week of [1, 2, 3, 4]) await treeRow(checklist, weekPattern('Week {0}: {1}', week));
      await saveScreenshot(page, 'ui-06-checklist-view').then((shot) => uiOptions.publish(shot, 'checklist.png'));
    });
  }
});

describe('UI: the workbench in German (code-server --locale de)', function () {
  this.timeout(4 * STEP_MS);
  const session = {};

  before(async function () {
    this.timeout(3 * STEP_MS);
    await openShop(session, { locale: 'de', browserLocale: 'de-DE' });
  });
  after(() => closeSession(session));
  beforeEach(() => dismissOverlays(session.page));
  afterEach(reportFailures(session));

  it('shows the command titles from package.nls.de.json', async () => {
    const { page } = session;
    const nls = JSON.parse(readFileSync(join(uiOptions.repoRoot, 'package.nls.de.json'), 'utf8'));
    const titles = ['command.restartServer.title', 'command.showOutput.title', 'command.analyseWorkspace.title'].map(
      (key) => `${nls['command.category']}: ${nls[key]}`,
    );
    const overview = await commandPaletteEntries(page, 'API Guard', 'API Guard: ');
    assert.ok(overview.length > 0, 'the palette lists API Guard commands');
    await saveScreenshot(page, 'ui-07-german-commands').then((shot) => uiOptions.publish(shot, 'commands-de.png'));
    await closeQuickInput(page);
    // One query per title: the palette lists many API Guard commands and renders only the first rows.
    for (const title of titles) {
      const entries = await commandPaletteEntries(page, title, title);
      assert.ok(entries.some((entry) => entry.startsWith(title)), `the palette lists "${title}": ${entries.join(' / ')}`);
      await closeQuickInput(page);
    }
  });

  it('shows the server’s findings and the extension’s messages in German', async () => {
    const { page } = session;
    await showProblems(page);
    await filterProblems(page, STAGING.code);
    const row = await waitForProblem(page, [STAGING.code, STAGING_LOCATION]);
    assert.match(row, /Die Server-URL "http:\/\/staging\.shop\.example\/v1" verwendet http:\/\//, `the finding's message is German: ${row}`);
    await filterProblems(page, '');
    // A message of the extension itself, from l10n/bundle.l10n.de.json.
    await runCommand(page, 'API Guard: Arbeitsbereich analysieren');
    const status = page.locator('.statusbar-item', { hasText: /API Guard hat \d+ Dateien analysiert und \d+ Probleme gefunden/ });
    await status.first().waitFor({ timeout: STEP_MS });
    await saveScreenshot(page, 'ui-08-german-messages');
  });

  if (hasViews) {
    it('shows the API Guard views with German titles and rows', async () => {
      const { page } = session;
      const inventoryTitle = nlsGerman['view.inventory.name'];
      const checklistTitle = nlsGerman['view.checklist.name'];
      await openViewContainer(page, 'API Guard');
      await setPaneExpanded(page, checklistTitle, false);
      await setPaneExpanded(page, inventoryTitle, true);
      await treeRow(viewPane(page, inventoryTitle), bundleGerman['Provided APIs']);
      await setPaneExpanded(page, inventoryTitle, false);
      await setPaneExpanded(page, checklistTitle, true);
      const checklist = viewPane(page, checklistTitle);
      for (const week of [1, 2, 3, 4]) await treeRow(checklist, weekPattern(bundleGerman['Week {0}: {1}'], week));
      await saveScreenshot(page, 'ui-09-german-views');
    });
  }
});
