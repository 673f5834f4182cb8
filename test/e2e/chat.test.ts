import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dispose } from '@livekit/rtc-node';
import type { Page } from 'playwright-core';
import { CHAT_TOPIC } from '../../src/protocol/control.js';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../support/page-helpers.js';
import { RtcClient } from '../support/rtc-client.js';

/** The chat (SPEC R5) between real pages, relayed by the server. */
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

async function enter(link: string, name: string, video = false): Promise<Person> {
  const page = await stack.newPage();
  const url = new URL(link);
  if (!video) url.searchParams.set('v', '0');
  await joinFromLink(page, url.toString(), name);
  await page.locator('meeting-toolbar button.chat').click();
  return { page, id: await ownIdentity(page) };
}

/** The texts the page's chat shows, in order. */
const texts = (p: Person) => p.page.locator('meeting-chat li[data-id] .text').allTextContents();

async function send(p: Person, text: string, toName?: string) {
  if (toName) await p.page.locator('meeting-chat select').selectOption({ label: toName });
  else await p.page.locator('meeting-chat select').selectOption({ value: '' });
  await p.page.locator('meeting-chat textarea').fill(text);
  await p.page.locator('meeting-chat textarea').press('Enter');
}

describe('chat between pages', () => {
  let meeting: { meetingId: string; meetingUniqueId: number; hostLink: string; guestLink: string };
  let host: Person;
  let alice: Person;
  let bob: Person;

  before(async () => {
    const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Chat' });
    meeting = res.body.ret as typeof meeting;
    host = await enter(meeting.hostLink, 'Hana Host');
    alice = await enter(meeting.guestLink, 'Alice');
    bob = await enter(meeting.guestLink, 'Bob');
    for (const p of [host, alice, bob]) for (const o of [host, alice, bob]) if (o !== p) await tileOf(p.page, o.id).waitFor();
  });

  test('a group message reaches everyone; a private one only its recipient (and its sender)', async () => {
    await send(host, 'Welcome, everyone');
    for (const p of [host, alice, bob]) await waitFor('the group message', async () => (await texts(p)).includes('Welcome, everyone'));
    await send(alice, 'Only for Bob', 'Bob');
    await waitFor('Bob has it', async () => (await texts(bob)).includes('Only for Bob'));
    await waitFor('Alice sees what she sent', async () => (await texts(alice)).includes('Only for Bob'));
    await send(bob, 'After the private one');
    await waitFor('the next group message reached the host', async () => (await texts(host)).includes('After the private one'));
    assert.ok(!(await texts(host)).includes('Only for Bob'), 'the host never gets the private message');
    assert.equal(await bob.page.locator('meeting-chat li[data-private] .private').first().textContent(), 'privately to you');
  });

  test('an unread badge counts messages while the chat is closed', async () => {
    await bob.page.locator('meeting-toolbar button.chat').click(); // closes Bob's chat
    await send(alice, 'Are you there, Bob?');
    await waitFor('Bob sees one unread', async () => (await bob.page.locator('meeting-toolbar button.chat .count').textContent().catch(() => null)) === '1');
    await bob.page.locator('meeting-toolbar button.chat').click();
    await waitFor('opened: nothing unread', async () => (await bob.page.locator('meeting-toolbar button.chat .count').count()) === 0);
  });

  test('a hostile message renders as plain text and runs nothing', async () => {
    // Exactly the 10 000 characters a message may have, most of them one unbroken line.
    const markup = '<img src=x onerror="window.pwned=1"> [x](javascript:window.pwned=2) ';
    const hostile = markup + 'z'.repeat(10_000 - markup.length);
    await send(alice, hostile);
    await waitFor('the hostile message shown', async () => (await texts(bob)).some((t) => t.startsWith('<img src=x')));
    const last = bob.page.locator('meeting-chat li[data-id]').last();
    assert.equal(await last.locator('img, script, a').count(), 0);
    assert.equal(await bob.page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    const fits = await last.evaluate((li) => li.scrollWidth <= li.clientWidth + 1);
    assert.ok(fits, 'the 10 000-character line wraps inside the panel');
  });

  test('a late joiner gets the history: the group messages, not others\' private ones', async () => {
    const late = await enter(meeting.guestLink, 'Late Larry');
    await waitFor('history arrived', async () => (await texts(late)).includes('After the private one'));
    const seen = await texts(late);
    assert.ok(seen.includes('Welcome, everyone'));
    assert.ok(!seen.includes('Only for Bob'));
    await late.page.context().close();
  });

  test('chat turned off by the host: the server refuses an attendee, and a client writing on the chat topic itself reaches nobody', async () => {
    await host.page.locator('meeting-toolbar button.people').click();
    await host.page.locator('meeting-host-controls select.chat-policy').selectOption('off');
    await waitFor('Alice is told', async () => (await alice.page.locator('meeting-chat .closed').textContent().catch(() => null)) === 'The host turned the chat off');
    const before = (await texts(bob)).length;
    await send(alice, 'Can anyone hear me?');
    await waitFor('Alice is told it was refused', async () => (await alice.page.locator('meeting-notices [data-notice="action-failed"]').allTextContents()).some((t) => t.includes('(2103)')));

    // A modified client: an rtc-node participant with Alice's kind of token writes chat packets itself.
    const join = await fetch(new URL('/api/join', stack.server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: meeting.meetingId, name: 'Mallory', gk: 'mallory-guest-key-0123456789' }),
    }).then((r) => r.json() as Promise<{ ret: { token: string; identity: string } }>);
    const mallory = new RtcClient();
    clients.push(mallory);
    await mallory.connect(stack.livekit.url, join.ret.token);
    await tileOf(bob.page, join.ret.identity).waitFor();
    await mallory.sendData(CHAT_TOPIC, { id: 999_999, from: host.id, fromName: 'Hana Host', to: null, text: 'Forged by Mallory', at: Date.now() });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await texts(bob)).length, before, 'nothing new on Bob\'s page');
    assert.ok(!(await texts(host)).includes('Forged by Mallory'));

    await host.page.locator('meeting-host-controls select.chat-policy').selectOption('everyone');
    await waitFor('open again', async () => (await alice.page.locator('meeting-chat .closed').count()) === 0);
    await send(alice, 'Open again');
    await waitFor('Bob gets it', async () => (await texts(bob)).includes('Open again'));
  });
});
