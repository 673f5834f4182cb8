import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/page-helpers.js';
import { projectRoot } from '../support/test-server.js';

/**
 * The iframe entry for portals (SPEC E2, issue 11 part 5) across real origins: the meeting server,
 * a portal its tenant allows, and a stranger, on three loopback ports. The portal's page is the
 * README's example, verbatim.
 */
let stack: Stack;
let portal: Site;
let stranger: Site;
let example: string;

interface Site {
  origin: string;
  close(): Promise<void>;
}

/** A web site on its own loopback port: a few pages, by path (`?m=` names the meeting). */
async function site(pages: (meetingCode: string) => Record<string, string>): Promise<Site> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = pages((url.searchParams.get('m') ?? '').replace(/\D/g, ''))[url.pathname];
    res.writeHead(page === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The README's "Iframe (portals)" example, for this server (the meeting code still to fill in). */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(projectRoot, 'README.md'), 'utf8');
  const block = /<!-- test\/e2e\/frame\.test\.ts serves this very block as its portal page -->\n```html\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block && block.includes("code: '123456789'"), 'the README has the example');
  return block.replaceAll('https://your-server', stack.server.url);
}

/** A new meeting of the dev tenant (an instant meeting ends when its last person leaves): its code. */
async function newMeeting(): Promise<string> {
  const meeting = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Portal meeting' });
  assert.equal(meeting.body.code, 200, meeting.body.msg);
  return meeting.body.ret.meetingId as string;
}

before(async () => {
  stack = await startStack();
  // Events are recorded from the example's next line on: before any message can arrive.
  const recorder = `<script>meeting.on('*', (data, name) => frameEvents.push({ name, data }));</script>`;
  portal = await site((code) => ({
    '/': `<!doctype html><title>Portal</title><script>window.frameEvents = [];</script>${example.replaceAll('123456789', code)}${recorder}`,
    // A portal that only listens: the person joins with the frame's own button.
    '/listen': `<!doctype html><title>Portal</title><script>window.frameEvents = [];</script><div id="m" style="height: 600px"></div>
      <script src="${stack.server.url}/assets/meeting-frame.js"></script><script>const meeting = MeetingFrame.create('#m', { code: '${code}', name: 'Lee' });</script>${recorder}`,
  }));
  stranger = await site((code) => ({
    '/framing.html': `<!doctype html><title>Stranger</title><iframe src="${stack.server.url}/embed?code=${code}&name=Eve" allow="camera; microphone" onload="document.title = 'loaded'"></iframe>`,
    '/opener.html': `<!doctype html><title>Stranger</title><script>window.received = []; addEventListener('message', (e) => received.push(e.data));</script>`,
  }));
  const set = await callApi(stack.server.url, stack.server.services.devTenant, '/v1/tenant/setEmbedOrigins', { embedOrigins: [portal.origin] });
  assert.equal(set.body.code, 200, set.body.msg);
  example = await readmeExample();
});
after(async () => {
  await portal?.close();
  await stranger?.close();
  await stack?.stop();
});

interface Recorded {
  name: string;
  data: any;
}
const eventsOf = (page: Page) => page.evaluate(() => (window as unknown as { frameEvents: Recorded[] }).frameEvents);
const eventNamed = async (page: Page, name: string) => (await eventsOf(page)).find((e) => e.name === name);

/** What LiveKit itself holds of a person's microphone: muted or not (undefined: not published). */
async function micMutedAtLivekit(identity: string): Promise<boolean | undefined> {
  const { url, apiKey, apiSecret } = stack.server.config.livekit;
  const rooms = new RoomServiceClient(url.replace(/^ws/, 'http'), apiKey, apiSecret);
  for (const room of await rooms.listRooms()) {
    const person = (await rooms.listParticipants(room.name)).find((p) => p.identity === identity);
    if (person) return person.tracks.find((t) => t.source === TrackSource.MICROPHONE)?.muted;
  }
  return undefined;
}

/** The portal's page, in the meeting through the README's example. */
async function portalInMeeting(page: Page): Promise<string> {
  await page.goto(`${portal.origin}/?m=${await newMeeting()}`);
  await page.getByRole('status').filter({ hasText: 'In the meeting as attendee' }).waitFor();
  const joined = await eventNamed(page, 'meeting-joined');
  assert.ok(joined?.data.identity, 'the portal received meeting-joined with my identity');
  return joined.data.identity as string;
}

describe('the iframe API across origins', () => {
  test('a portal joins with the helper, mutes through postMessage (LiveKit sees it) and receives the events', async () => {
    const page = await stack.newPage();
    const identity = await portalInMeeting(page);
    assert.equal((await eventsOf(page))[0]?.name, 'ready', 'the frame says it listens first');
    const frame = page.frameLocator('iframe');
    assert.equal(await page.locator('iframe').getAttribute('allow'), 'camera; microphone; display-capture; autoplay; clipboard-write');
    await waitFor('the mic published', async () => (await micMutedAtLivekit(identity)) === false);

    await page.getByRole('button', { name: 'Mute me' }).click();
    await page.getByRole('status').filter({ hasText: 'Microphone off' }).waitFor();
    await waitFor('LiveKit holds the mic muted', async () => (await micMutedAtLivekit(identity)) === true);
    await waitFor('the mic-change event mirrored to the portal', async () => (await eventsOf(page)).some((e) => e.name === 'meeting-mic-change' && e.data.isLocal === true && e.data.on === false));
    await frame.locator(`meeting-video-tile[data-identity="${identity}"]`).first().waitFor();

    const snapshot = (await page.evaluate('meeting.getSnapshot()')) as { phase: string; participants: { isLocal: boolean; micOn: boolean; cameraTrack?: unknown }[] };
    assert.equal(snapshot.phase, 'connected');
    const me = snapshot.participants.find((p) => p.isLocal);
    assert.equal(me?.micOn, false);
    assert.equal(me?.cameraTrack, undefined, 'live objects stay in the frame');
    assert.equal(await page.evaluate('meeting.toggleMic()'), true, 'on again');
    await waitFor('LiveKit holds the mic unmuted', async () => (await micMutedAtLivekit(identity)) === false);

    // Every meeting-* event of the element reaches the portal, whatever its name; others do not.
    const framed = page.frames().find((f) => f.url().startsWith(`${stack.server.url}/embed`));
    assert.ok(framed);
    await framed.evaluate(() => {
      const room = document.querySelector('meeting-room')!;
      room.dispatchEvent(new CustomEvent('other-thing', { detail: 1 }));
      room.dispatchEvent(new CustomEvent('meeting-probe', { detail: { on: false, at: new Date(0), track: new (class Track {})() } }));
    });
    await waitFor('the probe event forwarded', async () => (await eventNamed(page, 'meeting-probe')) !== undefined);
    assert.deepEqual((await eventNamed(page, 'meeting-probe'))?.data, { on: false, at: new Date(0) });
    assert.equal(await eventNamed(page, 'other-thing'), undefined);

    // Typed errors on replies: an attendee's host action, bad arguments, an unknown command.
    const failure = (expr: string) => page.evaluate(`${expr}.then(() => 'resolved', (e) => [e.name, e.code])`);
    assert.deepEqual(await failure(`meeting.host.lock(true)`), ['MeetingFrameError', 2100]);
    assert.deepEqual(await failure(`meeting.command('toggleMic', 'yes')`), ['MeetingFrameError', 300]);
    assert.deepEqual(await failure(`meeting.command('selfDestruct')`), ['MeetingFrameError', 3003]);
    assert.deepEqual(await failure(`meeting.join()`), ['MeetingFrameError', 3003], 'joined already');

    // A file into the chat and a local recording, through postMessage both ways (File in, Blob out).
    assert.equal(await page.evaluate(`meeting.sendFile(new File(['from the portal'], 'agenda.txt', { type: 'text/plain' }))`), true);
    const files = (await page.evaluate('meeting.getSnapshot()')) as { chat: { messages: { file?: { name: string; size: number } }[] } };
    assert.deepEqual(files.chat.messages.map((m) => m.file && { name: m.file.name, size: m.file.size }).filter(Boolean), [{ name: 'agenda.txt', size: 15 }]);
    assert.deepEqual(await failure(`meeting.command('sendFile', 'not a file')`), ['MeetingFrameError', 300]);
    await page.evaluate('meeting.startRecording()');
    await page.waitForTimeout(1500);
    const recording = await page.evaluate(`meeting.stopRecording().then((blob) => [blob instanceof Blob, blob.type, blob.size])`);
    assert.equal((recording as unknown[])[0], true, 'a Blob in the portal');
    assert.match((recording as string[])[1]!, /^video\/webm/);
    assert.ok((recording as number[])[2]! > 1000, `a recording of some size: ${String((recording as number[])[2])} bytes`);

    await page.evaluate('meeting.leave()');
    await waitFor('meeting-left received', async () => (await eventNamed(page, 'meeting-left'))?.data.reason === 'left');
    await page.evaluate('meeting.destroy()');
    assert.equal(await page.locator('iframe').count(), 0);
    assert.deepEqual(await failure(`meeting.getSnapshot()`), ['MeetingFrameError', 3102]);
  });

  test('a portal that sends no command still receives the events of what the person does in the frame', async () => {
    const page = await stack.newPage();
    await page.goto(`${portal.origin}/listen?m=${await newMeeting()}`);
    await page.frameLocator('iframe').locator('meeting-prejoin button.join:not([disabled])').click();
    await waitFor('meeting-joined received', async () => (await eventNamed(page, 'meeting-joined')) !== undefined);
    assert.equal((await eventNamed(page, 'meeting-joined'))?.data.role, 'attendee');
  });

  test('a page of an origin the tenant does not allow cannot frame /embed: frame-ancestors leaves it empty', async () => {
    const page = await stack.newPage();
    await page.goto(`${stranger.origin}/framing.html?m=${await newMeeting()}`);
    await waitFor('the iframe finished loading', async () => (await page.title()) === 'loaded');
    const framed = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(framed, 'the iframe exists');
    assert.doesNotMatch(framed.url(), /\/embed/, `the frame shows an error page, not the meeting (${framed.url()})`);
    assert.equal(await page.frameLocator('iframe').locator('meeting-room').count(), 0);
  });

  test('a command from another origin is ignored, even with a handle on the frame', async () => {
    // The stranger opens the portal in a popup: window.open hands it the portal's window, and
    // through `frames[0]` the meeting frame's, to which it may post.
    const page = await stack.newPage();
    await page.goto(`${stranger.origin}/opener.html`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate((url) => void ((window as unknown as { portal: Window | null }).portal = window.open(url)), `${portal.origin}/?m=${await newMeeting()}`)]);
    await popup.getByRole('status').filter({ hasText: 'In the meeting as attendee' }).waitFor();
    const identity = (await eventNamed(popup, 'meeting-joined'))!.data.identity as string;
    await waitFor('the mic published', async () => (await micMutedAtLivekit(identity)) === false);
    const warned = popup.waitForEvent('console', { predicate: (m) => m.text().includes(`ignored a command from ${stranger.origin}`) });
    await page.evaluate(() => {
      const portalWindow = (window as unknown as { portal: Window }).portal;
      portalWindow.frames[0]!.postMessage({ v: 1, type: 'command', id: 'evil-1', name: 'toggleMic', args: [false] }, '*');
    });
    await warned;
    assert.equal(await popup.evaluate('meeting.toggleMic(true)'), true, 'the portal itself still commands the frame, and the mic is on');
    assert.equal(await micMutedAtLivekit(identity), false, 'LiveKit holds the mic unmuted');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { received: unknown[] }).received), [], 'the stranger got no answer');
  });
});
