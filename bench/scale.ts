/**
 * Scale benchmark (issue 12 "Done when"): 48 @livekit/rtc-node publishers with generated video
 * (test/support/publisher-pool.ts) and one page in gallery view, first `<meeting-room>` (49 tiles,
 * default cap of 25 videos) and then, in the same run, a bare livekit-client page subscribed to
 * all 48 cameras (bench/bare-scale.ts). After the page settles, over a fixed window: the
 * renderer's CPU time (SystemInfo.getProcessInfo, every renderer process of the browser, one page
 * open at a time), the main thread's task time and JS heap (Performance.getMetrics), and the frame
 * rate of the visible videos (requestVideoFrameCallback). Prints a markdown table; `npm run bench`
 * (bench/run.ts) runs it too, as a section of its report.
 *
 *   flock /tmp/e2e.lock npx node --import tsx scripts/in-netns.ts npx node --import tsx bench/scale.ts
 *
 * BENCH_PAGES=ours (or bare) measures one page only; BENCH_TRACE=/tmp/x records a Chrome trace of
 * each page's window to /tmp/x-ours.json (and -bare) and prints where the renderer's CPU went.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { startPublishers } from '../test/support/publisher-pool.js';
import { callApi } from '../test/support/signed.js';
import { startStack, type Stack } from '../test/support/stack.js';
import { projectRoot } from '../test/support/test-server.js';
import { summarizeTrace } from './trace-summary.js';

const PUBLISHERS = 48;
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 8_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 20_000);
const VIDEO = { width: 160, height: 90, fps: 10 };
const PAGES = (process.env.BENCH_PAGES ?? 'ours,bare').split(',');
const TRACE = process.env.BENCH_TRACE;
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'media', 'v8.execute'];

export interface Figures {
  rendererCpuMs: number | null;
  mainThreadMs: number;
  heapMiB: number;
  videos: number;
  fps: number[];
}

async function rendererCpuSeconds(stack: Stack): Promise<number | null> {
  const cdp = await stack.browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; cpuTime: number }> };
    return processInfo.filter((p) => p.type === 'renderer').reduce((s, p) => s + p.cpuTime, 0);
  } catch {
    return null;
  } finally {
    await cdp.detach();
  }
}

/** Every visible <video> in the page, shadow roots included, frames presented over `ms`. */
function countFps(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (wait) =>
      new Promise<number[]>((resolve) => {
        const videos: HTMLVideoElement[] = [];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll('*')) {
            if (el instanceof HTMLVideoElement && !el.hidden && el.srcObject) videos.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        const start = videos.map((v) => v.getVideoPlaybackQuality().totalVideoFrames);
        setTimeout(() => resolve(videos.map((v, i) => ((v.getVideoPlaybackQuality().totalVideoFrames - start[i]!) * 1000) / wait)), wait);
      }),
    ms,
  );
}

async function measure(stack: Stack, page: Page, name: string): Promise<Figures> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  if (TRACE) await stack.browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string) => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0);
  const cpu0 = await rendererCpuSeconds(stack);
  const task0 = await metric('TaskDuration');
  const fps = await countFps(page, WINDOW_MS);
  const task1 = await metric('TaskDuration');
  const cpu1 = await rendererCpuSeconds(stack);
  const heap = await metric('JSHeapUsedSize');
  await cdp.detach();
  if (TRACE) {
    const trace = (await stack.browser.stopTracing()).toString();
    writeFileSync(`${TRACE}-${name}.json`, trace);
    console.log(`${name}: where the CPU went (trace, thread time of top-level tasks)\n${summarizeTrace(trace, WINDOW_MS / 1000)}`);
  }
  return {
    rendererCpuMs: cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) * 1000 * 1000) / WINDOW_MS,
    mainThreadMs: ((task1 - task0) * 1000 * 1000) / WINDOW_MS,
    heapMiB: heap / 1024 / 1024,
    videos: fps.length,
    fps,
  };
}

