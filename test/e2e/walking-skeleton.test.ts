import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, videoFrames, waitFor } from '../support/page-helpers.js';

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

async function meetingStatus(uniqueId: number): Promise<number> {
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/get', { meetingUniqueId: uniqueId });
  return res.body.ret.status;
}

describe('two browsers meet through livekit-server', () => {
  let host: Page;
  let guest: Page;
  let meeting: Awaited<ReturnType<typeof createMeeting>>;
  let hostId: string;
  let guestId: string;

  test('host and guest join from their links, with their roles shown', async () => {
    meeting = await createMeeting('Skeleton e2e');
    assert.equal(await meetingStatus(meeting.meetingUniqueId), 1);
    host = await stack.newPage();
    guest = await stack.newPage();
    await joinFromLink(host, meeting.hostLink, 'Hana Host');
    // The guest's snapshots from the page's start: the phase, and who it knows of.
    await guest.addInitScript(() => {
      const seen: Array<{ phase: string; mediaConnecting: boolean; others: number }> = ((window as unknown as { seen: unknown }).seen = []);
      document.addEventListener('meeting-snapshot-change', (e) => {
        const s = (e as CustomEvent<{ phase: string; mediaConnecting: boolean; participants: Array<{ isLocal: boolean }> }>).detail;
        seen.push({ phase: s.phase, mediaConnecting: s.mediaConnecting, others: s.participants.filter((p) => !p.isLocal).length });
      });
    });
    await joinFromLink(guest, meeting.guestLink, 'Gus Guest');
    hostId = await ownIdentity(host);
    guestId = await ownIdentity(guest);
    await guest.locator('meeting-toolbar:not([inert])').waitFor();
    const seen = (await guest.evaluate(() => (window as unknown as { seen: unknown }).seen)) as Array<{ phase: string; mediaConnecting: boolean; others: number }>;
    const connected = seen.findIndex((s) => s.phase === 'connected');
    const shownEarly = seen.findIndex((s) => s.phase === 'connecting' && s.mediaConnecting && s.others === 1);
    assert.ok(connected > 0, 'the guest got connected');
    assert.ok(shownEarly >= 0 && shownEarly < connected, `the meeting (with the host in it) showed before the media connection was up: ${JSON.stringify(seen)}`);
    assert.notEqual(hostId, guestId);
    assert.equal(await host.locator('[data-my-role]').getAttribute('data-my-role'), 'host');
    assert.equal(await guest.locator('[data-my-role]').getAttribute('data-my-role'), 'attendee');
    await waitFor('meeting in progress after the joins', async () => (await meetingStatus(meeting.meetingUniqueId)) === 2);
  });

  test("each page plays the other's video", async () => {
    const onHost = tileOf(host, guestId);
    const onGuest = tileOf(guest, hostId);
    await onHost.waitFor();
    await onGuest.waitFor();
    assert.equal(await videoFrames(onHost, 15), 15, "host page: guest's video frames did not advance");
    assert.equal(await videoFrames(onGuest, 15), 15, "guest page: host's video frames did not advance");
    assert.equal(await onHost.locator('.name').textContent(), 'Gus Guest');
  });

  test('the stats panel reads what the host sends and receives, and stops when closed', async () => {
    const button = host.locator('meeting-header button.stats');
    await button.click();
    const rows = host.locator('meeting-stats tbody tr');
    const row = (direction: string) => rows.filter({ hasText: direction === 'send' ? 'Sent · video' : 'Received · video' });
    await waitFor('a sent and a received video track with a bitrate', async () => {
      for (const d of ['send', 'receive']) {
        const cells = await row(d).first().locator('td').allTextContents().catch(() => []);
        if (!/[1-9]\d* (k|M)bps/.test(cells[0] ?? '') || !/\d+×\d+/.test(cells[2] ?? '')) return false;
      }
      return true;
    });
    await button.click();
    assert.equal(await host.locator('meeting-stats').count(), 0);
  });

  test("the guest mutes the mic and the host's page shows it muted", async () => {
    const onHost = tileOf(host, guestId);
    assert.equal(await onHost.getAttribute('data-mic'), 'on');
    await guest.locator('meeting-toolbar button.mic').click();
    assert.equal(await guest.locator('meeting-toolbar button.mic').getAttribute('aria-pressed'), 'false');
    await waitFor('guest tile muted on the host page', async () => (await onHost.getAttribute('data-mic')) === 'off');
    assert.equal(await onHost.locator('.mic-off').count(), 1);
  });

  test("the guest turns the camera off: the host's page shows the placeholder instead of video", async () => {
    const onHost = tileOf(host, guestId);
    assert.equal(await onHost.getAttribute('data-camera'), 'on');
    await guest.locator('meeting-toolbar button.camera').click();
    await waitFor('guest camera off on the host page', async () => (await onHost.getAttribute('data-camera')) === 'off');
    assert.equal(await onHost.locator('.placeholder .avatar').textContent(), 'GG');
    assert.equal(await onHost.locator('video').isHidden(), true);
    await guest.locator('meeting-toolbar button.camera').click();
    await waitFor('guest camera back on', async () => (await onHost.getAttribute('data-camera')) === 'on');
    assert.equal(await videoFrames(onHost, 15), 15, 'video plays again after the camera comes back');
  });

  test('the guest leaves: the host grid drops the tile; everyone gone → meeting ended', async () => {
    await guest.locator('meeting-toolbar button.leave').click();
    await guest.locator('[data-screen=left]').waitFor();
    await waitFor('guest tile gone from the host page', async () => (await tileOf(host, guestId).count()) === 0);
    assert.equal(await meetingStatus(meeting.meetingUniqueId), 2, 'the host is still there');
    await host.locator('meeting-toolbar button.leave').click();
    await waitFor('meeting ended after the room closed', async () => (await meetingStatus(meeting.meetingUniqueId)) === 3);
    const row = await stack.server.db.selectFrom('meetings').select('end_reason').where('unique_id', '=', meeting.meetingUniqueId).executeTakeFirstOrThrow();
    assert.equal(row.end_reason, 2, 'reason: all left');
    const admissions = await stack.server.db.selectFrom('admissions').selectAll().where('meeting_id', '=', meeting.meetingUniqueId).where('joined_at', 'is not', null).execute();
    assert.deepEqual(admissions.map((a) => a.identity).sort(), [hostId, guestId].sort());
    assert.ok(admissions.every((a) => a.left_at), 'both recorded as left');
  });
});

