/**
 * `npm start`: makes sure livekit-server v1.13.5 is there (building it once if needed), starts it
 * on loopback with its webhooks pointed at the meeting server, then starts the meeting server
 * (dist/server.js) with its embedded database, and the demo's "third-party portal" on the next
 * port (scripts/demo-portal.ts), with a console admin to sign in with. Ctrl-C stops all.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DemoPortal } from './demo-portal.js';
import { findLivekit, mediaAddress, startLivekit } from './livekit.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
/** The demo's "third-party portal" is served on the next port: another origin, which the dev tenant lets embed its meetings. */
const portalPort = Number(process.env.PORTAL_PORT ?? port + 1);
const demoOrigins = [port, portalPort].flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]);
const dataDir = process.env.DATA_DIR ?? join(root, '.data');

/**
 * The dev tenant's credentials and the console admin's password, made once and kept in the data
 * folder: the portal's server needs the AppSecret (it signs its people in), the browser never.
 */
function demoCredentials(): { appKey: string; appSecret: string; adminPassword: string } {
  const file = join(dataDir, 'demo-credentials.json');
  mkdirSync(dataDir, { recursive: true });
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { appKey: string; appSecret: string; adminPassword: string }) : undefined;
  const creds = {
    appKey: process.env.MEETING_APP_KEY ?? saved?.appKey ?? randomBytes(12).toString('hex'),
    appSecret: process.env.MEETING_APP_SECRET ?? saved?.appSecret ?? randomBytes(24).toString('hex'),
    adminPassword: saved?.adminPassword ?? randomBytes(9).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(creds, null, 2), { mode: 0o600 });
  return creds;
}
const creds = demoCredentials();

const source = await findLivekit({ log: (line) => console.log(line) });
// Media goes over an address of this machine, not loopback, so that Firefox pairs too; HOST=0.0.0.0
// opens the signalling to the LAN as well, and pages then reach LiveKit at that address.
const media = await mediaAddress();
const lan = host === '0.0.0.0';
const livekit =
  source.kind === 'external'
    ? { url: source.url, apiKey: source.apiKey, apiSecret: source.apiSecret, stop: async () => {} }
    : await startLivekit({
        binary: source.path,
        port: Number(process.env.LIVEKIT_PORT ?? 7880),
        webhookUrl: `http://${lan ? '127.0.0.1' : host}:${port}/livekit/webhook`,
        logFile: join(root, 'livekit.log'),
        nodeIp: media.address,
        interfaces: media.interfaces,
        bindAddress: lan ? '0.0.0.0' : '127.0.0.1',
      }).then((lk) => (lan ? { ...lk, url: lk.url.replace('127.0.0.1', media.address) } : lk));
console.log(source.kind === 'external' ? `Using livekit-server at ${livekit.url}` : `livekit-server v1.13.5 on ${livekit.url}, media on ${media.address} (log: livekit.log)`);
if (media.address === '127.0.0.1') console.log('No network address besides loopback: Chromium can join, Firefox cannot (set MEDIA_ADDRESS).');

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
    EMBED_ORIGINS: process.env.EMBED_ORIGINS ?? demoOrigins.join(','),
    MEETING_APP_KEY: creds.appKey,
    MEETING_APP_SECRET: creds.appSecret,
  },
});

const loopback = host === '0.0.0.0' ? '127.0.0.1' : host;
const meetingServer = process.env.PUBLIC_URL ?? `http://${loopback}:${port}`;
const portal = new DemoPortal({ port: portalPort, host: loopback, meetingServer, appKey: creds.appKey, appSecret: creds.appSecret });

/** Waits for the meeting server, then makes the console admin (once) and opens the portal. */
async function startDemo(): Promise<void> {
  // However long a busy machine takes: until it answers, or has exited.
  // (Each try is cut short: a request that reaches the server while it is still starting may never be answered.)
  while (!(await fetch(new URL('/healthz', meetingServer), { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false))) {
    if (server.exitCode !== null) return;
    await sleep(200);
  }
  const added = await portal.call('/v1/user/add', { name: 'admin', password: creds.adminPassword, displayName: 'Demo admin', isAdmin: true });
  // 1019: made by an earlier start, with the same stored password.
  if (added.code !== 200 && added.code !== 1019) console.warn(`could not make the console admin: ${added.code} ${added.msg}`);
  await portal.start();
  console.log(
    `  Host console:   ${meetingServer}/console  (name admin, password ${creds.adminPassword})\n` +
      `  Guest join:     ${meetingServer}/demo/  (creates a meeting, gives host and guest links)\n` +
      `  Demo portal:    ${portal.url}/  (another origin: the tag and portal sign-on)\n`,
  );
}
void startDemo().catch((err: unknown) => console.warn(`the demo portal did not start: ${String(err)}`));

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  await portal.stop();
  await livekit.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.on('exit', (code) => void stop(code ?? 1));
