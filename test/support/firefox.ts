import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's Firefox ESR (issue 14), driven over WebDriver BiDi: no geckodriver, no downloaded browser. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export const hasFirefox = (): boolean => existsSync(FIREFOX_PATH);

/** Fake camera and microphone without a prompt, and sound that may play unprompted (as Chromium's flags). */
const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'toolkit.telemetry.reporting.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'browser.shell.checkDefaultBrowser': false,
};

export async function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, extraPrefsFirefox: FIREFOX_PREFS, defaultViewport: { width: 1280, height: 800 } });
}

/** A page in a profile of its own (its own cookies and devices). */
export async function firefoxPage(browser: Browser): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  // As for Chromium (test/support/stack.ts): tsx's `__name` helper appears inside evaluated functions.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  page.on('pageerror', (err) => console.error('firefox page error:', err instanceof Error ? err.message : String(err)));
  return page;
}
