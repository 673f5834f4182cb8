import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { callApi } from '../support/signed.js';
import { startStack, type Stack } from '../support/stack.js';
import { joinFromLink, ownIdentity, tileOf, videoFrames } from '../support/page-helpers.js';

/** Issue 10, items 5 and 16, in a real browser: the join page works under its CSP, and drops the link's secrets. */
let stack: Stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

/** A page that records every Content-Security-Policy violation it meets. */
async function watchedPage(): Promise<Page> {
  const page = await stack.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return page;
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('host and guest meet under the CSP with no violation, and the host link leaves no proof in the address bar', async () => {
  const meeting = (await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'CSP e2e' })).body.ret as { hostLink: string; guestLink: string };
  assert.match(meeting.hostLink, /[?&]hk=/);
  const host = await watchedPage();
  const guest = await watchedPage();
  await joinFromLink(host, meeting.hostLink, 'Hana Host');
  await joinFromLink(guest, meeting.guestLink, 'Gus Guest');
  assert.equal(await host.locator('[data-my-role]').getAttribute('data-my-role'), 'host');
  assert.equal(await videoFrames(tileOf(host, await ownIdentity(guest)), 15), 15, "host page: guest's video did not play");
  assert.equal(await videoFrames(tileOf(guest, await ownIdentity(host)), 15), 15, "guest page: host's video did not play");
  assert.deepEqual(await violations(host), []);
  assert.deepEqual(await violations(guest), []);
  const address = new URL(host.url());
  assert.equal(address.searchParams.get('hk'), null, 'hk still in the address bar');
  assert.equal(address.searchParams.get('exp'), null, 'exp still in the address bar');
  assert.equal(address.searchParams.get('name'), 'Hana Host');
  assert.ok(address.searchParams.get('code'));
});
