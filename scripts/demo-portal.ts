/**
 * The demo's "third-party portal" (issue 11 part 10): another origin (the next loopback port) whose
 * own server holds the tenant's AppKey/AppSecret and signs its employees in through portal sign-on
 * (SPEC M9): `/v1/sso/sign` for a meeting (the tag joins with the one-time `sign`) or without one
 * (the host console's `/v1/sso/login`). The browser never sees the AppSecret.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSum } from '../src/server/auth/checksum.js';

export interface PortalOptions {
  port: number;
  host: string;
  /** The meeting server's public URL, e.g. http://127.0.0.1:3000. */
  meetingServer: string;
  appKey: string;
  appSecret: string;
}

/** The portal's own people: its ids, names and whether it lets them host. */
export const EMPLOYEES = [
  { account: 'emp-1001', userName: 'Li Lei', roleType: 2, job: 'Team lead' },
  { account: 'emp-1002', userName: 'Han Meimei', roleType: 1, job: 'Engineer' },
] as const;

const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo', 'portal');
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class DemoPortal {
  private meeting?: { meetingId: string; meetingUniqueId: number };
  private http?: Server;

  constructor(private readonly opts: PortalOptions) {}

  get url(): string {
    return `http://${this.opts.host}:${this.opts.port}`;
  }

  /** A signed management call (SPEC M8 CheckSum), server to server. */
  async call<T>(path: string, body: unknown): Promise<{ code: number; msg: string; ret?: T }> {
    const nonce = randomUUID();
    const curTime = String(Date.now());
    const res = await fetch(new URL(path, this.opts.meetingServer), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf-8', AppKey: this.opts.appKey, Nonce: nonce, CurTime: curTime, CheckSum: checkSum(this.opts.appSecret, nonce, curTime) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { code: number; msg: string; ret?: T };
  }

  /** The one meeting the portal embeds: made once, made again when it is over. */
  async portalMeeting(): Promise<{ meetingId: string; meetingUniqueId: number }> {
    if (this.meeting) {
      const got = await this.call<{ valid: boolean }>('/v2/meeting/get', { meetingUniqueId: this.meeting.meetingUniqueId });
      if (got.ret?.valid) return this.meeting;
    }
    const made = await this.call<{ meetingId: string; meetingUniqueId: number }>('/v2/meeting/create', { type: 1, subject: 'Portal all-hands' });
    if (made.code !== 200 || !made.ret) throw new Error(`the portal could not create its meeting: ${made.code} ${made.msg}`);
    this.meeting = made.ret;
    return made.ret;
  }

  async start(): Promise<void> {
    this.http = createServer((req, res) => void this.route(req, res).catch((err: unknown) => this.page(res, 500, 'Error', `<p role="alert">${escape(String(err))}</p>`)));
    await new Promise<void>((resolve) => this.http!.listen(this.opts.port, this.opts.host, resolve));
  }

  async stop(): Promise<void> {
    const http = this.http;
    if (http) await new Promise((resolve) => http.close(resolve));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const employee = EMPLOYEES.find((e) => e.account === url.searchParams.get('as'));
    switch (url.pathname) {
      case '/':
        return this.home(res);
      case '/portal.css':
        res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8' });
        return void res.end(readFileSync(join(staticDir, 'portal.css')));
      case '/join': {
        // The portal's server vouches for its employee in its meeting: a one-time sign, never the secret.
        if (!employee) return this.page(res, 400, 'Unknown person', '<p>Pick someone on the home page.</p>');
        const meeting = await this.portalMeeting();
        const signed = await this.call<{ sign: string }>('/v1/sso/sign', { account: employee.account, userName: employee.userName, roleType: employee.roleType, meetingId: meeting.meetingId });
        if (!signed.ret) return this.page(res, 502, 'Sign-on failed', `<p role="alert">${signed.code}: ${escape(signed.msg)}</p>`);
        res.writeHead(303, { Location: `/meeting?${new URLSearchParams({ code: meeting.meetingId, sign: signed.ret.sign })}` });
        return void res.end();
      }
      case '/meeting':
        return this.meetingPage(res);
      case '/portal-frame.js':
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        return void res.end(readFileSync(join(staticDir, 'portal-frame.js')));
      case '/frame': {
        // The iframe half: the same one-time sign, handed to the helper, which puts it in the frame's join.
        if (!employee) return this.page(res, 400, 'Unknown person', '<p>Pick someone on the home page.</p>');
        const meeting = await this.portalMeeting();
        const signed = await this.call<{ sign: string }>('/v1/sso/sign', { account: employee.account, userName: employee.userName, roleType: employee.roleType, meetingId: meeting.meetingId });
        if (!signed.ret) return this.page(res, 502, 'Sign-on failed', `<p role="alert">${signed.code}: ${escape(signed.msg)}</p>`);
        return this.framePage(res, meeting.meetingId, signed.ret.sign, employee.userName);
      }
      case '/console': {
        // A sign without a meeting: the host console's /v1/sso/login spends it. The fragment keeps it out of server logs.
        if (!employee) return this.page(res, 400, 'Unknown person', '<p>Pick someone on the home page.</p>');
        const signed = await this.call<{ sign: string }>('/v1/sso/sign', { account: employee.account, userName: employee.userName });
        if (!signed.ret) return this.page(res, 502, 'Sign-on failed', `<p role="alert">${signed.code}: ${escape(signed.msg)}</p>`);
        res.writeHead(303, { Location: `${this.opts.meetingServer}/console#${new URLSearchParams({ sign: signed.ret.sign, account: employee.account })}` });
        return void res.end();
      }
      default:
        return this.page(res, 404, 'Not found', '<p>Nothing here.</p>');
    }
  }

  private home(res: ServerResponse): void {
    const people = EMPLOYEES.map(
      (e) => `<li><strong>${escape(e.userName)}</strong> · ${escape(e.job)} (${e.roleType === 2 ? 'host · 主持人' : 'member · 参会者'})
        <a href="/join?as=${e.account}">Join the all-hands · 加入全员会</a>
        <a href="/frame?as=${e.account}">Join in an iframe · 以 iframe 加入</a>
        <a href="/console?as=${e.account}">Open the host console · 打开主持人控制台</a></li>`,
    ).join('\n');
    this.page(
      res,
      200,
      'Acme intranet · 内部门户',
      `<p>A third-party portal on another origin. Its server holds the AppKey/AppSecret and signs its people in with
      <code>/v1/sso/sign</code>; nobody here has a password on the meeting server.</p>
      <p>这是另一个源上的第三方门户：由门户服务器持有 AppKey/AppSecret，通过 <code>/v1/sso/sign</code> 为员工单点登录。</p>
      <h2>Who are you? · 您是谁？</h2>
      <ul class="people">${people}</ul>
      <p>“Join the all-hands” embeds the <code>&lt;meeting-room&gt;</code> tag; “Join in an iframe” frames
      <code>/embed</code> with the server's helper (<code>MeetingFrame.create</code>) and drives it by postMessage.</p>`,
    );
  }

  private meetingPage(res: ServerResponse): void {
    const server = escape(this.opts.meetingServer);
    this.page(
      res,
      200,
      'All-hands · 全员会',
      `<p><a href="/">← Acme intranet</a></p>
      <script type="module" src="${server}/assets/meeting-room.js"></script>
      <meeting-room server="${server}" use-page-url theme="auto"></meeting-room>`,
    );
  }

  private framePage(res: ServerResponse, code: string, sign: string, name: string): void {
    const server = escape(this.opts.meetingServer);
    this.page(
      res,
      200,
      'All-hands in a frame · 全员会（iframe）',
      `<p><a href="/">← Acme intranet</a></p>
      <p><button id="mic">Microphone · 麦克风</button> <button id="hand">Raise hand · 举手</button> <button id="leave">Leave · 离开</button></p>
      <p id="status" role="status"></p>
      <ul id="events" role="log" aria-label="What the meeting tells · 会议动态"></ul>
      <div id="meeting" style="height: 600px" data-server="${server}" data-code="${escape(code)}" data-sign="${escape(sign)}" data-name="${escape(name)}"></div>
      <script src="${server}/assets/meeting-frame.js"></script>
      <script src="/portal-frame.js"></script>`,
    );
  }

  private page(res: ServerResponse, status: number, title: string, body: string): void {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // The portal's own policy: scripts from itself and the meeting server only, no inline script.
      'Content-Security-Policy': `default-src 'self'; script-src 'self' ${this.opts.meetingServer}; connect-src 'self' ${this.opts.meetingServer} ws: wss:; frame-src ${this.opts.meetingServer}; media-src 'self' blob: mediastream:; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'`,
    });
    res.end(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="stylesheet" href="/portal.css">
</head>
<body>
<header><span class="logo">Acme</span> intranet · 内部门户</header>
<main>
<h1>${escape(title)}</h1>
${body}
</main>
</body>
</html>
`);
  }
}
