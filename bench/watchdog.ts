import { randomBytes } from 'node:crypto';
import { joinFromLink, tileOf, waitFor } from '../test/support/page-helpers.js';
import { RtcClient, TrackSource } from '../test/support/rtc-client.js';
import { callApi } from '../test/support/signed.js';
import type { Stack } from '../test/support/stack.js';

export interface WatchdogWindows {
  /** A banned client rejoining with its token: ms from connect() resolving to being disconnected, frames it got. */
  rejoin: Array<{ inRoomMs: number; videoFrames: number; audioFrames: number }>;
  /** An audio track published as CAMERA: ms from publishing to the publisher's removal, and 10 ms audio frames an observer got from it. */
  relabelled: Array<{ removedAfterMs: number; observerAudioFrames: number }>;
}

async function post(stack: Stack, path: string, body: unknown, token?: string) {
  const res = await fetch(new URL(path, stack.server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { code: number; ret?: any };
}

/**
 * The watchdog's windows (issue 5): how long a banned client that rejoins is in the room and what
 * it receives; how much of a relabelled track reaches an observer before its publisher is removed.
 */
export async function watchdogWindows(stack: Stack, rounds: number): Promise<WatchdogWindows> {
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Watchdog bench' });
  const meeting = res.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string };
  const host = await stack.newPage();
  await joinFromLink(host, meeting.hostLink, 'Host');
  const hostToken = () => host.evaluate(() => (document.querySelector('meeting-room') as unknown as { controller: { token: string } }).controller.token);
  const control = async (action: Record<string, unknown>) => post(stack, `/api/meetings/${meeting.meetingUniqueId}/control`, action, await hostToken());
  const clients: RtcClient[] = [];
  const client = async (token: string) => {
    const c = new RtcClient();
    clients.push(c);
    await Promise.race([c.connect(stack.livekit.url, token).catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
    return c;
  };
  const join = async (name: string) => (await post(stack, '/api/join', { code: meeting.meetingId, name, gk: randomBytes(16).toString('base64url') })).ret as { token: string; identity: string };
  const out: WatchdogWindows = { rejoin: [], relabelled: [] };
  try {
    // A kicked client comes back again and again with its join token.
    const kicked = await join('Kicked');
    const first = await client(kicked.token);
    await tileOf(host, kicked.identity).waitFor();
    await control({ action: 'remove', target: kicked.identity });
    await waitFor('first removal', async () => !first.connected);
    for (let i = 0; i < rounds; i++) {
      const c = await client(kicked.token);
      await waitFor('rejoin removed', async () => !c.connected, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      const audio = [...c.audioFramesFrom.values()].reduce((a, b) => a + b, 0);
      out.rejoin.push({ inRoomMs: c.connectedAt ? (c.disconnectedAt ?? Date.now()) - c.connectedAt : 0, videoFrames: c.videoFrames, audioFrames: audio });
      console.log(`banned rejoin ${i + 1}/${rounds}: ${JSON.stringify(out.rejoin.at(-1))}`);
    }

    // Relabelled tracks, seen by a subscribed observer.
    const observer = await client((await join('Observer')).token);
    for (let i = 0; i < rounds; i++) {
      const attacker = await join(`Relabel ${i}`);
      const c = await client(attacker.token);
      await waitFor('observer sees the attacker', async () => observer.room.remoteParticipants.has(attacker.identity));
      const t0 = Date.now();
      await c.publishAudio(TrackSource.SOURCE_CAMERA).catch(() => undefined);
      await waitFor('relabelled publisher removed', async () => !c.connected, 10_000);
      const removedAfterMs = (c.disconnectedAt ?? Date.now()) - t0;
      await new Promise((r) => setTimeout(r, 300));
      out.relabelled.push({ removedAfterMs, observerAudioFrames: observer.audioFramesFrom.get(attacker.identity) ?? 0 });
      console.log(`relabelled ${i + 1}/${rounds}: ${JSON.stringify(out.relabelled.at(-1))}`);
    }
  } finally {
    for (const c of clients) await c.close();
    await host.context().close();
  }
  return out;
}
