import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, videoFrames, waitFor } from '../support/page-helpers.js';

/** Devices and join modes with a real livekit-server (issue 12 parts 3 and 4). */
let stack: Stack;

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

interface Published {
  /** Sources the page sends, as LiveKit acknowledged them (with a track sid), muted ones aside. */
  sources: string[];
  canPublish: boolean;
  /** Remote camera videos the page is subscribed to. */
  videosIn: number;
}

function published(page: Page): Promise<Published> {
  return page.evaluate(() => {
    type Pub = { source: string; trackSid: string; kind: string; isSubscribed: boolean; isMuted: boolean };
    const room = (document.querySelector('meeting-room') as unknown as { controller: { room: { localParticipant: { trackPublications: Map<string, Pub>; permissions?: { canPublish: boolean } }; remoteParticipants: Map<string, { trackPublications: Map<string, Pub> }> } } }).controller.room;
    const sources = [...room.localParticipant.trackPublications.values()].filter((p) => p.trackSid && !p.isMuted).map((p) => p.source);
    let videosIn = 0;
    for (const p of room.remoteParticipants.values()) for (const pub of p.trackPublications.values()) if (pub.kind === 'video' && pub.isSubscribed) videosIn++;
    return { sources: sources.sort(), canPublish: room.localParticipant.permissions?.canPublish ?? true, videosIn };
  });
}

/** What the other side sees a person publish. */
function remoteSources(page: Page, identity: string): Promise<string[]> {
  return page.evaluate((id) => {
    const room = (document.querySelector('meeting-room') as unknown as { controller: { room: { remoteParticipants: Map<string, { trackPublications: Map<string, { source: string }> }> } } }).controller.room;
    return [...(room.remoteParticipants.get(id)?.trackPublications.values() ?? [])].map((p) => p.source).sort();
  }, identity);
}

