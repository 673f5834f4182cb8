import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/page-helpers.js';
import { startPublishers, type PublisherPool } from '../support/publisher-pool.js';

/**
 * Layouts with a full meeting (issue 12): one Chromium page and 48 non-browser publishers with
 * generated video (64×36 at 5 fps, spread over child processes), the page at the default cap of
 * 25 videos so that 49 tiles make two pages. The page receives the video of the tiles it shows
 * and no other.
 */
const PUBLISHERS = 48;
const MAX_VIDEOS = 25;
const PAGES = Math.ceil((PUBLISHERS + 1) / MAX_VIDEOS);
let stack: Stack;
let page: Page;
let pool: PublisherPool;
let ids: string[] = [];

interface Seen {
  /** Remote identities whose camera video the page is subscribed to. */
  subscribed: string[];
  /** Remote identities with a camera tile on screen, main tile first. */
  shown: string[];
  main: string | null;
}

function seen(): Promise<Seen> {
  return page.evaluate(() => {
    const room = document.querySelector('meeting-room')!;
    const c = (room as unknown as { controller: { room: { localParticipant: { identity: string }; remoteParticipants: Map<string, { identity: string; trackPublications: Map<string, { kind: string; source: string; isSubscribed: boolean }> }> } } }).controller;
    const subscribed: string[] = [];
    for (const p of c.room.remoteParticipants.values()) for (const pub of p.trackPublications.values()) if (pub.kind === 'video' && pub.source === 'camera' && pub.isSubscribed) subscribed.push(p.identity);
    const grid = room.shadowRoot!.querySelector('meeting-video-grid')!.shadowRoot!;
    const me = c.room.localParticipant.identity;
    const shown = [...grid.querySelectorAll<HTMLElement>('meeting-video-tile[source=camera]')].map((t) => t.dataset.identity!).filter((id) => id !== me);
    const main = grid.querySelector<HTMLElement>('.main meeting-video-tile')?.dataset.identity ?? null;
    return { subscribed: subscribed.sort(), shown, main };
  });
}

/** How many of the tiles' <video> elements present new frames within `ms`. */
function advancingVideos(ms = 3000): Promise<number> {
  return page.evaluate(
    (wait) =>
      new Promise<number>((resolve) => {
        const grid = document.querySelector('meeting-room')!.shadowRoot!.querySelector('meeting-video-grid')!.shadowRoot!;
        const videos = [...grid.querySelectorAll('meeting-video-tile')].map((t) => t.shadowRoot!.querySelector('video')!).filter((v) => !v.hidden);
        const advanced = new Set<HTMLVideoElement>();
        for (const v of videos) {
          const start = v.getVideoPlaybackQuality().totalVideoFrames;
          const check = () => {
            if (v.getVideoPlaybackQuality().totalVideoFrames > start) advanced.add(v);
            else v.requestVideoFrameCallback(check);
          };
          v.requestVideoFrameCallback(check);
        }
        setTimeout(() => resolve(advanced.size), wait);
      }),
    ms,
  );
}

/**
 * Waits until the page receives exactly the video it shows (and that is more than nothing), and
 * the video of `speaker` (who speaks is received, to switch speaker view at once).
 */
async function receivesWhatItShows(what: string, speaker?: string): Promise<Seen> {
  let last: Seen | undefined;
  await waitFor(
    what,
    async () => {
      last = await seen();
      const expected = [...new Set([...last.shown, ...(speaker ? [speaker] : [])])].sort();
      return last.shown.length > 0 && JSON.stringify(expected) === JSON.stringify(last.subscribed);
    },
    30_000,
  ).catch((err) => {
    throw new Error(`${String(err)}: last seen ${JSON.stringify(last)}`);
  });
  return last!;
}

before(async () => {
  stack = await startStack();
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Forty-nine' });
  const meeting = res.body.ret as { meetingId: string; guestLink: string };
  pool = await startPublishers({ serverUrl: stack.server.url, livekitUrl: stack.livekit.url, meetingCode: meeting.meetingId, count: PUBLISHERS, withAudio: [3, 14] });
  ids = pool.ids;
  page = await stack.newPage();
  const url = new URL(meeting.guestLink);
  url.searchParams.set('name', 'Watcher');
  url.searchParams.set('v', '0');
  url.searchParams.set('a', '0');
  await page.goto(url.toString());
  await page.locator('meeting-prejoin button.join:not([disabled])').click();
  await page.locator('meeting-video-grid').waitFor();
  await page.evaluate((n) => document.querySelector('meeting-room')!.setAttribute('max-videos', String(n)), MAX_VIDEOS);
});

