import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import proxyaddr from 'proxy-addr';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ErrorCode, defaultMessages } from '../../protocol/errors.js';
import { meetingUniqueIdSchema } from '../../protocol/meeting.js';
import { MEETING_SOCKET_PATH, SocketClose, type SocketAnswer, type SocketCall, type SocketPush } from '../../protocol/meeting-socket.js';
import { crossOrigin } from '../cors.js';
import { MeetingError } from '../errors.js';
import { hasNul, parseBody } from '../http.js';
import type { Services } from '../services/index.js';
import { clientKey } from '../services/limits.js';
import { isStream, type JsonOperation, type Operation } from './operation.js';

const PREFIX = '/api/meetings/:id/';
/** The longest token a frame may carry (ours are under 1 KB); longer is refused before it is verified. */
const MAX_TOKEN = 8 * 1024;
/** A socket that has not shown a valid meeting token by then is closed (it holds a place). */
const HELLO_MS = 10_000;
const PING_MS = 30_000;
/** Calls one socket may have under way (until their answer is sent); more are refused (510), not queued. */
const MAX_IN_FLIGHT = 32;
/** Answers not yet taken by a client that stopped reading: past this the socket is closed. */
const MAX_UNREAD = 1024 * 1024;
/** `hello` proves the socket's token before any call (the client sends it on open, and when quiet). */
const HELLO = 'hello';

export interface MeetingSockets {
  /** Whether an upgrade request is the meeting socket's (the HTTP server answers any other as a request). */
  wants(req: IncomingMessage): boolean;
  /** The HTTP server's `upgrade` listener. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every socket now (their pages go on over HTTP, and open a new one a little later). */
  drop(): void;
  /** Tells a person, on the sockets whose token named them in that meeting, what the server did to them. */
  push(meetingId: number, identity: string, push: SocketPush): void;
  close(): void;
}

interface Opened {
  meetingId: number;
  /** The other site whose page opened it, and the meeting's tenant that allowed it. */
  from?: { origin: string; tenantId: number };
}

/**
 * The meeting socket (src/protocol/meeting-socket.ts): the members' JSON operations of the route
 * table, the same parsing, typed refusals, authentication and handlers, one text frame per call.
 * Whoever may call them from a page may open it: this server's pages, and the origins the meeting's
 * tenant allows (as CORS does for the routes, and checked again at each call, as CORS is).
 */
