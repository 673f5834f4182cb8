/**
 * Screenshots of `<meeting-room>` in a meeting (docs/screenshots/): gallery, speaker and focus (a
 * screen share large) layouts, and the chat panel open, on a phone (390×844) and a desktop
 * (1280×800), light and dark, English and Simplified Chinese. The meeting is real: livekit-server,
 * the meeting server and headless Chromium as for the e2e tests (test/support/stack.ts), two
 * Chromium people (fake camera) and six painted rtc-node people (scripts/painted-publishers.ts).
 * Chinese needs CJK fonts (Debian: fonts-noto-cjk). Inside the test namespace, under the lock:
 *
 *   npm run build && flock /tmp/e2e.lock npx node --import tsx scripts/in-netns.ts npx node --import tsx scripts/meeting-screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createMeeting } from '../test/support/meeting-api.js';
import { waitFor } from '../test/support/page-helpers.js';
import { startStack } from '../test/support/stack.js';
import { startPaintedPeople, type PaintedRoom } from './painted-publishers.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
const THEMES = ['light', 'dark'] as const;
const LANGS = ['en', 'zh-CN'] as const;
type Layout = 'gallery' | 'speaker' | 'focus';

const PEOPLE = [
  { name: 'Priya Sharma', wall: [196, 214, 226], shirt: [190, 60, 70], skin: [176, 128, 96], speaks: true },
  { name: '王芳', wall: [226, 214, 196], shirt: [40, 90, 150], skin: [232, 196, 164] },
  { name: 'Lucas Martin', wall: [70, 86, 104], shirt: [222, 222, 214], skin: [236, 198, 170] },
  { name: '李雷', wall: [206, 226, 204], shirt: [60, 60, 66], skin: [222, 182, 146] },
  { name: 'Sofia Rossi', wall: [232, 200, 200], shirt: [60, 130, 110], skin: [226, 180, 150] },
  { name: 'Kenji Tanaka', wall: [120, 110, 150], shirt: [230, 170, 60], skin: [214, 170, 132] },
] as const;
/** Indexes into PEOPLE. */
const [priya, wang, lucas, sofia, kenji] = [0, 1, 2, 4, 5] as const;

interface Seat {
  page: Page;
  device: 'desktop' | 'phone';
  identity: string;
}

async function enter(stack: Awaited<ReturnType<typeof startStack>>, link: string, name: string, device: Seat['device']): Promise<Seat> {
  const context = await stack.browser.newContext(device === 'phone' ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 800 } });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`${device} page error:`, err.message));
  const url = new URL(link);
  url.searchParams.set('name', name);
  // Microphones off: the fake one beeps, which would move speaker view around.
  url.searchParams.set('a', '0');
  await page.goto(url.toString());
  await page.locator('meeting-prejoin button.join:not([disabled])').click();
  await page.locator('meeting-video-grid').waitFor();
  const identity = await page.evaluate(() => (document.querySelector('meeting-room') as unknown as { snapshot: { me?: { identity: string } } }).snapshot.me?.identity ?? '');
  return { page, device, identity };
}

async function dress(seat: Seat, theme: string, lang: string, layout: 'gallery' | 'speaker'): Promise<void> {
  await seat.page.evaluate(
    ([t, l, m]) => {
      const room = document.querySelector('meeting-room')!;
      room.setAttribute('theme', t);
      room.setAttribute('lang', l);
      room.setAttribute('layout', m);
      document.documentElement.lang = l;
    },
    [theme, lang, layout] as const,
  );
}

/** Waits until the grid shows `layout` (with `main` large) and every video on screen plays. */
async function settle(seat: Seat, layout: Layout, main?: string): Promise<void> {
  await waitFor(
    `${seat.device}: ${layout} with every video playing`,
    () =>
      seat.page.evaluate(
        async ([wanted, large]) => {
          const grid = document.querySelector('meeting-room')!.shadowRoot!.querySelector('meeting-video-grid')!.shadowRoot!;
          const stage = grid.querySelector<HTMLElement>('.stage');
          if (stage?.dataset.layout !== wanted) return false;
          if (large && grid.querySelector<HTMLElement>('.main meeting-video-tile')?.dataset.identity !== large) return false;
          const videos = [...grid.querySelectorAll('meeting-video-tile')].map((t) => t.shadowRoot?.querySelector('video'));
          if (videos.length === 0 || videos.some((v) => !v || v.hidden || v.readyState < 2 || v.videoWidth === 0)) return false;
          const before = videos.map((v) => v!.getVideoPlaybackQuality().totalVideoFrames);
          await new Promise((r) => setTimeout(r, 700));
          return videos.every((v, i) => v!.getVideoPlaybackQuality().totalVideoFrames > before[i]!);
        },
        [layout, main ?? null] as const,
      ),
    30_000,
  ).catch(async (err: unknown) => {
    const shot = join(tmpdir(), `meeting-screenshots-${seat.device}.png`);
    await seat.page.screenshot({ path: shot });
    const tiles = await seat.page.evaluate(() =>
      [...document.querySelector('meeting-room')!.shadowRoot!.querySelector('meeting-video-grid')!.shadowRoot!.querySelectorAll('meeting-video-tile')].map((t) => {
        const v = t.shadowRoot?.querySelector('video');
        return `${(t as HTMLElement).dataset.identity}: ${v ? `hidden=${v.hidden} ready=${v.readyState} ${v.videoWidth}x${v.videoHeight}` : 'no video'}`;
      }),
    );
    throw new Error(`${String(err)} (the page as it was: ${shot}; tiles: ${tiles.join('; ')})`);
  });
  await seat.page.evaluate(() => document.fonts.ready.then(() => undefined));
  await seat.page.waitForTimeout(400);
}

