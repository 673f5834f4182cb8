import type { Request, Response } from 'express';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { JoinService } from '../services/join.js';

const POLL_MS = 500;
const KEEPALIVE_MS = 15_000;

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * `GET /api/join/wait?ticket=`: the waiting person's server-sent events (SPEC J5). `waiting`
 * carries `{position}` in the queue, then one `admitted` (the grant) or `refused` ({code, msg}) ends it.
 * The decision is read from the database, so any replica can serve the stream and a reloaded page
 * simply opens it again with its ticket.
 */
export function streamWaiting(join: JoinService, ticket: string, req: Request, res: Response): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  let closed = false;
  let last = '';
  let lastWrite = Date.now();
  req.on('close', () => (closed = true));
  const tick = async () => {
    if (closed) return;
    try {
      const { grant, position } = await join.ticketState(ticket);
      if (grant) {
        send(res, 'admitted', grant);
        res.end();
        return;
      }
      if (`${position}` !== last || Date.now() - lastWrite > KEEPALIVE_MS) {
        send(res, 'waiting', { position });
        last = `${position}`;
        lastWrite = Date.now();
      }
    } catch (err) {
      const e = err instanceof MeetingError ? err : new MeetingError(ErrorCode.INTERNAL, 'Internal error');
      send(res, 'refused', { code: e.code, msg: e.message });
      res.end();
      return;
    }
    setTimeout(() => void tick(), POLL_MS);
  };
  void tick();
}