after(async () => {
  await pool?.close();
  await stack?.stop();
});

describe('49 people in gallery view, at most 25 videos at once', () => {
  test('the page receives video only for the tiles on screen, and those tiles play', async () => {
    const now = await receivesWhatItShows('subscriptions match the first page');
    assert.ok(now.shown.length < PUBLISHERS, `${now.shown.length} of ${PUBLISHERS} shown`);
    assert.ok(now.shown.length + 1 <= MAX_VIDEOS, `at most ${MAX_VIDEOS} videos on screen`);
    assert.equal(await page.locator('meeting-video-grid .pages .page').textContent(), `Page 1 of ${PAGES}`);
    let playing = 0;
    await waitFor('every visible tile plays', async () => (playing = await advancingVideos()) >= now.shown.length, 30_000).catch((err) => {
      throw new Error(`${String(err)}: ${playing} of ${now.shown.length} tiles advanced`);
    });
  });

  test('paging moves the subscriptions to the next page', async () => {
    const first = await seen();
    await page.locator('meeting-video-grid .pages button.next').click();
    await waitFor('page 2 shown', async () => (await page.locator('meeting-video-grid .pages .page').textContent())!.startsWith('Page 2 of'));
    const second = await receivesWhatItShows('subscriptions match the second page');
    assert.deepEqual(
      second.shown.filter((id) => first.shown.includes(id)),
      [],
      'page 2 shows other people',
    );
    assert.deepEqual(
      second.subscribed.filter((id) => first.shown.includes(id)),
      [],
      'the first page is unsubscribed',
    );
  });

  test('speaker view follows who speaks louder; a pinned tile stays large', async () => {
    await page.locator('meeting-video-grid .controls button.layout-speaker').click();
    pool.setLoudness(3, 12_000);
    await waitFor('publisher 3 large', async () => (await seen()).main === ids[3], 30_000);
    pool.setLoudness(3, 0);
    pool.setLoudness(14, 12_000);
    await waitFor('publisher 14 large', async () => (await seen()).main === ids[14], 30_000);
    const large = await receivesWhatItShows('speaker view receives what it shows', ids[14]);
    assert.ok(large.subscribed.includes(ids[14]!));

    const pinnedId = (await seen()).shown.find((id) => id !== ids[14] && id !== ids[3])!;
    await page.locator(`meeting-video-grid .grid .cell:has(meeting-video-tile[data-identity="${pinnedId}"]) button.pin`).click();
    await waitFor('the pinned tile is large', async () => (await seen()).main === pinnedId);
    pool.setLoudness(14, 0);
    pool.setLoudness(3, 12_000);
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal((await seen()).main, pinnedId, 'a new speaker does not replace a pinned tile');
    await receivesWhatItShows('the pinned view receives what it shows (and who speaks)', ids[3]);
  });

  test('after leaving, a Rejoin (the grid\'s size known, the room subscribing at join) again receives only what it shows', async () => {
    pool.setLoudness(3, 0);
    await page.locator('meeting-video-grid .controls button.layout-gallery').click();
    await page.locator('meeting-toolbar button.leave').click();
    await page.locator('[data-screen=left] button').click();
    await page.locator('meeting-prejoin button.join:not([disabled])').click();
    await page.locator('meeting-video-grid').waitFor();
    const again = await receivesWhatItShows('subscriptions match the first page after the Rejoin');
    assert.ok(again.shown.length + 1 <= MAX_VIDEOS, `at most ${MAX_VIDEOS} videos on screen`);
    assert.equal(await page.locator('meeting-video-grid .pages .page').textContent(), `Page 1 of ${PAGES}`);
    // It stays so: what was subscribed at join and is off screen is let go, and nothing comes back.
    await new Promise((r) => setTimeout(r, 2000));
    const later = await seen();
    assert.deepEqual(later.subscribed, [...new Set(later.shown)].sort(), 'still only what is shown');
  });
});
