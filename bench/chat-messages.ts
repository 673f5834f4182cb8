import type { Page } from 'playwright-core';
import { waitFor } from '../test/support/page-helpers.js';
import type { Stack } from '../test/support/stack.js';
import { pagePairs } from './page-pairs.js';
import { median, percentile } from './stats.js';

export interface ChatLatency {
  /** ms, each message: the sender's call → shown on the other page. */
  ours: number[];
  /** Baselines: livekit-client `sendText` (a text stream), and one reliable data packet. */
  text: number[];
  packet: number[];
}

/**
 * Rounds are at least this far apart: the server lets one person send 10 messages per 10 s
 * (src/server/services/chat.ts), and the two people take turns, so each sends one per 1.2 s.
 */
const ROUND_MS = 600;

/**
 * On a `<meeting-room>` page: note when each message's element first appears in `<meeting-chat>`
 * (a MutationObserver: the DOM has it, before paint), by its text.
 */
async function watchOurChat(page: Page): Promise<void> {
  await page.locator('meeting-toolbar button.chat').click();
  await page.locator('meeting-chat textarea').waitFor();
  await page.evaluate(() => {
    const find = (root: Document | ShadowRoot): Element | undefined => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === 'meeting-chat') return el;
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return undefined;
    };
    const chat = find(document)!.shadowRoot!;
    const shown: Record<string, number> = {};
    (window as unknown as { shown: typeof shown }).shown = shown;
    new MutationObserver(() => {
      const t = performance.timeOrigin + performance.now();
      for (const p of chat.querySelectorAll('li[data-id] p.text')) shown[p.textContent!] ??= t;
    }).observe(chat, { childList: true, subtree: true, characterData: true });
  });
}

const shownAt = (page: Page, text: string, bare: boolean) =>
  page.evaluate(([t, b]) => (b ? window.bareData.seen[t] : (window as unknown as { shown: Record<string, number> }).shown[t]), [text, bare] as const);

/**
 * Chat latency (issue 13): `<meeting-room>.sendChat(text)` (to the server, which stores it and
 * relays it over LiveKit) → the message's element in the other page's `<meeting-chat>`, against
 * livekit-client between two bare pages, `sendText` and a reliable data packet → their receipt
 * handlers. Alternated, the two people of each pair taking turns.
 */
export async function chatLatency(stack: Stack, messages: number): Promise<ChatLatency> {
  const pairs = await pagePairs(stack, 'Chat bench');
  const out: ChatLatency = { ours: [], text: [], packet: [] };
  try {
    for (const p of pairs.ours) await watchOurChat(p);
    const measure = async (pair: [Page, Page], i: number, send: (sender: Page, text: string) => Promise<number>, bare: boolean) => {
      const [sender, receiver] = i % 2 ? [pair[1], pair[0]] : pair;
      const text = `bench ${i} ${Math.random().toString(36).slice(2)}`;
      const startedAt = await send(sender, text);
      await waitFor('the message on the other page', async () => (await shownAt(receiver, text, bare)) !== undefined);
      return Math.round((await shownAt(receiver, text, bare))! - startedAt);
    };
    const ours = (sender: Page, text: string) =>
      sender.evaluate(async (t) => {
        const startedAt = performance.timeOrigin + performance.now();
        const room = document.querySelector('meeting-room') as unknown as { sendChat(text: string): Promise<boolean> };
        if (!(await room.sendChat(t))) throw new Error('sendChat answered false');
        return startedAt;
      }, text);
    const bare = (via: 'stream' | 'packet') => (sender: Page, text: string) => sender.evaluate(([t, v]) => window.bareData.sendText(t, v), [text, via] as const);

    for (let i = 0; i < messages; i++) {
      const began = Date.now();
      out.ours.push(await measure(pairs.ours, i, ours, false));
      out.text.push(await measure(pairs.bare, i, bare('stream'), true));
      out.packet.push(await measure(pairs.bare, i, bare('packet'), true));
      console.log(`chat ${i + 1}/${messages}: meeting-room ${out.ours.at(-1)} ms, bare sendText ${out.text.at(-1)} ms, bare data packet ${out.packet.at(-1)} ms`);
      await new Promise((r) => setTimeout(r, Math.max(0, ROUND_MS - (Date.now() - began))));
    }
  } finally {
    await pairs.close();
  }
  return out;
}

/** The RESULTS.md section for these figures. */
export function chatLatencySection(r: ChatLatency): string {
  const row = (xs: number[]) => `${median(xs).toFixed(0)} ms | ${percentile(xs, 95).toFixed(0)} ms | ${Math.min(...xs)} ms | ${Math.max(...xs)} ms`;
  const ratio = (xs: number[]) => (median(r.ours) / median(xs)).toFixed(2);
  return `
## Chat message: send → shown on the other page

${r.ours.length} messages each, alternated (ours, bare \`sendText\`, bare data packet, …), the two people of each
pair taking turns to send, at least ${ROUND_MS} ms between rounds (the server's limit is 10 messages per person
per 10 s). Ours: \`<meeting-room>.sendChat(text)\` (a request to the server, which checks, stores and relays
it over LiveKit) until the message's element is in the other page's \`<meeting-chat>\` (a MutationObserver:
in the DOM, before paint). Baselines, between two bare livekit-client pages (bench/bare-data.ts):
\`localParticipant.sendText\` until the receiver's text-stream handler has read it, and \`publishData\`
(reliable) until \`DataReceived\`. Times are \`performance.timeOrigin + performance.now()\` of each page
(one browser, one machine).

| path | median | p95 | min | max |
|---|---|---|---|---|
| \`<meeting-room>\` → \`<meeting-chat>\` | ${row(r.ours)} |
| bare livekit-client \`sendText\` (baseline) | ${row(r.text)} |
| bare livekit-client reliable data packet | ${row(r.packet)} |
| **ratio of medians (ours ÷ \`sendText\`; ÷ data packet)** | **${ratio(r.text)}**; ${ratio(r.packet)} | | | |

Raw (ms): ours ${r.ours.join(', ')}; \`sendText\` ${r.text.join(', ')}; data packet ${r.packet.join(', ')}.
`;
}