export function meetingSockets(operations: readonly Operation[], services: Services, log: Logger, trustProxy: (addr: string, i: number) => boolean): MeetingSockets {
  const calls = new Map<string, JsonOperation>();
  for (const op of operations) {
    if (op.auth !== 'bearer' || isStream(op) || !op.path.startsWith(PREFIX)) continue;
    calls.set(`${op.method.toUpperCase()} ${op.path.slice(PREFIX.length)}`, op);
  }
  const largest = Math.max(...[...calls.values()].map((op) => (op.method === 'post' ? op.bodyLimit : 0)));
  // A frame carries its body's JSON (escapes may make it longer than the limit, which counts the body parsed) and a token.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * largest + MAX_TOKEN + 1024, perMessageDeflate: false });
  /** Who each socket's proven token names, by meeting and identity (a page shows who it is with its `hello`). */
  const members = new Map<string, Set<WebSocket>>();
  const memberKey = (meetingId: number, identity: string) => `${meetingId} ${identity}`;
  const path = new RegExp(`^/api/meetings/([^/?]+)/${MEETING_SOCKET_PATH}(?:\\?.*)?$`);

  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      const alive = ws as WebSocket & { alive?: boolean };
      if (alive.alive === false) ws.terminate();
      else {
        alive.alive = false;
        ws.ping();
      }
    }
  }, PING_MS);
  ping.unref();

  async function admit(req: IncomingMessage): Promise<Opened> {
    const match = path.exec(req.url ?? '');
    if (!match) throw new MeetingError(ErrorCode.NOT_SUPPORTED, `No socket at ${(req.url ?? '').split('?')[0]}`, 404);
    const id = meetingUniqueIdSchema.safeParse(Number(match[1]));
    if (!id.success) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'The meeting id in the path is not valid');
    const origin = crossOrigin(req);
    if (origin === undefined) return { meetingId: id.data };
    const meeting = await services.meetings.findById(id.data);
    if (!meeting) throw new MeetingError(ErrorCode.ORIGIN_NOT_ALLOWED, `Pages on ${origin} may not call this meeting`, 403);
    await services.embedOrigins.check(meeting.tenant_id, origin);
    return { meetingId: id.data, from: { origin, tenantId: meeting.tenant_id } };
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const client = clientKey(proxyaddr(req, trustProxy));
    admit(req)
      .then((opened) => {
        const release = services.limits.sockets.open(client);
        // An upgrade that fails (a bad key, the client gone meanwhile) never reaches `serve`: its place goes back with the connection.
        socket.once('close', release);
        wss.handleUpgrade(req, socket, head, (ws) => serve(ws, opened, release));
      })
      .catch((err: unknown) => {
        if (!(err instanceof MeetingError)) log.error({ err }, 'a meeting socket could not be opened');
        refuseUpgrade(socket, err);
      });
  }

  function serve(ws: WebSocket, { meetingId, from }: Opened, release: () => void): void {
    let proven = false;
    let member: string | undefined;
    const forget = () => {
      if (!member) return;
      const set = members.get(member);
      set?.delete(ws);
      if (set?.size === 0) members.delete(member);
      member = undefined;
    };
    const prove = (identity: string) => {
      proven = true;
      // A socket closed while its token was being checked is not listed (its close has already run).
      if (ws.readyState !== ws.OPEN) return;
      const key = memberKey(meetingId, identity);
      if (member === key) return;
      forget();
      member = key;
      members.set(key, (members.get(key) ?? new Set()).add(ws));
    };
    let inFlight = 0;
    // A member's changes are taken one after another, in the order sent (as one page's clicks); reads need not wait.
    let changes: Promise<unknown> = Promise.resolve();
    const hello = setTimeout(() => proven || ws.close(1008, 'No meeting token'), HELLO_MS);
    // A frame over the limit or a broken frame closes the socket (1009, 1002); the error is told nowhere else.
    ws.on('error', (err) => log.debug({ err: String(err), meeting: meetingId }, 'meeting socket error'));
    ws.on('pong', () => ((ws as WebSocket & { alive?: boolean }).alive = true));
    ws.on('close', () => {
      clearTimeout(hello);
      release();
      forget();
    });

    /** One call's work: the HTTP route's pipeline, without HTTP. */
    async function run(call: SocketCall): Promise<unknown> {
      const what = `${call.method} ${call.path}`;
      if (call.token.length > MAX_TOKEN) throw new MeetingError(ErrorCode.AUTH_FAILED, 'The meeting token is not valid');
      if (from) await services.embedOrigins.check(from.tenantId, from.origin);
      if (what === `GET ${HELLO}`) {
        prove((await services.control.authenticate(meetingId, `Bearer ${call.token}`)).identity);
        return undefined;
      }
      const op = calls.get(what);
      if (!op) throw new MeetingError(ErrorCode.NOT_SUPPORTED, `No call ${what}`);
      if (from && op.crossOrigin !== 'meeting') throw new MeetingError(ErrorCode.ORIGIN_NOT_ALLOWED, `Pages on ${from.origin} may not make this call`);
      if (op.method === 'post' && bodySize(call.body) > op.bodyLimit) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'The body is too large');
      if (hasNul(call.body)) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'Strings may not contain the NUL character');
      const input = op.request ? parseBody(op.request, call.body ?? {}, op.fieldCodes) : undefined;
      const caller = await services.control.authenticate(meetingId, `Bearer ${call.token}`);
      proven = true;
      return op.handle(input, { services, caller } as never);
    }

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(SocketClose.UNSUPPORTED, 'Text frames only');
      if (ws.bufferedAmount > MAX_UNREAD) return ws.close(1008, 'Read your answers');
      const startedAt = process.hrtime.bigint();
      const requestId = randomUUID();
      let id: number | null = null;
      let what = '?';
      inFlight++;
      const answer = (code: ErrorCode, msg: string, ret?: unknown): void => {
        const ms = Number((process.hrtime.bigint() - startedAt) / 1_000_000n);
        const reply: SocketAnswer = { id, code, msg, requestId, costTime: `${ms}ms`, ...(ret === undefined ? {} : { ret }) };
        log.info({ via: 'socket', call: what, meeting: meetingId, code, ms, requestId }, 'socket call');
        if (ws.readyState !== ws.OPEN) return void inFlight--;
        if (ws.bufferedAmount > MAX_UNREAD) {
          inFlight--;
          return ws.close(1008, 'Read your answers');
        }
        ws.send(JSON.stringify(reply), () => inFlight--);
      };
      const work = (async () => {
        const call = readCall(data, (n) => (id = n));
        what = `${call.method} ${call.path}`;
        if (inFlight > MAX_IN_FLIGHT) throw new MeetingError(ErrorCode.TOO_MANY_REQUESTS, 'Too many calls under way on this socket: wait for their answers');
        if (call.method === 'GET') return run(call);
        const mine = changes.then(() => run(call));
        changes = mine.catch(() => undefined);
        return mine;
      })();
      work
        .then(
          (ret) => answer(ErrorCode.OK, 'success', ret),
          (err: unknown) => {
            if (err instanceof MeetingError) return answer(err.code, err.message, err.details);
            log.error({ err, requestId }, 'unhandled error on the meeting socket');
            answer(ErrorCode.INTERNAL, defaultMessages[ErrorCode.INTERNAL]!);
          },
        )
        .catch((err: unknown) => {
          log.error({ err, requestId }, 'a meeting socket answer could not be sent');
          ws.terminate();
        });
    });
  }

  return {
    wants: (req) => (req.headers.upgrade ?? '').toLowerCase() === 'websocket' && path.test(req.url ?? ''),
    upgrade,
    drop() {
      for (const ws of wss.clients) ws.terminate();
    },
    push(meetingId, identity, push) {
      const frame = JSON.stringify(push);
      for (const ws of members.get(memberKey(meetingId, identity)) ?? []) if (ws.readyState === ws.OPEN) ws.send(frame);
    },
    close() {
      clearInterval(ping);
      this.drop();
      wss.close();
    },
  };
}

