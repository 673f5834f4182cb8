/**
 * Join latency (bench section 2): click Join → first remote video frame presented, for
 * `<meeting-room>` against a bare livekit-client page (bench/bare-join.ts) doing the same join with
 * the same token kind, alternated in one run against one participant already publishing a camera.
 * Two click modes (issue 12 part 9): `warm`, the click once the page is warmed (devices open, the
 * connection prepared) with the pointer on Join; `asap`, the click as soon as Join is enabled after
 * the page opens, which also times page open (navigation start) → first frame; and `rejoin`, the
 * floor: the warm click of a page that joined and left once already (its code, connection and devices warm).
 * `BENCH_PC_MARKS=1` adds the peer connections' and the signal socket's steps to each join's marks.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { bundle } from './browser-bundle.js';
import type { Page } from 'playwright-core';
import { callApi } from '../test/support/signed.js';
import type { Stack } from '../test/support/stack.js';
import { projectRoot } from '../test/support/test-server.js';

export type ClickMode = 'warm' | 'asap' | 'rejoin';

export interface JoinLatency {
  /** Click → first remote frame, ms. */
  ours: number[];
  bare: number[];
  /** In `asap` mode, page open (navigation start) → first remote frame, ms. */
  open: { ours: number[]; bare: number[] };
  /** Per join, whatever `performance.mark` the page left after the click, in ms from the click. */
  marks: { ours: Array<Record<string, number>>; bare: Array<Record<string, number>> };
}

/** The marks a page set after `t0` (a click), relative to it; the first of each name. */
function marksSince(t0: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of performance.getEntriesByType('mark')) if (m.startTime >= t0 && !(m.name in out)) out[m.name] = m.startTime - t0;
  for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    if (r.startTime >= t0 && r.name.includes('/api/join') && !('api/join' in out)) out['api/join'] = r.responseEnd - t0;
  }
  return out;
}

/**
 * In the page: waits for `<meeting-room>`'s remote tile (camera on and not mirrored: only the local
 * camera is mirrored) to be visible and calls `done` with the time its first video frame is presented then.
 */
function watchFirstRemoteFrame(room: Element, done: (at: number) => void): void {
  const poll = () => {
    const grid = room.shadowRoot?.querySelector('meeting-video-grid')?.shadowRoot;
    const tiles = [...(grid?.querySelectorAll<HTMLElement>('meeting-video-tile[data-camera=on]') ?? [])];
    const video = tiles.map((t) => t.shadowRoot?.querySelector('video:not([hidden]):not(.mirrored)')).find(Boolean) as HTMLVideoElement | undefined;
    // A frame counts once it can be seen (the meeting may be built hidden, behind the pre-join screen).
    if (!video?.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return requestAnimationFrame(poll);
    performance.mark('bench:video-seen');
    video.requestVideoFrameCallback(() => done(performance.now()));
  };
  poll();
}

/**
 * In the page, from before its first script (`BENCH_PC_MARKS=1`): marks each peer connection's
 * descriptions and states (`pc0:sld`, `pc1:ice-connected`, …), the signal WebSocket's creation and
 * opening, and every long task (`long3:120` = the 4th, 120 ms), to see where a join's time goes.
 */
function markConnections(): void {
  const Native = RTCPeerConnection;
  let n = 0;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      const mark = (what: string) => performance.mark(`pc${i}:${what}`);
      const i = n++;
      mark('new');
      const setRemote = this.setRemoteDescription.bind(this);
      this.setRemoteDescription = (d: RTCSessionDescriptionInit) => (mark(`srd-${d.type}`), setRemote(d));
      const setLocal = this.setLocalDescription.bind(this);
      this.setLocalDescription = (d?: RTCLocalSessionDescriptionInit) => (mark('sld'), setLocal(d));
      this.addEventListener('iceconnectionstatechange', () => mark(`ice-${this.iceConnectionState}`));
      this.addEventListener('connectionstatechange', () => mark(`pc-${this.connectionState}`));
    }
  };
  const NativeSocket = WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      performance.mark('ws:new');
      this.addEventListener('open', () => performance.mark('ws:open'));
    }
  };
  let k = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) performance.mark(`long${k++}:${Math.round(e.duration)}`, { startTime: e.startTime });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * In the page, from before its first script: clicks Join the moment it is enabled (polled every
 * 4 ms), then leaves `{ click, open, t0 }` in `window.benchResult` at the first remote frame.
 */
