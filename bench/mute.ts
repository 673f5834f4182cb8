/**
 * Only the host-action benchmark of bench/run.ts (the same `muteLatency`, on the same stack), printed
 * rather than written to RESULTS.md: `node --import tsx scripts/in-netns.ts node --import tsx bench/mute.ts`
 * (under `flock /tmp/e2e.lock`). BENCH_ROUNDS sets the rounds (default 10).
 */
import { dispose } from '@livekit/rtc-node';
import { startStack } from '../test/support/stack.js';
import { muteLatency } from './host-actions.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

const stack = await startStack({ withTestHost: true });
try {
  const m = await muteLatency(stack, ROUNDS);
  for (const seen of ['target', 'observer'] as const) {
    const ours = m.ours[seen];
    const direct = m.direct[seen];
    console.log(
      `${seen}: ours median ${median(ours)} ms p95 ${p95(ours)} ms; direct median ${median(direct)} ms p95 ${p95(direct)} ms; ratio of medians ${(median(ours) / median(direct)).toFixed(2)}`,
    );
  }
} finally {
  await stack.stop();
  await dispose();
}
