/**
 * Benchmarks (npm run bench; runs inside the test network namespace, loopback only):
 *  1. gzip size of what a join loads (dist/assets/meeting-room.js, its chunks, livekit-client at join) against livekit-client bundled alone (same esbuild settings);
 *  2. join latency, click Join → first remote video frame presented, for <meeting-room> against a
 *     bare livekit-client page (bench/bare-join.ts) doing the same join with the same token kind,
 *     alternated in the same run; medians and their ratio; in both click modes (a warmed page, and
 *     a click as soon as Join is enabled, which also gives page open → first frame);
 *  3. host-action latency: click "Mute" → muted on the target's and an observer's page, against a
 *     direct mutePublishedTrack call (bench/host-actions.ts);
 *  4. the watchdog's windows: a banned client rejoining, a relabelled track (bench/watchdog.ts);
 *  5. file throughput in the chat, a 25 MB file, against livekit-client's sendFile between bare
 *     pages (bench/file-transfer.ts);
 *  6. chat latency, send → shown on the other page, against livekit-client's sendText between bare
 *     pages (bench/chat-messages.ts);
 *  7. 49 people in gallery view: page CPU, heap and the visible videos' frame rate against a bare
 *     page subscribed to all 48 cameras (bench/scale.ts).
 * Writes its report into bench/RESULTS.md between two markers (at the top the first time); the
 * hand-written sections around it stay.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dispose } from '@livekit/rtc-node';
import { bundle } from './browser-bundle.js';
import { joinScripts } from './join-js.js';
import { startStack } from '../test/support/stack.js';
import { projectRoot } from '../test/support/test-server.js';
import { chatLatency, chatLatencySection } from './chat-messages.js';
import { fileThroughput, fileThroughputSection } from './file-transfer.js';
import { muteLatency } from './host-actions.js';
import { joinLatency, type JoinLatency } from './join-latency.js';
import { scaleFigures, scaleTable } from './scale.js';
import { watchdogWindows } from './watchdog.js';

const JOINS = Number(process.env.BENCH_JOINS ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const FILE_ROUNDS = Number(process.env.BENCH_FILE_ROUNDS ?? 5);
const CHAT_MESSAGES = Number(process.env.BENCH_CHAT_MESSAGES ?? 40);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function sizes() {
  const { initial, lazy } = joinScripts();
  const lk = await bundle({ contents: "export * from 'livekit-client';" });
  const lkGz = gzipSync(lk, { level: 9 }).length;
  const all = lazy.reduce((n, c) => n + c.gzip, initial.gzip);
  return { initial: initial.bytes, initialGz: initial.gzip, allGz: all, lk: lk.length, lkGz, ratio: all / lkGz };
}

async function main() {
  const size = await sizes();
  console.log(`bundle: initial ${(size.initialGz / 1024).toFixed(1)} KiB gz, with livekit-client ${(size.allGz / 1024).toFixed(1)} KiB gz vs livekit-client alone ${(size.lkGz / 1024).toFixed(1)} KiB gz, ratio ${size.ratio.toFixed(3)}`);

  const stack = await startStack({ withTestHost: true });
  let warm: JoinLatency | undefined;
  let asap: JoinLatency | undefined;
  let scale: Awaited<ReturnType<typeof scaleFigures>> | undefined;
  let mute: Awaited<ReturnType<typeof muteLatency>> | undefined;
  let windows: Awaited<ReturnType<typeof watchdogWindows>> | undefined;
  let files: Awaited<ReturnType<typeof fileThroughput>> | undefined;
  let chat: Awaited<ReturnType<typeof chatLatency>> | undefined;
  try {
    warm = await joinLatency(stack, JOINS, console.log, 'warm');
    asap = await joinLatency(stack, JOINS, console.log, 'asap');
    mute = await muteLatency(stack, ROUNDS);
    windows = await watchdogWindows(stack, ROUNDS);
    files = await fileThroughput(stack, FILE_ROUNDS);
    chat = await chatLatency(stack, CHAT_MESSAGES);
    scale = await scaleFigures(stack, ['ours', 'bare']);
  } finally {
    await stack.stop();
  }

  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const md = `## Latest \`npm run bench\` (bench/run.ts), ${date} UTC

Written by the run between the markers; the sections after them are kept by hand. On the project's
2-core machine, inside the test network namespace (loopback only), livekit-server v1.13.5, Debian
Chromium headless with fake camera and microphone. Each run measures the baseline in the same run;
ratios are ours ÷ baseline.

### Bundle size

| file | minified | gzip -9 |
|---|---|---|
| dist/assets/meeting-room.js and its static chunk (initial: every element, Lit, the controller) | ${(size.initial / 1024).toFixed(1)} KiB | ${(size.initialGz / 1024).toFixed(1)} KiB |
| the same with the livekit-client chunk it loads at join (everything a join runs) | | ${(size.allGz / 1024).toFixed(1)} KiB |
| livekit-client bundled alone (baseline, same esbuild settings) | ${(size.lk / 1024).toFixed(1)} KiB | ${(size.lkGz / 1024).toFixed(1)} KiB |
| **ratio (gzip, everything ÷ livekit-client alone)** | | **${size.ratio.toFixed(3)}** |

### Join latency: click Join → first remote video frame presented

${JOINS} joins each per mode, alternated (ours, bare, ours, bare …), each in a fresh browser context,
against one participant already publishing a camera; both pages publish camera and microphone at
join. **warm**: the click once the page is warmed (token fetched, connection prepared, camera and
mic open; ours with the pointer on Join). **asap**: the click the moment Join is enabled after the
page opens (the bare page: once its backend gave the token; it then connects and opens its devices
at once); it also gives page open (navigation start) → first frame. The frame is counted with
\`requestVideoFrameCallback\` on the remote video.

| mode | page | median | p90 | min | max |
|---|---|---|---|---|---|
${warm && asap ? [joinRows('warm: click → frame', warm.ours, warm.bare), joinRows('asap: click → frame', asap.ours, asap.bare), joinRows('asap: page open → frame', asap.open.ours, asap.open.bare)].join('\n') : ''}

Raw (ms), warm: ours ${raw(warm?.ours)}; bare ${raw(warm?.bare)}. asap click: ours ${raw(asap?.ours)}; bare ${raw(asap?.bare)}. asap open: ours ${raw(asap?.open.ours)}; bare ${raw(asap?.open.bare)}.
${mute ? muteSection(mute) : ''}${windows ? windowsSection(windows) : ''}${files ? fileThroughputSection(files) : ''}${chat ? chatLatencySection(chat) : ''}${scale ? `\n## 49 people in gallery view\n\n${scaleTable(scale.ours, scale.bare)}` : ''}`;
  await writeReport(md.replace(/^## /gm, '### ').replace(/^### Latest/m, '## Latest'));
  console.log('wrote bench/RESULTS.md');
}

const BEGIN = '<!-- npm run bench: begin -->';
const END = '<!-- npm run bench: end -->';

/** Puts the run's report between the markers in bench/RESULTS.md (after its first paragraph the first time). */
async function writeReport(report: string): Promise<void> {
  const path = join(projectRoot, 'bench', 'RESULTS.md');
  const old = await readFile(path, 'utf8').catch(() => '# Benchmark results\n');
  const block = `${BEGIN}\n${report.trim()}\n${END}`;
  const from = old.indexOf(BEGIN);
  const to = old.indexOf(END);
  let next: string;
  if (from >= 0 && to > from) next = old.slice(0, from) + block + old.slice(to + END.length);
  else {
    const firstSection = old.search(/^## /m);
    next = firstSection < 0 ? `${old.trimEnd()}\n\n${block}\n` : `${old.slice(0, firstSection)}${block}\n\n${old.slice(firstSection)}`;
  }
  await writeFile(path, next);
}

function joinRows(mode: string, ours: number[], bare: number[]): string {
  const row = (page: string, xs: number[]) => `| ${mode} | ${page} | ${median(xs).toFixed(0)} ms | ${percentile(xs, 90).toFixed(0)} ms | ${Math.min(...xs).toFixed(0)} ms | ${Math.max(...xs).toFixed(0)} ms |`;
  return [row('`<meeting-room>`', ours), row('bare livekit-client (baseline)', bare), `| ${mode} | **ratio of medians** | **${(median(ours) / median(bare)).toFixed(2)}** | | | |`].join('\n');
}

function raw(xs: number[] | undefined): string {
  return xs?.map((x) => x.toFixed(0)).join(', ') ?? '';
}

function stats(xs: number[]): string {
  return `${median(xs).toFixed(0)} ms | ${percentile(xs, 95).toFixed(0)} ms | ${Math.min(...xs)} ms | ${Math.max(...xs)} ms`;
}

function muteSection(m: NonNullable<Awaited<ReturnType<typeof muteLatency>>>): string {
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
  return `
## Host action: click "Mute" → the target's microphone shows muted

${m.ours.target.length} rounds, alternated: the host clicks "Mute" in \`<meeting-roster>\` (our control route: token check,
the server's own role record, audit row, \`mutePublishedTrack\`, permissions and a hint), against a direct
\`mutePublishedTrack\` call from Node (the baseline, the track id looked up before the clock starts).
Measured until each page's own snapshot shows the microphone off (\`Date.now()\` on one machine).

| path | seen on | median | p95 | min | max |
|---|---|---|---|---|---|
| \`<meeting-roster>\` click | target's page | ${stats(m.ours.target)} |
| \`<meeting-roster>\` click | observer's page | ${stats(m.ours.observer)} |
| direct \`mutePublishedTrack\` (baseline) | target's page | ${stats(m.direct.target)} |
| direct \`mutePublishedTrack\` (baseline) | observer's page | ${stats(m.direct.observer)} |
| **ratio of medians** | target / observer | **${ratio(m.ours.target, m.direct.target)} / ${ratio(m.ours.observer, m.direct.observer)}** | | | |

Raw (ms, target/observer): ours ${m.ours.target.map((t, i) => `${t}/${m.ours.observer[i]}`).join(', ')}; direct ${m.direct.target.map((t, i) => `${t}/${m.direct.observer[i]}`).join(', ')}.
`;
}

function windowsSection(w: NonNullable<Awaited<ReturnType<typeof watchdogWindows>>>): string {
  const inRoom = w.rejoin.map((r) => r.inRoomMs);
  const removed = w.relabelled.map((r) => r.removedAfterMs);
  return `
## The watchdog's windows (goal: no video frame, under 250 ms)

Non-browser attackers (@livekit/rtc-node) against a host page publishing camera and microphone.

- **A banned client rejoining with its join token**, ${w.rejoin.length} times: in the room (connect() resolved →
  disconnected, client's view) median ${median(inRoom).toFixed(0)} ms, max ${Math.max(...inRoom)} ms; video frames received: ${w.rejoin.map((r) => r.videoFrames).join(', ')};
  10 ms audio frames received: ${w.rejoin.map((r) => r.audioFrames).join(', ')}.
- **An audio track published as CAMERA**, ${w.relabelled.length} times: publisher removed (and banned) median ${median(removed).toFixed(0)} ms,
  max ${Math.max(...removed)} ms after publishing; 10 ms audio frames an observer received from it: ${w.relabelled.map((r) => r.observerAudioFrames).join(', ')}.
`;
}

await main();
// rtc-node's native client keeps the process alive until disposed.
await dispose();
