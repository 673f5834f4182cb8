import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
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
