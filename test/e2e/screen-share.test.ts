import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, videoFrames, waitFor } from '../support/page-helpers.js';

/**
 * SPEC R3 between three Chromium pages (issue 12): one shares its screen (Chromium's fake display,
 * with its fake system audio), a third sees it large; stopping from the toolbar and from the
 * browser's own "stop sharing" (the track ends) both end it for everyone.
 */
let stack: Stack;
let host: Page;
let sharer: Page;
let viewer: Page;
let sharerId: string;
let roomName: string;
let admin: RoomServiceClient;

before(async () => {
  stack = await startStack();
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Screen share e2e' });
  assert.equal(res.body.code, 200, res.body.msg);
  const meeting = res.body.ret as { meetingUniqueId: number; hostLink: string; guestLink: string };
  host = await stack.newPage();
  sharer = await stack.newPage();
  viewer = await stack.newPage();
  await joinFromLink(host, meeting.hostLink, 'Hana Host');
  await joinFromLink(sharer, meeting.guestLink, 'Sam Sharer');
  await joinFromLink(viewer, meeting.guestLink, 'Vic Viewer');
  sharerId = await ownIdentity(sharer);
  roomName = (await stack.server.services.meetings.findById(meeting.meetingUniqueId))!.room_name;
  admin = new RoomServiceClient(stack.livekit.httpUrl, stack.livekit.apiKey, stack.livekit.apiSecret);
});
after(async () => {
  await stack?.stop();
});

const screenTile = (page: Page) => page.locator(`meeting-video-grid .main meeting-video-tile[source=screen][data-identity="${sharerId}"]`);
const shareButton = () => sharer.locator('meeting-toolbar button.share');
const sharedSources = async () => (await admin.getParticipant(roomName, sharerId)).tracks.map((t) => t.source);

async function startSharing(): Promise<void> {
  await shareButton().click();
  await waitFor('the sharer shows it shares', async () => (await shareButton().getAttribute('aria-pressed')) === 'true');
  await screenTile(viewer).waitFor();
}

describe('a screen share between three pages', () => {
  test('shared from one page, it plays large on another (focus), with the screen audio published', async () => {
    await startSharing();
    assert.equal(await viewer.locator('meeting-video-grid .stage').getAttribute('data-reason'), 'screen');
    assert.ok((await videoFrames(screenTile(viewer), 10)) >= 10, "the viewer receives the screen's frames");
    const main = (await viewer.locator('meeting-video-grid .main').boundingBox())!;
    const strip = await viewer.locator('meeting-video-grid .grid meeting-video-tile').evaluateAll((tiles) => tiles.map((t) => t.getBoundingClientRect().width));
    assert.ok(strip.length >= 2, 'the people in the strip beside it');
    assert.ok(strip.every((w) => w < main.width), `the share is the large one: ${main.width} px against ${strip.join(', ')}`);
    await screenTile(host).waitFor();
    const sources = await sharedSources();
    assert.ok(sources.includes(TrackSource.SCREEN_SHARE), 'LiveKit has the screen');
    assert.ok(sources.includes(TrackSource.SCREEN_SHARE_AUDIO), "and the screen's audio, which this browser offers");
  });

  test('stopping from the toolbar ends it for everyone; the layout goes back', async () => {
    await shareButton().click();
    await waitFor('the screen gone on the viewer', async () => (await screenTile(viewer).count()) === 0);
    await waitFor('the screen gone at LiveKit', async () => !(await sharedSources()).includes(TrackSource.SCREEN_SHARE));
    assert.equal(await shareButton().getAttribute('aria-pressed'), 'false');
    assert.notEqual(await viewer.locator('meeting-video-grid .stage').getAttribute('data-reason'), 'screen');
  });

  test("stopping from the browser's own bar (the captured track ends) ends it too, and the toolbar follows", async () => {
    await startSharing();
    // What the browser's "Stop sharing" does: the capture track ends (a script's stop() fires no `ended`).
    await sharer.evaluate(() => {
      const room = (document.querySelector('meeting-room') as unknown as { controller: { room: { localParticipant: { getTrackPublication(s: string): { track?: { mediaStreamTrack: MediaStreamTrack } } | undefined } } } }).controller.room;
      room.localParticipant.getTrackPublication('screen_share')!.track!.mediaStreamTrack.dispatchEvent(new Event('ended'));
    });
    await waitFor('the screen gone on the viewer', async () => (await screenTile(viewer).count()) === 0);
    await waitFor('the toolbar shows no share', async () => (await shareButton().getAttribute('aria-pressed')) === 'false');
    await waitFor('the screen gone at LiveKit', async () => !(await sharedSources()).includes(TrackSource.SCREEN_SHARE));
  });
});
