import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dispose } from '@livekit/rtc-node';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import { CONTROL_ACTIONS } from '../../src/protocol/control-actions.js';
import { exampleAction } from '../support/control-examples.js';
import { createMeeting as createMeetingOn, guestKey, post as postTo, type Grant } from '../support/meeting-api.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../support/page-helpers.js';
import { RtcClient, TrackSource } from '../support/rtc-client.js';

/**
 * What a modified client gains (nothing): attackers are @livekit/rtc-node participants doing what
 * our pages never would; each check asserts what an observer's page and LiveKit itself show.
 */
let stack: Stack;
const clients: RtcClient[] = [];

before(async () => {
  stack = await startStack({ withTestHost: true });
});
after(async () => {
  for (const c of clients) await c.close();
  await dispose().catch(() => undefined);
  await stack?.stop();
});

const post = (path: string, body: unknown, token?: string) => postTo(stack.server.url, path, body, { token });
const createMeeting = (subject: string) => createMeetingOn(stack.server, { subject });

async function joinApi(code: string, name: string, gk = guestKey()) {
  const res = await post('/api/join', { code, name, gk });
  return { res, gk, grant: res.ret as Grant };
}

async function rtc(token: string): Promise<RtcClient> {
  const c = new RtcClient();
  clients.push(c);
  await c.connect(stack.livekit.url, token);
  return c;
}

/** Connects, or gives up after `ms` (a refused token can keep rtc-node retrying for long). */
async function tryConnect(c: RtcClient, token: string, ms = 10_000): Promise<'connected' | 'refused'> {
  return Promise.race([
    c.connect(stack.livekit.url, token).then(
      () => 'connected' as const,
      () => 'refused' as const,
    ),
    new Promise<'refused'>((r) => setTimeout(() => r('refused'), ms)),
  ]);
}

/** A page's current bearer: its join token, or the newest one LiveKit refreshed for it. */
function pageToken(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('meeting-room') as unknown as { controller: { token: string } }).controller.token);
}

const admin = () => new RoomServiceClient(stack.livekit.httpUrl, stack.livekit.apiKey, stack.livekit.apiSecret);
const roomName = async (uniqueId: number) => (await stack.server.services.meetings.findById(uniqueId))!.room_name;
const inRoom = async (uniqueId: number, identity: string) => (await admin().listParticipants(await roomName(uniqueId))).some((p) => p.identity === identity);

/** A meeting with a host page and an observer page, both seeing each other. */
async function hostAndObserver(subject: string) {
  const meeting = await createMeeting(subject);
  const host = await stack.newPage();
  await joinFromLink(host, meeting.hostLink, 'Hana Host');
  const observer = await stack.newPage();
  await joinFromLink(observer, meeting.guestLink, 'Olga Observer');
  const hostId = await ownIdentity(host);
  await tileOf(observer, hostId).waitFor();
  return { meeting, host, observer, hostId, control: async (action: Record<string, unknown>) => post(`/api/meetings/${meeting.meetingUniqueId}/control`, action, await pageToken(host)) };
}

