/**
 * Where a Chrome trace's CPU went, for a profile run of bench/scale.ts (BENCH_TRACE=file.json):
 * thread CPU time (`tdur`) of the top-level tasks per renderer thread, and the heaviest event names
 * on the busiest threads. Top-level tasks only, so nested events are not counted twice.
 *
 *   npx node --import tsx bench/trace-summary.ts trace.json [seconds]
 */
import { readFileSync } from 'node:fs';

interface TraceEvent { ph: string; pid: number; tid: number; name: string; cat: string; dur?: number; tdur?: number; args?: { name?: string } }

export function summarizeTrace(json: string, seconds: number): string {
  const parsed = JSON.parse(json) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.ph === 'M' && e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '?');
  }
  const perThread = new Map<string, number>();
  const perName = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.cat.split(',').includes('toplevel')) continue;
    const key = `${processName.get(e.pid) ?? e.pid} ${threadName.get(`${e.pid}:${e.tid}`) ?? e.tid}`;
    const cpu = (e.tdur ?? 0) / 1000;
    perThread.set(key, (perThread.get(key) ?? 0) + cpu);
    const names = perName.get(key) ?? new Map<string, number>();
    names.set(e.name, (names.get(e.name) ?? 0) + cpu);
    perName.set(key, names);
  }
  const lines: string[] = [];
  const sorted = [...perThread].sort((a, b) => b[1] - a[1]);
  for (const [key, ms] of sorted.slice(0, 25)) lines.push(`${(ms / seconds).toFixed(1).padStart(7)} ms/s  ${key}`);
  for (const [key] of sorted.slice(0, 6)) {
    lines.push(`-- ${key}`);
    const names = [...perName.get(key)!].sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [name, ms] of names) lines.push(`${(ms / seconds).toFixed(1).padStart(7)} ms/s    ${name}`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(summarizeTrace(readFileSync(process.argv[2]!, 'utf8'), Number(process.argv[3] ?? 1)));
