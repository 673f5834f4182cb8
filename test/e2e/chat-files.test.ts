import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../support/page-helpers.js';

/** Files in the chat (SPEC R5) between real pages: announced to the server, streamed over LiveKit. */
let stack: Stack;

before(async () => {
  // A small limit, so the file over it is quick to make.
  stack = await startStack({ env: { CHAT_FILE_MAX_MB: '6' } });
});
after(async () => {
  await stack?.stop();
});

interface Person {
  page: Page;
  id: string;
}

const MB = 1024 * 1024;

async function enter(link: string, name: string): Promise<Person> {
  const page = await stack.newPage();
  const url = new URL(link);
  url.searchParams.set('v', '0');
  await joinFromLink(page, url.toString(), name);
  await page.locator('meeting-toolbar button.chat').click();
  // Every progress the page's snapshot had for a file on its way, by file id.
  await page.evaluate(() => {
    const seen: Record<string, number[]> = {};
    (window as unknown as { progress: typeof seen }).progress = seen;
    document.querySelector('meeting-room')!.addEventListener('meeting-snapshot-change', (e) => {
      const transfers = (e as CustomEvent<{ files: { transfers: Record<string, { status: string; progress: number }> } }>).detail.files.transfers;
      for (const [id, t] of Object.entries(transfers)) if (t.status === 'active') (seen[id] ??= []).push(t.progress);
    });
  });
  return { page, id: await ownIdentity(page) };
}

/** A file of `size` bytes with a pattern the receiver can check. */
const payload = (size: number) => Buffer.from(Uint8Array.from({ length: size }, (_, i) => (i * 7) % 251));

async function pick(p: Person, name: string, size: number, mimeType = 'application/octet-stream') {
  await p.page.locator('meeting-chat input[type=file]').setInputFiles({ name, mimeType, buffer: payload(size) });
}

const fileItem = (p: Person, name: string) => p.page.locator('meeting-chat li[data-id]').filter({ has: p.page.locator('.file-name', { hasText: name }) });
const status = (p: Person, name: string) => fileItem(p, name).locator('.file-status').textContent({ timeout: 1000 }).catch(() => null);
/** The progress values strictly between 0 and 1 the page showed for the file named. */
async function midway(p: Person, name: string): Promise<number[]> {
  const id = await fileItem(p, name).locator('[part=file]').evaluate((el) => el.closest('li')!.dataset.id!);
  return p.page.evaluate((messageId) => {
    const room = document.querySelector('meeting-room') as unknown as { snapshot: { chat: { messages: Array<{ id: number; file?: { stream: string } }> } } };
    const stream = room.snapshot.chat.messages.find((m) => m.id === Number(messageId))!.file!.stream;
    return ((window as unknown as { progress: Record<string, number[]> }).progress[stream] ?? []).filter((v) => v > 0 && v < 1);
  }, id);
}

/**
 * Cancels the page's first file going `direction` once past 10 %, from within the page
 * (`<meeting-room>.cancelFile`): a click from the test could come too late.
 */
async function cancelPast10(p: Person, direction: 'send' | 'receive') {
  await p.page.evaluate((wanted) => {
    const room = document.querySelector('meeting-room')!;
    const onChange = (e: Event) => {
      const transfers = Object.values((e as CustomEvent<{ files: { transfers: Record<string, { id: string; direction: string; status: string; progress: number }> } }>).detail.files.transfers);
      const going = transfers.find((t) => t.direction === wanted && t.status === 'active' && t.progress > 0.1);
      if (!going) return;
      room.removeEventListener('meeting-snapshot-change', onChange);
      room.cancelFile(going.id);
    };
    room.addEventListener('meeting-snapshot-change', onChange);
  }, direction);
}

describe('files in the chat between pages', () => {
  let ann: Person;
  let ben: Person;
  let guestLink: string;

  before(async () => {
    const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Files' });
    const meeting = res.body.ret as { hostLink: string; guestLink: string };
    guestLink = meeting.guestLink;
    ann = await enter(meeting.hostLink, 'Ann');
    ben = await enter(meeting.guestLink, 'Ben');
    await tileOf(ann.page, ben.id).waitFor();
    await tileOf(ben.page, ann.id).waitFor();
  });

  test('a 5 MB file to everyone: progress on both sides, then a download with its name and size on the other page', async () => {
    await pick(ann, 'report.bin', 5 * MB);
    await waitFor('Ann sent it', async () => (await status(ann, 'report.bin'))?.trim() === 'Sent');
    const link = fileItem(ben, 'report.bin').locator('a.file-download');
    await link.waitFor();
    assert.equal(await link.getAttribute('download'), 'report.bin');
    assert.equal(await fileItem(ben, 'report.bin').locator('.file-size').textContent(), '5 MB');
    assert.equal(await fileItem(ben, 'report.bin').locator('.file-type').textContent(), 'application/octet-stream');
    const [download] = await Promise.all([ben.page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'report.bin');
    const saved = await readFile((await download.path())!);
    assert.ok(saved.equals(payload(5 * MB)), 'every byte arrived, and the link saves the file');
    assert.ok((await midway(ann, 'report.bin')).length > 0, 'the sender saw its progress');
    assert.ok((await midway(ben, 'report.bin')).length > 0, 'the receiver saw its progress');
  });

  test('a file cancelled midway by its sender: the other page says so', async () => {
    await cancelPast10(ann, 'send');
    await pick(ann, 'halfway.bin', 5 * MB);
    await waitFor('Ann sees it cancelled', async () => (await status(ann, 'halfway.bin'))?.trim() === 'Cancelled');
    await waitFor('Ben is told the sender cancelled', async () => (await status(ben, 'halfway.bin'))?.trim() === 'Cancelled by the sender');
    assert.equal(await fileItem(ben, 'halfway.bin').locator('a, img').count(), 0, 'nothing to open');
    assert.ok((await midway(ben, 'halfway.bin')).length > 0, 'it had started arriving');
  });

  test('a receiver who cancels stops it for themselves only', async () => {
    await cancelPast10(ben, 'receive');
    await pick(ann, 'not-for-ben.bin', 5 * MB);
    await waitFor('Ben stopped it', async () => (await status(ben, 'not-for-ben.bin'))?.trim() === 'Cancelled');
    await waitFor('Ann sent it all the same', async () => (await status(ann, 'not-for-ben.bin'))?.trim() === 'Sent');
  });

  test('a file over the limit is refused with the message; the other page gets nothing', async () => {
    await pick(ann, 'huge.bin', 7 * MB);
    await waitFor('Ann is told why', async () => (await ann.page.locator('meeting-chat .refused').textContent()) === 'huge.bin was not sent: Files are at most 6 MB');
    // The server relays in order: once a later message is on Ben's page, the refused file would have been too.
    await ann.page.locator('meeting-chat textarea').fill('after the huge one');
    await ann.page.locator('meeting-chat textarea').press('Enter');
    await waitFor('Ben has the later message', async () => (await ben.page.locator('meeting-chat li[data-id] .text').allTextContents()).includes('after the huge one'));
    assert.equal(await fileItem(ben, 'huge.bin').count(), 0);
    assert.equal(await fileItem(ann, 'huge.bin').count(), 0);
  });

  test('a late joiner sees the files in the history as no longer available (the bytes were only live)', async () => {
    const cara = await enter(guestLink, 'Cara');
    await waitFor('Cara has the history', async () => (await status(cara, 'report.bin'))?.trim() === 'No longer available');
    assert.equal(await fileItem(cara, 'report.bin').locator('.file-size').textContent(), '5 MB');
    await cara.page.context().close();
  });
});
