import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../support/page-helpers.js';

/**
 * SPEC H1–H10 with three real browsers (host, attendee, observer) through a real livekit-server:
 * each action is checked on the actor's, the target's and an observer's page.
 */
let stack: Stack;

before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

interface Meeting {
  meetingUniqueId: number;
  meetingId: string;
  hostLink: string;
  guestLink: string;
}

async function createMeeting(subject: string): Promise<Meeting> {
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret as Meeting;
}

interface Person {
  page: Page;
  id: string;
}

async function enter(link: string, name: string): Promise<Person> {
  const page = await stack.newPage();
  await joinFromLink(page, link, name);
  return { page, id: await ownIdentity(page) };
}

/** Host, attendee and observer in a new meeting; each sees the two others. */
async function threePeople(subject: string) {
  const meeting = await createMeeting(subject);
  const host = await enter(meeting.hostLink, 'Hana Host');
  const alice = await enter(meeting.guestLink, 'Alice');
  const bob = await enter(meeting.guestLink, 'Bob');
  for (const [p, others] of [
    [host, [alice, bob]],
    [alice, [host, bob]],
    [bob, [host, alice]],
  ] as const) {
    for (const o of others) await tileOf(p.page, o.id).waitFor();
  }
  return { meeting, host, alice, bob };
}

async function openPanel(page: Page): Promise<void> {
  const button = page.locator('meeting-toolbar button.people');
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.locator('meeting-roster').waitFor();
}

/** Opens a person's action menu in the roster and clicks one action. */
async function personAction(page: Page, identity: string, label: string): Promise<void> {
  await openPanel(page);
  const row = page.locator(`meeting-roster li[data-identity="${identity}"]`);
  const more = row.locator('button.more');
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await row.locator('[role=group] button', { hasText: label }).first().click();
}

const micOf = (p: Page, id: string) => tileOf(p, id).getAttribute('data-mic');
const myRole = (p: Page) => p.locator('[data-my-role]').getAttribute('data-my-role');
const notice = (p: Page, type: string) => p.locator(`meeting-notices [data-notice="${type}"]`).first();

