import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { signedWebhook } from './livekit-webhook.js';
import { callApi } from './signed.js';
import type { TestServer } from './test-server.js';

/** What `/api/join` and `/api/join/ticket` grant. */
export interface Grant {
  token: string;
  identity: string;
  name: string;
  role: string;
  roleDowngraded: boolean;
  waitingTicket?: string;
  serverUrl: string;
  meeting: { meetingUniqueId: number; meetingId: string };
}

export interface Answer {
  code: number;
  msg: string;
  ret?: any;
}

export const guestKey = () => randomBytes(16).toString('base64url');

/** A join link's parameters (code, role, hk …), as a page would send them to `/api/join`. */
export const linkParams = (link: string): Record<string, string> => Object.fromEntries(new URL(link).searchParams);

/**
 * POSTs JSON to the meeting server as a browser would, with a bearer when given; `from` is the
 * local address to send from (another client address inside the test namespace).
 */
export function post(baseUrl: string, path: string, body: unknown, opts: { token?: string; from?: string } = {}): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: opts.from,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text) as Answer);
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A scheduled meeting of the dev tenant, with its links. */
export async function createMeeting(server: TestServer, extra: Record<string, unknown> = {}) {
  const res = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Attack', ...extra });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string; guestLink: string };
}

/** Delivers one LiveKit webhook event to the server, signed as livekit-server signs it. */
export async function deliverWebhook(server: TestServer, event: Record<string, unknown>): Promise<void> {
  const { apiKey, apiSecret } = server.config.livekit;
  const signed = await signedWebhook(apiKey, apiSecret, { createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: signed.authorization }, body: signed.body });
  assert.equal(res.status, 200);
}

/** Joins a meeting with link parameters and connects (LiveKit's `participant_joined` for the grant). */
export async function enterRoom(server: TestServer, meeting: { meetingUniqueId: number; meetingId: string }, params: Record<string, unknown>): Promise<Grant> {
  const res = await post(server.url, '/api/join', { code: meeting.meetingId, gk: guestKey(), ...params });
  assert.equal(res.code, 200, res.msg);
  const g = res.ret as Grant;
  const room = (await server.services.meetings.findById(meeting.meetingUniqueId))!.room_name;
  await deliverWebhook(server, { event: 'participant_joined', id: `EV_${g.identity}`, room: { name: room }, participant: { identity: g.identity, sid: `PA_${g.identity}` } });
  return g;
}
