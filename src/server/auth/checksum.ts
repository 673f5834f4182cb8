import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** SPEC M8: lowercase hex SHA-1 of (AppSecret + Nonce + CurTime). */
export function checkSum(appSecret: string, nonce: string, curTime: string): string {
  return createHash('sha1').update(appSecret + nonce + curTime).digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CurTime may be seconds (the vendor's form) or milliseconds; answers milliseconds. Only the
 * canonical form (digits, no leading zero) is taken: CheckSum hashes Nonce and CurTime run
 * together, so a padded CurTime could otherwise carry a replay with the nonce's trailing zeros.
 */
export function curTimeMs(curTime: string): number | undefined {
  if (!/^[1-9]\d{0,15}$/.test(curTime)) return undefined;
  const n = Number(curTime);
  return n < 1e12 ? n * 1000 : n;
}

/**
 * The recommended scheme (SPEC M8): `Signature` = lowercase hex HMAC-SHA256, keyed with AppSecret,
 * of the lines METHOD, path, hex SHA-256 of the raw body, CurTime and Nonce, joined by "\n".
 * Unlike CheckSum it binds the signature to the request, so a captured header cannot be replayed
 * on another call within the window even with a fresh nonce.
 */
export function hmacSignature(appSecret: string, req: { method: string; path: string; body: Uint8Array | string; curTime: string; nonce: string }): string {
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  return createHmac('sha256', appSecret).update([req.method.toUpperCase(), req.path, bodyHash, req.curTime, req.nonce].join('\n')).digest('hex');
}

/** Outgoing webhooks (SPEC M10): SHA-1 of (AppSecret + Nonce + CurTime + lowercase hex MD5(body)). */
export function webhookCheckSum(appSecret: string, nonce: string, curTime: string, body: string): string {
  return checkSum(appSecret, nonce, curTime + createHash('md5').update(body).digest('hex'));
}

/** The first line of an outgoing webhook's signed input: no REST call's input starts with it. */
export const WEBHOOK_SIGNATURE_DOMAIN = 'meeting-room-webhook';

/**
 * Outgoing webhooks' `Signature`: the HMAC scheme's lines after a line of their own
 * (`meeting-room-webhook`), so a delivery's signature can never be replayed as a REST call's,
 * nor a REST call's as a delivery.
 */
export function webhookSignature(appSecret: string, req: { path: string; body: string; curTime: string; nonce: string }): string {
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  return createHmac('sha256', appSecret).update([WEBHOOK_SIGNATURE_DOMAIN, 'POST', req.path, bodyHash, req.curTime, req.nonce].join('\n')).digest('hex');
}
