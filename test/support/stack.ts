import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_HOST_ADDRESS, VETH, findLivekit, freePort, startLivekit, type RunningLivekit } from '../../scripts/livekit.js';
import { startTestServer, type TestServer } from './test-server.js';

/** Chromium flags for media tests (DEVELOPERS.md): fake devices, loopback ICE, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-features=MediaRouter,OptimizationHints',
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Stack {
  server: TestServer;
  livekit: RunningLivekit;
  browser: Browser;
  /** A fresh browser profile (its own cookies and devices), closed with the stack. */
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * A real livekit-server, the meeting server in-process and headless Chromium, all on loopback.
 * Run only inside the test network namespace (scripts/in-netns.ts). `stop()` cleans up whatever
 * was started, even after a failure half-way.
 */
export async function startStack(opts: { departureTimeout?: number; env?: Record<string, string>; withTestHost?: boolean; mediaOnTestHost?: boolean } = {}): Promise<Stack> {
  if (process.env.IN_TEST_NETNS !== '1') throw new Error('e2e tests run only inside the test network namespace (npm run test:e2e)');
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.error('cleanup failed:', err));
  };
  try {
    // Built before the namespace is entered (npm run test:e2e does it): there is no network in here.
    const source = await findLivekit({ build: false });
    if (source.kind !== 'binary') throw new Error('e2e tests start their own livekit-server; unset LIVEKIT_URL');
    const lkPort = await freePort();
    const apiKey = `APIe2e${randomBytes(4).toString('hex')}`;
    const apiSecret = randomBytes(32).toString('base64url');
    const server = await startTestServer({ livekit: { url: `ws://127.0.0.1:${lkPort}`, apiKey, apiSecret }, env: opts.env });
    cleanups.push(() => server.stop());
    const udpBase = 40000 + (lkPort % 200) * 100;
    const livekit = await startLivekit({
      binary: source.path,
      port: lkPort,
      apiKey,
      apiSecret,
      udpPorts: [udpBase, udpBase + 99],
      webhookUrl: `${server.url}/livekit/webhook`,
      departureTimeout: opts.departureTimeout ?? 2,
      // rtc-node clients need the namespace's own test host (DESIGN "LiveKit facts").
      interfaces: opts.withTestHost || opts.mediaOnTestHost ? ['lo', VETH] : ['lo'],
      // Firefox pairs only with an address that is not loopback (issue 14): advertise the test host's.
      nodeIp: opts.mediaOnTestHost ? TEST_HOST_ADDRESS : '127.0.0.1',
      logFile: process.env.LIVEKIT_LOG,
    });
    cleanups.push(() => livekit.stop());
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const contexts: BrowserContext[] = [];
    return {
      server,
      livekit,
      browser,
      async newPage() {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        contexts.push(context);
        // tsx compiles test files keeping function names through a `__name` helper, which then
        // appears inside functions handed to page.evaluate; give the page a no-op one.
        await context.addInitScript('globalThis.__name = (fn) => fn;');
        const page = await context.newPage();
        page.on('pageerror', (err) => console.error('page error:', err.message));
        return page;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
