import { Router } from 'express';
import {
  createAccountSchema,
  getByAccountIdSchema,
  getByImAccidSchema,
  updateShortIdSchema,
  updateTokenSchema,
} from '../../protocol/accounts.js';
import { jsonRoute } from '../http.js';
import type { Services } from '../services/index.js';

/** `/v1/account/*` (API.md "Accounts"); mounted behind the signature check. */
export function accountRoutes({ accounts }: Services): Router {
  const router = Router();
  jsonRoute(router, '/v1/account/create', createAccountSchema, async (body, res) => accounts.toDto(await accounts.create(res.locals.tenant.id, body)));
  jsonRoute(router, '/v1/account/getByAccountId', getByAccountIdSchema, async (body, res) => accounts.toDto(await accounts.get(res.locals.tenant.id, body)));
  jsonRoute(router, '/v1/account/getByImAccid', getByImAccidSchema, async (body, res) => accounts.toDto(await accounts.get(res.locals.tenant.id, body)));
  jsonRoute(router, '/v1/account/updateToken', updateTokenSchema, (body, res) => accounts.updateToken(res.locals.tenant.id, body.accountId, body.accountToken));
  jsonRoute(router, '/v1/account/updateShortId', updateShortIdSchema, (body, res) => accounts.updateShortId(res.locals.tenant.id, body.accountId, body.shortId));
  return router;
}