describe('host controls in three browsers', () => {
  test('mute; mute all without self-unmute holds against the attendee; ask to unmute lets them back', async () => {
    const { host, alice, bob } = await threePeople('Mute e2e');
    await waitFor("alice's mic on everywhere", async () => (await micOf(host.page, alice.id)) === 'on' && (await micOf(bob.page, alice.id)) === 'on');

    await personAction(host.page, alice.id, 'Mute');
    await waitFor('alice muted on the host page', async () => (await micOf(host.page, alice.id)) === 'off');
    await waitFor('alice muted on the observer page', async () => (await micOf(bob.page, alice.id)) === 'off');
    await notice(alice.page, 'muted').waitFor();
    assert.equal(await alice.page.locator('meeting-toolbar button.mic').getAttribute('aria-pressed'), 'false');

    // Mute all, people may NOT unmute themselves.
    await openPanel(host.page);
    await host.page.locator('meeting-host-controls input[type=checkbox]').uncheck();
    await host.page.locator('meeting-host-controls button.mute-all').click();
    await notice(alice.page, 'mute-all').waitFor();
    await waitFor("alice's microphone permission gone", async () => (await alice.page.locator('meeting-toolbar button.mic').getAttribute('data-allowed')) === 'false');
    await alice.page.locator('meeting-toolbar button.mic').click();
    await notice(alice.page, 'turned-off-by-host').waitFor();
    // The server holds too: the page's own publish attempt is refused by LiveKit's permissions.
    const refused = await alice.page.evaluate(async () => {
      const room = document.querySelector('meeting-room') as unknown as { controller: { room?: { localParticipant: { setMicrophoneEnabled(on: boolean): Promise<unknown> } } } };
      try {
        await room.controller.room!.localParticipant.setMicrophoneEnabled(true);
        return 'published';
      } catch (err) {
        return String(err);
      }
    });
    assert.notEqual(refused, 'published');
    assert.equal(await micOf(bob.page, alice.id), 'off');
    assert.equal(await micOf(host.page, alice.id), 'off');

    await personAction(host.page, alice.id, 'Ask to unmute');
    await notice(alice.page, 'ask-unmute').waitFor();
    // Alice had tried to unmute: with permission back, her page publishes what she asked for.
    await waitFor('alice unmuted on the observer page', async () => (await micOf(bob.page, alice.id)) === 'on');
    await waitFor('alice unmuted on the host page', async () => (await micOf(host.page, alice.id)) === 'on');
    for (const p of [host, alice, bob]) await p.page.context().close();
  });

  test('a host action is one frame on the meeting socket; with the socket gone it goes over HTTP', async () => {
    const meeting = await createMeeting('Socket e2e');
    const page = await stack.newPage();
    const sent: string[] = [];
    const received: string[] = [];
    const controlRequests: string[] = [];
    const socketUrls: string[] = [];
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/api/meetings/')) return;
      socketUrls.push(ws.url());
      ws.on('framesent', (f) => sent.push(String(f.payload)));
      ws.on('framereceived', (f) => received.push(String(f.payload)));
    });
    page.on('request', (r) => {
      if (r.url().endsWith('/control')) controlRequests.push(r.method());
    });
    await joinFromLink(page, meeting.hostLink, 'Hana Host');
    const host = { page, id: await ownIdentity(page) };
    const alicePage = await stack.newPage();
    const alicePushes: string[] = [];
    let aliceReady = false;
    alicePage.on('websocket', (ws) => {
      if (!ws.url().endsWith(`/api/meetings/${meeting.meetingUniqueId}/socket`)) return; // not LiveKit's
      ws.on('framereceived', (f) => {
        const frame = JSON.parse(String(f.payload));
        if ('push' in frame) alicePushes.push(String(f.payload));
        else if (frame.id === 1 && frame.code === 200) aliceReady = true;
      });
    });
    await joinFromLink(alicePage, meeting.guestLink, 'Alice');
    const alice = { page: alicePage, id: await ownIdentity(alicePage) };
    await tileOf(host.page, alice.id).waitFor();
    await waitFor("alice's mic on", async () => (await micOf(host.page, alice.id)) === 'on');
    // Each page opens its socket a moment after its join.
    await waitFor('the socket took the token', async () => received.some((r) => JSON.parse(r).id === 1 && JSON.parse(r).code === 200));
    await waitFor("alice's socket took hers", async () => aliceReady);
    // The token goes in the frames, never in the address.
    assert.deepEqual(socketUrls, [`${stack.server.url.replace(/^http/, 'ws')}/api/meetings/${meeting.meetingUniqueId}/socket`]);
    assert.equal(JSON.parse(sent[0]!).path, 'hello');

    await personAction(host.page, alice.id, 'Mute');
    await waitFor('alice muted on her page', async () => (await alice.page.locator('meeting-toolbar button.mic').getAttribute('aria-pressed')) === 'false');
    const mute = sent.map((f) => JSON.parse(f)).find((f) => f.path === 'control');
    assert.deepEqual(mute?.body, { action: 'mute', target: alice.id });
    assert.equal(mute?.method, 'POST');
    await waitFor('its answer', async () => received.some((r) => JSON.parse(r).id === mute.id && JSON.parse(r).code === 200));
    assert.deepEqual(controlRequests, []);
    // Her page heard it on her own socket first (and LiveKit's mute followed).
    assert.deepEqual(alicePushes.map((f) => JSON.parse(f)), [{ push: 'mute', source: 'microphone' }]);
    await waitFor('alice muted on the host page', async () => (await micOf(host.page, alice.id)) === 'off');

    // The server ends every socket: the next action goes over HTTP and still works.
    stack.server.sockets.drop();
    await personAction(host.page, alice.id, 'Ask to unmute');
    await notice(alice.page, 'ask-unmute').waitFor();
    assert.deepEqual(controlRequests, ['POST']);
    for (const p of [host, alice]) await p.page.context().close();
  });

  test('remove: gone for everyone, told why, and the same browser cannot rejoin (2106)', async () => {
    const { meeting, host, alice, bob } = await threePeople('Remove e2e');
    await personAction(host.page, bob.id, 'Remove from meeting');
    await bob.page.locator('[data-screen=left]').waitFor();
    assert.match((await bob.page.locator('[data-screen=left] h1').textContent()) ?? '', /removed/);
    await waitFor('bob gone on the host page', async () => (await tileOf(host.page, bob.id).count()) === 0);
    await waitFor('bob gone on the observer page', async () => (await tileOf(alice.page, bob.id).count()) === 0);
    const link = new URL(meeting.guestLink);
    link.searchParams.set('name', 'Bob again');
    await bob.page.goto(link.toString());
    await bob.page.locator('[data-screen=error][data-code="2106"]').waitFor();
    for (const p of [host, alice, bob]) await p.page.context().close();
  });

  test('lock: a new join gets 2010; unlock lets them in; spotlight changes everyone\'s main view', async () => {
    const { meeting, host, alice, bob } = await threePeople('Lock e2e');
    await openPanel(host.page);
    await host.page.locator('meeting-host-controls button.lock').click();
    await waitFor('lock shown to the observer', async () => (await bob.page.locator('header .badge.locked').count()) === 1);
    const late = await stack.newPage();
    const link = new URL(meeting.guestLink);
    link.searchParams.set('name', 'Late');
    await late.goto(link.toString());
    await late.locator('[data-screen=error][data-code="2010"]').waitFor();
    await host.page.locator('meeting-host-controls button.lock').click();
    await joinFromLink(late, meeting.guestLink, 'Late');

    await personAction(host.page, alice.id, 'Spotlight for everyone');
    for (const p of [host, alice, bob]) {
      await waitFor('spotlight on alice', async () => (await p.page.locator('meeting-video-grid [data-spotlight]').getAttribute('data-spotlight').catch(() => null)) === alice.id);
    }
    await openPanel(host.page);
    await host.page.locator('meeting-host-controls button', { hasText: 'Stop spotlight' }).click();
    await waitFor('spotlight released for the observer', async () => (await bob.page.locator('meeting-video-grid [data-spotlight]').count()) === 0);
    for (const p of [host, alice, bob]) await p.page.context().close();
    await late.context().close();
  });

  test('waiting room: admit, reject (2108), admit all', async () => {
    const meeting = await createMeeting('Waiting e2e');
    const host = await enter(meeting.hostLink, 'Hana Host');
    await openPanel(host.page);
    await host.page.locator('meeting-host-controls button.waiting-room').click();
    await waitFor('waiting room on', async () => (await host.page.locator('meeting-host-controls button.waiting-room').getAttribute('aria-pressed')) === 'true');

    const guest = async (name: string) => {
      const page = await stack.newPage();
      const url = new URL(meeting.guestLink);
      url.searchParams.set('name', name);
      await page.goto(url.toString());
      await page.locator('meeting-prejoin button.join:not([disabled])').click();
      await page.locator('[data-screen=waiting]').waitFor();
      return page;
    };
    const wendy = await guest('Wendy');
    const row = host.page.locator('meeting-wait-room li', { hasText: 'Wendy' });
    await row.waitFor();
    // A waiting person holds no token: they are not in the room.
    assert.equal(await host.page.locator('meeting-video-tile[source=camera]').count(), 1);
    await row.locator('button.admit').click();
    await wendy.locator('meeting-video-grid').waitFor();
    const wendyId = await ownIdentity(wendy);
    await tileOf(host.page, wendyId).waitFor();

    const rex = await guest('Rex');
    await host.page.locator('meeting-wait-room li', { hasText: 'Rex' }).locator('button.reject').click();
    await rex.locator('[data-screen=error][data-code="2108"]').waitFor();

    const a = await guest('Ann');
    const b = await guest('Ben');
    // Locked now (SPEC H4): newcomers are refused, but those waiting may still be let in, and stay in.
    await host.page.locator('meeting-host-controls button.lock').click();
    await waitFor('locked', async () => (await host.page.locator('meeting-host-controls button.lock').getAttribute('aria-pressed')) === 'true');
    const lou = await stack.newPage();
    const louUrl = new URL(meeting.guestLink);
    louUrl.searchParams.set('name', 'Lou');
    await lou.goto(louUrl.toString());
    await lou.locator('[data-screen=error][data-code="2010"]').waitFor();
    await host.page.locator('meeting-wait-room button.admit-all').waitFor();
    await host.page.locator('meeting-wait-room button.admit-all').click();
    await a.locator('meeting-video-grid').waitFor();
    await b.locator('meeting-video-grid').waitFor();
    const annId = await ownIdentity(a);
    await tileOf(host.page, annId).waitFor();
    await tileOf(b, annId).waitFor();
    assert.equal(await a.locator('[data-screen=left]').count(), 0, 'admitted while locked, then expelled');
    for (const p of [host.page, wendy, rex, a, b, lou]) await p.context().close();
  });

  test('transfer host; the host leaving hands host to the co-host', async () => {
    const { host, alice, bob } = await threePeople('Roles e2e');
    await personAction(host.page, alice.id, 'Make co-host');
    await waitFor('alice is co-host on her page', async () => (await myRole(alice.page)) === 'cohost');
    await personAction(host.page, bob.id, 'Make host');
    await waitFor('bob is host on his page', async () => (await myRole(bob.page)) === 'host');
    await waitFor('the former host is co-host', async () => (await myRole(host.page)) === 'cohost');
    await waitFor("bob's role shows on the observer page", async () => (await alice.page.locator(`meeting-roster li[data-identity="${bob.id}"]`).getAttribute('data-role').catch(() => null)) === 'host' || (await openPanel(alice.page), false));
    // Bob (host) leaves: host goes to the co-host who joined first (Hana).
    await bob.page.locator('meeting-toolbar button.leave').click();
    await waitFor('hana is host again', async () => (await myRole(host.page)) === 'host');
    await notice(alice.page, 'role').waitFor();
    for (const p of [host, alice, bob]) await p.page.context().close();
  });

  test('share policy "hosts only" refuses an attendee, who is told why', async () => {
    const { host, alice, bob } = await threePeople('Share e2e');
    await openPanel(host.page);
    await host.page.locator('meeting-host-controls select.share-policy').selectOption('hosts');
    await waitFor('share permission gone for the attendee', async () => (await alice.page.locator('meeting-toolbar button.share').getAttribute('data-allowed')) === 'false');
    await alice.page.locator('meeting-toolbar button.share').click();
    await notice(alice.page, 'turned-off-by-host').waitFor();
    assert.equal(await bob.page.locator('meeting-video-tile[source=screen]').count(), 0);
    for (const p of [host, alice, bob]) await p.page.context().close();
  });

  test('the same guest joining from a second tab replaces the first, which is told why (SPEC J6)', async () => {
    const meeting = await createMeeting('Second device e2e');
    const host = await enter(meeting.hostLink, 'Hana Host');
    const first = await enter(meeting.guestLink, 'Gus');
    // Same browser profile, so the same guest key and identity.
    const second = await first.page.context().newPage();
    await joinFromLink(second, meeting.guestLink, 'Gus');
    assert.equal(await ownIdentity(second), first.id);
    await first.page.locator('[data-screen=left]').waitFor();
    assert.match((await first.page.locator('[data-screen=left] h1').textContent()) ?? '', /another device/);
    await tileOf(host.page, first.id).waitFor();
    await waitFor('one tile for gus on the host page', async () => (await tileOf(host.page, first.id).count()) === 1);
    await host.page.context().close();
    await first.page.context().close();
  });
});
