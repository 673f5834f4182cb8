import { chatHistorySchema, chatMessageSchema, chatSendSchema } from '../../protocol/chat-schemas.js';
import { controlActionSchema, controlResultSchema, handSchema, selfActionSchema } from '../../protocol/control-schemas.js';
import { reactionSchema, reactionSendSchema } from '../../protocol/reaction-schemas.js';
import { ErrorCode } from '../../protocol/errors.js';
import { emptyRet, waitingPeopleSchema } from '../../protocol/responses.js';
import { CHAT_BODY_LIMIT, MEETING_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';

const inMeeting = { tag: 'In the meeting', auth: 'bearer', crossOrigin: 'meeting' } as const;
const post = { ...inMeeting, method: 'post', bodyLimit: MEETING_BODY_LIMIT } as const;
/** A name refused is a bad nickname (2003), as at the join. */
const nameCodes = { name: ErrorCode.BAD_NICKNAME };

/**
 * What people in a meeting ask of the server (DESIGN "Control path"): host actions, their own hand,
 * name and share request, the chat, the waiting room. The caller is whoever their LiveKit token names.
 */
export const controlOperations = [
  operation({
    ...post,
    path: '/api/meetings/:id/control',
    summary: 'A host or co-host action (mute, remove, lock, roles, spotlight, share policy, waiting room, end …)',
    request: controlActionSchema,
    ret: controlResultSchema,
    fieldCodes: nameCodes,
    handle: (action, { services, caller }) => services.control.control(caller, action),
  }),
  operation({
    ...post,
    path: '/api/meetings/:id/hand',
    summary: 'Raise or lower my hand',
    request: handSchema,
    ret: emptyRet,
    handle: async (body, { services, caller }) => void (await services.control.self(caller, { action: 'hand', raised: body.raised })),
  }),
  operation({
    ...post,
    path: '/api/meetings/:id/self',
    summary: 'Rename myself, ask to share my screen, join with audio, or say I record the meeting',
    request: selfActionSchema,
    ret: emptyRet,
    fieldCodes: nameCodes,
    handle: async (action, { services, caller }) => void (await services.control.self(caller, action)),
  }),
  operation({
    ...post,
    bodyLimit: CHAT_BODY_LIMIT,
    path: '/api/meetings/:id/chat',
    summary: 'Write in the chat, to everyone or to one person (the host may limit attendees to hosts, or turn it off)',
    request: chatSendSchema,
    ret: chatMessageSchema,
    handle: (body, { services, caller }) => services.chat.send(caller, body),
  }),
  operation({
    ...inMeeting,
    method: 'get',
    path: '/api/meetings/:id/chat',
    summary: 'The chat so far that I may read (messages to everyone and my private ones), oldest first',
    ret: chatHistorySchema,
    handle: (_none, { services, caller }) => services.chat.history(caller),
  }),
  operation({
    ...post,
    path: '/api/meetings/:id/reaction',
    summary: 'React with an emoji, shown briefly on my tile for everyone (rate-limited; refused while the host has turned the chat off)',
    request: reactionSendSchema,
    ret: reactionSchema,
    handle: (body, { services, caller }) => services.reactions.send(caller, body.emoji),
  }),
  operation({
    ...inMeeting,
    method: 'get',
    path: '/api/meetings/:id/waiting',
    summary: 'Host or co-host: who is in the waiting room',
    ret: waitingPeopleSchema,
    handle: (_none, { services, caller }) => services.control.waiting(caller),
  }),
];
