import type { Page } from 'playwright-core';
import { waitFor } from '../test/support/page-helpers.js';
import type { Stack } from '../test/support/stack.js';
import { pagePairs } from './page-pairs.js';
import { median } from './stats.js';

/** 25 MB as the product's limit counts it (`CHAT_FILE_MAX_MB`, 2^20 bytes a MB): the largest file it takes by default. */
export const FILE_BYTES = 25 * 1024 * 1024;

export interface FileThroughput {
  /** MB/s (2^20 bytes), each round: from the sender's call to the whole file on the receiving page. */
  ours: number[];
  bare: number[];
}

const mbPerSecond = (ms: number) => FILE_BYTES / 1024 / 1024 / (ms / 1000);

/** On the receiving `<meeting-room>` page: note when each file it receives is whole (its transfer `done`). */
function watchOurReceiver(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { filesDone: number[] };
    w.filesDone = [];
    const done = new Set<string>();
    document.querySelector('meeting-room')!.addEventListener('meeting-snapshot-change', (e) => {
      const transfers = (e as CustomEvent<{ files: { transfers: Record<string, { id: string; direction: string; status: string }> } }>).detail.files.transfers;
      for (const t of Object.values(transfers)) {
        if (t.direction !== 'receive' || t.status !== 'done' || done.has(t.id)) continue;
        done.add(t.id);
        w.filesDone.push(performance.timeOrigin + performance.now());
      }
    });
  });
}

/** In the page: a file of random bytes (what livekit-client's `sendFile` compresses stays its size, as most files do). */
function makeOurFile(page: Page): Promise<void> {
  return page.evaluate((bytes) => {
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for (let at = 0; at < bytes; at += 65536) parts.push(crypto.getRandomValues(new Uint8Array(Math.min(65536, bytes - at))));
    (window as unknown as { benchFile: File }).benchFile = new File(parts, 'bench.bin', { type: 'application/octet-stream' });
  }, FILE_BYTES);
}

const filesDone = (page: Page, bare: boolean) =>
  page.evaluate((b) => (b ? window.bareData.filesDone : (window as unknown as { filesDone: number[] }).filesDone), bare);

/**
 * File throughput in the chat (issue 13): a 25 MB file through `<meeting-room>`'s `sendFile`
 * (announced to the server, then a LiveKit byte stream in 64 KiB writes) until the other page
 * has it whole, against livekit-client's own `sendFile` between two bare pages; alternated.
 */
export async function fileThroughput(stack: Stack, rounds: number): Promise<FileThroughput> {
  const pairs = await pagePairs(stack, 'File bench');
  const out: FileThroughput = { ours: [], bare: [] };
  try {
    const [ourSender, ourReceiver] = pairs.ours;
    const [bareSender, bareReceiver] = pairs.bare;
    await watchOurReceiver(ourReceiver);
    await makeOurFile(ourSender);
    await bareSender.evaluate((bytes) => window.bareData.makeFile(bytes), FILE_BYTES);

    const round = async (bare: boolean): Promise<number> => {
      const [sender, receiver] = bare ? [bareSender, bareReceiver] : [ourSender, ourReceiver];
      const before = (await filesDone(receiver, bare)).length;
      const startedAt = bare
        ? (await bareSender.evaluate(() => window.bareData.sendFile())).startedAt
        : await sender.evaluate(async () => {
            const startedAt = performance.timeOrigin + performance.now();
            const room = document.querySelector('meeting-room') as unknown as { sendFile(file: Blob): Promise<boolean> };
            if (!(await room.sendFile((window as unknown as { benchFile: File }).benchFile))) throw new Error('sendFile answered false');
            return startedAt;
          });
      await waitFor('the file whole on the other page', async () => (await filesDone(receiver, bare)).length > before, 120_000);
      return mbPerSecond((await filesDone(receiver, bare))[before]! - startedAt);
    };

    for (let i = 0; i < rounds; i++) {
      out.ours.push(await round(false));
      out.bare.push(await round(true));
      console.log(`file ${i + 1}/${rounds}: meeting-room ${out.ours.at(-1)!.toFixed(1)} MB/s, bare livekit-client ${out.bare.at(-1)!.toFixed(1)} MB/s`);
    }
  } finally {
    await pairs.close();
  }
  return out;
}

/** The RESULTS.md section for these figures. */
export function fileThroughputSection(r: FileThroughput): string {
  const row = (xs: number[]) => `${median(xs).toFixed(1)} MB/s | ${Math.min(...xs).toFixed(1)} MB/s | ${Math.max(...xs).toFixed(1)} MB/s`;
  return `
## File throughput in the chat: 25 MB, sender's call → whole on the other page

${r.ours.length} rounds each, alternated (ours, bare, ours, bare …), on loopback; a file of 25 MB
(${FILE_BYTES.toLocaleString('en')} bytes, the server's default \`CHAT_FILE_MAX_MB\`, which takes exactly that size) of random
bytes, made in the sending page. Ours: \`<meeting-room>.sendFile(file)\` (the announcement to the server,
then a LiveKit byte stream written 64 KiB at a time) until the receiving page's snapshot has the transfer
\`done\` (read whole, a Blob URL made). Baseline: livekit-client's \`room.localParticipant.sendFile(file)\`
between two bare pages (bench/bare-data.ts; deflate-raw on, which random bytes do not shrink) until the
receiver's byte-stream handler has read it whole and made a Blob. Each pair is in a meeting of its own,
cameras and microphones off. Times are \`performance.timeOrigin + performance.now()\` of each page (one
browser, one machine). MB = 2^20 bytes.

| page | median | min | max |
|---|---|---|---|
| \`<meeting-room>\` | ${row(r.ours)} |
| bare livekit-client \`sendFile\` (baseline) | ${row(r.bare)} |
| **ratio of medians (ours ÷ bare)** | **${(median(r.ours) / median(r.bare)).toFixed(2)}** | | |

Raw (MB/s): ours ${r.ours.map((x) => x.toFixed(1)).join(', ')}; bare ${r.bare.map((x) => x.toFixed(1)).join(', ')}.
`;
}
