import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DemoPortal } from '../../scripts/demo-portal.js';
import { freePort } from '../../scripts/livekit.js';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/page-helpers.js';

// The host console and the demo portal (issue 11 parts 8 and 10), on the real server with
// livekit-server and Chromium; the portal is another origin (another loopback port).
let stack: Stack;
let portal: DemoPortal;

before(async () => {
  const portalPort = await freePort();
  stack = await startStack({ env: { EMBED_ORIGINS: `http://127.0.0.1:${portalPort}` } });
  const { appKey, appSecret } = stack.server.services.devTenant;
  portal = new DemoPortal({ port: portalPort, host: '127.0.0.1', meetingServer: stack.server.url, appKey, appSecret });
  await portal.start();
});
after(async () => {
  await portal?.stop();
  await stack?.stop();
});

const signed = (path: string, body: unknown) => callApi(stack.server.url, stack.server.services.devTenant, path, body);

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.goto(new URL('/console?lang=en', stack.server.url).toString());
  await page.locator('meeting-console-login input[name=name]').fill(name);
  await page.locator('meeting-console-login input[name=password]').fill(password);
  await page.locator('meeting-console-login button[type=submit]').click();
  await page.getByRole('tab', { name: 'Meetings', exact: true }).waitFor();
}

describe('host console', () => {
  test('sign in, create a meeting, see it listed, copy its guest link, cancel it', async () => {
    assert.equal((await signed('/v1/user/add', { name: 'console-host', password: 'correct horse', displayName: 'Connie Host' })).body.code, 200);
    const page = await stack.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.server.url });
    await signIn(page, 'console-host', 'correct horse');
    assert.match((await page.locator('meeting-console .who').textContent()) ?? '', /Connie Host/);

    const form = page.locator('meeting-console-meeting-form');
    await form.locator('select[name=type]').selectOption('3');
    await form.locator('input[name=subject]').fill('E2E standup');
    await form.locator('input[name=startTime]').fill('2030-05-01T09:00');
    await form.locator('input[name=endTime]').fill('2030-05-01T09:30');
    await form.locator('input[name=waitingRoom]').check();
    await form.getByRole('button', { name: 'Create meeting' }).click();
    const row = page.locator('meeting-console-meetings tbody tr', { hasText: 'E2E standup' });
    await row.waitFor();
    const code = ((await row.locator('code').textContent()) ?? '').trim();
    assert.match(code, /^\d{9}$/);

    // The server has it as the person's own scheduled meeting, with what the form said.
    const listed = await signed('/v2/meeting/list', { meetingId: code });
    const stored = listed.body.ret.meetings[0];
    assert.equal(stored.type, 3);
    assert.equal(stored.waitingRoom, true);
    assert.equal(stored.startTime, await page.evaluate(() => new Date('2030-05-01T09:00').getTime()));

    await row.getByRole('button', { name: /^Copy guest link/ }).click();
    await page.locator('meeting-console-meetings [role=status]', { hasText: 'Guest link copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, stored.guestLink);
    assert.equal(new URL(copied).searchParams.get('code'), code);

    await row.getByRole('button', { name: /^Cancel meeting/ }).click();
    await row.locator('td', { hasText: 'Cancelled' }).waitFor();
    assert.equal((await signed('/v2/meeting/list', { meetingId: code })).body.ret.meetings[0].status, 4);
    // Nothing secret in the address bar, ever.
    assert.doesNotMatch(page.url(), /SID|sign|password/i);
  });
});

describe('the demo portal on another origin', () => {
  async function joinFromPortal(page: Page, person: string): Promise<void> {
    await page.goto(`${portal.url}/`);
    await page.locator('li', { hasText: person }).getByRole('link', { name: /^Join the all-hands/ }).click();
    await page.locator('meeting-prejoin button.join:not([disabled])').click();
    await page.locator('meeting-video-grid').waitFor();
  }

  test("portal sign-on lands each person with the portal's name and role, and no sign left in the address", async () => {
    const host = await stack.newPage();
    await joinFromPortal(host, 'Li Lei');
    assert.equal(new URL(host.url()).origin, portal.url);
    assert.equal(await host.locator('[data-my-role]').getAttribute('data-my-role'), 'host');
    assert.equal(new URL(host.url()).searchParams.get('sign'), null);
    const member = await stack.newPage();
    await joinFromPortal(member, 'Han Meimei');
    assert.equal(await member.locator('[data-my-role]').getAttribute('data-my-role'), 'attendee');
    const names = async (page: Page) => page.evaluate(() => (document.querySelector('meeting-room') as unknown as { snapshot: { participants: Array<{ name: string }> } }).snapshot.participants.map((p) => p.name).sort());
    await waitFor('both portal people in the meeting under their portal names', async () => JSON.stringify(await names(host)) === JSON.stringify(['Han Meimei', 'Li Lei']));
  });

  test('the portal frames the meeting with the helper: its person joins under the portal name, and its mic button mutes through postMessage', async () => {
    const page = await stack.newPage();
    await page.goto(`${portal.url}/`);
    await page.locator('li', { hasText: 'Han Meimei' }).getByRole('link', { name: /^Join in an iframe/ }).click();
    const frame = page.frameLocator('iframe');
    await frame.locator('meeting-prejoin button.join:not([disabled])').click();
    await page.getByRole('log').getByText(/^In the meeting as attendee/).waitFor();
    await page.getByRole('button', { name: /^Microphone/ }).click();
    await page.getByRole('status').filter({ hasText: 'Microphone off' }).waitFor();
    const me = await frame.locator('meeting-video-tile[source=camera]').first();
    await waitFor('the frame shows the portal name, muted', async () => (await me.locator('.name').textContent())?.startsWith('Han Meimei') === true && (await me.getAttribute('data-mic')) === 'off');
  });

  test('the portal signs its people in to the host console too (/v1/sso/login), without a password here', async () => {
    const page = await stack.newPage();
    await page.goto(`${portal.url}/`);
    await page.locator('li', { hasText: 'Han Meimei' }).getByRole('link', { name: /^Open the host console/ }).click();
    await page.getByRole('tab', { name: 'Meetings', exact: true }).waitFor();
    assert.match((await page.locator('meeting-console .who').textContent()) ?? '', /Han Meimei/);
    assert.equal(new URL(page.url()).hash, '', 'the one-time sign is gone from the address');
    // Not an admin: no users tab.
    assert.equal(await page.getByRole('tab', { name: 'Users' }).count(), 0);
  });
});
