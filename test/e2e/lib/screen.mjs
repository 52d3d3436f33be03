// Reading what the workbench shows, so that a failed run explains itself: the Problems panel,
// notifications, the status bar and tree items, plus a screenshot kept in test-artifacts/e2e/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir } from './paths.mjs';

async function innerTexts(page, selector) {
  try {
    return (await page.locator(selector).allInnerTexts()).map((text) => text.trim()).filter((text) => text !== '');
  } catch {
    return [];
  }
}

/** The visible text of the parts of the workbench a reader of a failure needs. */
export async function describeScreen(page) {
  const sections = [
    ['Problems panel', '.markers-panel .monaco-list-row'],
    ['Notifications', '.notifications-toasts .notification-list-item, .notifications-center .notification-list-item'],
    ['Tree items in the side bar', '.sidebar .pane-body .monaco-list-row'],
    ['Open editors (tabs)', '.tabs-container .tab'],
    ['Status bar', '.statusbar-item'],
    ['Quick input', '.quick-input-widget .monaco-list-row'],
    ['Code actions', '.action-widget .monaco-list-row'],
  ];
  const lines = [];
  for (const [title, selector] of sections) {
    const texts = await innerTexts(page, selector);
    lines.push(`${title}: ${texts.length === 0 ? '(none visible)' : ''}`);
    for (const text of texts.slice(0, 60)) lines.push(`    ${text.replace(/\s*\n\s*/g, ' | ')}`);
  }
  return lines.join('\n');
}

/** Saves a full-window screenshot under test-artifacts/e2e/ and returns its path. */
export async function saveScreenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name.replace(/[^a-z0-9.-]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path });
  return path;
}

/** On failure: keep the screenshot and print what the workbench showed. */
export async function reportScreen(page, name) {
  let screenshot = '(no screenshot: the page was gone)';
  try {
    screenshot = await saveScreenshot(page, `FAILED-${name}`);
  } catch {
    // The page may have been closed by the failure itself; the text below is still useful.
  }
  const text = await describeScreen(page).catch((error) => `(could not read the screen: ${error.message})`);
  console.log(`    --- what the workbench showed (${screenshot}) ---\n${text.replace(/^/gm, '    ')}`);
}
