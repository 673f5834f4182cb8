/**
 * Only the chat-latency benchmark of bench/run.ts (`chatLatency`), printed rather than written to
 * RESULTS.md. BENCH_CHAT_MESSAGES sets the messages of each kind (default 40).
 *
 *   npm run build && flock /tmp/e2e.lock npx node --import tsx scripts/in-netns.ts npx node --import tsx bench/chat-latency.ts
 */
import { startStack } from '../test/support/stack.js';
import { chatLatency, chatLatencySection } from './chat-messages.js';
import { median, percentile } from './stats.js';

const MESSAGES = Number(process.env.BENCH_CHAT_MESSAGES ?? 40);

const stack = await startStack();
try {
  const r = await chatLatency(stack, MESSAGES);
  console.log(chatLatencySection(r));
  const fig = (xs: number[]) => `median ${median(xs).toFixed(0)} ms p95 ${percentile(xs, 95).toFixed(0)} ms`;
  console.log(`meeting-room ${fig(r.ours)}; bare sendText ${fig(r.text)}; bare data packet ${fig(r.packet)}; ratio of medians ours/sendText ${(median(r.ours) / median(r.text)).toFixed(2)}`);
} finally {
  await stack.stop();
}
