// Debian's Chromium driven by playwright-core (which downloads no browser of its own), with the
// flags that work here as root without network access.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

/**
 * Launches a fresh Chromium profile under `home` and returns a browser context with one page.
 * `locale` sets the browser's language (navigator.language), which the workbench does not use for
 * its display language but which keeps dates and the like consistent with the workbench.
 */
export async function launchBrowser({ home, locale = 'en-US', viewport = { width: 1440, height: 900 } }) {
  const profile = mkdtempSync(join(home, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    locale,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
