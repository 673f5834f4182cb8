import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Logger } from 'pino';
import { WEBHOOK_RETRY_DELAYS_MS, type WebhookMessage } from '../../protocol/webhooks.js';
import { webhookCheckSum, webhookSignature } from '../auth/checksum.js';
import { MeetingError } from '../errors.js';
import type { Database, WebhookOutboxTable } from '../store/schema.js';
import { CallbackGuard } from './callback-guard.js';

export interface WebhookOutboxOptions {
  /** Waits before each retry; SPEC M10's by default. */
  retryDelaysMs?: readonly number[];
  pollMs?: number;
  /** How long a claimed delivery is left alone before another worker may try it. */
  leaseMs?: number;
  timeoutMs?: number;
  now?: () => number;
  /** Refuses callback URLs that reach inside (loopback, private, link-local) unless allow-listed. */
  guard?: CallbackGuard;
}

/**
 * Outgoing webhooks (SPEC M10) through a database outbox: an event is stored in the same
 * transaction as the change it reports, then delivered, signed, and retried on anything but HTTP
 * 200. A restart loses nothing, and a receiver outage only delays delivery.
 */
export class WebhookOutbox {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly delays: readonly number[];
  private readonly now: () => number;
  private readonly guard: CallbackGuard;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly opts: WebhookOutboxOptions = {},
  ) {
    this.delays = opts.retryDelaysMs ?? WEBHOOK_RETRY_DELAYS_MS;
    this.now = opts.now ?? Date.now;
    this.guard = opts.guard ?? new CallbackGuard();
  }

  /** Stores an event for the tenant's callback URL; nothing when the tenant has none. Pass the transaction. */
  async enqueue(db: Kysely<Database>, tenantId: number, message: WebhookMessage): Promise<void> {
    await db
      .insertInto('webhook_outbox')
      .columns(['tenant_id', 'msg_type', 'body'])
      .expression((eb) =>
        eb
          .selectFrom('tenants')
          .select([eb.val(tenantId).as('tenant_id'), eb.val(message.msgType).as('msg_type'), eb.val(JSON.stringify(message)).as('body')])
          .where('id', '=', tenantId)
          .where('callback_url', 'is not', null),
      )
      .execute();
  }

  start(): void {
    const tick = () => {
      this.running = this.deliverDue()
        .then(() => undefined)
        .catch((err: unknown) => this.log.error({ err }, 'webhook delivery loop failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.opts.pollMs ?? 500);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Claims the events that are due and delivers them; answers how many were tried. */
  async deliverDue(): Promise<number> {
    const now = new Date(this.now());
    const lease = new Date(this.now() + (this.opts.leaseMs ?? 60_000));
    const claimed = await sql<Selectable<WebhookOutboxTable>>`
      update webhook_outbox set next_attempt_at = ${lease}
      where id in (
        select id from webhook_outbox
        where delivered_at is null and failed_at is null and next_attempt_at <= ${now}
        order by id limit 20 for update skip locked)
      returning *`.execute(this.db);
    for (const row of claimed.rows) await this.deliver(row);
    return claimed.rows.length;
  }

  private async deliver(row: Selectable<WebhookOutboxTable>): Promise<void> {
    const tenant = await this.db.selectFrom('tenants').select(['app_key', 'app_secret', 'callback_url']).where('id', '=', row.tenant_id).executeTakeFirst();
    let status: string;
    if (!tenant?.callback_url) {
      status = 'no callback url';
    } else {
      const nonce = randomUUID().replace(/-/g, '');
      const curTime = String(this.now());
      try {
        const url = await this.guard.check(tenant.callback_url);
        status = await this.post(url, row.body, {
          'Content-Type': 'application/json;charset=utf-8',
          AppKey: tenant.app_key,
          Nonce: nonce,
          CurTime: curTime,
          CheckSum: webhookCheckSum(tenant.app_secret, nonce, curTime, row.body),
          Signature: webhookSignature(tenant.app_secret, { path: url.pathname, body: row.body, curTime, nonce }),
        });
      } catch (err) {
        status = err instanceof MeetingError ? 'refused: not a public address' : err instanceof Error ? err.name : 'error';
      }
    }
    const attempts = row.attempts + 1;
    if (status === '200') {
      await this.db.updateTable('webhook_outbox').set({ attempts, delivered_at: new Date(this.now()), last_status: status }).where('id', '=', row.id).execute();
      return;
    }
    const delay = this.delays[attempts - 1];
    this.log.warn({ id: row.id, attempts, status, retryInMs: delay }, 'webhook not accepted');
    await this.db
      .updateTable('webhook_outbox')
      .set(
        delay === undefined
          ? { attempts, failed_at: new Date(this.now()), last_status: status }
          : { attempts, next_attempt_at: new Date(this.now() + delay), last_status: status },
      )
      .where('id', '=', row.id)
      .execute();
  }

  /**
   * One POST; answers the HTTP status. Redirects are not followed, and the connection goes only to
   * addresses the guard checked (a name that now resolves inside is refused at connect).
   */
  private post(url: URL, body: string, headers: Record<string, string>): Promise<string> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        { method: 'POST', headers, timeout: this.opts.timeoutMs ?? 10_000, ...(this.guard.isAllowListed(url) ? {} : { lookup: this.guard.lookup }) },
        (res) => {
          res.resume();
          resolve(String(res.statusCode));
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { name: 'TimeoutError' })));
      req.on('error', reject);
      req.end(body);
    });
  }
}
