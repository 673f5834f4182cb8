import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ErrorCode } from '../../protocol/errors.js';
import type { Caller } from '../services/control/control.js';
import type { Services } from '../services/index.js';
import type { Tenant } from '../services/tenants.js';
import type { Session } from '../services/users.js';

/**
 * How the caller of an operation proves who they are:
 * - signature: SPEC M8 headers (CheckSum or the HMAC Signature), naming the tenant;
 * - session-or-signature: the console's `SID` header, which the handler checks, or, when an
 *   `AppKey` header is sent, a signature (which is how the first admin is made);
 * - management: the tenant's signature, or the console's `SID` header (checked before the
 *   handler runs), which acts for the session's tenant within what the person may manage (scope.ts);
 * - bearer: the caller's LiveKit token for the meeting named by `:id` in the path;
 * - none.
 */
export type Auth = 'signature' | 'session-or-signature' | 'management' | 'bearer' | 'none';

/**
 * Who besides this server's own pages may call an operation from a browser (CORS, issue 11 part 1):
 * - join: any page may ask and read a refusal; the join itself refuses (2120) an origin the
 *   meeting's tenant does not allow, once the code has named the meeting;
 * - ticket: origins some tenant allows (a ticket was handed out by a join that passed that check);
 * - meeting: origins the tenant of the meeting in the path allows.
 */
export type CrossOrigin = 'join' | 'ticket' | 'meeting';

export type Tag = 'Accounts' | 'Users' | 'Meetings' | 'Rooms' | 'Tenant' | 'Portal' | 'Join' | 'In the meeting' | 'Server';

/** What each kind of proof hands the handler. */
interface Proofs {
  signature: { tenant: Tenant };
  'session-or-signature': { tenant?: Tenant };
  /** `session` is there when a person (not the tenant's server) calls. */
  management: { tenant: Pick<Tenant, 'id'>; session?: Session };
  bearer: { caller: Caller };
  none: object;
}

/**
 * What a handler is given. A meeting member's call has no HTTP request of its own: it may come over
 * the meeting socket (meeting-socket.ts) as well, so it is judged by its caller and input alone.
 */
export type Context<A extends Auth> = { services: Services } & Proofs[A] & (A extends 'bearer' ? object : { req: Request; res: Response });

interface Common<A extends Auth, S extends z.ZodType> {
  path: string;
  summary: string;
  tag: Tag;
  auth: A;
  /** The JSON body (POST) or the query (GET), parsed with typed refusals; none when it takes nothing. */
  request?: S;
  /** Callable from other sites' pages, and how their origin is judged; by default not. */
  crossOrigin?: CrossOrigin;
  /** The error code for a bad value of a top-level field, instead of 300. */
  fieldCodes?: Partial<Record<string, ErrorCode>>;
}

/** A POST takes a JSON body up to its limit in bytes (beyond it: 413); a GET takes its input from the query. */
type Method = { method: 'post'; bodyLimit: number } | { method: 'get' };

/** A call answered with the envelope, whose `ret` is what `handle` answers. */
export type JsonOperation<A extends Auth = Auth, S extends z.ZodType = z.ZodType> = Common<A, S> &
  Method & {
    ret: z.ZodType;
    handle(input: z.output<S>, ctx: Context<A>): Promise<unknown>;
  };

/** A stream of server-sent events, each `event: <name>` with JSON `data`. */
export interface StreamOperation<A extends Auth = Auth, S extends z.ZodType = z.ZodType> extends Common<A, S> {
  method: 'get';
  /** Each event's name and the schema of its data. */
  events: Record<string, z.ZodType>;
  stream(input: z.output<S>, ctx: Context<A>): void;
}

export type Operation = JsonOperation | StreamOperation;

/** Declares one operation of the route table, its handler typed by its schema and its auth. */
export function operation<A extends Auth, S extends z.ZodType = z.ZodUndefined>(op: JsonOperation<A, S> | StreamOperation<A, S>): Operation {
  return op as unknown as Operation;
}

export const isStream = (op: Operation): op is StreamOperation => 'events' in op;
