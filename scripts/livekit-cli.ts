/**
 * `npm run livekit -- build`: makes sure livekit-server v1.13.5 is available (builds it with Go
 * into the user cache, ~/.cache/meeting-room/, only when it is missing) and prints where it is.
 * `npm run livekit -- start`: runs it on loopback in the foreground (Ctrl-C stops it).
 */
import { findLivekit, startLivekit } from './livekit.js';

const command = process.argv[2] ?? 'build';
try {
  const source = await findLivekit({ log: (line) => console.log(line) });
  if (command === 'build') {
    console.log(source.kind === 'binary' ? `livekit-server: ${source.path}` : `livekit-server: external at ${source.url}`);
  } else if (command === 'start') {
    if (source.kind !== 'binary') throw new Error('LIVEKIT_URL names an external server; nothing to start');
    const lk = await startLivekit({ binary: source.path, port: Number(process.env.LIVEKIT_PORT ?? 7880), apiKey: process.env.LIVEKIT_API_KEY, apiSecret: process.env.LIVEKIT_API_SECRET });
    console.log(`livekit-server on ${lk.url}\n  API key    ${lk.apiKey}\n  API secret ${lk.apiSecret}`);
    const stop = () => void lk.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } else {
    throw new Error(`unknown command ${command}: use build or start`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
