import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dispose } from '@livekit/rtc-node';
import type { Page } from 'playwright-core';
import { REACTION_BURST, REACTION_TOPIC } from '../../src/protocol/reactions.js';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../support/page-helpers.js';
import { RtcClient } from '../support/rtc-client.js';

/** Reactions (SPEC R6) relayed by the server, and app data (SPEC R12) between real pages. */
let stack: Stack;
const clients: RtcClient[] = [];

before(async () => {
  stack = await startStack();
});
after(async () => {
  for (const c of clients) await c.close();
  await dispose().catch(() => undefined);
  await stack?.stop();
});

interface Person {
  page: Page;
  id: string;
}

interface Seen {
  reactions: Array<{ id: string; from: string; fromName: string; emoji: string }>;
  data: Array<{ from: string; topic: string; data: unknown }>;
  progress: Array<{ id: string; from: string; topic: string; progress: number }>;
}

async function enter(link: string, name: string): Promise<Person> {
  const page = await stack.newPage();
  const url = new URL(link);
  url.searchParams.set('v', '0');
  await joinFromLink(page, url.toString(), name);
  // Everything the page's <meeting-room> tells, kept for the test to read.
  await page.evaluate(() => {
    const seen = { reactions: [], data: [], progress: [] } as unknown as Seen;
    (window as unknown as { seen: Seen }).seen = seen;
    const room = document.querySelector('meeting-room')!;
    room.addEventListener('meeting-reaction', (e) => seen.reactions.push((e as CustomEvent).detail));
    room.addEventListener('meeting-app-data', (e) => seen.data.push((e as CustomEvent).detail));
    room.addEventListener('meeting-app-data-progress', (e) => seen.progress.push((e as CustomEvent).detail));
  });
  return { page, id: await ownIdentity(page) };
}

const seen = (p: Person) => p.page.evaluate(() => (window as unknown as { seen: Seen }).seen);
const topics = async (p: Person, topic: string) => (await seen(p)).data.filter((d) => d.topic === topic).map((d) => d.data);

