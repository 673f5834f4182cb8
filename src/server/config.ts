import { z } from 'zod';
import { CHAT_FILE_DEFAULT_MAX_MB } from '../protocol/chat.js';
import { embedOriginsSchema } from '../protocol/embed.js';

/**
 * Every environment variable the server reads, parsed in one place.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | PORT | 3000 | HTTP port |
 * | HOST | 127.0.0.1 | interface to listen on |
 * | PUBLIC_URL | the address it listens on | base of the join links the server hands out |
 * | DATA_DIR | ./.data | where the embedded database (PGlite) lives |
 * | DATABASE_URL | – | a PostgreSQL server to use instead of PGlite |
 * | LIVEKIT_URL | – (required) | the livekit-server's URL, e.g. ws://127.0.0.1:7880 |
 * | LIVEKIT_API_KEY / LIVEKIT_API_SECRET | – (required) | its API key pair |
 * | MEETING_APP_KEY / MEETING_APP_SECRET | generated once, stored | the dev tenant's REST credentials |
 * | MEETING_CALLBACK_URL | – | the dev tenant's webhook callback URL (SPEC M10) |
 * | EMBED_ORIGINS | – | comma-separated origins (`https://portal.example`) whose pages may embed the dev tenant's meetings; replaces its stored list |
 * | CALLBACK_ALLOW_HOSTS | – | comma-separated `host` or `host:port` callbacks may reach though private or loopback |
 * | WEBHOOK_RETRY_DELAYS_MS | 2000,4000,6000,3600000,3600000 | waits before each webhook retry |
 * | MAX_MEETING_MINUTES | 1440 | a meeting in progress ends after this long (reason 3) |
 * | OVERRUN_GRACE_MINUTES | 15 | a scheduled meeting in progress ends this long after its end time |
 * | CLOCK_INTERVAL_MS | 30000 | how often overdue meetings are looked for |
 * | RECONCILE_INTERVAL_MS | 10000 | how often LiveKit's participants are compared with the admissions (strangers are removed) |
 * | HOST_LINK_SECRET | generated once into DATA_DIR/host-link.key (0600) | signs host links; never stored in the database |
 * | LOG_LEVEL | info | pino level |
 * | DEMO | 1 on a loopback HOST, else 0 | serve the demo pages (`/demo`), which create meetings without signing, and print the dev tenant's AppSecret |
 * | WAITING_TIMEOUT_MINUTES | 15 | a waiting-room ticket nobody decides on expires after this long |
 * | PASSWORD_ATTEMPTS | 5 | wrong join passwords per meeting and client (address, or account when signed in) in 15 minutes before 510 |
 * | TRUST_PROXY | none | proxies whose `X-Forwarded-For` names the client: `none`, a hop count, or addresses/subnets (`loopback`, `10.0.0.0/8`, …) |
 * | JOINS_PER_CLIENT_PER_MINUTE | 300 | joins from one client address a minute before 510 |
 * | JOINS_PER_MEETING_PER_MINUTE | 600 | joins to one meeting or room a minute before 510 |
 * | JOINS_IN_FLIGHT_PER_MEETING | 1 | joins to one meeting or room worked on at once; the others wait their turn in memory |
 * | JOIN_LANE_REST | 3 | after each join, its meeting's lane rests this many times as long as the join took: one meeting's joins get at most 1 / (1 + this) of the server's time (0: no rest) |
 * | PENDING_ADMISSIONS_MAX | 500 | people let in (or waiting) but not connected one meeting holds before newcomers get 510 |
 * | LOOKUP_FAILURES_PER_CLIENT | 30 | unknown (or long-ended) meeting codes one client may try in 10 minutes before 510 |
 * | ENDED_CODE_WINDOW_HOURS | 24 | an ended meeting's code answers 2021 this long, then 2000 like one never used |
 * | REFUSED_ACTIONS_PER_MINUTE | 60 | refused host actions per caller a minute before 510 (and no more audit rows) |
 * | WAIT_STREAMS_PER_TICKET / _PER_CLIENT / _MAX | 3 / 20 / 1000 | open waiting-room streams per ticket, per client address, in all |
 * | MEETING_SOCKETS_PER_CLIENT / _MAX | 64 / 20000 | open meeting sockets per client address, in all (past them a page makes its calls over HTTP) |
 * | AUDIT_RETENTION_DAYS | 90 | how long the host-action audit is kept |
 * | HOUSEKEEPING_INTERVAL_MS | 600000 | how often old rows are deleted |
 * | CHAT_FILE_MAX_MB | 25 | the largest file anyone may send in the chat (the server refuses the announcement of a larger one) |
 */
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: z.string().optional(),
  LIVEKIT_URL: z.string().regex(/^wss?:\/\//, 'LIVEKIT_URL must start with ws:// or wss://'),
  LIVEKIT_API_KEY: z.string().min(1),
  LIVEKIT_API_SECRET: z.string().min(32, 'LIVEKIT_API_SECRET must be at least 32 characters'),
  MEETING_APP_KEY: z.string().min(8).optional(),
  MEETING_APP_SECRET: z.string().min(16).optional(),
  HOST_LINK_SECRET: z.string().min(32).optional(),
  MAX_MEETING_MINUTES: z.coerce.number().positive().default(1440),
  OVERRUN_GRACE_MINUTES: z.coerce.number().min(0).default(15),
  CLOCK_INTERVAL_MS: z.coerce.number().int().min(50).default(30_000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(50).default(10_000),
  MEETING_CALLBACK_URL: z.url({ protocol: /^https?$/ }).optional(),
  CALLBACK_ALLOW_HOSTS: z.string().optional(),
  EMBED_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(embedOriginsSchema)
    .optional(),
  WEBHOOK_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of milliseconds')
    .transform((v) => v.split(',').map(Number))
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: z.enum(['0', '1']).optional(),
  WAITING_TIMEOUT_MINUTES: z.coerce.number().positive().default(15),
  PASSWORD_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  TRUST_PROXY: z
    .string()
    .regex(/^(none|\d+|[\w.:/]+(,[\w.:/]+)*)$/, '`none`, a hop count, or comma-separated addresses/subnets')
    .default('none')
    .transform((v) => (v === 'none' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  JOINS_PER_CLIENT_PER_MINUTE: count(300),
  JOINS_PER_MEETING_PER_MINUTE: count(600),
  JOINS_IN_FLIGHT_PER_MEETING: count(1),
  JOIN_LANE_REST: z.coerce.number().min(0).max(100).default(3),
  PENDING_ADMISSIONS_MAX: count(500),
  LOOKUP_FAILURES_PER_CLIENT: count(30),
  ENDED_CODE_WINDOW_HOURS: z.coerce.number().min(0).default(24),
  REFUSED_ACTIONS_PER_MINUTE: count(60),
  WAIT_STREAMS_PER_TICKET: count(3),
  WAIT_STREAMS_PER_CLIENT: count(20),
  WAIT_STREAMS_MAX: count(1000),
  MEETING_SOCKETS_PER_CLIENT: count(64),
  MEETING_SOCKETS_MAX: count(20_000),
  AUDIT_RETENTION_DAYS: z.coerce.number().positive().default(90),
  HOUSEKEEPING_INTERVAL_MS: z.coerce.number().int().min(50).default(600_000),
  CHAT_FILE_MAX_MB: z.coerce.number().positive().max(2000).default(CHAT_FILE_DEFAULT_MAX_MB),
});

/** Whether a listening address is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The configuration the server runs with, read from the environment above. */
const configSchema = envSchema.transform((e) => ({
  port: e.PORT,
  host: e.HOST,
  /** Base of the links handed out; when unset, the address the server listens on. */
  publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
  dataDir: e.DATA_DIR,
  databaseUrl: e.DATABASE_URL,
  livekit: { url: e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY, apiSecret: e.LIVEKIT_API_SECRET },
  devTenant: { appKey: e.MEETING_APP_KEY, appSecret: e.MEETING_APP_SECRET },
  devTenantCallbackUrl: e.MEETING_CALLBACK_URL,
  devTenantEmbedOrigins: e.EMBED_ORIGINS,
  /** Callback hosts exempt from the public-address check (SSRF guard). */
  callbackAllowHosts: e.CALLBACK_ALLOW_HOSTS?.split(',').map((h) => h.trim()).filter(Boolean),
  clock: { intervalMs: e.CLOCK_INTERVAL_MS, maxDurationMs: e.MAX_MEETING_MINUTES * 60_000, overrunGraceMs: e.OVERRUN_GRACE_MINUTES * 60_000 },
  reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
  webhookRetryDelaysMs: e.WEBHOOK_RETRY_DELAYS_MS,
  hostLinkSecret: e.HOST_LINK_SECRET,
  logLevel: e.LOG_LEVEL,
  /** The demo signs nothing, so it is on by itself only where nobody else can reach it. */
  demo: e.DEMO ? e.DEMO === '1' : isLoopback(e.HOST),
  /** Seconds a LiveKit token lives (the issue asks for 10 minutes). */
  tokenTtlSeconds: 600,
  waitingTimeoutMs: e.WAITING_TIMEOUT_MINUTES * 60_000,
  passwordAttempts: e.PASSWORD_ATTEMPTS,
  /** Express's `trust proxy`: false (the socket's address is the client), a hop count, or addresses. */
  trustProxy: e.TRUST_PROXY,
  limits: {
    joinsPerClient: e.JOINS_PER_CLIENT_PER_MINUTE,
    joinsPerMeeting: e.JOINS_PER_MEETING_PER_MINUTE,
    joinsInFlightPerMeeting: e.JOINS_IN_FLIGHT_PER_MEETING,
    joinLaneRest: e.JOIN_LANE_REST,
    lookupFailuresPerClient: e.LOOKUP_FAILURES_PER_CLIENT,
    refusedActionsPerCaller: e.REFUSED_ACTIONS_PER_MINUTE,
    streams: { perTicket: e.WAIT_STREAMS_PER_TICKET, perClient: e.WAIT_STREAMS_PER_CLIENT, total: e.WAIT_STREAMS_MAX },
    sockets: { perClient: e.MEETING_SOCKETS_PER_CLIENT, total: e.MEETING_SOCKETS_MAX },
  },
  pendingAdmissionsMax: e.PENDING_ADMISSIONS_MAX,
  endedCodeWindowMs: e.ENDED_CODE_WINDOW_HOURS * 3600_000,
  chatFileMaxMb: e.CHAT_FILE_MAX_MB,
  housekeeping: { intervalMs: e.HOUSEKEEPING_INTERVAL_MS, auditRetentionMs: e.AUDIT_RETENTION_DAYS * 86_400_000 },
}));
export type ServerConfig = z.output<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Bad configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
