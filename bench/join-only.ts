/**
 * Bench section 2 alone (join latency), for working on the join: N joins each (BENCH_JOINS, 8 by
 * default), and the median of every `performance.mark` the pages set after the click.
 *   npm run build && flock /tmp/e2e.lock npx node --import tsx scripts/in-netns.ts npx node --import tsx bench/join-only.ts
 */
import { joinLatency } from './join-latency.js';
import { startStack } from '../test/support/stack.js';

const JOINS = Number(process.env.BENCH_JOINS ?? 8);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function medianMarks(runs: Array<Record<string, number>>): string {
  const names = new Set(runs.flatMap((m) => Object.keys(m)));
  return [...names]
    .map((name) => [name, median(runs.flatMap((m) => (name in m ? [m[name]!] : [])))] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([name, ms]) => `  ${name.padEnd(28)} ${ms.toFixed(0)} ms`)
    .join('\n');
}

const stack = await startStack({ withTestHost: true });
try {
  const { ours, bare, marks } = await joinLatency(stack, JOINS);
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
  console.log(`meeting-room: ${fmt(ours)}\n${medianMarks(marks.ours)}`);
  console.log(`bare livekit-client: ${fmt(bare)}\n${medianMarks(marks.bare)}`);
  console.log(`ratio of medians: ${(median(ours) / median(bare)).toFixed(2)}`);
} finally {
  await stack.stop();
}