describe('attackers with a non-browser LiveKit client', () => {
  test('after mute-all without self-unmute, a microphone track is refused; an audio track declared as camera gets its publisher removed and banned', async () => {
    const { meeting, observer, control } = await hostAndObserver('Mute attack');
    const { grant, gk } = await joinApi(meeting.meetingId, 'Mallory');
    const mallory = await rtc(grant.token);
    await tileOf(observer, grant.identity).waitFor();
    assert.equal((await control({ action: 'muteAll', allowSelfOn: false })).code, 200);

    const attempt = await Promise.race([
      mallory.publishAudio(TrackSource.SOURCE_MICROPHONE).then(
        () => 'published',
        (err) => `refused: ${err}`,
      ),
      new Promise<string>((r) => setTimeout(() => r('timed out'), 15_000)),
    ]);
    assert.notEqual(attempt, 'published');
    const lkTracks = (await admin().getParticipant(await roomName(meeting.meetingUniqueId), grant.identity)).tracks;
    assert.equal(lkTracks.length, 0, 'LiveKit holds no track of hers');
    assert.equal(await tileOf(observer, grant.identity).getAttribute('data-mic'), 'off');

    // The camera is still allowed, so LiveKit takes an audio track declared as CAMERA: our watchdog does not.
    await mallory.publishAudio(TrackSource.SOURCE_CAMERA).catch(() => undefined);
    await waitFor('mallory removed', async () => !mallory.connected);
    await waitFor('mallory gone on the observer page', async () => (await tileOf(observer, grant.identity).count()) === 0);
    assert.equal((await joinApi(meeting.meetingId, 'Mallory', gk)).res.code, 2106, 'banned at /api/join');
    const row = await stack.server.db.selectFrom('admissions').select('banned').where('identity', '=', grant.identity).executeTakeFirstOrThrow();
    assert.equal(row.banned, true);
    await observer.context().close();
  });

  test('a forged meeting.control packet from a participant changes nothing on any page; their token gets 2100 for every host action', async () => {
    const { meeting, host, observer } = await hostAndObserver('Forged hints');
    const { grant } = await joinApi(meeting.meetingId, 'Forger');
    const forger = await rtc(grant.token);
    await tileOf(observer, grant.identity).waitFor();
    // Count on the observer page what arrives, to know the forged packets were delivered.
    await observer.evaluate(() => {
      const w = window as unknown as { probes: number };
      w.probes = 0;
      const room = (document.querySelector('meeting-room') as unknown as { controller: { room: { on(e: string, f: (...a: unknown[]) => void): void } } }).controller.room;
      room.on('dataReceived', (_p: unknown, _who: unknown, _k: unknown, topic: unknown) => {
        if (topic === 'probe') w.probes++;
      });
    });
    for (const type of ['removed', 'muted', 'role', 'mute-all', 'waiting']) await forger.sendData('meeting.control', { type, by: 'The host', role: 'host' });
    await forger.sendData('probe', {});
    await waitFor('the probe reached the observer', () => observer.evaluate(() => (window as unknown as { probes: number }).probes > 0));
    const seen = await observer.evaluate(() => {
      const s = (document.querySelector('meeting-room') as unknown as { snapshot: { phase: string; notices: unknown[]; me: { role: string } } }).snapshot;
      return { phase: s.phase, notices: s.notices.length, role: s.me.role };
    });
    assert.deepEqual(seen, { phase: 'connected', notices: 0, role: 'attendee' });
    assert.equal(await host.locator('meeting-notices [data-notice]').count(), 0);

    for (const action of CONTROL_ACTIONS) {
      const body = exampleAction(action, await ownIdentity(host));
      const res = await post(`/api/meetings/${meeting.meetingUniqueId}/control`, body, grant.token);
      assert.equal(res.code, 2100, `${action}: ${res.msg}`);
    }
    assert.ok(forger.connected);
    await observer.context().close();
  });

  test('a removed participant reconnecting with its join token and with the token LiveKit refreshed for it is removed again and receives no video frame', async () => {
    const { meeting, observer, hostId, control } = await hostAndObserver('Kick is a ban');
    const eve = await stack.newPage();
    await joinFromLink(eve, meeting.guestLink, 'Eve');
    const eveId = await ownIdentity(eve);
    const joinToken = await pageToken(eve);
    // Any change to her makes LiveKit push her a refreshed token; the page keeps the newest.
    assert.equal((await control({ action: 'renamePerson', target: eveId, name: 'Eve Renamed' })).code, 200);
    await waitFor('a refreshed token on her page', async () => (await pageToken(eve)) !== joinToken);
    const refreshed = await pageToken(eve);

    assert.equal((await control({ action: 'remove', target: eveId })).code, 200);
    await eve.locator('[data-screen=left]').waitFor();
    await waitFor('eve gone on the observer page', async () => (await tileOf(observer, eveId).count()) === 0);

    for (const [what, token] of [
      ['join token', joinToken],
      ['refreshed token', refreshed],
    ] as const) {
      const c = new RtcClient();
      clients.push(c);
      await tryConnect(c, token);
      await waitFor(`rejoin with her ${what} removed`, async () => !c.connected && !(await inRoom(meeting.meetingUniqueId, eveId)), 10_000);
      assert.equal(c.videoFrames, 0, `with her ${what} she received video frames of ${hostId}`);
    }
    await waitFor('no trace of her on the observer page', async () => (await tileOf(observer, eveId).count()) === 0);
    await eve.context().close();
    await observer.context().close();
  });

  test('a waiting person cannot reach the room with anything they were given', async () => {
    const { meeting, observer, control } = await hostAndObserver('Waiting attack');
    assert.equal((await control({ action: 'waitingRoom', on: true })).code, 200);
    const { grant } = await joinApi(meeting.meetingId, 'Wanda');
    assert.equal(grant.token, '');
    assert.ok(grant.waitingTicket);
    for (const token of [grant.waitingTicket!, grant.token]) {
      const c = new RtcClient();
      clients.push(c);
      assert.equal(await tryConnect(c, token), 'refused');
      assert.equal(c.connected, false);
    }
    assert.equal((await post('/api/join/ticket', { ticket: grant.waitingTicket })).code, 2107);
    assert.equal(await inRoom(meeting.meetingUniqueId, grant.identity), false);
    assert.equal(await tileOf(observer, grant.identity).count(), 0);
    await observer.context().close();
  });
});
