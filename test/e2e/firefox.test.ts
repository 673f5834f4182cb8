import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser as Firefox, Page as FirefoxPage } from 'puppeteer-core';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { FIREFOX_PATH, firefoxPage, hasFirefox, launchFirefox } from '../support/firefox.js';
import { countFrames, joinFromLink, ownIdentity, tileOf, videoFrames, waitFor } from '../support/page-helpers.js';

/**
 * The walking skeleton with Firefox ESR on either side (issue 14): LiveKit advertises the test
 * host's address, not loopback, which Firefox never pairs over. Each join's click → first remote
 * frame is printed for Chromium and Firefox alike (the closing note's figures), not asserted.
 */
const skip = hasFirefox() ? false : `no Firefox at ${FIREFOX_PATH} (apt-get install firefox-esr)`;
if (skip && process.env.CI === 'true') throw new Error(`e2e: ${skip}; under CI this is a failure`);

let stack: Stack;
let firefox: Firefox;

before(async () => {
  if (skip) return;
  stack = await startStack({ mediaOnTestHost: true });
  firefox = await launchFirefox();
});
after(async () => {
  await firefox?.close();
  await stack?.stop();
});

/** What the test does with a page, in either browser. */
interface Peer {
  browser: string;
  /** Opens the link, clicks Join; answers when the grid shows. */
  join(link: string, name: string): Promise<void>;
  identity(): Promise<string>;
  /** Distinct frames of that person's camera tile presented, up to `count`. */
  frames(identity: string, count: number): Promise<number>;
  mic(identity: string): Promise<string | null>;
  toggleMic(): Promise<void>;
}

function chromiumPeer(page: Page): Peer {
  return {
    browser: 'Chromium',
    join: (link, name) => joinFromLink(page, link, name),
    identity: () => ownIdentity(page),
    frames: async (identity, count) => {
      await tileOf(page, identity).waitFor();
      return videoFrames(tileOf(page, identity), count);
    },
    mic: (identity) => tileOf(page, identity).getAttribute('data-mic'),
    toggleMic: () => page.locator('meeting-toolbar button.mic').click(),
  };
}

/** Puppeteer's `pierce/` finds an element in any shadow root, the way Playwright's locators do. */
function firefoxPeer(page: FirefoxPage): Peer {
  const tile = (identity: string) => `pierce/meeting-video-tile[source=camera][data-identity="${identity}"]`;
  return {
    browser: 'Firefox',
    async join(link, name) {
      const url = new URL(link);
      url.searchParams.set('name', name);
      await page.goto(url.toString());
      await (await page.waitForSelector('pierce/button.join:not([disabled])', { timeout: 30_000 }))!.click();
      await page.waitForSelector('pierce/meeting-video-grid', { timeout: 30_000 });
    },
    identity: () => page.evaluate(() => (document.querySelector('meeting-room') as unknown as { snapshot: { me?: { identity: string } } }).snapshot.me?.identity ?? ''),
    async frames(identity, count) {
      const handle = await page.waitForSelector(tile(identity), { timeout: 30_000 });
      return handle!.evaluate(countFrames, [count, 20_000] as const);
    },
    mic: async (identity) => (await page.$(tile(identity)))?.evaluate((el) => el.getAttribute('data-mic')) ?? null,
    toggleMic: async () => (await page.waitForSelector('pierce/button.mic'))!.click(),
  };
}

async function createMeeting(subject: string) {
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret as { hostLink: string; guestLink: string };
}

/** Host then guest join; video both ways; the guest mutes and the host sees it. Prints each join's click → first remote frame. */
async function meet(host: Peer, guest: Peer): Promise<void> {
  const meeting = await createMeeting(`${host.browser} hosts ${guest.browser}`);
  await host.join(meeting.hostLink, 'Hana Host');
  const hostId = await host.identity();
  const clicked = Date.now();
  await guest.join(meeting.guestLink, 'Gus Guest');
  assert.equal(await guest.frames(hostId, 1), 1, `${guest.browser} guest: no frame of the host`);
  const guestFirstFrame = Date.now() - clicked;
  const guestId = await guest.identity();
  assert.equal(await host.frames(guestId, 15), 15, `${host.browser} host: the guest's video frames did not advance`);
  assert.equal(await guest.frames(hostId, 15), 15, `${guest.browser} guest: the host's video frames did not advance`);
  console.log(`join timing: ${guest.browser} guest into a ${host.browser} host's meeting, click → first remote frame ${guestFirstFrame} ms`);
  assert.equal(await host.mic(guestId), 'on');
  await guest.toggleMic();
  await waitFor(`the ${guest.browser} guest's mute seen by the ${host.browser} host`, async () => (await host.mic(guestId)) === 'off');
}

describe('Firefox ESR joins (WebDriver BiDi)', { skip }, () => {
  test('a Chromium host and a Firefox guest: video both ways, the mute seen', async () => {
    await meet(chromiumPeer(await stack.newPage()), firefoxPeer(await firefoxPage(firefox)));
  });

  test('a Firefox host and a Chromium guest: video both ways, the mute seen', async () => {
    await meet(firefoxPeer(await firefoxPage(firefox)), chromiumPeer(await stack.newPage()));
  });

  test('Chromium with Chromium in the same run, for the timings', async () => {
    await meet(chromiumPeer(await stack.newPage()), chromiumPeer(await stack.newPage()));
  });
});
