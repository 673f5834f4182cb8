import { ErrorCode } from '../protocol/errors.js';
import { MEETING_SOCKET_PATH, type SocketAnswer, type SocketCall, type SocketPush } from '../protocol/meeting-socket.js';
import { MeetingClientError } from './join-api.js';
import { httpMeetingApi, type MeetingApi, type Seat } from './meeting-api.js';

/** An answer not come by then fails the call, and the socket is given up as dead. */
const ANSWER_MS = 20_000;
/** A socket quiet this long is asked a `hello`, so that a dead connection is found. */
const HEARTBEAT_MS = 15_000;
/**
 * After a socket closed, the next one is tried no sooner than this (calls go over HTTP meanwhile),
 * twice as long after each one in a row that never got ready (a page whose CSP forbids it), up to `RETRY_MAX_MS`.
 */
const RETRY_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;

interface Pending {
  resolve(answer: SocketAnswer): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One meeting socket (src/protocol/meeting-socket.ts) for one seat's meeting: ready once the server
 * took its token (`hello`); every call carries the newest token, as an HTTP call would.
 */
class MeetingLink {
  private readonly ws: WebSocket;
  private readonly pending = new Map<number, Pending>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private nextId = 1;
  private proven = false;
  private heardAt = Date.now();
  closed = false;

