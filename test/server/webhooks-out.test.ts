import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eventually } from '../support/eventually.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const receiver = startWebhookReceiver;

describe('outgoing webhooks (SPEC M10)', () => {
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let server: TestServer;

  before(async () => {
    hooks = await receiver([]);
    server = await startTestServer({ env: { MEETING_CALLBACK_URL: hooks.url, WEBHOOK_RETRY_DELAYS_MS: '50,100,150,200,250' } });
  });
  after(async () => {
    await server.stop();
    await hooks.close();
  });

  test('a receiver that fails twice then succeeds gets the event exactly once more, signed', async () => {
    hooks.deliveries.length = 0;
    hooks.script.push(500, 503);
    const start = Date.now() + 3600_000;
    const m = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 3, subject: 'Hooked', startTime: start, endTime: start + 60_000 })).body.ret;
    assert.equal((await callApi(server.url, server.services.devTenant, '/v2/meeting/cancel', { meetingUniqueId: m.meetingUniqueId })).body.code, 200);
    await eventually('delivery accepted', () => hooks.deliveries.some((d) => d.answered === 200));
    // Longer than every retry delay together: nothing more may come.
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(hooks.deliveries.map((d) => d.answered), [500, 503, 200]);
    const bodies = new Set(hooks.deliveries.map((d) => d.body));
    assert.equal(bodies.size, 1, 'every attempt carries the same event');

    const last = hooks.deliveries[2]!;
    const message = JSON.parse(last.body);
    assert.equal(message.msgType, 2);
    assert.equal(message.msgBody.meetingUniqueId, m.meetingUniqueId);
    assert.equal(message.msgBody.meetingId, m.meetingId);
    assert.equal(message.msgBody.subject, 'Hooked');
    assert.equal(message.msgBody.reserveStartTime, start);
    const { appkey, nonce, curtime, checksum, signature } = last.headers as Record<string, string>;
    const secret = server.services.devTenant.appSecret;
    assert.equal(appkey, server.services.devTenant.appKey);
    const md5 = createHash('md5').update(last.body).digest('hex');
    assert.equal(checksum, createHash('sha1').update(secret + nonce + curtime + md5).digest('hex'));
    const bodyHash = createHash('sha256').update(last.body).digest('hex');
    assert.equal(signature, createHmac('sha256', secret).update(['meeting-room-webhook', 'POST', '/hooks/meeting', bodyHash, curtime, nonce].join('\n')).digest('hex'));
    assert.ok(Math.abs(Number(curtime) - Date.now()) < 60_000);
  });

  test('ending a live meeting by API with recycle reports "ended" (reason 4) then "recycled"', async () => {
    hooks.deliveries.length = 0;
    const m = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Ends' })).body.ret;
    await callApi(server.url, server.services.devTenant, '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: m.meetingUniqueId, recycle: true });
    await eventually('two deliveries', () => hooks.deliveries.length >= 2);
    const messages = hooks.deliveries.map((d) => JSON.parse(d.body)).filter((x) => x.msgBody.meetingUniqueId === m.meetingUniqueId);
    assert.deepEqual(messages.map((x) => x.msgType), [3, 4]);
    assert.equal(messages[0].msgBody.reason, 4);
  });

  test('after the last retry the event is marked failed, not retried forever', async () => {
    hooks.deliveries.length = 0;
    hooks.script.push(500, 500, 500, 500, 500, 500, 500);
    const m = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Doomed' })).body.ret;
    await callApi(server.url, server.services.devTenant, '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: m.meetingUniqueId });
    await eventually('failed', async () => !!(await server.db.selectFrom('webhook_outbox').select('failed_at').where('failed_at', 'is not', null).executeTakeFirst()));
    assert.equal(hooks.deliveries.length, 6, '1 attempt + 5 retries');
    hooks.script.length = 0;
  });
});

describe('webhooks survive a restart', () => {
  test('the server stops mid-retry; after a restart the event still arrives', async () => {
    const hooks = await receiver([500]);
    const dataDir = await mkdtemp(join(tmpdir(), 'meeting-restart-'));
    const env = { MEETING_CALLBACK_URL: hooks.url, WEBHOOK_RETRY_DELAYS_MS: '1500,1500,1500,1500,1500' };
    let server = await startTestServer({ env, dataDir });
    try {
      const m = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Restart' })).body.ret;
      await callApi(server.url, server.services.devTenant, '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: m.meetingUniqueId });
      await eventually('first, failed attempt', () => hooks.deliveries.length === 1);
      await server.stop();
      assert.equal(hooks.deliveries.length, 1);
      server = await startTestServer({ env, dataDir });
      await eventually('delivery after restart', () => hooks.deliveries.some((d) => d.answered === 200));
      const message = JSON.parse(hooks.deliveries.at(-1)!.body);
      assert.equal(message.msgType, 3);
      assert.equal(message.msgBody.meetingUniqueId, m.meetingUniqueId);
    } finally {
      await server.stop();
      await hooks.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