async function shootLayouts(seats: Seat[], layout: Layout, main?: (seat: Seat) => string | undefined): Promise<void> {
  for (const seat of seats)
    for (const theme of THEMES)
      for (const lang of LANGS) {
        await dress(seat, theme, lang, layout === 'speaker' ? 'speaker' : 'gallery');
        await settle(seat, layout, main?.(seat));
        const file = `layout-${layout}-${seat.device}-${theme}-${lang}.png`;
        await seat.page.screenshot({ path: join(out, file) });
        console.log(file);
      }
}

/** A little whiteboard photo, drawn in the page and sent with the chat's file feature. */
async function sendSketch(seat: Seat): Promise<void> {
  await seat.page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 400;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#f8fafc';
    g.fillRect(0, 0, 640, 400);
    const notes: Array<[number, number, string, string]> = [
      [40, 60, '#fde68a', 'Beta'],
      [250, 110, '#bbf7d0', 'Launch'],
      [460, 60, '#bfdbfe', 'Scale'],
    ];
    g.strokeStyle = '#64748b';
    g.lineWidth = 6;
    g.beginPath();
    g.moveTo(40, 320);
    g.bezierCurveTo(220, 260, 420, 360, 600, 280);
    g.stroke();
    for (const [x, y, colour, label] of notes) {
      g.fillStyle = colour;
      g.fillRect(x, y, 140, 120);
      g.fillStyle = '#1e293b';
      g.font = 'bold 28px sans-serif';
      g.fillText(label, x + 18, y + 70);
    }
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const room = document.querySelector('meeting-room') as unknown as { sendFile(file: Blob): Promise<boolean> };
    await room.sendFile(new File([blob], 'roadmap-sketch.png', { type: 'image/png' }));
  });
}

async function chatAway(seats: Seat[], people: PaintedRoom['people']): Promise<void> {
  const [desktop, phone] = seats as [Seat, Seat];
  await people[priya]!.chat('Morning all! The agenda is in the shared doc.');
  await people[wang]!.chat('大家好，我这边准备好了，可以开始。');
  await people[lucas]!.chat('I will share the Q3 numbers in a minute.');
  await sendSketch(phone);
  await people[kenji]!.chat('Could you stay five minutes after for the budget?', desktop.identity);
  await people[sofia]!.chat('Love the sketch! Can you send the source file later?', phone.identity);
  await desktop.page.evaluate(() => (document.querySelector('meeting-room') as unknown as { sendChat(text: string): Promise<boolean> }).sendChat('Thanks, the sketch helps a lot.'));
  // Both pages show the file itself, not its progress.
  for (const seat of seats) await waitFor(`${seat.device}: the sketch shown`, () => seat.page.locator('meeting-chat img.thumb').count().then((n) => n > 0));
}

async function shootChat(seats: Seat[]): Promise<void> {
  for (const seat of seats)
    for (const theme of THEMES)
      for (const lang of LANGS) {
        await dress(seat, theme, lang, 'gallery');
        await settle(seat, 'gallery');
        await waitFor(`${seat.device}: the sketch loaded`, () => seat.page.locator('meeting-chat img.thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
        const file = `chat-${seat.device}-${theme}-${lang}.png`;
        await seat.page.screenshot({ path: join(out, file) });
        console.log(file);
      }
}

mkdirSync(out, { recursive: true });
const stack = await startStack();
let painted: PaintedRoom | undefined;
try {
  const meeting = await createMeeting(stack.server, { subject: 'Product review · 产品评审' });
  painted = await startPaintedPeople({ serverUrl: stack.server.url, livekitUrl: stack.livekit.url, meetingCode: meeting.meetingId, people: PEOPLE.map((p) => ({ ...p })) });
  const seats = [await enter(stack, meeting.hostLink, 'Alex Kim', 'desktop'), await enter(stack, meeting.guestLink, 'Mia Chen', 'phone')];
  const speaker = painted.people[priya]!.identity;
  await shootLayouts(seats, 'gallery');
  await shootLayouts(seats, 'speaker', () => speaker);
  await painted.people[lucas]!.share(true);
  await shootLayouts(seats, 'focus');
  await painted.people[lucas]!.share(false);

  for (const seat of seats) {
    await dress(seat, 'dark', 'en', 'gallery');
    await seat.page.locator('meeting-toolbar button.chat').click();
    await seat.page.locator('meeting-chat').waitFor();
  }
  await chatAway(seats, painted.people);
  await shootChat(seats);
} finally {
  await painted?.close();
  await stack.stop();
}
console.log(`screenshots in ${out}`);
