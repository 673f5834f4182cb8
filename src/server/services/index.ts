import type { ServerConfig } from '../config.js';
import { LivekitAdminClient, type LivekitAdmin } from '../livekit/admin.js';
import { tokenVerifier } from '../livekit/tokens.js';
import { LivekitWebhookVerifier } from '../livekit/webhooks.js';
import type { Db } from '../store/db.js';
import type { Logger } from 'pino';
import { AccountService } from './accounts.js';
import { CallbackGuard } from './callback-guard.js';
import { ChatService } from './chat.js';
import { ReactionService } from './reactions.js';
import { EmbedOrigins } from './embed-origins.js';
import { ControlService } from './control/control.js';
import { LiveStore } from './control/live-store.js';
import { Reconciler } from './control/reconcile.js';
import { Watchdog } from './control/watchdog.js';
import { HostLinkSigner } from './host-links.js';
import { Housekeeping } from './housekeeping.js';
import { JoinCodeService } from './join-codes.js';
import { JoinService } from './join.js';
import { Limits } from './limits.js';
import { LivekitWebhookHandler } from './livekit-events.js';
import { MeetingClock } from './meeting-clock.js';
import { MeetingService } from './meetings.js';
import { InProcessNotifier, type Notifier } from './notifier.js';
import { OperationsService } from './operations.js';
import { RecordingService } from './recordings.js';
import { RoomService } from './rooms.js';
import { TenantDataService } from './tenant-data.js';
import { UserService } from './users.js';
import { serverSecret } from './secrets.js';
import { SsoService } from './sso.js';
import { TenantService, type Tenant } from './tenants.js';
import { WebhookOutbox } from './webhooks.js';

export interface Services {
  tenants: TenantService;
  accounts: AccountService;
  meetings: MeetingService;
  rooms: RoomService;
  tenantData: TenantDataService;
  operations: OperationsService;
  users: UserService;
  recordings: RecordingService;
  join: JoinService;
  joinCodes: JoinCodeService;
  embedOrigins: EmbedOrigins;
  sso: SsoService;
  control: ControlService;
  chat: ChatService;
  reactions: ReactionService;
  livekitWebhooks: LivekitWebhookHandler;
  outbox: WebhookOutbox;
  clock: MeetingClock;
  housekeeping: Housekeeping;
  limits: Limits;
  notifier: Notifier;
  reconcile: Reconciler;
  devTenant: Tenant;
}

/** Wires the services over one database. */
/** `livekitAdmin` replaces the real admin client (server tests record what LiveKit was told). */
export async function createServices(
  config: ServerConfig & { publicUrl: string; callbackAllowHosts?: readonly string[]; devTenantEmbedOrigins?: string[] },
  db: Db,
  log: Logger,
  now: () => number = Date.now,
  livekitAdmin?: LivekitAdmin,
): Promise<Services> {
  const links = new HostLinkSigner(await serverSecret(config.dataDir, 'host-link', config.hostLinkSecret), db);
  await links.load();
  // The operator's own dev-tenant callback is allowed where it points; other inside hosts only by the allow-list.
  const guard = new CallbackGuard([...(config.callbackAllowHosts ?? []), ...(config.devTenantCallbackUrl ? [new URL(config.devTenantCallbackUrl).host] : [])]);
  const tenants = new TenantService(db, now, guard);
  const accounts = new AccountService(db);
  const livekit = livekitAdmin ?? new LivekitAdminClient(config.livekit.url, config.livekit.apiKey, config.livekit.apiSecret, log);
  const outbox = new WebhookOutbox(db, log, { retryDelaysMs: config.webhookRetryDelaysMs, now, guard });
  const meetings = new MeetingService(db, links, config.publicUrl, accounts, livekit, outbox, config.clock.overrunGraceMs, now);
  const users = new UserService(db, accounts, now);
  const rooms = new RoomService(db, accounts, meetings, links, config.publicUrl, now);
  const live = new LiveStore(db, config.tokenTtlSeconds * 1000);
  const limits = new Limits(config.limits);
  const notifier = new InProcessNotifier();
  const control = new ControlService(db, live, meetings, livekit, log, tokenVerifier(config.livekit.apiKey, config.livekit.apiSecret), links, now, { limits, notifier });
  const watchdog = new Watchdog(meetings, control, log, now);
  const joinCodes = new JoinCodeService(db, now);
  const embedOrigins = new EmbedOrigins(db, now);
  const sso = new SsoService(db, meetings, { accounts, users }, config.publicUrl, now);
  const devTenant = await tenants.ensureDevTenant(config.devTenant, config.devTenantCallbackUrl);
  if (config.devTenantEmbedOrigins) await embedOrigins.set(devTenant.id, config.devTenantEmbedOrigins);
  return {
    tenants,
    accounts,
    meetings,
    rooms,
    tenantData: new TenantDataService(db, now),
    operations: new OperationsService(db, livekit),
    users,
    recordings: new RecordingService(db, meetings, outbox, now),
    joinCodes,
    embedOrigins,
    sso,
    join: new JoinService(db, meetings, rooms, links, joinCodes, control, live, { origins: embedOrigins, sso }, {
      livekit: config.livekit,
      tokenTtlSeconds: config.tokenTtlSeconds,
      waitingTimeoutMs: config.waitingTimeoutMs,
      passwordAttempts: config.passwordAttempts,
      limits,
      pendingAdmissionsMax: config.pendingAdmissionsMax,
      endedCodeWindowMs: config.endedCodeWindowMs,
      now,
    }),
    control,
    chat: new ChatService(db, control, livekit, log, config.chatFileMaxMb),
    reactions: new ReactionService(control, livekit, log),
    outbox,
    clock: new MeetingClock(meetings, livekit, log, config.clock),
    housekeeping: new Housekeeping(db, live, log, { ...config.housekeeping, waitingTimeoutMs: config.waitingTimeoutMs }),
    limits,
    notifier,
    reconcile: new Reconciler(meetings, live, control, watchdog, livekit, log, config.reconcileIntervalMs, now),
    livekitWebhooks: new LivekitWebhookHandler(db, meetings, watchdog, log, new LivekitWebhookVerifier(config.livekit.apiKey, config.livekit.apiSecret)),
    devTenant,
  };
}