/** The body's size as JSON; one too deeply nested to be written again is refused as too large. */
function bodySize(body: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(body ?? null));
  } catch {
    return Infinity;
  }
}

/** A frame as a call, or a refusal as at the HTTP edge (not JSON: 300; a field missing: 301); `onId` hears its id first. */
function readCall(data: RawData, onId: (id: number) => void): SocketCall {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
  } catch {
    throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'The frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'The frame must be a JSON object');
  const call = value as Partial<SocketCall>;
  if (!Number.isSafeInteger(call.id)) throw new MeetingError(ErrorCode.MISSING_PARAMETER, 'Missing parameter: id');
  onId(call.id!);
  if (call.method !== 'GET' && call.method !== 'POST') throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'Invalid parameter method: GET or POST');
  if (typeof call.path !== 'string') throw new MeetingError(ErrorCode.MISSING_PARAMETER, 'Missing parameter: path');
  if (typeof call.token !== 'string' || !call.token) throw new MeetingError(ErrorCode.AUTH_FAILED, 'Send your meeting token as "token"');
  return call as SocketCall;
}

/** An upgrade refused answers plain HTTP with the envelope, as any route would. */
function refuseUpgrade(socket: Duplex, err: unknown): void {
  const e = err instanceof MeetingError ? err : new MeetingError(ErrorCode.INTERNAL, defaultMessages[ErrorCode.INTERNAL]!);
  const body = JSON.stringify({ code: e.code, msg: e.message, requestId: randomUUID(), costTime: '0ms' });
  const status = e.status === 200 ? 400 : e.status;
  if (socket.writable) socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  else socket.destroy();
}