function clickAsSoonAsEnabled(watch: typeof watchFirstRemoteFrame): void {
  const w = window as unknown as { benchResult?: { click: number; open: number; t0: number } };
  const poll = () => {
    const room = document.querySelector('meeting-room');
    const button = room?.shadowRoot?.querySelector('meeting-prejoin')?.shadowRoot?.querySelector<HTMLButtonElement>('button.join');
    if (!room || !button || button.disabled) return void setTimeout(poll, 4);
    const t0 = performance.now();
    button.click();
    watch(room, (at) => setTimeout(() => (w.benchResult = { click: at - t0, open: at, t0 }), 50));
  };
  poll();
}

export async function joinLatency(stack: Stack, joins: number, log: (line: string) => void = console.log, mode: ClickMode = 'warm'): Promise<JoinLatency> {
  const bareJs = await bundle(join(projectRoot, 'bench', 'bare-join.ts'));
  const res = await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Join bench' });
  const meeting = res.body.ret as { meetingId: string; hostLink: string; guestLink: string };
  // Someone already in the meeting, publishing a camera, whose first frame the joiner waits for.
  const publisher = await stack.newPage();
  await publisher.goto(`${meeting.hostLink}&name=Publisher`);
  await publisher.locator('meeting-prejoin button.join:not([disabled])').click();
  await publisher.locator('meeting-video-grid').waitFor();

  const joinOurs = async (page: Page) => {
    await page.goto(`${meeting.guestLink}&name=Joiner`);
    return clickWarmed(page);
  };
  // The floor: the same page joins a second time (its code, the connection and the devices warm).
  const rejoinOurs = async (page: Page) => {
    await page.goto(`${meeting.guestLink}&name=Joiner`);
    await page.locator('meeting-prejoin button.join:not([disabled])').click();
    await page.locator('meeting-video-grid').waitFor();
    await page.locator('meeting-toolbar button.leave').click();
    await page.locator('[data-screen=left] button').click();
    return clickWarmed(page);
  };
  const clickWarmed = async (page: Page) => {
    // As a person would: the pointer on Join, and the page warmed (livekit-client loaded, the SFU
    // connection prepared) as the bare page is before its click.
    await page.locator('meeting-prejoin button.join:not([disabled])').hover();
    await page.waitForFunction(() => {
      const room = document.querySelector('meeting-room') as unknown as { snapshot: { preview: { opening?: boolean } }; controller: { room?: unknown } };
      return !room.snapshot.preview.opening && room.controller.room !== undefined;
    });
    return page.evaluate(
      ([marksSinceSrc, watchSrc]) =>
        new Promise<{ ms: number; marks: Record<string, number> }>((resolve) => {
          const since = new Function(`return (${marksSinceSrc})`)() as typeof marksSince;
          const watch = new Function(`return (${watchSrc})`)() as typeof watchFirstRemoteFrame;
          const room = document.querySelector('meeting-room')!;
          const button = room.shadowRoot!.querySelector('meeting-prejoin')!.shadowRoot!.querySelector<HTMLButtonElement>('button.join')!;
          const t0 = performance.now();
          button.click();
          // Let the marks of what runs at the same moment land too.
          watch(room, (at) => setTimeout(() => resolve({ ms: at - t0, marks: since(t0) }), 50));
        }),
      [marksSince.toString(), watchFirstRemoteFrame.toString()],
    );
  };
  const joinOursAsap = async (page: Page) => {
    await page.addInitScript({ content: `(${clickAsSoonAsEnabled.toString()})(${watchFirstRemoteFrame.toString()})` });
    await page.goto(`${meeting.guestLink}&name=Joiner`, { waitUntil: 'commit' });
    return asapResult(page);
  };
  // The baseline page comes from a loopback server of its own: Chromium's local-network checks
  // refuse loopback requests from a page that Playwright fulfils itself.
  // Its `/token` stands for the app's own backend: it asks our server for the grant, as ours' page does.
  const grantFor = (name: string) =>
    fetch(new URL('/api/join', stack.server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: meeting.meetingId, name }),
    }).then(async (r) => ((await r.json()) as { ret: { serverUrl: string; token: string } }).ret);
  const bareServer = createServer((req, res) => {
    if (req.url?.startsWith('/bare.js')) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bareJs);
    else if (req.url === '/token') {
      grantFor('Bare').then(
        (grant) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(grant)),
        () => res.writeHead(502).end(),
      );
    } else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script type="module" src="/bare.js"></script>');
  });
  bareServer.listen(0, '127.0.0.1');
  await once(bareServer, 'listening');
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`;
  const joinBare = async (page: Page) => {
    const grant = await grantFor('Bare');
    await page.goto(bareUrl);
    await page.waitForFunction(() => typeof window.benchPrepare === 'function');
    await page.evaluate((g) => window.benchPrepare(g), grant);
    const ms = await page.evaluate(() => window.benchJoin());
    const marks = await page.evaluate((src) => (new Function(`return (${src})`)() as typeof marksSince)(window.benchT0), marksSince.toString());
    return { ms, marks };
  };
  const rejoinBare = async (page: Page) => {
    await page.goto(bareUrl);
    await page.waitForFunction(() => typeof window.benchPrepare === 'function');
    await page.evaluate((g) => window.benchPrepare(g), await grantFor('Bare'));
    await page.evaluate(() => window.benchJoin());
    await page.evaluate(() => window.benchLeave());
    await page.evaluate((g) => window.benchPrepare(g), await grantFor('Bare'));
    const ms = await page.evaluate(() => window.benchJoin());
    const marks = await page.evaluate((src) => (new Function(`return (${src})`)() as typeof marksSince)(window.benchT0), marksSince.toString());
    return { ms, marks };
  };
  const joinBareAsap = async (page: Page) => {
    await page.goto(`${bareUrl}?asap`, { waitUntil: 'commit' });
    return asapResult(page);
  };
  const asapResult = async (page: Page) => {
    const handle = await page.waitForFunction(() => (window as unknown as { benchResult?: { click: number; open: number; t0: number } }).benchResult, undefined, { timeout: 30_000 });
    const result = (await handle.jsonValue()) as { click: number; open: number; t0: number };
    const marks = await page.evaluate(([src, t0]) => (new Function(`return (${src})`)() as typeof marksSince)(t0), [marksSince.toString(), result.t0] as const);
    return { ms: result.click, open: result.open, marks };
  };
  const pairs: Record<ClickMode, [(page: Page) => Promise<unknown>, (page: Page) => Promise<unknown>]> = { warm: [joinOurs, joinBare], asap: [joinOursAsap, joinBareAsap], rejoin: [rejoinOurs, rejoinBare] };
  const [runOurs, runBare] = pairs[mode];

  const out: JoinLatency = { ours: [], bare: [], open: { ours: [], bare: [] }, marks: { ours: [], bare: [] } };
  try {
    for (let i = 0; i < joins; i++) {
      for (const [name, fn, times, opens, marks] of [
        ['meeting-room', runOurs, out.ours, out.open.ours, out.marks.ours],
        ['bare livekit-client', runBare, out.bare, out.open.bare, out.marks.bare],
      ] as const) {
        const page = await stack.newPage();
        if (process.env.BENCH_PC_MARKS) await page.addInitScript(markConnections);
        const { ms, marks: m, open } = (await fn(page)) as { ms: number; marks: Record<string, number>; open?: number };
        times.push(ms);
        if (open !== undefined) opens.push(open);
        marks.push(m);
        const split = Object.entries(m)
          .sort((a, b) => a[1] - b[1])
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ');
        const opened = open !== undefined ? `, page open → frame ${open.toFixed(0)} ms` : '';
        log(`join ${i + 1}/${joins} ${mode} ${name}: ${ms.toFixed(0)} ms${opened}${split ? ` (${split})` : ''}`);
        await page.context().close();
      }
    }
  } finally {
    await publisher.context().close();
    await new Promise((r) => bareServer.close(r));
  }
  return out;
}