describe('devices and join modes in a real call', () => {
  let host: Page;
  let guest: Page;
  let meeting: { meetingUniqueId: number; hostLink: string; guestLink: string };
  let hostId: string;
  let guestId: string;

  test('both join; the guest lists the devices', async () => {
    const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Devices e2e' });
    assert.equal(res.body.code, 200, res.body.msg);
    meeting = res.body.ret;
    host = await stack.newPage();
    guest = await stack.newPage();
    await joinFromLink(host, meeting.hostLink, 'Hana Host');
    await joinFromLink(guest, meeting.guestLink, 'Gus Guest');
    hostId = await ownIdentity(host);
    guestId = await ownIdentity(guest);
    assert.equal(await videoFrames(tileOf(host, guestId), 15), 15, "host page: guest's video plays");
  });

  test('the host chooses the quality of the guest’s video: low asks for the lowest layer and gets it, auto gives the choice back to the tile’s size', async () => {
    type Quality = { width: number; asked: number | undefined };
    const received = () =>
      host.evaluate(async (id) => {
        type Pub = { requestedMaxQuality?: number; track?: { getReceiverStats(): Promise<{ frameWidth?: number } | undefined> } };
        const room = (document.querySelector('meeting-room') as unknown as { controller: { room: { remoteParticipants: Map<string, { getTrackPublication(s: string): Pub | undefined }> } } }).controller.room;
        const pub = room.remoteParticipants.get(id)?.getTrackPublication('camera');
        return { width: (await pub?.track?.getReceiverStats())?.frameWidth ?? 0, asked: pub?.requestedMaxQuality };
      }, guestId) as Promise<Quality>;
    const select = host.locator('meeting-video-grid select.quality');
    assert.equal(await select.count(), 1, 'one choice: the guest’s video (not my own)');
    assert.equal(await select.inputValue(), 'auto');
    // The guest sends 720p in three layers; the tile (half of 1280 × 720) asks for more than the lowest, unless the machine's CPU made the guest's encoder drop layers.
    let before = await received();
    await waitFor('the guest’s video above the lowest layer', async () => (before = await received()).width > 320, 15_000).catch(() => undefined);

    await select.selectOption('low');
    await waitFor('the lowest layer asked for and received', async () => {
      const now = await received();
      return now.asked === 0 && now.width > 0 && now.width <= 320;
    });
    const chosen = await host.evaluate(() => (document.querySelector('meeting-room') as unknown as { snapshot: { view: { quality: Record<string, string> } } }).snapshot.view.quality);
    assert.deepEqual(chosen, { [guestId]: 'low' }, 'the choice is in the snapshot, by tile');
    assert.equal(await videoFrames(tileOf(host, guestId), 10), 10, 'the video keeps playing at the low layer');

    await select.selectOption('auto');
    await waitFor('auto asked for again (the top layer, bounded by the tile)', async () => (await received()).asked === 2);
    if (before.width > 320) await waitFor('back above the lowest layer', async () => (await received()).width > 320);
  });

  test('switching the camera and the microphone mid-call keeps the call going', async () => {
    await guest.locator('meeting-toolbar button.settings').click();
    const camera = guest.locator('meeting-toolbar dialog meeting-device-settings select[name=camera]');
    const mic = guest.locator('meeting-toolbar dialog meeting-device-settings select[name=mic]');
    const cameras = await camera.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const mics = await mic.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.ok(cameras.length >= 1 && mics.length >= 1, 'Chromium offers fake devices');
    // Chromium's fake capture offers one camera: switching to its own entry by id still restarts the track.
    const nextCamera = cameras.at(-1)!;
    const nextMic = mics.at(-1)!;
    const before = await guest.evaluate(() => (document.querySelector('meeting-room') as unknown as { controller: { room: { localParticipant: { getTrackPublication(s: string): { track: { mediaStreamTrack: MediaStreamTrack } } } } } }).controller.room.localParticipant.getTrackPublication('camera').track.mediaStreamTrack.id);
    await camera.selectOption(nextCamera);
    await mic.selectOption(nextMic);
    await waitFor('the choice is in the snapshot and remembered', () =>
      guest.evaluate(([c, m]) => {
        const chosen = (document.querySelector('meeting-room') as unknown as { snapshot: { devices: { chosen: { camera: string; mic: string } } } }).snapshot.devices.chosen;
        return chosen.camera === c && chosen.mic === m && JSON.parse(localStorage.getItem('meeting-room.devices') ?? '{}').camera === c;
      }, [nextCamera, nextMic] as const),
    );
    const afterId = await guest.evaluate(() => (document.querySelector('meeting-room') as unknown as { controller: { room: { localParticipant: { getTrackPublication(s: string): { track: { mediaStreamTrack: MediaStreamTrack } } } } } }).controller.room.localParticipant.getTrackPublication('camera').track.mediaStreamTrack.id);
    assert.notEqual(afterId, before, 'the camera track was restarted on the chosen device');
    await guest.locator('meeting-toolbar dialog button.close').click();
    assert.deepEqual((await published(guest)).sources, ['camera', 'microphone'], 'still publishing both');
    assert.equal(await videoFrames(tileOf(host, guestId), 15), 15, "host page keeps receiving the guest's frames after the switch");
    assert.equal(await videoFrames(tileOf(guest, hostId), 15), 15, 'and the guest keeps receiving the host');
  });

  test('audio-only mode stops the video sent and received; turning it off receives again', async () => {
    await guest.locator('meeting-toolbar button.settings').click();
    await guest.locator('meeting-toolbar dialog input[name=audio-only]').check();
    await guest.locator('meeting-toolbar dialog button.close').click();
    await waitFor('guest receives no video and sends none', async () => {
      const p = await published(guest);
      return p.videosIn === 0 && !p.sources.includes('camera');
    });
    await waitFor("the guest's camera shows off on the host page", async () => (await tileOf(host, guestId).getAttribute('data-camera')) === 'off');
    assert.equal(await guest.locator('meeting-toolbar button.camera').isDisabled(), true);
    await guest.locator('meeting-toolbar button.settings').click();
    await guest.locator('meeting-toolbar dialog input[name=audio-only]').uncheck();
    await guest.locator('meeting-toolbar dialog button.close').click();
    await waitFor('video received again', async () => (await published(guest)).videosIn > 0);
  });

  test('listen only cannot publish, even by calling livekit-client itself, until the server lets them join with audio', async () => {
    const listener = await stack.newPage();
    const link = new URL(meeting.guestLink);
    link.searchParams.set('lo', '1');
    await joinFromLink(listener, link.toString(), 'Lena Listener');
    const listenerId = await ownIdentity(listener);
    assert.equal(await listener.locator('meeting-toolbar button.mic').count(), 0);
    assert.equal(await listener.locator('meeting-toolbar button.join-audio').count(), 1);
    assert.equal((await published(listener)).canPublish, false);
    // A modified client: straight to livekit-client, past every check of ours.
    const refused = await listener.evaluate(async () => {
      const room = (document.querySelector('meeting-room') as unknown as { controller: { room: { localParticipant: { setMicrophoneEnabled(on: boolean): Promise<unknown> } } } }).controller.room;
      try {
        await room.localParticipant.setMicrophoneEnabled(true);
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(refused, true, 'LiveKit refuses the publish');
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await remoteSources(host, listenerId), [], 'the host receives nothing from them');

    await listener.locator('meeting-toolbar button.join-audio').click();
    await waitFor('the host hears the listener after "join with audio"', async () => (await remoteSources(host, listenerId)).includes('microphone'));
    // The toolbar shows it at its next render, which may come just after the host hears it.
    await waitFor('the listener\'s toolbar shows the mic on', async () => (await listener.locator('meeting-toolbar button.mic').getAttribute('aria-pressed')) === 'true');
    await listener.close();
  });
});
