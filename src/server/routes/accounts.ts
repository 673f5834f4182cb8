import {
  createAccountSchema,
  getByAccountIdSchema,
  getByImAccidSchema,
  updateShortIdSchema,
  updateTokenSchema,
} from '../../protocol/accounts.js';
import { accountObjectSchema, emptyRet } from '../../protocol/responses.js';
import { MANAGEMENT_BODY_LIMIT } from './limits.js';
import { operation } from './operation.js';

const account = { method: 'post', tag: 'Accounts', auth: 'signature', bodyLimit: MANAGEMENT_BODY_LIMIT } as const;

/** `/v1/account/*` (API.md "Accounts"). */
export const accountOperations = [
  operation({
    ...account,
    path: '/v1/account/create',
    summary: 'Create an account',
    request: createAccountSchema,
    ret: accountObjectSchema,
    handle: async (body, { services: { accounts }, tenant }) => accounts.toDto(await accounts.create(tenant.id, body)),
  }),
  operation({
    ...account,
    path: '/v1/account/getByAccountId',
    summary: 'Get an account by its id',
    request: getByAccountIdSchema,
    ret: accountObjectSchema,
    handle: async (body, { services: { accounts }, tenant }) => accounts.toDto(await accounts.get(tenant.id, body)),
  }),
  operation({
    ...account,
    path: '/v1/account/getByImAccid',
    summary: 'Get an account by its external id',
    request: getByImAccidSchema,
    ret: accountObjectSchema,
    handle: async (body, { services: { accounts }, tenant }) => accounts.toDto(await accounts.get(tenant.id, body)),
  }),
  operation({
    ...account,
    path: '/v1/account/updateToken',
    summary: "Rotate an account's token",
    request: updateTokenSchema,
    ret: emptyRet,
    handle: (body, { services: { accounts }, tenant }) => accounts.updateToken(tenant.id, body.accountId, body.accountToken),
  }),
  operation({
    ...account,
    path: '/v1/account/updateShortId',
    summary: 'Set or clear the personal short id',
    request: updateShortIdSchema,
    ret: emptyRet,
    handle: (body, { services: { accounts }, tenant }) => accounts.updateShortId(tenant.id, body.accountId, body.shortId),
  }),
];