/** Both pages' figures, one page open at a time, against 48 publishers that join first (`pages`: which). */
export async function scaleFigures(stack: Stack, pages: string[] = PAGES): Promise<{ ours: Figures; bare: Figures }> {
  const bareJs = (
    await build({ entryPoints: [join(projectRoot, 'bench', 'bare-scale.ts')], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false })
  ).outputFiles[0]!.contents;
  const bareServer = createServer((req, res) => {
    if (req.url?.startsWith('/bare.js')) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bareJs);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script type="module" src="/bare.js"></script>');
  });
  bareServer.listen(0, '127.0.0.1');
  await once(bareServer, 'listening');
  let pool: Awaited<ReturnType<typeof startPublishers>> | undefined;
  try {
    const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Scale bench' });
    const meeting = res.body.ret as { meetingId: string; guestLink: string };
    const t0 = Date.now();
    pool = await startPublishers({ serverUrl: stack.server.url, livekitUrl: stack.livekit.url, meetingCode: meeting.meetingId, count: PUBLISHERS, video: VIDEO });
    console.log(`${PUBLISHERS} publishers joined in ${Date.now() - t0} ms`);

    const none: Figures = { rendererCpuMs: null, mainThreadMs: 0, heapMiB: 0, videos: 0, fps: [] };
    let o = none;
    let b = none;
    if (pages.includes('ours')) {
      const ours = await stack.newPage();
      const url = new URL(meeting.guestLink);
      url.searchParams.set('name', 'Watcher');
      url.searchParams.set('v', '0');
      url.searchParams.set('a', '0');
      await ours.goto(url.toString());
      await ours.locator('meeting-prejoin button.join:not([disabled])').click();
      await ours.locator('meeting-video-grid').waitFor();
      o = await measure(stack, ours, 'ours');
      await ours.context().close();
    }
    if (pages.includes('bare')) {
      const bare = await stack.newPage();
      const grant = await fetch(new URL('/api/join', stack.server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: meeting.meetingId, name: 'Bare' }),
      }).then(async (r) => ((await r.json()) as { ret: { serverUrl: string; token: string } }).ret);
      await bare.goto(`http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`);
      await bare.waitForFunction(() => typeof window.benchConnect === 'function');
      await bare.evaluate((g) => window.benchConnect(g), grant);
      b = await measure(stack, bare, 'bare');
      await bare.context().close();
    }
    return { ours: o, bare: b };
  } finally {
    await pool?.close();
    await new Promise((r) => bareServer.close(r));
  }
}

/** The figures as a markdown table. */
export function scaleTable(o: Figures, b: Figures): string {
  const median = (xs: number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    return s.length ? s[Math.floor(s.length / 2)]! : 0;
  };
  const cpu = (f: Figures) => (f.rendererCpuMs === null ? 'n/a' : `${f.rendererCpuMs.toFixed(0)} ms/s`);
  const ratio = (a: number | null, c: number | null) => (a === null || c === null ? 'n/a' : (a / c).toFixed(2));
  const row = (name: string, f: Figures) =>
    `| ${name} | ${cpu(f)} | ${f.mainThreadMs.toFixed(0)} ms/s | ${f.heapMiB.toFixed(1)} MiB | ${f.videos} | ${median(f.fps).toFixed(1)} (min ${Math.min(...f.fps).toFixed(1)}) |`;
  return `${PUBLISHERS} publishers at ${VIDEO.width}×${VIDEO.height} ${VIDEO.fps} fps; settle ${SETTLE_MS / 1000} s, window ${WINDOW_MS / 1000} s.

| page | renderer CPU (all threads) | main-thread tasks | JS heap used | videos playing | fps per video, median |
|---|---|---|---|---|---|
${row('`<meeting-room>`, gallery, 49 tiles (cap 25)', o)}
${row('bare livekit-client, all 48 subscribed (baseline)', b)}
| **ratio** | **${ratio(o.rendererCpuMs, b.rendererCpuMs)}** | **${ratio(o.mainThreadMs, b.mainThreadMs)}** | **${ratio(o.heapMiB, b.heapMiB)}** | | |
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stack = await startStack();
  try {
    const { ours, bare } = await scaleFigures(stack);
    console.log(`\n${scaleTable(ours, bare)}`);
  } finally {
    await stack.stop();
  }
}
