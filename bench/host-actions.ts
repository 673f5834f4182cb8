import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../test/support/page-helpers.js';
import { callApi } from '../test/support/signed.js';
import type { Stack } from '../test/support/stack.js';

export interface MuteLatency {
  ours: { target: number[]; observer: number[] };
  direct: { target: number[]; observer: number[] };
}

/** On a page: note when the target's microphone shows muted in that page's own snapshot. */
function arm(page: Page, target: string): Promise<void> {
  return page.evaluate((id) => {
    const w = window as unknown as { micOffAt: number | null; offWatch?: boolean };
    w.micOffAt = null;
    if (w.offWatch) return;
    w.offWatch = true;
    const room = document.querySelector('meeting-room') as unknown as {
      controller: { on(type: 'change', f: (e: CustomEvent<{ participants: Array<{ identity: string; micOn: boolean }> }>) => void): void };
    };
    room.controller.on('change', (e) => {
      const p = e.detail.participants.find((x) => x.identity === id);
      if (p && !p.micOn && w.micOffAt === null) w.micOffAt = Date.now();
    });
  }, target);
}

const mutedAt = (page: Page) => page.evaluate(() => (window as unknown as { micOffAt: number | null }).micOffAt);

/**
 * Host-action latency (issue 5): the host clicks "Mute" on the target in the roster → the target's
 * microphone shows muted on the target's page and on an observer's page; against a direct
 * `mutePublishedTrack` call from Node, measured the same way, alternated in the same run.
 */
export async function muteLatency(stack: Stack, rounds: number): Promise<MuteLatency> {
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Mute bench' });
  const meeting = res.body.ret as { meetingUniqueId: number; hostLink: string; guestLink: string };
  const pages: Page[] = [];
  const open = async (link: string, name: string) => {
    const page = await stack.newPage();
    pages.push(page);
    await joinFromLink(page, link, name);
    return page;
  };
  const host = await open(meeting.hostLink, 'Host');
  const target = await open(meeting.guestLink, 'Target');
  const observer = await open(meeting.guestLink, 'Observer');
  const targetId = await ownIdentity(target);
  const roomName = (await stack.server.services.meetings.findById(meeting.meetingUniqueId))!.room_name;
  const admin = new RoomServiceClient(stack.livekit.httpUrl, stack.livekit.apiKey, stack.livekit.apiSecret);
  await tileOf(host, targetId).waitFor();
  await host.locator('meeting-toolbar button.people').click();
  const out: MuteLatency = { ours: { target: [], observer: [] }, direct: { target: [], observer: [] } };

  const micOn = async () => {
    await target.evaluate(async () => {
      const c = (document.querySelector('meeting-room') as unknown as { controller: { snapshot: { participants: Array<{ isLocal: boolean; micOn: boolean }> }; toggleMic(): Promise<void> } }).controller;
      if (!c.snapshot.participants.find((p) => p.isLocal)?.micOn) await c.toggleMic();
    });
    await waitFor('target unmuted for everyone', async () => (await tileOf(observer, targetId).getAttribute('data-mic')) === 'on' && (await tileOf(host, targetId).getAttribute('data-mic')) === 'on');
    await Promise.all([arm(target, targetId), arm(observer, targetId)]);
  };

  for (let i = 0; i < rounds; i++) {
    // Ours: the roster's menu is opened first; only the click → muted is timed.
    await micOn();
    const row = host.locator(`meeting-roster li[data-identity="${targetId}"]`);
    if ((await row.locator('button.more').getAttribute('aria-expanded')) !== 'true') await row.locator('button.more').click();
    const button = row.locator('[role=group] button', { hasText: 'Mute' }).first();
    await button.waitFor();
    const t0 = await button.evaluate((b: HTMLButtonElement) => {
      const t = Date.now();
      b.click();
      return t;
    });
    await waitFor('muted (ours)', async () => (await mutedAt(target)) !== null && (await mutedAt(observer)) !== null);
    out.ours.target.push((await mutedAt(target))! - t0);
    out.ours.observer.push((await mutedAt(observer))! - t0);

    // Direct: LiveKit's own admin call, the track looked up first.
    await micOn();
    const mic = (await admin.getParticipant(roomName, targetId)).tracks.find((t) => t.source === TrackSource.MICROPHONE)!;
    const t1 = Date.now();
    await admin.mutePublishedTrack(roomName, targetId, mic.sid, true);
    await waitFor('muted (direct)', async () => (await mutedAt(target)) !== null && (await mutedAt(observer)) !== null);
    out.direct.target.push((await mutedAt(target))! - t1);
    out.direct.observer.push((await mutedAt(observer))! - t1);
    console.log(`mute ${i + 1}/${rounds}: ours ${out.ours.target.at(-1)}/${out.ours.observer.at(-1)} ms, direct ${out.direct.target.at(-1)}/${out.direct.observer.at(-1)} ms (target/observer)`);
  }
  for (const p of pages) await p.context().close();
  return out;
}