describe('join answers', () => {
  test('an unsigned role=host link joins as attendee and is told so', async () => {
    const meeting = await createMeeting('No proof');
    const page = await stack.newPage();
    await page.goto(`${stack.server.url}/join?code=${meeting.meetingId}&role=host&name=Mallory`);
    await page.locator('[data-notice=role-downgraded]').waitFor();
    assert.equal(await page.locator('meeting-prejoin .role').getAttribute('data-role'), 'attendee');
    await page.locator('meeting-prejoin button.join:not([disabled])').click();
    await page.locator('[data-my-role]').waitFor();
    assert.equal(await page.locator('[data-my-role]').getAttribute('data-my-role'), 'attendee');
    await page.locator('meeting-toolbar button.leave').click();
  });

  test('an unknown code shows error 2000, in Chinese with lang=zh-CN', async () => {
    const page = await stack.newPage();
    await page.goto(`${stack.server.url}/join?code=000000001&name=Nobody`);
    const screen = page.locator('[data-screen=error]');
    await screen.waitFor();
    assert.equal(await screen.getAttribute('data-code'), '2000');
    assert.match((await screen.textContent()) ?? '', /not found/);
    await page.goto(`${stack.server.url}/join?code=000000001&name=Nobody&lang=zh-CN`);
    await page.locator('[data-screen=error]').waitFor();
    assert.match((await page.locator('[data-screen=error]').textContent()) ?? '', /找不到该会议/);
  });

  test('two rooms on one page each speak their own language, before joining', async () => {
    const { meetingId } = await createMeeting('Two languages');
    const page = await stack.newPage();
    const url = `${stack.server.url}/two-languages.html`;
    await page.route(url, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><body>
          <meeting-room lang="en" code="${meetingId}" display-name="Ann" start-audio-off start-video-off></meeting-room>
          <meeting-room lang="zh-CN" code="${meetingId}" display-name="安" start-audio-off start-video-off></meeting-room>
          <script type="module" src="/assets/meeting-room.js"></script></body></html>`,
      }),
    );
    await page.goto(url);
    const title = (lang: string) => page.locator(`meeting-room[lang="${lang}"] meeting-prejoin h1`);
    await title('en').waitFor();
    await title('zh-CN').waitFor();
    assert.equal((await title('en').textContent())?.trim(), 'Ready to join?');
    assert.equal((await title('zh-CN').textContent())?.trim(), '准备好加入了吗？');
    assert.equal((await page.locator('meeting-room[lang="zh-CN"] meeting-prejoin button.join').textContent())?.trim(), '加入会议');
    assert.equal((await page.locator('meeting-room[lang="en"] meeting-prejoin button.join').textContent())?.trim(), 'Join meeting');
  });
});
