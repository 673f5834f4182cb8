import { z } from 'zod';
import { ticketSchema } from '../../protocol/control-schemas.js';
import { joinGrantSchema, joinRequestSchema } from '../../protocol/join.js';
import { waitingEventSchemas } from '../../protocol/responses.js';
import { JOIN_BODY_LIMIT, MEETING_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';
import { streamWaiting } from './waiting-stream.js';

const join = { tag: 'Join', auth: 'none' } as const;

/** A join link's parameters in, a LiveKit grant (or a waiting ticket) or a typed refusal out (SPEC J1, J5). */
export const joinOperations = [
  operation({
    ...join,
    method: 'post',
    path: '/api/join',
    summary: "Turn a join link's parameters into a LiveKit grant (or a waiting ticket)",
    bodyLimit: JOIN_BODY_LIMIT,
    request: joinRequestSchema,
    ret: joinGrantSchema,
    handle: (body, { services, req }) => services.join.join(body, req.ip ?? 'unknown'),
  }),
  operation({
    ...join,
    method: 'post',
    path: '/api/join/ticket',
    summary: 'Where a waiting ticket stands: the grant once admitted, else 2107/2108',
    bodyLimit: MEETING_BODY_LIMIT,
    request: ticketSchema,
    ret: joinGrantSchema,
    handle: (body, { services }) => services.join.ticket(body.ticket),
  }),
  operation({
    ...join,
    method: 'get',
    path: '/api/join/wait',
    summary: 'Wait for a host as server-sent events: `waiting` with the queue position, then one `admitted` (the grant) or `refused`',
    // Never refused here: a missing or bad ticket is answered by a `refused` event, as the page listens for it.
    request: z.object({ ticket: z.string().catch('').describe('the waitingTicket of POST /api/join') }),
    events: waitingEventSchemas,
    stream: ({ ticket }, { services, req, res }) => streamWaiting({ join: services.join, notifier: services.notifier, gate: services.limits.streams }, ticket, req, res),
  }),
];
