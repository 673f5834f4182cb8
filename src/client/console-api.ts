import type { Envelope } from '../protocol/envelope.js';
import { ErrorCode, defaultMessages } from '../protocol/errors.js';
import type { MeetingDto } from '../protocol/meeting.js';
import type { RoomDto } from '../protocol/rooms.js';
import type { UserDto } from '../protocol/users.js';
import { MeetingClientError } from './join-api.js';

/** A meeting in progress, as `/v1/ops/status` tells it. */
export interface LiveMeeting {
  meetingUniqueId: number;
  meetingId: string;
  subject: string;
  participants: number;
}

export interface SignedIn {
  sid: string;
  user: UserDto;
  company: string;
}

export interface TenantSettings {
  callbackUrl: string;
  embedOrigins: string[];
  logoUrl: string;
  accentColor: string;
}

/**
 * The host console's calls to the management API (API.md), as the signed-in person: the session
 * goes in the `SID` header, never in a URL. Refusals reject with a `MeetingClientError`.
 */
export class ConsoleApi {
  constructor(
    readonly server: string,
    public sid = '',
  ) {}

  async call<T>(path: string, body: unknown = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.server), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json;charset=utf-8', ...(this.sid ? { SID: this.sid } : {}) },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `Could not reach the meeting server: ${String(err)}`);
    }
    let envelope: Envelope<T>;
    try {
      envelope = (await res.json()) as Envelope<T>;
    } catch {
      throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `The meeting server answered HTTP ${res.status} without JSON`);
    }
    if (envelope.code !== ErrorCode.OK) throw new MeetingClientError(envelope.code ?? ErrorCode.INTERNAL, envelope.msg ?? defaultMessages[ErrorCode.INTERNAL]!);
    return envelope.ret as T;
  }

  async login(name: string, password: string): Promise<SignedIn> {
    const ret = await this.call<{ SID: string; user: UserDto; company: string }>('/v1/user/login', { name, password });
    this.sid = ret.SID;
    return { sid: ret.SID, user: ret.user, company: ret.company };
  }

  /** A portal user's sign-in with the portal's one-time sign (`/v1/sso/login`). */
  async ssoLogin(sign: string, account: string): Promise<SignedIn> {
    const ret = await this.call<{ SID: string; user: UserDto; organisation: string }>('/v1/sso/login', { sign, account });
    this.sid = ret.SID;
    return { sid: ret.SID, user: ret.user, company: ret.organisation };
  }

  async logout(): Promise<void> {
    await this.call('/v1/user/logout').catch(() => undefined);
    this.sid = '';
  }

  listMeetings(q: { statusList?: number[]; pageIndex?: number; pageSize?: number } = {}) {
    return this.call<{ totalNum: number; totalPages: number; pageIndex: number; meetings: MeetingDto[] }>('/v2/meeting/list', { pageSize: 50, ...q });
  }
  createMeeting(body: Record<string, unknown>) {
    return this.call<MeetingDto>('/v2/meeting/create', body);
  }
  editMeeting(body: Record<string, unknown> & { meetingUniqueId: number }) {
    return this.call<void>('/v2/meeting/edit', body);
  }
  cancelMeeting(meetingUniqueId: number) {
    return this.call<void>('/v2/meeting/cancel', { meetingUniqueId });
  }
  endMeeting(meetingUniqueId: number) {
    return this.call<void>('/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId });
  }
  async liveMeetings(): Promise<LiveMeeting[]> {
    return (await this.call<{ meetings: LiveMeeting[] }>('/v1/ops/status')).meetings;
  }

  async rooms(): Promise<RoomDto[]> {
    return (await this.call<{ rooms: RoomDto[] }>('/v1/room/mine')).rooms;
  }
  createRoom(body: Record<string, unknown>) {
    return this.call<RoomDto & { roomId: string }>('/v1/room/create', body);
  }
  deleteRoom(roomId: string) {
    return this.call<void>('/v1/room/delete', { roomId });
  }
  async members(roomId: string): Promise<string[]> {
    return (await this.call<{ members: string[] }>('/v1/room/members', { roomId })).members;
  }
  addMember(roomId: string, userId: string) {
    return this.call<void>('/v1/room/addMember', { roomId, userId });
  }
  removeMember(roomId: string, userId: string) {
    return this.call<void>('/v1/room/deleteMember', { roomId, userId });
  }

  searchUsers(keyword = '') {
    return this.call<{ users: UserDto[]; totalCount: number }>('/v1/user/search', { pageSize: 100, ...(keyword ? { keyword } : {}) });
  }
  addUser(body: { name: string; password: string; displayName?: string; isAdmin: boolean }) {
    return this.call<UserDto>('/v1/user/add', body);
  }
  modifyUser(userId: string, change: { displayName?: string; isAdmin?: boolean }) {
    return this.call<void>('/v1/user/modify', { userId, ...change });
  }
  async resetPassword(userId: string): Promise<string> {
    return (await this.call<{ password: string }>('/v1/user/resetPassword', { userId })).password;
  }
  deleteUser(userId: string) {
    return this.call<void>('/v1/user/delete', { userId });
  }

  settings() {
    return this.call<TenantSettings>('/v1/tenant/getSettings');
  }
  setCallback(callbackUrl: string) {
    return this.call<void>('/v1/tenant/setCallback', { callbackUrl });
  }
  setEmbedOrigins(embedOrigins: string[]) {
    return this.call<void>('/v1/tenant/setEmbedOrigins', { embedOrigins });
  }
  setBranding(branding: { logoUrl: string; accentColor: string }) {
    return this.call<void>('/v1/tenant/setBranding', branding);
  }
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The snippet a site pastes to embed one meeting with the tag (README "Embedding"). `integrity`
 * is the bundle's SRI hash (dist/assets-manifest.json), when the server knows it.
 */
export function embedSnippet(server: string, meetingId: string, bundle: { src: string; integrity?: string } = { src: '/assets/meeting-room.js' }): string {
  const src = new URL(bundle.src, server).toString();
  const sri = bundle.integrity ? ` integrity="${escapeAttr(bundle.integrity)}" crossorigin="anonymous"` : '';
  return `<script type="module" src="${escapeAttr(src)}"${sri}></script>\n<meeting-room server="${escapeAttr(new URL(server).origin)}" code="${escapeAttr(meetingId)}"></meeting-room>`;
}

/** The guest link of a meeting: the server's own, or one made from its code. */
export const guestLink = (server: string, m: Pick<MeetingDto, 'meetingId' | 'guestLink'>): string => m.guestLink ?? new URL(`/join?code=${m.meetingId}`, server).toString();
