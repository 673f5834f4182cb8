/**
 * Screenshots of the host console and the demo portal (docs/screenshots/), light and dark, English
 * and Simplified Chinese, taken from a running `npm start` with headless Chromium (/usr/bin/chromium).
 * Chinese needs CJK fonts (Debian: fonts-noto-cjk).
 *
 *   npm start                      # in one terminal
 *   node --import tsx scripts/console-screenshots.ts
 *
 * PORT, PORTAL_PORT and DATA_DIR as for `npm start`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { DemoPortal } from './demo-portal.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const server = `http://127.0.0.1:${port}`;
const portalUrl = `http://127.0.0.1:${Number(process.env.PORTAL_PORT ?? port + 1)}`;
const creds = JSON.parse(readFileSync(join(process.env.DATA_DIR ?? join(root, '.data'), 'demo-credentials.json'), 'utf8')) as { appKey: string; appSecret: string; adminPassword: string };
const out = join(root, 'docs', 'screenshots');
// Only its signed calls are used here: it is not started.
const api = new DemoPortal({ port: 0, host: '127.0.0.1', meetingServer: server, appKey: creds.appKey, appSecret: creds.appSecret });

async function someMeetings(): Promise<void> {
  const hour = 3_600_000;
  const start = Math.ceil(Date.now() / hour) * hour + 24 * hour;
  await api.call('/v2/meeting/create', { type: 1, subject: 'Weekly sync · 周会' });
  await api.call('/v2/meeting/create', { type: 3, subject: 'Quarterly review', startTime: start, endTime: start + 2 * hour, waitingRoom: true, definition: '720p' });
}

async function shoot(browser: Browser, theme: 'light' | 'dark', lang: 'en' | 'zh-CN'): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: lang, colorScheme: theme });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  const suffix = `${theme}-${lang}`;

  // The portal first: its person stays in the meeting, so the console's live view counts them.
  await page.goto(`${portalUrl}/`);
  await page.screenshot({ path: join(out, `portal-${suffix}.png`) });
  await page.locator('li', { hasText: 'Li Lei' }).locator('a').first().click();
  await page.locator('meeting-prejoin button.join:not([disabled])').click();
  await page.locator('meeting-video-grid meeting-video-tile').first().waitFor({ state: 'attached' });
  await page.waitForFunction(() => {
    const video = document.querySelector('meeting-room')?.shadowRoot?.querySelector('meeting-video-grid')?.shadowRoot?.querySelector('meeting-video-tile')?.shadowRoot?.querySelector('video');
    return !!video && video.readyState >= 2;
  }).catch(() => undefined);
  await page.screenshot({ path: join(out, `portal-meeting-${suffix}.png`) });
  const consolePage = await context.newPage();
  await consolePage.goto(`${server}/console?lang=${lang}&theme=${theme}`);
  await consolePage.locator('meeting-console-login input[name=name]').fill('admin');
  await consolePage.locator('meeting-console-login input[name=password]').fill(creds.adminPassword);
  await consolePage.locator('meeting-console-login button[type=submit]').click();
  await consolePage.locator('meeting-console-meetings tbody tr').first().waitFor();
  await consolePage.screenshot({ path: join(out, `console-${suffix}.png`), fullPage: true });
  await consolePage.locator('[role=tab]#tab-live').click();
  await consolePage.locator('meeting-console-live h2').waitFor();
  // LiveKit counts the person once their connection is in: refresh until it does.
  for (let i = 0; i < 20 && !(await consolePage.locator('meeting-console-live [data-participants]').allTextContents()).some((n) => Number(n) > 0); i++) {
    await consolePage.waitForTimeout(500);
    await consolePage.locator('meeting-console-live button', { hasText: /Refresh|刷新/ }).click();
  }
  await consolePage.screenshot({ path: join(out, `console-live-${suffix}.png`) });

  await context.close();
}

await someMeetings();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required', '--disable-gpu'],
});
try {
  for (const theme of ['light', 'dark'] as const) for (const lang of ['en', 'zh-CN'] as const) await shoot(browser, theme, lang);
} finally {
  await browser.close();
}
console.log(`screenshots in ${out}`);
