import { z } from 'zod';
import { anonymousJoinRetSchema, anonymousJoinSchema, clientTypeSchema, deviceIdSchema } from '../../protocol/anonymous-join.js';
import { ticketSchema } from '../../protocol/control-schemas.js';
import { joinGrantSchema, joinRequestSchema } from '../../protocol/join.js';
import { waitingEventSchemas } from '../../protocol/responses.js';
import { ErrorCode } from '../../protocol/errors.js';
import { crossOrigin } from '../cors.js';
import { MeetingError } from '../errors.js';
import { JOIN_BODY_LIMIT, MEETING_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';
import { streamWaiting } from './waiting-stream.js';

const join = { tag: 'Join', auth: 'none', crossOrigin: 'ticket' } as const;

/** A join link's parameters in, a LiveKit grant (or a waiting ticket) or a typed refusal out (SPEC J1, J5). */
export const joinOperations = [
  operation({
    ...join,
    method: 'post',
    path: '/api/join',
    summary: "Turn a join link's parameters into a LiveKit grant (or a waiting ticket); from another site's page, 2120 unless the meeting's tenant allows its origin",
    crossOrigin: 'join',
    bodyLimit: JOIN_BODY_LIMIT,
    request: joinRequestSchema,
    ret: joinGrantSchema,
    fieldCodes: { name: ErrorCode.BAD_NICKNAME, v: ErrorCode.BAD_VIDEO_STATE, a: ErrorCode.BAD_AUDIO_STATE },
    handle: (body, { services, req }) => services.join.join(body, req.ip ?? 'unknown', crossOrigin(req)),
  }),
  operation({
    tag: 'Join',
    auth: 'none',
    method: 'post',
    path: '/v1/meeting/anonymousJoinInfo',
    summary: 'The vendor API\'s anonymous join (headers `clientType`, `deviceId`): the admission of POST /api/join, answered in its fields',
    bodyLimit: JOIN_BODY_LIMIT,
    request: anonymousJoinSchema,
    ret: anonymousJoinRetSchema,
    fieldCodes: { nickName: ErrorCode.BAD_NICKNAME, video: ErrorCode.BAD_VIDEO_STATE, audio: ErrorCode.BAD_AUDIO_STATE },
    handle: (body, { services, req }) => {
      const clientType = req.header('clientType');
      const deviceId = deviceIdSchema.safeParse(req.header('deviceId'));
      if (clientType === undefined || !deviceId.success) throw new MeetingError(ErrorCode.BAD_HEADER, 'The clientType and deviceId headers are required');
      if (!clientTypeSchema.safeParse(clientType).success) throw new MeetingError(ErrorCode.BAD_CLIENT_TYPE, 'clientType is 1 to 8 (API.md)');
      return services.join.anonymousJoin(body, deviceId.data, req.ip ?? 'unknown');
    },
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
