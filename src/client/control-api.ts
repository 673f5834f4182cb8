import { CONTROL_ACTIONS, actionBody, type ActionArgs, type ControlAction } from '../protocol/control-actions.js';
import type { WaitingPerson } from '../protocol/control.js';
import { ErrorCode } from '../protocol/errors.js';
import type { Envelope } from '../protocol/envelope.js';
import type { JoinGrant } from '../protocol/join.js';
import { MeetingClientError } from './join-api.js';

/** Calls the meeting server as a person in the meeting: their LiveKit token is the bearer. */
export async function callMeeting<T>(server: string, path: string, token: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, server), {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=utf-8' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `Could not reach the meeting server: ${String(err)}`);
  }
  const envelope = (await res.json().catch(() => ({ code: ErrorCode.CONNECTION_FAILED, msg: `HTTP ${res.status}` }))) as Envelope<T>;
  if (envelope.code !== ErrorCode.OK) throw new MeetingClientError(envelope.code, envelope.msg);
  return envelope.ret as T;
}

/**
 * Waits in the waiting room over server-sent events (SPEC J5): resolves with the grant once a
 * host admits, rejects with the refusal (2108 rejected, 2106 removed, 2107 expired, 2021 ended).
 */
export function waitForAdmission(server: string, ticket: string, onPosition: (position: number) => void, signal: AbortSignal): Promise<JoinGrant> {
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
}

/** Host and co-host actions, named after the registry's actions (DESIGN: `controller.host.mute(id)`). The server decides. */
export type HostActions = { readonly [N in ControlAction['action']]: (...args: ActionArgs<N>) => Promise<boolean> };

/** `host.*`, derived from the action registry: each method's arguments are its body's fields in order. */
export function hostActions(send: (action: ControlAction) => Promise<boolean>): HostActions {
  return Object.fromEntries(CONTROL_ACTIONS.map((name) => [name, (...args: unknown[]) => send(actionBody(name, args as never))])) as HostActions;
}
export type { WaitingPerson };
