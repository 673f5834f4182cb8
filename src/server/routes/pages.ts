import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Router, json, static as serveStatic, type Request, type RequestHandler, type Response } from 'express';
import serveCompressed from 'express-static-gzip';
import { z } from 'zod';
import { MeetingKind, SUBJECT_MAX, createMeetingSchema } from '../../protocol/meeting.js';
import { handle, parseBody, refuseNulStrings, requireJson, sendOk, unknownRoute } from '../http.js';
import type { Services } from '../services/index.js';
import { embedCors } from '../cors.js';
import { framedBy } from '../security-headers.js';
import { sendFavicon } from './favicon.js';
import { FRAME_ORIGINS_ELEMENT_ID } from '../../protocol/frame-api.js';

export interface PageOptions {
  /** Folder with the browser build (`meeting-room.js`, its content-hashed copy, their `.br` and `.gz`). */
  assetsDir: string;
  /** The build's `assets-manifest.json` (hashed URL and SRI hash of each bundle); without it pages use the alias. */
  assetsManifest?: string;
  /** Folder with the demo pages, or undefined to serve none. */
  demoDir?: string;
  /** Who may frame `/embed` for a tenant (CSP frame-ancestors sources); by default this origin and the tenant's embed origins. */
  frameAncestors?: FrameAncestors;
}

/** The embedding's per-tenant allow-list plugs in here; unknown links get the default. */
export type FrameAncestors = (tenantId: number) => Promise<string[]>;
const DEFAULT_ANCESTORS = ["'self'"];

/** The tenant behind an `/embed` link (`code` or `rd`), if it names one. */
async function tenantOfLink(services: Services, query: Request['query']): Promise<number | undefined> {
  const { code, rd } = query;
  if (typeof code === 'string' && /^\d{4,12}$/.test(code)) return (await services.meetings.findByCode(code))?.tenant_id;
  if (typeof rd === 'string' && rd.length <= 64) return (await services.rooms.findForJoin(rd).catch(() => undefined))?.tenant_id;
  return undefined;
}

