/**
 * Abuse under load (issue 10, items 2 and 3): an unrelated meeting's join latency and a host action's
 * latency, quiet and then during a 1,500-join flood on another meeting plus 100 waiting-room streams
 * on one ticket; medians and their ratio (goal ≤ 1.5). Three processes on loopback, as in life: the
 * server (bench/flood-server.ts: PGlite and FakeLivekit, no livekit-server, so the figures are the
 * meeting server's own share), the attacker (bench/flood-attacker.ts: each request from its own
 * address, TRUST_PROXY=loopback, so that the per-meeting limits, not the per-client one, hold it
 * back), and this one, which times the measured requests. Floods (each on its own victim meeting)
 * and quiet phases as long alternate for BENCH_ROUNDS rounds (default 3); under flood, only
 * requests that ended before the flood did count.
 * `node --import tsx bench/flood.ts` (BENCH_SAMPLES: quiet samples in all, default 30;
 * BENCH_CPU_PROF=dir writes the server's CPU profile there).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import type { FloodOrder, FloodReport } from './flood-attacker.js';
import type { FloodSetup } from './flood-server.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const order = { joins: 1_500, inFlight: 50, streams: 100 };
const PACE_MS = 150;
const GUESTS = Array.from({ length: 200 }, () => randomBytes(12).toString('base64url'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const child = (file: string, execArgv: string[] = []) => fork(join(import.meta.dirname, file), { execArgv: ['--import', 'tsx', ...execArgv] });
const message = async <T>(proc: ChildProcess) => (await once(proc, 'message'))[0] as T;

const profile = process.env.BENCH_CPU_PROF;
const serverProc = child('flood-server.ts', profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
try {
  const setup = await message<FloodSetup>(serverProc);
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(path, setup.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return (await res.json()) as { code: number; msg: string };
  };
  /** A measured call's milliseconds, or undefined when `counts` says it ended outside the phase. */
  const timed = async (f: () => Promise<{ code: number; msg: string }>, counts: () => boolean) => {
    const t = performance.now();
    const r = await f();
    if (r.code !== 200) throw new Error(`bench call refused: ${r.code} ${r.msg}`);
    const ms = performance.now() - t;
    return counts() ? ms : undefined;
  };
  let locked = false;
  let n = 0;
  /** Pairs of (unrelated join, host action) while `more()` holds, keeping those `counts()` accepts at their end. */
  const sample = async (more: () => boolean, counts: () => boolean) => {
    const joins: number[] = [];
    const actions: number[] = [];
    const keep = (xs: number[], ms: number | undefined) => ms !== undefined && xs.push(ms);
    while (more()) {
      const i = n++;
      // Paced below the quiet meeting's own join limit (600 a minute).
      const next = performance.now() + PACE_MS;
      // The measured joins come from a pool of guests, each from their own address: the quiet meeting
      // stays under its cap of people admitted but not connected (PENDING_ADMISSIONS_MAX).
      const guest = i % GUESTS.length;
      const join = { code: setup.quiet.meetingId, name: `Guest ${guest}`, gk: GUESTS[guest] };
      keep(joins, await timed(() => post('/api/join', join, { 'X-Forwarded-For': `192.0.2.${guest}` }), counts));
      locked = !locked;
      const action = { action: 'muteAll', allowSelfOn: locked };
      keep(actions, await timed(() => post(`/api/meetings/${setup.quiet.meetingUniqueId}/control`, action, { Authorization: `Bearer ${setup.quiet.hostToken}` }), counts));
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
    return { joins, actions };
  };

  // Warm up (JIT, connections) before anything counts.
  let warmLeft = 10;
  await sample(() => warmLeft-- > 0, () => false);
  // Floods and quiet phases alternate, each quiet phase as long as the flood before it (and at
  // least its share of BENCH_SAMPLES), so that the machine's changing load touches both alike.
  const quiet = { joins: [] as number[], actions: [] as number[] };
  const flooded = { joins: [] as number[], actions: [] as number[] };
  const floods: Extract<FloodReport, { answers: unknown }>[] = [];
  for (const [round, code] of setup.victimCodes.entries()) {
    const attacker = child('flood-attacker.ts');
    attacker.send({ url: setup.url, code, round, ...order } satisfies FloodOrder);
    await message<FloodReport>(attacker);
    let flooding = true;
    const floodStart = performance.now();
    const report = message<Extract<FloodReport, { answers: unknown }>>(attacker).finally(() => (flooding = false));
    const f = await sample(() => flooding, () => flooding);
    floods.push(await report);
    const quietUntil = performance.now() + (performance.now() - floodStart);
    let quietLeft = Math.ceil(SAMPLES / setup.victimCodes.length);
    const q = await sample(() => quietLeft-- > 0 || performance.now() < quietUntil, () => true);
    for (const [into, from] of [
      [quiet, q],
      [flooded, f],
    ] as const) {
      into.joins.push(...from.joins);
      into.actions.push(...from.actions);
    }
  }

  const line = (what: string, a: number[], b: number[]) =>
    `${what}: quiet median ${median(a).toFixed(1)} ms (${a.length} samples), under flood ${median(b).toFixed(1)} ms (${b.length} samples), ratio of medians ${(median(b) / median(a)).toFixed(2)}`;
  console.log(line('unrelated meeting join', quiet.joins, flooded.joins));
  console.log(line('host action (muteAll)', quiet.actions, flooded.actions));
  for (const { answers, refusedStreams, floodMs } of floods) {
    const codes = Object.entries(answers).map(([code, count]) => `${code}×${count}`);
    console.log(`flood: ${order.joins} joins in ${(floodMs / 1000).toFixed(1)} s, answers ${codes.join(', ')}; streams refused 510: ${refusedStreams}/${order.streams}`);
  }
} finally {
  serverProc.disconnect();
  await once(serverProc, 'exit');
}
