import type { Request, Response } from 'express';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { JoinService } from '../services/join.js';
import { clientKey, type StreamGate } from '../services/limits.js';
import { waitingTopic, type Notifier } from '../services/notifier.js';

const KEEPALIVE_MS = 15_000;
/** A backstop for a change that reached no notifier (e.g. a meeting ended on another replica before LISTEN/NOTIFY). */
const BACKSTOP_MS = 60_000;

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export interface WaitingStreamDeps {
  join: JoinService;
  notifier: Notifier;
  gate: StreamGate;
}

/**
 * `GET /api/join/wait?ticket=`: the waiting person's server-sent events (SPEC J5). `waiting`
 * carries `{position}` in the queue, then one `admitted` (the grant) or `refused` ({code, msg}) ends it.
 * The stream reads the ticket's state when it opens and again only when the meeting's waiting room
 * is notified of a change (DESIGN "Push") or the ticket's wait runs out; a reloaded page simply opens
 * it again with its ticket. Streams are limited per ticket, per client and in all (510 as `refused`).
 */
export function streamWaiting({ join, notifier, gate }: WaitingStreamDeps, ticket: string, req: Request, res: Response): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  const refuse = (err: unknown) => {
    const e = err instanceof MeetingError ? err : new MeetingError(ErrorCode.INTERNAL, 'Internal error');
    send(res, 'refused', { code: e.code, msg: e.message });
    res.end();
  };
  let release: () => void;
  try {
    release = gate.open(ticket, clientKey(req.ip));
  } catch (err) {
    refuse(err);
    return;
  }
  let closed = false;
  let last = '';
  let unsubscribe: (() => void) | undefined;
  let expiry: NodeJS.Timeout | undefined;
  const timers = [setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS), setInterval(() => void read(), BACKSTOP_MS)];
  const finish = () => {
    if (closed) return;
    closed = true;
    release();
    unsubscribe?.();
    clearTimeout(expiry);
    for (const t of timers) clearInterval(t);
    res.end();
  };
  req.on('close', finish);

  // One read at a time; news during a read asks for one more after it.
  let reading = false;
  let again = false;
  const read = async (): Promise<void> => {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      const { grant, position, meetingId, expiresInMs } = await join.ticketState(ticket);
      if (closed) return;
      if (grant) {
        send(res, 'admitted', grant);
        return finish();
      }
      unsubscribe ??= notifier.subscribe(waitingTopic(meetingId!), () => void read());
      if (expiresInMs !== undefined && !expiry) expiry = setTimeout(() => void read(), Math.max(0, expiresInMs) + 10);
      if (`${position}` !== last) {
        send(res, 'waiting', { position });
        last = `${position}`;
      }
    } catch (err) {
      if (!closed) {
        refuse(err);
        finish();
      }
      return;
    } finally {
      reading = false;
    }
    if (again) {
      again = false;
      await read();
    }
  };
  void read();
}