describe('reactions and app data between pages', () => {
  let meeting: { meetingId: string; meetingUniqueId: number; hostLink: string; guestLink: string };
  let host: Person;
  let alice: Person;
  let bob: Person;

  before(async () => {
    const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Reactions' });
    meeting = res.body.ret as typeof meeting;
    host = await enter(meeting.hostLink, 'Hana Host');
    alice = await enter(meeting.guestLink, 'Alice');
    bob = await enter(meeting.guestLink, 'Bob');
    for (const p of [host, alice, bob]) for (const o of [host, alice, bob]) if (o !== p) await tileOf(p.page, o.id).waitFor();
  });

  test("a reaction from the toolbar menu shows on the sender's tile on every page, is announced, and goes away", async () => {
    await alice.page.locator('meeting-reactions button.reactions').click();
    await alice.page.locator('meeting-reactions [role=menuitem][data-emoji="🎉"]').click();
    for (const p of [host, alice, bob]) {
      await waitFor('the reaction on Alice\'s tile', async () => (await tileOf(p.page, alice.id).getAttribute('data-reaction')) === '🎉');
    }
    assert.equal(await tileOf(bob.page, alice.id).locator('.reaction').textContent(), '🎉');
    await waitFor('announced to screen readers', async () => ((await bob.page.locator('meeting-room [data-announce]').textContent()) ?? '').includes('Alice reacted: Celebration'));
    const told = (await seen(bob)).reactions;
    assert.deepEqual(told.map((r) => [r.from, r.fromName, r.emoji]), [[alice.id, 'Alice', '🎉']]);
    await waitFor('the reaction went away', async () => (await tileOf(bob.page, alice.id).getAttribute('data-reaction')) === null);
  });

  test('app data with `to` reaches only the named participant; a reserved topic or a stranger is refused', async () => {
    await alice.page.evaluate(async (to) => {
      const room = document.querySelector('meeting-room')!;
      await room.sendAppData({ stroke: [1, 2, 3] }, { to: [to], topic: 'whiteboard' });
      // Then one to everyone: once it is on a page, the first would be there too had it been sent there.
      await room.sendAppData({ marker: true }, { topic: 'whiteboard' });
    }, bob.id);
    await waitFor('Bob has both', async () => (await topics(bob, 'whiteboard')).length === 2);
    await waitFor('the host has the marker', async () => (await topics(host, 'whiteboard')).length > 0);
    assert.deepEqual(await topics(bob, 'whiteboard'), [{ stroke: [1, 2, 3] }, { marker: true }]);
    assert.deepEqual(await topics(host, 'whiteboard'), [{ marker: true }], 'the host never got the one to Bob');
    assert.equal((await seen(bob)).data.find((d) => d.topic === 'whiteboard')!.from, alice.id);
    assert.deepEqual(await topics(alice, 'whiteboard'), [], 'not echoed to the sender');

    const refusals = await alice.page.evaluate(async () => {
      const room = document.querySelector('meeting-room')!;
      const codeOf = (p: Promise<void>) => p.then(() => 200, (err: { code: number }) => err.code);
      return [await codeOf(room.sendAppData({ id: 1, from: 'x', to: null, text: 'forged', at: 0 }, { topic: 'meeting.chat' })), await codeOf(room.sendAppData('hi', { to: ['p_nobody'] }))];
    });
    assert.deepEqual(refusals, [300, 2101]);
  });

  test('a 1 MB buffer arrives intact over a byte stream, with progress on both sides; a large JSON value too', async () => {
    const sent = await alice.page.evaluate(async (to) => {
      const bytes = new Uint8Array(1024 * 1024);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 10)) % 251;
      const progress: number[] = [];
      await document.querySelector('meeting-room')!.sendAppData(bytes, { to: [to], topic: 'upload', onProgress: (p) => progress.push(p) });
      const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
      return { hash, progress };
    }, bob.id);
    assert.ok(sent.progress.length > 1, 'several progress steps for the sender');
    assert.equal(sent.progress.at(-1), 1);

    await waitFor('Bob has the buffer', async () => (await topics(bob, 'upload')).length === 1, 60_000);
    const got = await bob.page.evaluate(async () => {
      const { seen } = window as unknown as { seen: Seen };
      const item = seen.data.find((d) => d.topic === 'upload')!;
      const bytes = item.data as Uint8Array<ArrayBuffer>;
      return { isBytes: bytes instanceof Uint8Array, length: bytes.byteLength, from: item.from, hash: Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))), progress: seen.progress.filter((p) => p.topic === 'upload').map((p) => p.progress) };
    });
    assert.deepEqual({ ...got, progress: undefined }, { isBytes: true, length: 1024 * 1024, from: alice.id, hash: sent.hash, progress: undefined });
    assert.ok(got.progress.length > 1, 'several progress events for the receiver');
    assert.equal(got.progress.at(-1), 1);
    assert.deepEqual([...got.progress].sort((a, b) => a - b), got.progress, 'progress only grows');
    assert.deepEqual(await topics(host, 'upload'), [], 'the host was not named');

    const big = { rows: Array.from({ length: 2000 }, (_, i) => ({ i, name: `row ${i}` })) };
    await alice.page.evaluate((value) => document.querySelector('meeting-room')!.sendAppData(value, { topic: 'table' }), big);
    await waitFor('the host has the large JSON value', async () => (await topics(host, 'table')).length === 1);
    assert.deepEqual((await topics(host, 'table'))[0], big);
  });

  test('a modified client: forged reaction packets change nothing; its reactions through the server are rate-limited', async () => {
    const join = await fetch(new URL('/api/join', stack.server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: meeting.meetingId, name: 'Mallory', gk: 'mallory-guest-key-0123456789' }),
    }).then((r) => r.json() as Promise<{ ret: { token: string; identity: string } }>);
    const mallory = new RtcClient();
    clients.push(mallory);
    await mallory.connect(stack.livekit.url, join.ret.token);
    await tileOf(bob.page, join.ret.identity).waitFor();

    await mallory.sendData(REACTION_TOPIC, { id: 'forged', from: host.id, fromName: 'Hana Host', emoji: '🎉', at: Date.now() });
    // Then a packet Bob's page does take from Mallory: by the time it is there, so is the forged one.
    await mallory.sendData('probe', { after: 'forged' });
    await waitFor('Bob has the probe', async () => (await topics(bob, 'probe')).length === 1);
    assert.ok(!(await seen(bob)).reactions.some((r) => r.id === 'forged'), 'no meeting-reaction for the forged packet');
    assert.equal(await tileOf(bob.page, host.id).getAttribute('data-reaction'), null, "nothing on the host's tile");

    const flood = [];
    for (let i = 0; i < REACTION_BURST + 3; i++) {
      const res = await fetch(new URL(`/api/meetings/${meeting.meetingUniqueId}/reaction`, stack.server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${join.ret.token}` },
        body: JSON.stringify({ emoji: '😂' }),
      });
      flood.push((await res.json()) as { code: number; ret?: { id: string } });
    }
    assert.deepEqual(flood.map((r) => r.code), [...Array(REACTION_BURST).fill(200), 510, 510, 510]);
    const accepted = flood.flatMap((r) => (r.ret ? [r.ret.id] : []));
    await waitFor('Bob got the accepted ones', async () => (await seen(bob)).reactions.filter((r) => r.from === join.ret.identity).length === accepted.length);
    assert.deepEqual((await seen(bob)).reactions.filter((r) => r.from === join.ret.identity).map((r) => r.id), accepted);
  });
});
