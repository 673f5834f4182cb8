import type { Locator, Page } from 'playwright-core';
import { eventually } from './eventually.js';

/** Opens a join link and clicks Join on the pre-join screen; answers once the grid shows. */
export async function joinFromLink(page: Page, link: string, name: string): Promise<void> {
  const url = new URL(link);
  url.searchParams.set('name', name);
  await page.goto(url.toString());
  await page.locator('meeting-prejoin button.join:not([disabled])').click();
  await page.locator('meeting-video-grid').waitFor().catch(async (err: Error) => {
    // Where the join stopped, for the failure's message.
    const state = await page
      .evaluate(() => {
        const room = document.querySelector('meeting-room') as unknown as { snapshot: { phase: string; mediaConnecting: boolean; error?: unknown }; controller: { room?: { state: string } } };
        return { phase: room.snapshot.phase, mediaConnecting: room.snapshot.mediaConnecting, error: room.snapshot.error, livekit: room.controller.room?.state };
      })
      .catch(() => 'page gone');
    throw new Error(`${name} did not get into the meeting: ${JSON.stringify(state)}\n${err.message}`);
  });
}

/** The identity this page joined as (from its own tile). */
export async function ownIdentity(page: Page): Promise<string> {
  return page.evaluate(() => {
    const room = document.querySelector('meeting-room') as unknown as { snapshot: { me?: { identity: string } } };
    return room.snapshot.me?.identity ?? '';
  });
}

export function tileOf(page: Page, identity: string): Locator {
  return page.locator(`meeting-video-tile[source=camera][data-identity="${identity}"]`);
}

/**
 * In the page: waits until the tile's <video> has presented `wanted` distinct frames (counted with
 * requestVideoFrameCallback), so video is really playing, not just attached; answers the count
 * reached when `cap` ms ran out first. A frame is new when its media time or the presented-frame
 * count moved: Firefox leaves mediaTime at 0 for WebRTC video. Handed to Playwright's and
 * Puppeteer's `evaluate` alike, so it uses nothing from outside.
 */
export function countFrames(el: Element, [wanted, cap]: readonly [number, number]): Promise<number> {
  return new Promise<number>((resolve) => {
    let frames = 0;
    let last = { mediaTime: -1, presentedFrames: -1 };
    const timer = setTimeout(() => resolve(frames), cap);
    const watch = () => {
      const video = el.shadowRoot?.querySelector('video');
      if (!video || video.hidden) return void setTimeout(watch, 100);
      const onFrame: VideoFrameRequestCallback = (_now, meta) => {
        if (meta.mediaTime !== last.mediaTime || meta.presentedFrames !== last.presentedFrames) frames++;
        last = { mediaTime: meta.mediaTime, presentedFrames: meta.presentedFrames };
        if (frames >= wanted) {
          clearTimeout(timer);
          resolve(frames);
        } else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    };
    watch();
  });
}

/** Waits until the tile's video has presented `count` distinct frames (`countFrames`). */
export async function videoFrames(tile: Locator, count = 15, capMs = 20_000): Promise<number> {
  return tile.evaluate(countFrames, [count, capMs] as const);
}

/** `eventually` with the patience a browser page needs. */
export function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  return eventually(what, check, { timeoutMs: ms, intervalMs: 100 });
}
