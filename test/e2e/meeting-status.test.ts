import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { joinFromLink, ownIdentity, waitFor } from '../support/page-helpers.js';
import { startStack, type Stack } from '../support/stack.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let stack: Stack;
const received = () => hooks.deliveries.map((d) => d.message);

before(async () => {
  hooks = await startWebhookReceiver();
  stack = await startStack({ env: { MEETING_CALLBACK_URL: hooks.url } });
});
after(async () => {
  await stack?.stop();
  await hooks?.close();
});

test('ending a meeting by API disconnects everyone; the webhooks tell the whole story', async () => {
  const tenant = stack.server.services.devTenant;
  const m = (await callApi(stack.server.url, tenant, '/v2/meeting/create', { type: 1, subject: 'End by API' })).body.ret;
  const host = await stack.newPage();
  const guest = await stack.newPage();
  await joinFromLink(host, m.hostLink, 'Host');
  await joinFromLink(guest, m.guestLink, 'Guest');
  const ids = [await ownIdentity(host), await ownIdentity(guest)];
  await waitFor('both joins reported', async () => received().filter((r) => r.msgType === 5).length === 2);

  const status = await callApi(stack.server.url, tenant, '/v1/ops/status', {});
  assert.equal(status.body.code, 200, status.body.msg);
  assert.deepEqual(status.body.ret.meetings.find((x: { meetingUniqueId: number }) => x.meetingUniqueId === m.meetingUniqueId)?.participants, 2);
  assert.ok(status.body.ret.nodes[0].participants >= 2);

  // The operator's stop (SPEC M12): the same end as deleteByMeetingUniqueId, reason 4.
  assert.equal((await callApi(stack.server.url, tenant, '/v1/ops/stopMeeting', { meetingUniqueId: m.meetingUniqueId })).body.code, 200);
  for (const page of [host, guest]) {
    await page.locator('[data-screen=left]').waitFor();
    assert.match((await page.locator('[data-screen=left]').textContent()) ?? '', /meeting has ended/);
  }
  assert.equal((await callApi(stack.server.url, tenant, '/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret.status, 3);

  await waitFor('both leaves reported', async () => received().filter((r) => r.msgType === 6).length === 2);
  const mine = received().filter((r) => r.msgBody.meetingUniqueId === m.meetingUniqueId);
  assert.equal(mine[0]!.msgType, 1, 'room started first');
  assert.deepEqual(new Set(mine.filter((r) => r.msgType === 5).map((r) => r.msgBody.roomUid)), new Set(ids));
  assert.deepEqual(new Set(mine.filter((r) => r.msgType === 6).map((r) => r.msgBody.roomUid)), new Set(ids));
  const ended = mine.filter((r) => r.msgType === 3);
  assert.equal(ended.length, 1, 'ended once, even though LiveKit also reports the room finished');
  assert.equal(ended[0]!.msgBody.reason, 4);
});
