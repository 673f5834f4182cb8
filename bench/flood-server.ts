/**
 * The flood bench's server process (bench/flood.ts forks it): the meeting server on loopback with
 * PGlite and FakeLivekit, TRUST_PROXY=loopback so that each flood request can name its own address.
 * It sets up the quiet meeting (a host present, by a signed webhook) and a victim meeting (a
 * waiting room) per round, sends their coordinates to the parent, and stops when the parent disconnects.
 */
import { randomBytes } from 'node:crypto';
import { FakeLivekit } from '../test/support/fake-livekit.js';
import { signedWebhook } from '../test/support/livekit-webhook.js';
import { callApi } from '../test/support/signed.js';
import { startTestServer } from '../test/support/test-server.js';

export interface FloodSetup {
  url: string;
  quiet: { meetingId: string; meetingUniqueId: number; hostToken: string };
  /** One victim meeting per flood round. */
  victimCodes: string[];
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const server = await startTestServer({ livekitAdmin: new FakeLivekit(), env: { TRUST_PROXY: 'loopback' } });
const create = async (extra: Record<string, unknown> = {}) =>
  (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Bench', ...extra })).body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string };

const quiet = await create();
const victims = [];
for (let i = 0; i < ROUNDS; i++) victims.push(await create({ waitingRoom: true }));
const joined = await fetch(new URL('/api/join', server.url), {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ code: quiet.meetingId, ...Object.fromEntries(new URL(quiet.hostLink).searchParams), name: 'Host', gk: randomBytes(16).toString('base64url') }),
});
const host = ((await joined.json()) as { ret: { token: string; identity: string } }).ret;
const row = (await server.services.meetings.findById(quiet.meetingUniqueId))!;
const { apiKey, apiSecret } = server.config.livekit;
const signed = await signedWebhook(apiKey, apiSecret, { event: 'participant_joined', id: 'EV_bench_host', createdAt: Math.floor(Date.now() / 1000), room: { name: row.room_name }, participant: { identity: host.identity, sid: 'PA_bench_host' } });
await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: signed.authorization }, body: signed.body });

process.once('disconnect', () => void server.stop().then(() => process.exit(0)));
process.send!({ url: server.url, quiet: { meetingId: quiet.meetingId, meetingUniqueId: quiet.meetingUniqueId, hostToken: host.token }, victimCodes: victims.map((v) => v.meetingId) } satisfies FloodSetup);
