import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp } from './app.js';
import type { ServerConfig } from './config.js';
import type { LivekitAdmin } from './livekit/admin.js';
import { meetingSockets, type MeetingSockets } from './routes/meeting-socket.js';
import type { PageOptions } from './routes/pages.js';
import { operations } from './routes/table.js';
import { createServices, type Services } from './services/index.js';
import { openDatabase, type Db } from './store/db.js';

export interface RunningServer {
  url: string;
  publicUrl: string;
  services: Services;
  db: Db;
  log: Logger;
  /** The meeting sockets (routes/meeting-socket.ts). */
  sockets: MeetingSockets;
  close(): Promise<void>;
}

export interface ServerOptions {
  log?: Logger;
  /** Replaces the real LiveKit admin client (server tests record what LiveKit was told). */
  livekitAdmin?: LivekitAdmin;
  /** The services' clock (tests move it on instead of waiting). */
  now?: () => number;
}

/** Opens the database, wires the services and listens. Used by `main.ts`, tests and benchmarks. */
export async function startServer(config: ServerConfig, pages: PageOptions, { log, livekitAdmin, now = Date.now }: ServerOptions = {}): Promise<RunningServer> {
  const logger = log ?? pino({ level: config.logLevel });
  const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, onIdleError: (err) => logger.warn({ err: String(err) }, 'an idle database connection failed') });
  let sockets: MeetingSockets | undefined;
  // Listen first, so that links can name the port actually bound (PORT=0 in tests). Only the meeting
  // socket upgrades: any other request with an Upgrade header (h2c …) is answered as a plain request.
  const server = createServer({ shouldUpgradeCallback: (req) => sockets?.wants(req) ?? false });
  try {
    server.listen(config.port, config.host);
    await once(server, 'listening');
    server.keepAliveTimeout = 5_000;
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const resolved = { ...config, publicUrl: config.publicUrl ?? url };
    const services = await createServices(resolved, db, logger, now, livekitAdmin);
    const app = createApp({ config: resolved, services, log: logger, pages });
    server.on('request', app);
    const meetingSocket = meetingSockets(operations, services, logger, app.get('trust proxy fn'));
    sockets = meetingSocket;
    services.control.pushTo((meetingId, identity, push) => meetingSocket.push(meetingId, identity, push));
    server.on('upgrade', meetingSocket.upgrade);
    services.outbox.start();
    await services.clock.reconcile();
    await services.reconcile.run();
    services.clock.start();
    services.housekeeping.start();
    services.reconcile.start();
    return {
      url,
      publicUrl: resolved.publicUrl,
      services,
      db,
      log: logger,
      sockets: meetingSocket,
      async close() {
        await services.clock.stop();
        await services.housekeeping.stop();
        await services.reconcile.stop();
        await services.outbox.stop();
        meetingSocket.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.destroy();
      },
    };
  } catch (err) {
    server.close();
    await db.destroy();
    throw err;
  }
}
