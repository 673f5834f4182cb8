/**
 * Bench section 2 alone (join latency), for working on the join: N joins each (BENCH_JOINS, 8 by
 * default) in each click mode (BENCH_MODES: `warm,asap` by default, or `rejoin`), and the median of every
 * `performance.mark` the pages set after the click (BENCH_PC_MARKS=1: the peer connections' steps too).
 *   npm run build && flock /tmp/e2e.lock npx node --import tsx scripts/in-netns.ts npx node --import tsx bench/join-only.ts
 */
import { joinLatency, type ClickMode } from './join-latency.js';
import { startStack } from '../test/support/stack.js';

const JOINS = Number(process.env.BENCH_JOINS ?? 8);
const MODES = (process.env.BENCH_MODES ?? 'warm,asap').split(',') as ClickMode[];

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
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
  const summary: string[] = [];
  for (const mode of MODES) {
    const { ours, bare, open, marks } = await joinLatency(stack, JOINS, console.log, mode);
    console.log(`${mode}: meeting-room click → frame ${fmt(ours)}\n${medianMarks(marks.ours)}`);
    console.log(`${mode}: bare livekit-client click → frame ${fmt(bare)}\n${medianMarks(marks.bare)}`);
    summary.push(`${mode}: click → frame ${median(ours).toFixed(0)} vs ${median(bare).toFixed(0)} ms, ratio ${(median(ours) / median(bare)).toFixed(2)}`);
    if (open.ours.length) summary.push(`${mode}: page open → frame ${median(open.ours).toFixed(0)} vs ${median(open.bare).toFixed(0)} ms, ratio ${(median(open.ours) / median(open.bare)).toFixed(2)}`);
  }
  console.log(summary.join('\n'));
} finally {
  await stack.stop();
}
