import { createHash, randomBytes } from 'node:crypto';
import type { BrandingUpdate } from '../../protocol/branding.js';
import { ErrorCode } from '../../protocol/errors.js';
import { checkSum, curTimeMs, hmacSignature, sameHex } from '../auth/checksum.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import { CallbackGuard } from './callback-guard.js';

export interface Tenant {
  id: number;
  name: string;
  appKey: string;
  appSecret: string;
}

export interface SignedHeaders {
  appKey?: string;
  nonce?: string;
  curTime?: string;
  checkSum?: string;
  /** The HMAC-SHA256 scheme's signature; when present, CheckSum is not used. */
  signature?: string;
}

/** What the HMAC scheme signs besides the headers. */
export interface SignedRequest {
  method: string;
  path: string;
  rawBody: Uint8Array;
}

/** SPEC M8: more than this much clock skew is refused, and a nonce is remembered this long. */
export const SIGNATURE_WINDOW_MS = 60_000;

export class TenantService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly guard: CallbackGuard = new CallbackGuard(),
  ) {}

  /**
   * The development tenant: the configured key pair, else the stored one, else a new one. A
   * configured key pair replaces the stored secret, so changing the environment takes effect.
   */
  async ensureDevTenant(configured: { appKey?: string; appSecret?: string }, callbackUrl?: string): Promise<Tenant> {
    const existing = await this.db.selectFrom('tenants').selectAll().where('name', '=', 'dev').executeTakeFirst();
    const appKey = configured.appKey ?? existing?.app_key ?? randomBytes(12).toString('hex');
    const appSecret = configured.appSecret ?? existing?.app_secret ?? randomBytes(24).toString('hex');
    const row = existing
      ? await this.db
          .updateTable('tenants')
          .set({ app_key: appKey, app_secret: appSecret, ...(callbackUrl ? { callback_url: callbackUrl } : {}) })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await this.db
          .insertInto('tenants')
          .values({ name: 'dev', app_key: appKey, app_secret: appSecret, callback_url: callbackUrl ?? null })
          .returningAll()
          .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, appKey: row.app_key, appSecret: row.app_secret };
  }

  /** Sets (or, with null, clears) where the tenant's webhooks go (SPEC M10); inside addresses are refused. */
  async setCallbackUrl(tenantId: number, url: string | null): Promise<void> {
    if (url !== null) await this.guard.check(url);
    await this.db.updateTable('tenants').set({ callback_url: url }).where('id', '=', tenantId).execute();
  }

  /** The logo and accent colour its meetings show (SPEC E3); a field left out stays as it was. */
  async setBranding(tenantId: number, branding: BrandingUpdate): Promise<void> {
    const set = { ...(branding.logoUrl !== undefined ? { logo_url: branding.logoUrl } : {}), ...(branding.accentColor !== undefined ? { accent_color: branding.accentColor } : {}) };
    await this.db.updateTable('tenants').set(set).where('id', '=', tenantId).execute();
  }

  /** The settings a tenant sets itself (`/v1/tenant/getSettings`). */
  async settings(tenantId: number): Promise<{ callbackUrl: string; embedOrigins: string[]; logoUrl: string; accentColor: string }> {
    const row = await this.db.selectFrom('tenants').select(['callback_url', 'embed_origins', 'logo_url', 'accent_color']).where('id', '=', tenantId).executeTakeFirstOrThrow();
    return { callbackUrl: row.callback_url ?? '', embedOrigins: row.embed_origins, logoUrl: row.logo_url, accentColor: row.accent_color };
  }

  /** Checks a signed request (SPEC M8) and answers its tenant; refusals are typed. */
  async authenticate(h: SignedHeaders, request?: SignedRequest): Promise<Tenant> {
    if (!h.appKey || !h.nonce || !h.curTime || (!h.checkSum && !h.signature)) {
      throw new MeetingError(ErrorCode.BAD_HEADER, 'AppKey, Nonce, CurTime and CheckSum (or Signature) headers are required', 401);
    }
    if (h.nonce.length > 128) throw new MeetingError(ErrorCode.BAD_HEADER, 'Nonce is longer than 128 characters', 401);
    const sentAt = curTimeMs(h.curTime);
    if (sentAt === undefined) throw new MeetingError(ErrorCode.BAD_HEADER, 'CurTime must be a number (seconds or ms) without leading zeros', 401);
    const row = await this.db.selectFrom('tenants').selectAll().where('app_key', '=', h.appKey).executeTakeFirst();
    const expected = (secret: string) =>
      h.signature
        ? hmacSignature(secret, { method: request?.method ?? 'POST', path: request?.path ?? '', body: request?.rawBody ?? new Uint8Array(), curTime: h.curTime!, nonce: h.nonce! })
        : checkSum(secret, h.nonce!, h.curTime!);
    if (!row || !sameHex(expected(row.app_secret), h.signature ?? h.checkSum!)) {
      throw new MeetingError(ErrorCode.AUTH_FAILED, h.signature ? 'AppKey or Signature is wrong' : 'AppKey or CheckSum is wrong');
    }
    const now = this.now();
    if (Math.abs(now - sentAt) > SIGNATURE_WINDOW_MS) {
      throw new MeetingError(ErrorCode.TIME_OUT_OF_WINDOW, 'CurTime is more than 60 s away from the server clock');
    }
    await this.db.deleteFrom('used_nonces').where('expires_at', '<', new Date(now)).execute();
    // The nonce is spent, and so is the whole signed input (Nonce and CurTime as hashed together).
    const expires_at = new Date(sentAt + 2 * SIGNATURE_WINDOW_MS);
    const signedInput = `input:${createHash('sha256').update(h.nonce + h.curTime).digest('hex')}`;
    const inserted = await this.db
      .insertInto('used_nonces')
      .values([
        { tenant_id: row.id, nonce: h.nonce, expires_at },
        { tenant_id: row.id, nonce: signedInput, expires_at },
      ])
      .onConflict((oc) => oc.columns(['tenant_id', 'nonce']).doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows !== 2n) {
      throw new MeetingError(ErrorCode.NONCE_REUSED, 'This Nonce was already used');
    }
    return { id: row.id, name: row.name, appKey: row.app_key, appSecret: row.app_secret };
  }
}
