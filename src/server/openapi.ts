import { z } from 'zod';
import {
  createAccountSchema,
  getByAccountIdSchema,
  getByImAccidSchema,
  updateShortIdSchema,
  updateTokenSchema,
} from '../protocol/accounts.js';
import { controlActionSchema, controlResultSchema, handSchema, selfActionSchema, ticketSchema } from '../protocol/control-schemas.js';
import { joinRequestSchema } from '../protocol/join.js';
import {
  cancelMeetingSchema,
  createMeetingSchema,
  deleteByMeetingIdSchema,
  deleteByShortIdSchema,
  deleteByUniqueIdSchema,
  editMeetingSchema,
  getMeetingSchema,
  listMeetingsSchema,
} from '../protocol/meeting.js';
import { checkPwdSchema, createRoomSchema, memberSchema, mineSchema, modifyPwdSchema, roomMeetingsSchema, roomRefSchema, updateRoomSchema } from '../protocol/rooms.js';
import { accountObjectSchema, emptyRet, refusalRet, roomObjectSchema, userObjectSchema, envelopeSchema, joinGrantSchema, meetingListSchema, meetingObjectSchema } from '../protocol/responses.js';
import { recordDeleteSchema, recordListSchema, recordingFileSchema } from '../protocol/recordings.js';
import { importSchema, tenantExportSchema } from '../protocol/tenant-data.js';
import { addUserSchema, deleteUserSchema, loginSchema, modifyPasswordSchema, modifyUserSchema, resetPasswordSchema, searchUsersSchema } from '../protocol/users.js';
import { noFields, setCallbackSchema, stopMeetingSchema } from './routes/tenant.js';

export interface Operation {
  path: string;
  summary: string;
  tag: 'Accounts' | 'Users' | 'Meetings' | 'Rooms' | 'Tenant' | 'Join' | 'In the meeting';
  request: z.ZodType;
  ret: z.ZodType;
  /**
   * signature: SPEC M8 headers; session: a console `SID` header (or, for admin calls, a signature);
   * bearer: the caller's LiveKit token for that meeting; none.
   */
  auth: 'signature' | 'session' | 'bearer' | 'none';
}

