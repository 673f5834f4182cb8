import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router, json, static as serveStatic, type Request, type Response } from 'express';
import { z } from 'zod';
import { MeetingKind, SUBJECT_MAX, createMeetingSchema } from '../../protocol/meeting.js';
import { handle, parseBody, refuseNulStrings, requireJson, sendOk } from '../http.js';
import type { Services } from '../services/index.js';
import { framedBy } from '../security-headers.js';

export interface PageOptions {
  /** Folder with the browser build (`meeting-room.js`). */
  assetsDir: string;
  /** Folder with the demo pages, or undefined to serve none. */
  demoDir?: string;
  /** Who may frame `/embed` for a tenant (CSP frame-ancestors sources); by default this origin only. */
  frameAncestors?: FrameAncestors;
}

/** The embedding's per-tenant allow-list plugs in here; unknown links get the default. */
export type FrameAncestors = (tenantId: number) => Promise<string[]>;
const DEFAULT_ANCESTORS = ["'self'"];
const sameOriginOnly: FrameAncestors = async () => DEFAULT_ANCESTORS;

/** The tenant behind an `/embed` link (`code` or `rd`), if it names one. */
async function tenantOfLink(services: Services, query: Request['query']): Promise<number | undefined> {
  const { code, rd } = query;
  if (typeof code === 'string' && /^\d{4,12}$/.test(code)) return (await services.meetings.findByCode(code))?.tenant_id;
  if (typeof rd === 'string' && rd.length <= 64) return (await services.rooms.findForJoin(rd).catch(() => undefined))?.tenant_id;
  return undefined;
}

const joinPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Meeting</title>
<style>html,body{margin:0;height:100%;background:#111}meeting-room{height:100%}</style>
<script type="module" src="/assets/meeting-room.js"></script>
</head>
<body><meeting-room use-page-url></meeting-room></body>
</html>
`;

const demoCreateSchema = z.strictObject({ subject: z.string().trim().min(1).max(SUBJECT_MAX).default('Demo meeting') });

/** The join page, the browser bundle, and the demo pages. */
export function pageRoutes(services: Services, opts: PageOptions, directives: Record<string, string[]>): Router {
  const router = Router();
  const frameAncestors = opts.frameAncestors ?? sameOriginOnly;
  const sendJoinPage = (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(joinPage);
  };
  router.use('/assets', serveStatic(opts.assetsDir, { fallthrough: false, maxAge: '5m' }));
  // /join keeps the default: framed by this origin only.
  router.get('/join', sendJoinPage);
  router.get(
    '/embed',
    (req, res, next) => {
      tenantOfLink(services, req.query)
        .then((tenantId) => (tenantId === undefined ? DEFAULT_ANCESTORS : frameAncestors(tenantId)))
        .then((ancestors) => {
          // frame-ancestors decides; X-Frame-Options knows no allow-list, so it must not contradict it.
          res.removeHeader('X-Frame-Options');
          framedBy(directives, ancestors)(req, res, next);
        }, next);
    },
    sendJoinPage,
  );
  if (opts.demoDir && existsSync(opts.demoDir)) {
    const demoDir = opts.demoDir;
    router.get('/', (_req, res) => res.redirect('/demo/'));
    router.use('/demo', serveStatic(demoDir));
    router.get('/demo', (_req, res) => res.sendFile(join(demoDir, 'index.html')));
    // Demo only: creates a meeting for the dev tenant without a signature, so a browser can try it.
    router.post(
      '/demo/api/meetings',
      requireJson,
      json({ limit: '4kb' }),
      refuseNulStrings,
      handle(async (req, res) => {
        const body = parseBody(demoCreateSchema, req.body);
        const row = await services.meetings.create(services.devTenant.id, createMeetingSchema.parse({ type: MeetingKind.INSTANT, subject: body.subject }));
        sendOk(res, services.meetings.toDto(row));
      }),
    );
  }
  return router;
}
