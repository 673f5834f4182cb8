import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { joinFromLink, ownIdentity, tileOf, waitFor } from '../test/support/page-helpers.js';
import { callApi } from '../test/support/signed.js';
import type { Stack } from '../test/support/stack.js';
import { projectRoot } from '../test/support/test-server.js';
import { guestGrant, serveBarePage } from './bare-page.js';

export interface PagePairs {
  /** Two `<meeting-room>` pages in one meeting (host first), camera and microphone off, each seeing the other. */
  ours: [Page, Page];
  /** Two bare livekit-client pages (bench/bare-data.ts) in another meeting, each seeing the other. */
  bare: [Page, Page];
  close(): Promise<void>;
}

/**
 * The two pairs the data benchmarks compare, in meetings of their own so that neither pair
 * receives the other's bytes.
 */
export async function pagePairs(stack: Stack, subject: string): Promise<PagePairs> {
  const create = async () =>
    (await callApi(stack.server.url, stack.server.services.devTenant, '/v2/meeting/create', { type: 1, subject })).body.ret as {
      meetingId: string;
      hostLink: string;
      guestLink: string;
    };
  const oursMeeting = await create();
  const bareMeeting = await create();
  const barePage = await serveBarePage(join(projectRoot, 'bench', 'bare-data.ts'));
  const pages: Page[] = [];
  try {
    const openOurs = async (link: string, name: string) => {
      const page = await stack.newPage();
      pages.push(page);
      const url = new URL(link);
      url.searchParams.set('v', '0');
      url.searchParams.set('a', '0');
      await joinFromLink(page, url.toString(), name);
      return page;
    };
    const a = await openOurs(oursMeeting.hostLink, 'Ann');
    const b = await openOurs(oursMeeting.guestLink, 'Ben');
    await tileOf(a, await ownIdentity(b)).waitFor();
    await tileOf(b, await ownIdentity(a)).waitFor();

    const openBare = async (name: string) => {
      const page = await stack.newPage();
      pages.push(page);
      const grant = await guestGrant(stack.server.url, bareMeeting.meetingId, name);
      await page.goto(barePage.url);
      await page.waitForFunction(() => typeof window.bareData === 'object');
      await page.evaluate((g) => window.bareData.connect(g), grant);
      return page;
    };
    const c = await openBare('Cara');
    const d = await openBare('Dan');
    for (const p of [c, d]) await waitFor('the bare pages see each other', async () => (await p.evaluate(() => window.bareData.peers())) === 1);
    return {
      ours: [a, b],
      bare: [c, d],
      async close() {
        for (const p of pages) await p.context().close();
        await barePage.close();
      },
    };
  } catch (err) {
    for (const p of pages) await p.context().close();
    await barePage.close();
    throw err;
  }
}