/** Every JSON route of the server with the schemas that validate it: the one source of the OpenAPI document. */
export const operations: Operation[] = [
  { path: '/v1/account/create', tag: 'Accounts', summary: 'Create an account', request: createAccountSchema, ret: accountObjectSchema, auth: 'signature' },
  { path: '/v1/account/getByAccountId', tag: 'Accounts', summary: 'Get an account by its id', request: getByAccountIdSchema, ret: accountObjectSchema, auth: 'signature' },
  { path: '/v1/account/getByImAccid', tag: 'Accounts', summary: 'Get an account by its external id', request: getByImAccidSchema, ret: accountObjectSchema, auth: 'signature' },
  { path: '/v1/account/updateToken', tag: 'Accounts', summary: "Rotate an account's token", request: updateTokenSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v1/account/updateShortId', tag: 'Accounts', summary: 'Set or clear the personal short id', request: updateShortIdSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v1/tenant/setCallback', tag: 'Tenant', summary: 'Set where webhooks go ("" stops them)', request: setCallbackSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v1/tenant/export', tag: 'Tenant', summary: "Export the tenant's data as one JSON document", request: noFields, ret: tenantExportSchema, auth: 'signature' },
  {
    path: '/v1/tenant/import',
    tag: 'Tenant',
    summary: 'Import an exported document, all or nothing',
    request: importSchema,
    ret: z.strictObject({ accounts: z.number(), rooms: z.number(), meetings: z.number(), recordings: z.number(), meetingUniqueIds: z.record(z.string(), z.number()) }),
    auth: 'signature',
  },
  {
    path: '/v1/ops/status',
    tag: 'Tenant',
    summary: 'Media-server status: nodes, and people in each meeting in progress',
    request: noFields,
    ret: z.strictObject({
      nodes: z.array(z.strictObject({ nodeId: z.string(), rooms: z.number(), participants: z.number() })),
      meetings: z.array(z.strictObject({ meetingUniqueId: z.number(), meetingId: z.string(), subject: z.string(), participants: z.number() })),
    }),
    auth: 'signature',
  },
  {
    path: '/v1/ops/stopMeeting',
    tag: 'Tenant',
    summary: 'Operator: stop a meeting, disconnecting everyone (reason 4)',
    request: stopMeetingSchema,
    ret: emptyRet,
    auth: 'signature',
  },
  { path: '/v2/meeting/create', tag: 'Meetings', summary: 'Create an instant, personal or scheduled meeting', request: createMeetingSchema, ret: meetingObjectSchema, auth: 'signature' },
  { path: '/v2/meeting/get', tag: 'Meetings', summary: 'Get a meeting by unique id, code or short id', request: getMeetingSchema, ret: meetingObjectSchema, auth: 'signature' },
  { path: '/v2/meeting/list', tag: 'Meetings', summary: 'List meetings with filters, paged', request: listMeetingsSchema, ret: meetingListSchema, auth: 'signature' },
  { path: '/v2/meeting/edit', tag: 'Meetings', summary: 'Edit a meeting that is not over', request: editMeetingSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v2/meeting/cancel', tag: 'Meetings', summary: 'Cancel a meeting that has not started', request: cancelMeetingSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v2/meeting/record/list', tag: 'Meetings', summary: "A meeting's recording files", request: recordListSchema, ret: z.array(recordingFileSchema), auth: 'signature' },
  { path: '/v2/meeting/record/delete', tag: 'Meetings', summary: 'Delete one recording file', request: recordDeleteSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v2/meeting/deleteByMeetingUniqueId', tag: 'Meetings', summary: 'End (and optionally recycle) a meeting', request: deleteByUniqueIdSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v2/meeting/deleteByMeetingId', tag: 'Meetings', summary: 'End a meeting by its code', request: deleteByMeetingIdSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v2/meeting/deleteByMeetingShortId', tag: 'Meetings', summary: 'End a meeting by its short id', request: deleteByShortIdSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v1/room/create', tag: 'Rooms', summary: 'Create a persistent room', request: createRoomSchema, ret: roomObjectSchema, auth: 'signature' },
  { path: '/v1/room/update', tag: 'Rooms', summary: 'Update a room', request: updateRoomSchema, ret: z.strictObject({ roomId: z.string() }), auth: 'signature' },
  { path: '/v1/room/get', tag: 'Rooms', summary: 'Get a room', request: roomRefSchema, ret: roomObjectSchema, auth: 'signature' },
  { path: '/v1/room/delete', tag: 'Rooms', summary: 'Delete a room (ends its meeting)', request: roomRefSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v1/room/isActive', tag: 'Rooms', summary: 'Is a meeting in progress in the room', request: roomRefSchema, ret: z.strictObject({ active: z.boolean() }), auth: 'signature' },
  { path: '/v1/room/modifyPwd', tag: 'Rooms', summary: 'Set or clear ("") the room password', request: modifyPwdSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v1/room/checkPwd', tag: 'Rooms', summary: 'Check a room password', request: checkPwdSchema, ret: z.strictObject({ ok: z.boolean() }), auth: 'signature' },
  { path: '/v1/room/hasPwd', tag: 'Rooms', summary: 'Does the room have a password', request: roomRefSchema, ret: z.strictObject({ isHasPwd: z.boolean() }), auth: 'signature' },
  { path: '/v1/room/addMember', tag: 'Rooms', summary: 'Add a member to a private room', request: memberSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v1/room/deleteMember', tag: 'Rooms', summary: 'Remove a member', request: memberSchema, ret: emptyRet, auth: 'signature' },
  { path: '/v1/room/members', tag: 'Rooms', summary: "A room's members", request: roomRefSchema, ret: z.strictObject({ members: z.array(z.string()) }), auth: 'signature' },
  { path: '/v1/room/mine', tag: 'Rooms', summary: 'Rooms a user may enter', request: mineSchema, ret: z.strictObject({ rooms: z.array(roomObjectSchema) }), auth: 'signature' },
  {
    path: '/v1/room/meetings',
    tag: 'Rooms',
    summary: "A room's meeting history, paged",
    request: roomMeetingsSchema,
    ret: z.strictObject({ resultList: z.array(meetingObjectSchema), totalCount: z.number().int(), totalPage: z.number().int() }),
    auth: 'signature',
  },
  { path: '/v1/user/login', tag: 'Users', summary: 'Sign in to the host console; answers a session id (SID)', request: loginSchema, ret: z.strictObject({ SID: z.string(), user: userObjectSchema, company: z.string() }), auth: 'none' },
  { path: '/v1/user/logout', tag: 'Users', summary: 'End the session in the SID header', request: z.unknown(), ret: emptyRet, auth: 'session' },
  { path: '/v1/user/modifyPassword', tag: 'Users', summary: "Change one's own password (ends every session)", request: modifyPasswordSchema, ret: emptyRet, auth: 'session' },
  { path: '/v1/user/add', tag: 'Users', summary: 'Admin: add a user who can sign in', request: addUserSchema, ret: userObjectSchema, auth: 'session' },
  { path: '/v1/user/resetPassword', tag: 'Users', summary: "Admin: set a user's password (a random one, answered, when none is given)", request: resetPasswordSchema, ret: z.strictObject({ password: z.string() }).optional(), auth: 'session' },
  { path: '/v1/user/modify', tag: 'Users', summary: "Admin: change a user's display name or admin right", request: modifyUserSchema, ret: emptyRet, auth: 'session' },
  { path: '/v1/user/delete', tag: 'Users', summary: "Admin: remove a user's sign-in (history stays)", request: deleteUserSchema, ret: emptyRet, auth: 'session' },
  {
    path: '/v1/user/search',
    tag: 'Users',
    summary: "Admin: the tenant's users, paged",
    request: searchUsersSchema,
    ret: z.strictObject({ users: z.array(userObjectSchema), totalCount: z.number().int(), totalPage: z.number().int() }),
    auth: 'session',
  },
  { path: '/api/join', tag: 'Join', summary: "Turn a join link's parameters into a LiveKit grant (or a waiting ticket)", request: joinRequestSchema, ret: joinGrantSchema, auth: 'none' },
  { path: '/api/join/ticket', tag: 'Join', summary: 'Where a waiting ticket stands: the grant once admitted, else 2107/2108', request: ticketSchema, ret: joinGrantSchema, auth: 'none' },
  {
    path: '/api/meetings/:id/control',
    tag: 'In the meeting',
    summary: 'A host or co-host action (mute, remove, lock, roles, spotlight, share policy, waiting room, end …)',
    request: controlActionSchema,
    ret: controlResultSchema,
    auth: 'bearer',
  },
  { path: '/api/meetings/:id/hand', tag: 'In the meeting', summary: 'Raise or lower my hand', request: handSchema, ret: emptyRet, auth: 'bearer' },
  { path: '/api/meetings/:id/self', tag: 'In the meeting', summary: 'Rename myself, or ask to share my screen', request: selfActionSchema, ret: emptyRet, auth: 'bearer' },
];

/** Express path parameters (`:id`) as OpenAPI writes them (`{id}`). */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const signatureHeaders = ['AppKey', 'Nonce', 'CurTime'].map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } }));

