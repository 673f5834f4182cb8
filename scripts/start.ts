/**
 * `npm start`: makes sure livekit-server v1.13.5 is there (building it once if needed), starts it
 * on loopback with its webhooks pointed at the meeting server, then starts the meeting server
 * (dist/server.js) with its embedded database. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLivekit, startLivekit } from './livekit.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const source = await findLivekit({ log: (line) => console.log(line) });
const livekit =
  source.kind === 'external'
    ? { url: source.url, apiKey: source.apiKey, apiSecret: source.apiSecret, stop: async () => {} }
    : await startLivekit({
        binary: source.path,
        port: Number(process.env.LIVEKIT_PORT ?? 7880),
        webhookUrl: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/livekit/webhook`,
        logFile: join(root, 'livekit.log'),
      });
console.log(source.kind === 'external' ? `Using livekit-server at ${livekit.url}` : `livekit-server v1.13.5 on ${livekit.url} (log: livekit.log)`);

const server = spawn(process.execPath, [join(root, 'dist', 'server.js')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: String(port),
    HOST: host,
    DATA_DIR: process.env.DATA_DIR ?? join(root, '.data'),
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  await livekit.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.on('exit', (code) => void stop(code ?? 1));
