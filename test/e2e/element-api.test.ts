import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../support/page-helpers.js';

/** `<meeting-room>`'s API (issue 11 part 3) between real pages through livekit-server: events, promise methods, a new code. */
let stack: Stack;

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

async function createMeeting(subject: string) {
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string; guestLink: string };
}

/** Keeps every `meeting-*` event the page's element fires (as seen at `document`: they bubble and are composed). */
function record(page: Page, types: string[]): Promise<void> {
  return page.evaluate((names) => {
    const w = window as unknown as { seen: Array<{ type: string; detail: unknown }> };
    w.seen = [];
    for (const type of names) document.addEventListener(type, (e) => w.seen.push({ type, detail: (e as CustomEvent).detail }));
  }, types);
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: Array<{ type: string; detail: Record<string, unknown> }> }).seen);

describe('the element API between two pages', () => {
  let host: Page;
  let guest: Page;
  let guestId: string;
  let meeting: Awaited<ReturnType<typeof createMeeting>>;

  test("a second page's join fires meeting-participant-joined on the first, with its identity", async () => {
    meeting = await createMeeting('Element API');
    host = await stack.newPage();
    guest = await stack.newPage();
    await joinFromLink(host, meeting.hostLink, 'Hana Host');
    await record(host, ['meeting-participant-joined', 'meeting-participant-left', 'meeting-mic-change']);
    await joinFromLink(guest, meeting.guestLink, 'Gus Guest');
    guestId = await ownIdentity(guest);
    await waitFor('the host page told of the guest', async () => (await seen(host)).some((e) => e.type === 'meeting-participant-joined'));
    const joined = (await seen(host)).filter((e) => e.type === 'meeting-participant-joined');
    assert.deepEqual(
      joined.map((e) => [e.detail.identity, e.detail.name, e.detail.isLocal]),
      [[guestId, 'Gus Guest', false]],
    );
  });

  test('toggleMic(false) resolves once muted, and the remote page sees the mute (tile and event)', async () => {
    await waitFor("the guest's microphone is published", () => guest.evaluate(() => !!(document.querySelector('meeting-room') as unknown as { snapshot: { participants: Array<{ isLocal: boolean; micOn: boolean }> } }).snapshot.participants.find((p) => p.isLocal)?.micOn));
    const onHost = tileOf(host, guestId);
    await waitFor('guest tile with the mic on', async () => (await onHost.getAttribute('data-mic')) === 'on');
    const result = await guest.evaluate(async () => {
      const room = document.querySelector('meeting-room') as unknown as { toggleMic(on?: boolean): Promise<boolean>; snapshot: { participants: Array<{ isLocal: boolean; micOn: boolean }> } };
      const on = await room.toggleMic(false);
      return { on, micOn: room.snapshot.participants.find((p) => p.isLocal)?.micOn };
    });
    assert.deepEqual(result, { on: false, micOn: false }, 'resolved with the mic off, and the snapshot says so');
    assert.equal(await guest.locator('meeting-toolbar button.mic').getAttribute('aria-pressed'), 'false');
    await waitFor('guest tile muted on the host page', async () => (await onHost.getAttribute('data-mic')) === 'off');
    await waitFor('the host page told of the mute', async () => (await seen(host)).some((e) => e.type === 'meeting-mic-change' && e.detail.identity === guestId && e.detail.on === false));
  });

  test('a new code on the element leaves this meeting and joins the new one', async () => {
    const second = await createMeeting('Element API, second');
    await record(guest, ['meeting-left', 'meeting-joined']);
    await guest.evaluate((code) => {
      (document.querySelector('meeting-room') as unknown as { code: string }).code = code;
    }, second.meetingId);
    await waitFor('the guest joined the second meeting', async () => (await seen(guest)).some((e) => e.type === 'meeting-joined')).catch(async (err: Error) => {
      const state = await guest.evaluate(() => {
        const s = (document.querySelector('meeting-room') as unknown as { snapshot: { phase: string; error?: unknown; meeting?: { meetingId: string } } }).snapshot;
        return { phase: s.phase, error: s.error, meeting: s.meeting?.meetingId };
      });
      throw new Error(`${err.message}: ${JSON.stringify({ state, events: await seen(guest) })}`);
    });
    const events = await seen(guest);
    assert.deepEqual(
      events.map((e) => e.type),
      ['meeting-left', 'meeting-joined'],
    );
    assert.equal(events[1]!.detail.meetingId, second.meetingId);
    await waitFor('the host page told the guest left', async () => (await seen(host)).some((e) => e.type === 'meeting-participant-left' && e.detail.identity === guestId));
    await waitFor('the guest tile gone from the host page', async () => (await tileOf(host, guestId).count()) === 0);
    await host.locator('meeting-toolbar button.leave').click();
  });

  test('after leaving a real meeting, Rejoin opens its pre-join screen again (unwiring a disconnected room does not throw)', async () => {
    await guest.locator('meeting-toolbar button.leave').click();
    await guest.locator('[data-screen=left] button').click();
    await guest.locator('meeting-prejoin button.join:not([disabled])').waitFor();
  });
});
