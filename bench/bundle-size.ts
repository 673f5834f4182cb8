/**
 * The initial JS of a join against its budget, as the server sends it (gzip and brotli, the files
 * the build wrote): the file /join loads (dist/assets/meeting-room.<hash>.js) and the chunks it
 * imports statically; livekit-client, which it imports when a person joins, is reported apart.
 * After `npm run build`:
 *   node --import tsx bench/bundle-size.ts
 * Prints the sizes; exits 1 when the initial gzip size is over the budget (175 KiB, issue 11).
 */
import { joinScripts, type Sizes } from './join-js.js';

const BUDGET_GZIP = 175 * 1024;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const row = (label: string, s: Sizes) => console.log(`| ${label} | ${kib(s.bytes)} | ${kib(s.gzip)} | ${kib(s.brotli)} |`);

const { initial, lazy } = joinScripts();
console.log('| file | minified | gzip -9 | brotli 11 |\n|---|---|---|---|');
row("`/assets/meeting-room.<hash>.js` (initial: what /join and the tag load)", initial);
for (const chunk of lazy) row(`\`/assets/${chunk.file}\` (loaded at join)`, chunk);
const over = initial.gzip - BUDGET_GZIP;
console.log(over > 0 ? `over the ${kib(BUDGET_GZIP)} gzip budget by ${kib(over)}` : `within the ${kib(BUDGET_GZIP)} gzip budget (${kib(-over)} to spare)`);
process.exitCode = over > 0 ? 1 : 0;