/** One bundle as the build describes it in dist/assets-manifest.json. */
export interface AssetEntry {
  url: string;
  alias: string;
  integrity: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

/** The build's manifest, keyed by bundle name (`meeting-room.js`); empty when there is none. */
export function readAssetsManifest(file: string | undefined): Record<string, AssetEntry> {
  if (!file || !existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, AssetEntry>;
}

/** A `<script type="module">` for a bundle: its immutable URL with its SRI hash, else the alias. */
export function bundleScript(manifest: Record<string, AssetEntry>, name: string): string {
  const entry = manifest[name];
  return entry ? `<script type="module" src="${entry.url}" integrity="${entry.integrity}"></script>` : `<script type="module" src="/assets/${name}"></script>`;
}

/**
 * A `<link rel="modulepreload">` for a chunk a bundle imports later (livekit-client, at the Join
 * click): downloaded and compiled while the page starts, not when it is needed.
 */
export function chunkPreload(manifest: Record<string, AssetEntry>, name: string): string {
  const entry = manifest[name];
  return entry ? `\n<link rel="modulepreload" href="${entry.url}" integrity="${entry.integrity}">` : '';
}

type PageLang = 'en' | 'zh-CN';

/**
 * The join page's language, as the element will pick it (the link's `lang`, else the browser's),
 * so that the page says what it is written in (screen readers pick their voice from it).
 */
function pageLang(req: Request): PageLang {
  // The browser's first language, as navigator.language says it.
  const wanted = typeof req.query.lang === 'string' && req.query.lang ? req.query.lang : (req.acceptsLanguages()[0] ?? 'en');
  return wanted.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The join page; `/embed` adds the iframe API's bridge and the origins it may answer (SPEC E2). */
function joinPage(script: string, frame?: { origins: string[]; bridge: string }, lang: PageLang = 'en'): string {
  // JSON in a data block, never run (CSP allows no inline script); `<` escaped so no text closes the tag.
  const bridge = frame ? `\n<script type="application/json" id="${FRAME_ORIGINS_ELEMENT_ID}">${JSON.stringify(frame.origins).replace(/</g, '\\u003c')}</script>\n${frame.bridge}` : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${lang === 'zh-CN' ? '会议' : 'Meeting'}</title>
<style>html,body{margin:0;height:100%;background:#111}meeting-room{height:100%}</style>
${script}${bridge}
</head>
<body><meeting-room use-page-url></meeting-room></body>
</html>
`;
}

/** The build names a content-hashed copy `name.<16 hex>.js` (and `chunks/livekit-client.<16 hex>.js`): its URL never changes meaning. */
const HASHED = /\.[0-9a-f]{16}\.js$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The stable alias (the README's snippet) may change with the next deploy: cached briefly.
const SHORT = 'public, max-age=300';

/** The browser bundles, pre-compressed by the build: brotli or gzip as the browser accepts, else plain. */
function assets(dir: string) {
  return serveCompressed(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      // A file that is not there falls through to the typed 404 below (the static server's own error would be a 500).
      fallthrough: true,
      cacheControl: false,
      setHeaders(res: ServerResponse, path: string) {
        res.setHeader('Cache-Control', HASHED.test(path.replace(/\.(br|gz)$/, '')) ? IMMUTABLE : SHORT);
        // The compressed-file server sets Vary to Accept-Encoding alone; the CORS answer varies by Origin too.
        res.setHeader('Vary', 'Origin, Accept-Encoding');
      },
    },
  });
}

// The host console (issue 11 part 8): its own bundle, so that the join bundle does not carry it.
const consolePage = (script: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host console</title>
<style>html,body{margin:0;min-height:100%}body{background:#f4f6f8}@media (prefers-color-scheme:dark){body{background:#111418}}</style>
${script}
</head>
<body><meeting-console theme="auto"></meeting-console></body>
</html>
`;

const demoCreateSchema = z.strictObject({ subject: z.string().trim().min(1).max(SUBJECT_MAX).default('Demo meeting') });

/** The join page, the browser bundle, and the demo pages. */
export function pageRoutes(services: Services, opts: PageOptions, directives: Record<string, string[]>): Router {
  const router = Router();
  const frameAncestors = opts.frameAncestors ?? (async (tenantId: number) => [...DEFAULT_ANCESTORS, ...(await services.embedOrigins.list(tenantId))]);
  const manifest = readAssetsManifest(opts.assetsManifest);
  const elements = bundleScript(manifest, 'meeting-room.js') + chunkPreload(manifest, 'livekit-client.js');
  const plainJoinPage = { en: joinPage(elements), 'zh-CN': joinPage(elements, undefined, 'zh-CN') };
  const sendPage = (res: Response, page: string) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(page);
  };
  const sendJoinPage = (req: Request, res: Response) => sendPage(res, plainJoinPage[pageLang(req)]);
  // The bundle is no one tenant's: a page of an origin some tenant allows may load it (the embedding snippet).
  // What an embed snippet pins (hashed URL + SRI hash), for pages and tools: changes with each deploy.
  const sendManifest: RequestHandler = (req, res, next) => {
    if (req.path !== '/manifest.json' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.json(manifest);
  };
  router.use('/assets', embedCors(async (_req, origin) => services.embedOrigins.allowedBySome(origin)), sendManifest, assets(opts.assetsDir), unknownRoute);
  router.get('/favicon.ico', sendFavicon);
  // /join keeps the default: framed by this origin only.
  router.get('/join', sendJoinPage);
  // The same list decides who may frame the page and whose commands its bridge takes.
  router.get('/embed', (req, res, next) => {
    tenantOfLink(services, req.query)
      .then((tenantId) => (tenantId === undefined ? DEFAULT_ANCESTORS : frameAncestors(tenantId)))
      .then((ancestors) => {
        // frame-ancestors decides; X-Frame-Options knows no allow-list, so it must not contradict it.
        res.removeHeader('X-Frame-Options');
        framedBy(directives, ancestors)(req, res, (err?: unknown) => (err ? next(err) : sendPage(res, joinPage(elements, { origins: ancestors, bridge: bundleScript(manifest, 'frame-bridge.js') }, pageLang(req)))));
      }, next);
  });
  // The element picks the language from `?lang=` or the browser, and `?theme=light|dark`.
  const consoleHtml = consolePage(bundleScript(manifest, 'meeting-console.js'));
  router.get('/console', (_req, res) => sendPage(res, consoleHtml));
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
