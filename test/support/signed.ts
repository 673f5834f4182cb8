import { randomUUID } from 'node:crypto';
import { checkSum, hmacSignature } from '../../src/server/auth/checksum.js';

type Fresh = { nonce?: string; curTime?: string };

/** The common headers of both schemes, with a fresh nonce and the current time unless given. */
function baseHeaders(appKey: string, opts: Fresh) {
  const nonce = opts.nonce ?? randomUUID();
  const curTime = opts.curTime ?? String(Date.now());
  return { nonce, curTime, headers: { 'Content-Type': 'application/json;charset=utf-8', AppKey: appKey, Nonce: nonce, CurTime: curTime } };
}

/** SPEC M8 CheckSum headers for a signed management request. */
export function signedHeaders(appKey: string, appSecret: string, opts: Fresh = {}): Record<string, string> {
  const { nonce, curTime, headers } = baseHeaders(appKey, opts);
  return { ...headers, CheckSum: checkSum(appSecret, nonce, curTime) };
}

/** Headers of the HMAC-SHA256 scheme for one request. */
export function hmacHeaders(appKey: string, appSecret: string, path: string, body: string, opts: Fresh = {}): Record<string, string> {
  const { nonce, curTime, headers } = baseHeaders(appKey, opts);
  return { ...headers, Signature: hmacSignature(appSecret, { method: 'POST', path, body, curTime, nonce }) };
}

/** POSTs a signed management call and answers the parsed envelope with the HTTP status. */
export async function callApi<T = any>(
  baseUrl: string,
  tenant: { appKey: string; appSecret: string },
  path: string,
  body: unknown,
  opts: Fresh = {},
): Promise<{ status: number; body: { code: number; msg: string; requestId: string; costTime: string; ret?: T } }> {
  const res = await fetch(new URL(path, baseUrl), { method: 'POST', headers: signedHeaders(tenant.appKey, tenant.appSecret, opts), body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}
