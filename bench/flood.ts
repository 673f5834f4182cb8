/**
 * Abuse under load (issue 10, items 2 and 3): an unrelated meeting's join latency and a host action's
 * latency, quiet and then during a 1,500-join flood on another meeting plus 100 waiting-room streams
 * on one ticket; medians and their ratio (goal ≤ 1.5). The server runs in-process on loopback with
 * PGlite and FakeLivekit (no livekit-server: the figures are the meeting server's own share), the
 * flood from 1,500 distinct client addresses (TRUST_PROXY=loopback, X-Forwarded-For), so that the
 * per-meeting limits, not the per-client one, are what holds it back.
 * `node --import tsx bench/flood.ts` (BENCH_SAMPLES sets the samples per phase, default 30).
 */
import { randomBytes } from 'node:crypto';
import { FakeLivekit } from '../test/support/fake-livekit.js';
import { signedWebhook } from '../test/support/livekit-webhook.js';
import { callApi } from '../test/support/signed.js';
import { startTestServer } from '../test/support/test-server.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const FLOOD_JOINS = 1_500;
const FLOOD_IN_FLIGHT = 50;
const STREAMS = 100;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const server = await startTestServer({ livekitAdmin: new FakeLivekit(), env: { TRUST_PROXY: 'loopback' } });
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return (await res.json()) as { code: number; msg: string; ret?: any };
};
const create = async (extra: Record<string, unknown> = {}) => (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Bench', ...extra })).body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string };
const timed = async (f: () => Promise<{ code: number; msg: string }>) => {
  const t = performance.now();
  const r = await f();
  if (r.code !== 200) throw new Error(`bench call refused: ${r.code} ${r.msg}`);
  return performance.now() - t;
};

try {
  const quiet = await create();
  const victim = await create({ waitingRoom: true });
  const host = (await post('/api/join', { code: quiet.meetingId, ...Object.fromEntries(new URL(quiet.hostLink).searchParams), name: 'Host', gk: randomBytes(16).toString('base64url') })).ret as { token: string; identity: string };
  const row = (await server.services.meetings.findById(quiet.meetingUniqueId))!;
  const { apiKey, apiSecret } = server.config.livekit;
  const signed = await signedWebhook(apiKey, apiSecret, { event: 'participant_joined', id: 'EV_bench_host', createdAt: Math.floor(Date.now() / 1000), room: { name: row.room_name }, participant: { identity: host.identity, sid: 'PA_bench_host' } });
  await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: signed.authorization }, body: signed.body });

  let locked = false;
  const sample = async () => {
    const join: number[] = [];
    const action: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      join.push(await timed(() => post('/api/join', { code: quiet.meetingId, name: `Guest ${i}`, gk: randomBytes(12).toString('base64url') })));
      locked = !locked;
      action.push(await timed(() => post(`/api/meetings/${quiet.meetingUniqueId}/control`, { action: 'muteAll', allowSelfOn: locked }, { Authorization: `Bearer ${host.token}` })));
    }
    return { join, action };
  };

  const before = await sample();

  // 100 streams on one waiting ticket of the victim meeting (each from its own address: the per-ticket limit holds them).
  const ticket = (await post('/api/join', { code: victim.meetingId, name: 'Waiter' }, { 'X-Forwarded-For': '198.18.0.1' })).ret.waitingTicket as string;
  const aborts = Array.from({ length: STREAMS }, () => new AbortController());
  const streams = aborts.map((a, i) =>
    fetch(new URL(`/api/join/wait?ticket=${ticket}`, server.url), { headers: { 'X-Forwarded-For': `198.18.1.${i}` }, signal: a.signal })
      .then((r) => r.text())
      .catch(() => ''),
  );
  const answers = new Map<number, number>();
  let next = 0;
  let flooding = true;
  const flood = Promise.all(
    Array.from({ length: FLOOD_IN_FLIGHT }, async () => {
      while (next < FLOOD_JOINS) {
        const i = next++;
        const r = await post('/api/join', { code: victim.meetingId, name: `Flood ${i}` }, { 'X-Forwarded-For': `198.19.${i >> 8}.${i & 255}` });
        answers.set(r.code, (answers.get(r.code) ?? 0) + 1);
      }
    }),
  ).finally(() => (flooding = false));
  const during = await sample();
  const floodStillRunning = flooding;
  await flood;
  for (const a of aborts) a.abort();
  const refusedStreams = (await Promise.all(streams)).filter((t) => t.includes('"code":510')).length;

  const line = (what: string, a: number[], b: number[]) =>
    `${what}: quiet median ${median(a).toFixed(1)} ms, under flood ${median(b).toFixed(1)} ms, ratio of medians ${(median(b) / median(a)).toFixed(2)}`;
  console.log(line('unrelated meeting join', before.join, during.join));
  console.log(line('host action (muteAll)', before.action, during.action));
  console.log(`flood answers: ${[...answers].map(([code, n]) => `${code}×${n}`).join(', ')}; flood ${floodStillRunning ? 'outlasted' : 'ended before the end of'} the measurement; streams refused 510: ${refusedStreams}/${STREAMS}`);
} finally {
  await server.stop();
}
