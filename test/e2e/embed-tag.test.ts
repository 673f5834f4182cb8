import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Route } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { projectRoot } from '../support/test-server.js';
import { joinFromLink, ownIdentity, tileOf, videoFrames, waitFor } from '../support/page-helpers.js';
import { freePort } from '../../scripts/livekit.js';

/**
 * The README's tag on other sites (issue 11 part 1): origins differ by port on loopback. A portal the
 * dev tenant allows loads the bundle from the meeting server and joins; a site it does not allow,
 * even with its own copy of the bundle, is told why on the element (2120).
 */
let stack: Stack;
let allowed: Site;
let stranger: Site;
let portalPort: number;

interface Site {
  origin: string;
  /** The page body the site serves at `/`. */
  body: string;
  server: Server;
}

/** A website of its own origin: `/` is `site.body`; `/own/…` a self-hosted copy of the build (the bundle and its chunks). */
async function startSite(port: number): Promise<Site> {
  const site: Site = { origin: `http://127.0.0.1:${port}`, body: '', server: createServer() };
  site.server.on('request', (req, res) => {
    const own = /^\/own\/((?:chunks\/)?[\w.-]+\.js)$/.exec(req.url ?? '');
    if (own) {
      readFile(join(projectRoot, 'dist', 'assets', own[1]!)).then(
        (body) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
        () => res.writeHead(404).end(),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(site.body);
  });
  site.server.listen(port, '127.0.0.1');
  await once(site.server, 'listening');
  return site;
}

/** The README's snippet, with this run's server and meeting. */
const snippet = (bundleSrc: string, server: string, code: string, name: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A portal</title>
<script type="module" src="${bundleSrc}"></script>
<style>meeting-room{display:block;height:600px}</style></head>
<body><h1>Portal</h1>
<meeting-room server="${server}" code="${code}" display-name="${name}"></meeting-room>
</body></html>`;

before(async () => {
  portalPort = await freePort();
  stack = await startStack({ env: { EMBED_ORIGINS: `http://127.0.0.1:${portalPort}` } });
  allowed = await startSite(portalPort);
  stranger = await startSite(await freePort());
});
after(async () => {
  for (const site of [allowed, stranger]) site?.server.close();
  await stack?.stop();
});

async function createMeeting() {
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Embedded' });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret as { meetingId: string; hostLink: string };
}

describe('the tag on another website', () => {
  test("on an allowed portal the README's snippet loads the bundle cross-origin, joins and plays the host's video", async () => {
    const meeting = await createMeeting();
    const host = await stack.newPage();
    await joinFromLink(host, meeting.hostLink, 'Hana Host');
    const hostId = await ownIdentity(host);
    allowed.body = snippet(`${stack.server.url}/assets/meeting-room.js`, stack.server.url, meeting.meetingId, 'Pia Portal');
    const page = await stack.newPage();
    const scripts: string[] = [];
    page.on('request', (req) => void (req.resourceType() === 'script' && scripts.push(new URL(req.url()).pathname)));
    // Issue 11 part 9: the pre-join screen (its preview too) works without livekit-client: held back
    // here until Join is enabled, it is loaded after the pre-join screen is up.
    const held: Route[] = [];
    await page.route('**/assets/chunks/livekit-client.*.js', (route) => void held.push(route));
    await page.goto(`${allowed.origin}/`);
    const join = page.locator('meeting-prejoin button.join:not([disabled])');
    await join.waitFor();
    await page.locator('meeting-prejoin video').waitFor(); // the camera preview, without livekit-client
    await waitFor('livekit-client asked for once the pre-join screen is up', async () => held.length > 0);
    for (const route of held) await route.continue();
    await page.unroute('**/assets/chunks/livekit-client.*.js');
    await join.click();
    const tile = tileOf(page, hostId);
    // Visible, not only attached: a page's own `display: block` and height on the tag keep the layout.
    await tile.waitFor();
    assert.equal(await videoFrames(tile, 15), 15, "the portal page: the host's video frames did not advance");
    const guestId = await ownIdentity(page);
    await waitFor("the host's page shows the portal's guest", async () => (await tileOf(host, guestId).count()) === 1);
    assert.equal(await tileOf(host, guestId).locator('.name').textContent(), 'Pia Portal');
    assert.ok(scripts.some((path) => /^\/assets\/chunks\/livekit-client\.[\w.]+\.js$/.test(path)), `livekit-client came from the meeting server at join: ${scripts.join(', ')}`);
  });

  test('a site the tenant does not allow gets the bundle refused, and with its own copy a typed 2120 on the element', async () => {
    const meeting = await createMeeting();
    const page = await stack.newPage();
    stranger.body = snippet('/own/meeting-room.js', stack.server.url, meeting.meetingId, 'Sam Stranger');
    await page.goto(`${stranger.origin}/`);
    // The meeting server's bundle is not for this origin: no CORS grant, so a module script cannot load it.
    const loaded = await page.evaluate(async (url) => fetch(url).then(() => true, () => false), `${stack.server.url}/assets/meeting-room.js`);
    assert.equal(loaded, false, 'the bundle was readable from a disallowed origin');
    // The refusal may come at the join's preflight, before the pre-join screen; else at the click.
    const screen = page.locator('meeting-room [data-screen=error]');
    const join = page.locator('meeting-prejoin button.join:not([disabled])');
    await screen.or(join).waitFor();
    if (await join.count()) await join.click();
    await screen.waitFor();
    assert.equal(await screen.getAttribute('data-code'), '2120');
    assert.match((await screen.textContent()) ?? '', /may not embed meetings of this organisation/);
    assert.equal(await page.locator('meeting-video-grid').count(), 0, 'nobody was let in');
  });
});