/** The OpenAPI 3.1 document of the management and join API. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'integer' }, description: 'meetingUniqueId' }));
    paths[openApiPath(op.path)] = {
      post: {
        tags: [op.tag],
        summary: op.summary,
        operationId: op.path.replace(/^\//, '').replace(/\//g, '_'),
        ...(op.auth === 'signature' ? { security: [{ checkSum: [] }, { hmac: [] }], parameters: signatureHeaders } : {}),
        ...(op.auth === 'session' ? { security: [{ session: [] }, { checkSum: [] }, { hmac: [] }] } : {}),
        ...(op.auth === 'bearer' ? { security: [{ meetingToken: [] }], parameters: params } : {}),
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.request, 'input') } } },
        responses: {
          '200': { description: 'Success: `code` 200', content: { 'application/json': { schema: jsonSchema(envelopeSchema(op.ret), 'output') } } },
          default: { description: 'A refusal: `code` from the error table, HTTP 400/401/403/404/409/429/500', content: { 'application/json': { schema: jsonSchema(envelopeSchema(refusalRet), 'output') } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Meeting server API',
      version: '1',
      description:
        'Every call is a POST with a JSON body, answered with `{code, msg, requestId, costTime, ret}`. Signed calls carry AppKey, Nonce, CurTime and CheckSum (lowercase hex SHA-1 of AppSecret + Nonce + CurTime) or, recommended, Signature (lowercase hex HMAC-SHA256 keyed with AppSecret of "POST\\npath\\nsha256hex(body)\\nCurTime\\nNonce"). More than 60 s of clock skew (2110) or a reused nonce (2109) is refused.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        checkSum: { type: 'apiKey', in: 'header', name: 'CheckSum', description: 'SHA-1(AppSecret + Nonce + CurTime), lowercase hex' },
        session: { type: 'apiKey', in: 'header', name: 'SID', description: 'the session id from /v1/user/login' },
        meetingToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "the caller's LiveKit token for the meeting (as issued by /api/join or refreshed by LiveKit)" },
        hmac: { type: 'apiKey', in: 'header', name: 'Signature', description: 'HMAC-SHA256(AppSecret, "POST\\npath\\nsha256hex(body)\\nCurTime\\nNonce"), lowercase hex' },
      },
    },
    paths,
  };
}

/** A readable reference page for people: every operation, its request fields and its answer. */
export function openApiPage(doc: Record<string, unknown>): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const paths = doc.paths as Record<string, { post: { summary: string; tags: string[]; security?: unknown; requestBody: { content: { 'application/json': { schema: unknown } } }; responses: { '200': { content: { 'application/json': { schema: unknown } } } } } }>;
  const sections = Object.entries(paths)
    .map(
      ([path, { post }]) => `<section id="${esc(path)}"><h2><code>POST ${esc(path)}</code></h2><p>${esc(post.summary)}${post.security ? ' · authenticated' : ''}</p>
<details><summary>Request body</summary><pre>${esc(JSON.stringify(post.requestBody.content['application/json'].schema, null, 2))}</pre></details>
<details><summary>Answer</summary><pre>${esc(JSON.stringify(post.responses['200'].content['application/json'].schema, null, 2))}</pre></details></section>`,
    )
    .join('\n');
  const info = doc.info as { title: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{background:#f4f4f6;padding:.8rem;overflow:auto}section{border-top:1px solid #ddd;margin-top:1.2rem}</style></head>
<body><main><h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<nav><ul>${Object.keys(paths).map((p) => `<li><a href="#${esc(p)}"><code>${esc(p)}</code></a></li>`).join('')}</ul></nav>${sections}</main></body></html>`;
}
