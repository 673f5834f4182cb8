/**
 * The flood bench's attacker process (bench/flood.ts forks it), as an attacker would be: its own
 * process, loopback only. It opens `streams` waiting-room streams on one ticket of the victim
 * meeting (each from its own address), tells the parent it starts, sends `joins` joins to the
 * victim meeting, `inFlight` at a time, each from its own address (X-Forwarded-For), then reports
 * the answers.
 */
export interface FloodOrder {
  url: string;
  code: string;
  joins: number;
  inFlight: number;
  streams: number;
  /** Makes this round's addresses its own. */
  round: number;
}

export type FloodReport = { started: true } | { answers: Record<number, number>; refusedStreams: number; floodMs: number };

const order = await new Promise<FloodOrder>((resolve) => process.once('message', (m) => resolve(m as FloodOrder)));
const post = async (body: unknown, address: string) => {
  const res = await fetch(new URL('/api/join', order.url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address }, body: JSON.stringify(body) });
  return (await res.json()) as { code: number; ret?: { waitingTicket?: string } };
};

const ticket = (await post({ code: order.code, name: 'Waiter' }, `198.18.${order.round}.255`)).ret!.waitingTicket!;
const aborts = Array.from({ length: order.streams }, () => new AbortController());
const streams = aborts.map((a, i) =>
  fetch(new URL(`/api/join/wait?ticket=${ticket}`, order.url), { headers: { 'X-Forwarded-For': `198.18.${order.round}.${i}` }, signal: a.signal })
    .then((r) => r.text())
    .catch(() => ''),
);
process.send!({ started: true } satisfies FloodReport);
const started = performance.now();
const answers: Record<number, number> = {};
let next = 0;
await Promise.all(
  Array.from({ length: order.inFlight }, async () => {
    while (next < order.joins) {
      const i = next++;
      const { code } = await post({ code: order.code, name: `Flood ${i}` }, `10.${order.round}.${i >> 8}.${i & 255}`);
      answers[code] = (answers[code] ?? 0) + 1;
    }
  }),
);
const floodMs = performance.now() - started;
for (const a of aborts) a.abort();
const refusedStreams = (await Promise.all(streams)).filter((t) => t.includes('"code":510')).length;
process.send!({ answers, refusedStreams, floodMs } satisfies FloodReport, () => process.exit(0));
