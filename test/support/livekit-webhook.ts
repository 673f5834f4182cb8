import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';

/** A webhook body and Authorization header signed the way livekit-server signs them. */
export async function signedWebhook(apiKey: string, apiSecret: string, event: Record<string, unknown>): Promise<{ body: string; authorization: string }> {
  const body = JSON.stringify(event);
  const token = new AccessToken(apiKey, apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return { body, authorization: await token.toJwt() };
}
