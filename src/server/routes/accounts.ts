import { Router } from 'express';
import {
  createAccountSchema,
  getByAccountIdSchema,
  getByImAccidSchema,
  updateShortIdSchema,
  updateTokenSchema,
} from '../../protocol/accounts.js';
import { handle, parseBody, sendOk } from '../http.js';
import type { Services } from '../services/index.js';

/** `/v1/account/*` (API.md "Accounts"); mounted behind the signature check. */
export function accountRoutes(services: Services): Router {
  const router = Router();
  const { accounts } = services;
  router.post(
    '/v1/account/create',
    handle(async (req, res) => {
      const body = parseBody(createAccountSchema, req.body);
      sendOk(res, accounts.toDto(await accounts.create(res.locals.tenant.id, body)));
    }),
  );
  router.post(
    '/v1/account/getByAccountId',
    handle(async (req, res) => {
      const body = parseBody(getByAccountIdSchema, req.body);
      sendOk(res, accounts.toDto(await accounts.get(res.locals.tenant.id, body)));
    }),
  );
  router.post(
    '/v1/account/getByImAccid',
    handle(async (req, res) => {
      const body = parseBody(getByImAccidSchema, req.body);
      sendOk(res, accounts.toDto(await accounts.get(res.locals.tenant.id, body)));
    }),
  );
  router.post(
    '/v1/account/updateToken',
    handle(async (req, res) => {
      const body = parseBody(updateTokenSchema, req.body);
      await accounts.updateToken(res.locals.tenant.id, body.accountId, body.accountToken);
      sendOk(res);
    }),
  );
  router.post(
    '/v1/account/updateShortId',
    handle(async (req, res) => {
      const body = parseBody(updateShortIdSchema, req.body);
      await accounts.updateShortId(res.locals.tenant.id, body.accountId, body.shortId);
      sendOk(res);
    }),
  );
  return router;
}
