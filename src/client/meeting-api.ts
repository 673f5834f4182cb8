import type { ChatFile, ChatMessage } from '../protocol/chat.js';
import type { Emoji, Reaction } from '../protocol/reactions.js';
import type { ControlAction } from '../protocol/control-actions.js';
import type { SelfAction, WaitingPerson } from '../protocol/control.js';
import { ErrorCode, defaultMessages } from '../protocol/errors.js';
import type { Envelope } from '../protocol/envelope.js';
import type { JoinGrant, JoinRequest } from '../protocol/join.js';
import type { SocketPush } from '../protocol/meeting-socket.js';
import { MeetingClientError } from './join-api.js';

/** A person in the meeting, as the meeting server knows them: their newest LiveKit token is the bearer. */
export interface Seat {
  readonly server: string;
  readonly meetingId: number;
  readonly token: string;
}

/**
 * Every call the page makes to the meeting server, answered or refused with a `MeetingClientError`.
 * `MeetingController` takes one as an option; tests give a fake instead of patching `fetch`.
 */
export interface MeetingApi {
  /** Turns join-link parameters into a grant (`POST /api/join`). */
  join(server: string, params: JoinRequest): Promise<JoinGrant>;
  /**
   * Waits in the waiting room over server-sent events (SPEC J5): resolves with the grant once a
   * host admits, rejects with the refusal (2108 rejected, 2106 removed, 2107 expired, 2021 ended).
   */
  wait(server: string, ticket: string, onPosition: (position: number) => void, signal: AbortSignal): Promise<JoinGrant>;
  control(seat: Seat, action: ControlAction): Promise<void>;
  hand(seat: Seat, raised: boolean): Promise<void>;
  self(seat: Seat, action: SelfAction): Promise<void>;
  waiting(seat: Seat): Promise<WaitingPerson[]>;
  /** Writes in the chat (or announces a file); answers the message as the server stored it. */
  chat(seat: Seat, body: { text: string; to?: string | null; file?: ChatFile }): Promise<ChatMessage>;
  /** The chat so far that I may read, oldest first. */
  chatHistory(seat: Seat): Promise<ChatMessage[]>;
  /** Reacts with an emoji; answers the reaction as the server relayed it. */
  reaction(seat: Seat, body: { emoji: Emoji }): Promise<Reaction>;
  /**
   * While the room is connected: keep what makes this seat's calls fast (the meeting socket) until
   * the returned function is called; `seat` answers the seat as it is now (its newest token), `hear`
   * takes what the server pushes (a host muted me). Optional: an api without it makes each call on its own.
   */
  hold?(seat: () => Seat | undefined, hear?: (push: SocketPush) => void): () => void;
}

/** The meeting server over HTTP: `fetch` for the REST envelope, `EventSource` for the wait. */
export const httpMeetingApi: MeetingApi = {
  async join(server, params) {
    const res = await reach(new URL('/api/join', server), { method: 'POST', headers: { 'Content-Type': 'application/json;charset=utf-8' }, body: JSON.stringify(params) });
    let body: Envelope<JoinGrant> | undefined;
    try {
      body = (await res.json()) as Envelope<JoinGrant>;
    } catch {
      throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `The meeting server answered HTTP ${res.status} without JSON`);
    }
    if (body.code !== ErrorCode.OK || !body.ret) {
      const details = body.ret && typeof body.ret === 'object' ? (body.ret as Record<string, unknown>) : undefined;
      const startTime = details?.startTime;
      throw new MeetingClientError(body.code ?? ErrorCode.INTERNAL, body.msg ?? defaultMessages[ErrorCode.INTERNAL]!, typeof startTime === 'number' ? startTime : undefined, details);
    }
    return body.ret;
  },

  wait(server, ticket, onPosition, signal) {
    return new Promise((resolve, reject) => {
      const url = new URL('/api/join/wait', server);
      url.searchParams.set('ticket', ticket);
      const source = new EventSource(url);
      const done = () => source.close();
      signal.addEventListener('abort', () => {
        done();
        reject(new MeetingClientError(ErrorCode.OK, 'left'));
      });
      source.addEventListener('waiting', (e) => onPosition((JSON.parse((e as MessageEvent).data) as { position: number }).position));
      source.addEventListener('admitted', (e) => {
        done();
        resolve(JSON.parse((e as MessageEvent).data) as JoinGrant);
      });
      source.addEventListener('refused', (e) => {
        done();
        const { code, msg } = JSON.parse((e as MessageEvent).data) as { code: ErrorCode; msg: string };
        reject(new MeetingClientError(code, msg));
      });
    });
  },

  control: (seat, action) => asMember(seat, 'control', action),
  hand: (seat, raised) => asMember(seat, 'hand', { raised }),
  self: (seat, action) => asMember(seat, 'self', action),
  waiting: (seat) => asMember<WaitingPerson[]>(seat, 'waiting'),
  chat: (seat, body) => asMember<ChatMessage>(seat, 'chat', body),
  chatHistory: (seat) => asMember<ChatMessage[]>(seat, 'chat'),
  reaction: (seat, body) => asMember<Reaction>(seat, 'reaction', body),
};

/** `GET` without a body, `POST` with one; the answer's `ret`, or its refusal thrown. */
async function asMember<T = void>(seat: Seat, path: string, body?: unknown): Promise<T> {
  const res = await reach(new URL(`/api/meetings/${seat.meetingId}/${path}`, seat.server), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${seat.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=utf-8' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = (await res.json().catch(() => ({ code: ErrorCode.CONNECTION_FAILED, msg: `HTTP ${res.status}` }))) as Envelope<T>;
  if (envelope.code !== ErrorCode.OK) throw new MeetingClientError(envelope.code, envelope.msg, undefined, envelope.ret as Record<string, unknown> | undefined);
  return envelope.ret as T;
}

async function reach(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `Could not reach the meeting server: ${String(err)}`);
  }
}
