/**
 * Only the file-throughput benchmark of bench/run.ts (`fileThroughput`), printed rather than written
 * to RESULTS.md. BENCH_FILE_ROUNDS sets the rounds (default 5).
 *
 *   npm run build && flock /tmp/e2e.lock npx node --import tsx scripts/in-netns.ts npx node --import tsx bench/file-throughput.ts
 */
import { startStack } from '../test/support/stack.js';
import { fileThroughput, fileThroughputSection } from './file-transfer.js';
import { median } from './stats.js';

const ROUNDS = Number(process.env.BENCH_FILE_ROUNDS ?? 5);

const stack = await startStack();
try {
  const r = await fileThroughput(stack, ROUNDS);
  console.log(fileThroughputSection(r));
  console.log(`median: meeting-room ${median(r.ours).toFixed(1)} MB/s, bare livekit-client ${median(r.bare).toFixed(1)} MB/s, ratio ours/bare ${(median(r.ours) / median(r.bare)).toFixed(2)}`);
} finally {
  await stack.stop();
}
