import { loadConfig } from './config.js';
import { defaultPages } from './package-files.js';
import { startServer } from './server.js';

/** Entry point of the server (`dist/server.js`, the `meeting-room-server` command): config from the environment, graceful stop. */

async function main() {
  const config = loadConfig();
  const server = await startServer(config, defaultPages(config));
  server.log.info({ url: server.url, publicUrl: server.publicUrl }, 'meeting server listening');
  // The secret is printed only for the demo, which is on by itself only on loopback (DEMO in the README).
  if (config.demo) {
    const { appKey, appSecret } = server.services.devTenant;
    console.log(
      `\n  Meeting server: ${server.publicUrl}\n  Demo page:      ${server.publicUrl}/demo/\n` +
        `  Dev tenant for the REST API (SPEC M8 signature):\n    AppKey    ${appKey}\n    AppSecret ${appSecret}\n`,
    );
  } else {
    console.log(`\n  Meeting server: ${server.publicUrl} (no demo: it is on by itself only on a loopback HOST, else with DEMO=1)\n`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'stopping');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
