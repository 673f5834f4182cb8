import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Logger } from 'pino';
import { WEBHOOK_RETRY_DELAYS_MS, type WebhookMessage } from '../../protocol/webhooks.js';
import { hmacSignature, webhookCheckSum } from '../auth/checksum.js';
import type { Database, WebhookOutboxTable } from '../store/schema.js';

export interface WebhookOutboxOptions {
  /** Waits before each retry; SPEC M10's by default. */
  retryDelaysMs?: readonly number[];
  pollMs?: number;
  /** How long a claimed delivery is left alone before another worker may try it. */
  leaseMs?: number;
  timeoutMs?: number;
  now?: () => number;
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

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly opts: WebhookOutboxOptions = {},
  ) {
    this.delays = opts.retryDelaysMs ?? WEBHOOK_RETRY_DELAYS_MS;
    this.now = opts.now ?? Date.now;
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
      const url = new URL(tenant.callback_url);
      try {
        const res = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
          headers: {
            'Content-Type': 'application/json;charset=utf-8',
            AppKey: tenant.app_key,
            Nonce: nonce,
            CurTime: curTime,
            CheckSum: webhookCheckSum(tenant.app_secret, nonce, curTime, row.body),
            Signature: hmacSignature(tenant.app_secret, { method: 'POST', path: url.pathname, body: row.body, curTime, nonce }),
          },
          body: row.body,
        });
        await res.body?.cancel();
        status = String(res.status);
      } catch (err) {
        status = err instanceof Error ? err.name : 'error';
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
}
