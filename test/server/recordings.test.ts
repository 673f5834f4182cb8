import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { envelopeSchema } from '../../src/protocol/responses.js';
import { recordingFileSchema } from '../../src/protocol/recordings.js';
import { z } from 'zod';
import { eventually } from '../support/eventually.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let server: TestServer;

before(async () => {
  hooks = await startWebhookReceiver();
  server = await startTestServer({ env: { MEETING_CALLBACK_URL: hooks.url } });
});
after(async () => {
  await server.stop();
  await hooks.close();
});

const file = { filename: 'meeting-1.mp4', md5: 'd41d8cd98f00b204e9800998ecf8427e', size: 1_234_567, type: 'mp4', url: 'https://files.example.test/meeting-1.mp4', mix: 1 as const, pieceIndex: 0 };

test('recordings: listed per meeting, reported by webhook 7, deletable, exported and imported', async () => {
  const tenant = server.services.devTenant;
  const m = (await callApi(server.url, tenant, '/v2/meeting/create', { type: 1, subject: 'Recorded' })).body.ret;
  const empty = await callApi(server.url, tenant, '/v2/meeting/record/list', { meetingUniqueId: m.meetingUniqueId });
  assert.deepEqual(empty.body.ret, []);
  await server.services.recordings.add(tenant.id, m.meetingUniqueId, file);
  await server.services.recordings.add(tenant.id, m.meetingUniqueId, { ...file, filename: 'alice.webm', type: 'webm', mix: 2, accountId: 'alice', pieceIndex: 1 });
  const listed = await callApi(server.url, tenant, '/v2/meeting/record/list', { meetingUniqueId: m.meetingUniqueId });
  assert.ok(envelopeSchema(z.array(recordingFileSchema)).safeParse(listed.body).success);
  assert.deepEqual(listed.body.ret[0], file);
  assert.equal(listed.body.ret[1].accountId, 'alice');

  await eventually('two recording-ready webhooks', () => hooks.deliveries.filter((d) => d.message.msgType === 7).length >= 2);
  const ready = hooks.deliveries.map((d) => d.message).filter((r) => r.msgType === 7);
  assert.equal(ready.length, 2);
  assert.deepEqual(ready[0]!.msgBody.fileInfo, file);
  assert.equal(ready[0]!.msgBody.meetingId, m.meetingId);

  const doc = (await callApi(server.url, tenant, '/v1/tenant/export', {})).body.ret;
  assert.equal(doc.recordings.filter((r: { meetingUniqueId: number }) => r.meetingUniqueId === m.meetingUniqueId).length, 2);

  assert.equal((await callApi(server.url, tenant, '/v2/meeting/record/delete', { meetingUniqueId: m.meetingUniqueId, filename: 'alice.webm' })).body.code, 200);
  assert.equal((await callApi(server.url, tenant, '/v2/meeting/record/delete', { meetingUniqueId: m.meetingUniqueId, filename: 'alice.webm' })).body.code, 300);
  assert.equal((await callApi(server.url, tenant, '/v2/meeting/record/list', { meetingUniqueId: m.meetingUniqueId })).body.ret.length, 1);
  assert.equal((await callApi(server.url, tenant, '/v2/meeting/record/list', { meetingUniqueId: 987654 })).body.code, 2000);
});
