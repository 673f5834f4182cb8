import { randomUUID } from 'node:crypto';
import { checkSum, hmacSignature } from '../../src/server/auth/checksum.js';

/** SPEC M8 headers for a signed management request. */
export function signedHeaders(appKey: string, appSecret: string, opts: { nonce?: string; curTime?: string } = {}): Record<string, string> {
  const nonce = opts.nonce ?? randomUUID();
  const curTime = opts.curTime ?? String(Date.now());
  return {
    'Content-Type': 'application/json;charset=utf-8',
    AppKey: appKey,
    Nonce: nonce,
    CurTime: curTime,
    CheckSum: checkSum(appSecret, nonce, curTime),
  };
}

/** POSTs a signed management call and answers the parsed envelope with the HTTP status. */
export async function callApi<T = any>(
  baseUrl: string,
  tenant: { appKey: string; appSecret: string },
  path: string,
  body: unknown,
  opts: { nonce?: string; curTime?: string } = {},
): Promise<{ status: number; body: { code: number; msg: string; requestId: string; costTime: string; ret?: T } }> {
  const res = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: signedHeaders(tenant.appKey, tenant.appSecret, opts),
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Headers of the HMAC-SHA256 scheme for one request. */
export function hmacHeaders(appKey: string, appSecret: string, path: string, body: string, opts: { nonce?: string; curTime?: string } = {}): Record<string, string> {
  const nonce = opts.nonce ?? randomUUID();
  const curTime = opts.curTime ?? String(Date.now());
  return {
    'Content-Type': 'application/json;charset=utf-8',
    AppKey: appKey,
    Nonce: nonce,
    CurTime: curTime,
    Signature: hmacSignature(appSecret, { method: 'POST', path, body, curTime, nonce }),
  };
}