  constructor(
    private readonly seat: () => Seat | undefined,
    private readonly onClose: (wasReady: boolean) => void,
    private readonly onPush: (push: SocketPush) => void,
  ) {
    const { meetingId, server } = seat()!;
    const url = new URL(`/api/meetings/${meetingId}/${MEETING_SOCKET_PATH}`, server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.ws = new WebSocket(url);
    this.ws.onopen = () => void this.hello().then(() => (this.proven = true), () => undefined);
    this.ws.onmessage = (e) => this.receive(e.data);
    this.ws.onclose = () => this.close();
    // A quiet socket says hello now and then (a dead connection shows); one never ready in time is given up.
    const openedAt = Date.now();
    this.heartbeat = setInterval(() => {
      if (!this.proven && Date.now() - openedAt >= ANSWER_MS) this.close();
      else if (this.ready && Date.now() - this.heardAt >= HEARTBEAT_MS) this.hello().catch(() => undefined);
    }, HEARTBEAT_MS);
  }

  /** Whether a call sent now goes out: the server took the token, and the socket is open. */
  get ready(): boolean {
    return this.proven && !this.closed && this.ws.readyState === WebSocket.OPEN;
  }

  /** One call; its answer's `ret`, or its refusal thrown as over HTTP. */
  async send<T>(method: SocketCall['method'], path: string, token: string, body?: unknown): Promise<T> {
    if (this.closed) throw lost();
    const id = this.nextId++;
    const answer = await new Promise<SocketAnswer>((resolve, reject) => {
      const timer = setTimeout(() => this.close(), ANSWER_MS);
      this.pending.set(id, { resolve, reject, timer });
      const call: SocketCall = { id, method, path, token, ...(body === undefined ? {} : { body }) };
      this.ws.send(JSON.stringify(call));
    });
    if (answer.code !== ErrorCode.OK) throw new MeetingClientError(answer.code, answer.msg, undefined, answer.ret as Record<string, unknown> | undefined);
    return answer.ret as T;
  }

  /** Ends it at once: what is under way fails as a lost connection would (HTTP then takes the calls). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(lost());
    }
    this.pending.clear();
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    this.onClose(this.proven);
  }

  /** Proves the newest token; a refusal (the meeting ended, the token is no longer good) ends the socket. */
  private hello(): Promise<void> {
    const token = this.seat()?.token;
    if (!token) {
      this.close();
      return Promise.reject(lost());
    }
    return this.send<void>('GET', 'hello', token).catch((err: unknown) => {
      this.close();
      throw err;
    });
  }

  private receive(data: unknown): void {
    // After `close()` nothing counts: a push meant for this link's session must not reach the next one.
    if (this.closed) return;
    this.heardAt = Date.now();
    let answer: SocketAnswer | SocketPush;
    try {
      answer = JSON.parse(String(data)) as SocketAnswer | SocketPush;
    } catch {
      return;
    }
    if ('push' in answer) return this.onPush(answer);
    const p = answer.id === null ? undefined : this.pending.get(answer.id);
    if (!p) return;
    this.pending.delete(answer.id!);
    clearTimeout(p.timer);
    p.resolve(answer);
  }
}

const lost = () => new MeetingClientError(ErrorCode.CONNECTION_FAILED, 'The connection to the meeting server closed');
const retryDelay = (failures: number) => Math.min(RETRY_MS * 2 ** failures, RETRY_MAX_MS);

const isLost = (err: unknown) => err instanceof MeetingClientError && err.code === ErrorCode.CONNECTION_FAILED;

/**
 * The meeting server's calls of people in a meeting over one socket per meeting, kept while the
 * room is connected (`hold`): a host action is one frame, not an HTTP request (issue 9 part 8).
 * Until the socket is ready, or when it is not to be had (a proxy that refuses upgrades), each call
 * goes over HTTP as before; a socket that closed is tried again a little later.
 */
export function socketMeetingApi(base: MeetingApi = httpMeetingApi): MeetingApi {
  interface Held {
    seat: () => Seat | undefined;
    hear: (push: SocketPush) => void;
    holds: number;
    link?: MeetingLink;
    closedAt: number;
    failures: number;
    retry?: ReturnType<typeof setTimeout>;
  }
  const held = new Map<string, Held>();
  const keyOf = (seat: Seat) => `${seat.meetingId}@${seat.server}`;

  const openIfDue = (entry: Held) => {
    if (entry.holds === 0 || (entry.link && !entry.link.closed) || typeof WebSocket === 'undefined' || !entry.seat()) return;
    if (Date.now() - entry.closedAt < retryDelay(entry.failures)) return;
    const closed = (wasReady: boolean) => {
      entry.closedAt = Date.now();
      entry.failures = wasReady ? 0 : entry.failures + 1;
      // Opened again when due even if the page makes no call (a quiet attendee still hears pushes).
      clearTimeout(entry.retry);
      entry.retry = setTimeout(() => openIfDue(entry), retryDelay(entry.failures) + 10);
    };
    try {
      const link: MeetingLink = new MeetingLink(entry.seat, (wasReady) => entry.link === link && closed(wasReady), (push) => entry.hear(push));
      entry.link = link;
    } catch {
      closed(false);
    }
  };

  /** Over the socket when it is ready, else over HTTP (and the socket opened again when that is due). */
  const via = <T>(seat: Seat, method: SocketCall['method'], path: string, body: unknown, http: () => Promise<T>): Promise<T> => {
    const entry = held.get(keyOf(seat));
    const link = entry?.link;
    if (link?.ready) {
      const call = link.send<T>(method, path, seat.token, body);
      // A read is safe to ask again over HTTP when the socket went away under it; a change is not.
      return method === 'GET' ? call.catch((err: unknown) => (isLost(err) ? http() : Promise.reject(err))) : call;
    }
    if (entry) openIfDue(entry);
    return http();
  };

  return {
    join: (server, params) => base.join(server, params),
    wait: (server, ticket, onPosition, signal) => base.wait(server, ticket, onPosition, signal),
    control: (seat, action) => via(seat, 'POST', 'control', action, () => base.control(seat, action)),
    hand: (seat, raised) => via(seat, 'POST', 'hand', { raised }, () => base.hand(seat, raised)),
    self: (seat, action) => via(seat, 'POST', 'self', action, () => base.self(seat, action)),
    waiting: (seat) => via(seat, 'GET', 'waiting', undefined, () => base.waiting(seat)),
    chat: (seat, body) => via(seat, 'POST', 'chat', body, () => base.chat(seat, body)),
    chatHistory: (seat) => via(seat, 'GET', 'chat', undefined, () => base.chatHistory(seat)),
    reaction: (seat, body) => via(seat, 'POST', 'reaction', body, () => base.reaction(seat, body)),
    hold(seat, hear = () => undefined) {
      const now = seat();
      if (!now) return () => undefined;
      const key = keyOf(now);
      const entry = held.get(key) ?? { seat, hear, holds: 0, closedAt: 0, failures: 0 };
      held.set(key, entry);
      Object.assign(entry, { seat, hear });
      entry.holds++;
      openIfDue(entry);
      let holding = true;
      return () => {
        if (!holding) return;
        holding = false;
        if (--entry.holds > 0) return;
        held.delete(key);
        clearTimeout(entry.retry);
        entry.link?.close();
      };
    },
  };
}
