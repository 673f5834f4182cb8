import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { AnonymousJoinRet, anonymousJoinSchema } from '../../protocol/anonymous-join.js';
import { Attr, type LivePolicy } from '../../protocol/control.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { JoinGrant, ParsedJoinRequest } from '../../protocol/join.js';
import { MeetingStatus } from '../../protocol/meeting.js';
import { Role } from '../../protocol/roles.js';
import { sameHex } from '../auth/checksum.js';
import { MeetingError } from '../errors.js';
import { issueToken } from '../livekit/tokens.js';
import type { Db } from '../store/db.js';
import type { ControlService } from './control/control.js';
import { participantUpdate, type LiveStore } from './control/live-store.js';
import { DEFAULT_CAPACITY, KEYLESS_PREFIX, type Person } from './control/rules.js';
import { meetingBranding } from './branding.js';
import type { EmbedOrigins } from './embed-origins.js';
import type { HostLinkSigner } from './host-links.js';
import { clientKey, type Limits } from './limits.js';
import { RENEWAL_CODE_MS, type JoinCodeService } from './join-codes.js';
import type { MeetingRow, MeetingService } from './meetings.js';
import { accountIdentity } from './identities.js';
import { roomSubject, type RoomRow, type RoomService } from './rooms.js';
import type { PortalUser, SsoService } from './sso.js';

export interface JoinServiceOptions {
  livekit: { url: string; apiKey: string; apiSecret: string };
  tokenTtlSeconds: number;
  waitingTimeoutMs: number;
  passwordAttempts: number;
  limits: Limits;
  /** Admissions of people not (yet) connected a meeting holds at most; beyond, newcomers get 510. */
  pendingAdmissionsMax: number;
  /** How long after its end a meeting's code still answers 2021; later it answers as if unknown (2000). */
  endedCodeWindowMs: number;
  now?: () => number;
}

/** How long wrong passwords are counted (housekeeping deletes older windows). */
export const PASSWORD_WINDOW_MS = 15 * 60_000;

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

/** A portal user keeps one identity in their tenant, as a signed-in account does (SPEC J6, H3). */
const portalIdentity = (user: PortalUser) => `p_${digest(`${user.tenantId}:${user.account}`)}`;

function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

/** A meeting or room password: 2018 when one is needed and missing, 2014 when wrong. */
function checkPassword(stored: string, given: string | undefined): void {
  if (!stored) return;
  if (!given) throw new MeetingError(ErrorCode.PASSWORD_REQUIRED, 'This meeting needs a password');
  if (!sameHex(Buffer.from(given).toString('hex'), Buffer.from(stored).toString('hex'))) {
    throw new MeetingError(ErrorCode.WRONG_PASSWORD, 'The password is wrong');
  }
}

/**
 * Turns a join link into a join (DESIGN "Join path"): resolves the meeting, checks the password and
 * the proof behind `role=host`, records the admission, and issues a least-privilege LiveKit token
 * for a server-chosen identity.
 */
export class JoinService {
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly meetings: MeetingService,
    private readonly rooms: RoomService,
    private readonly links: HostLinkSigner,
    private readonly joinCodes: JoinCodeService,
    private readonly control: ControlService,
    private readonly live: LiveStore,
    private readonly embedding: { origins: EmbedOrigins; sso: SsoService },
    private readonly opts: JoinServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /**
   * `ip` is the caller's address as Express derived it (TRUST_PROXY), for the limits; `origin` the
   * page's when it is another site's, which the meeting's tenant must allow (2120).
   */
  async join(req: ParsedJoinRequest, ip = 'unknown', origin?: string): Promise<JoinGrant> {
    return (await this.admit(req, ip, origin)).grant;
  }

  /**
   * API.md's anonymous join: the same admission as `/api/join` for a guest whose device keeps one
   * identity. The observer role (4) is the server's own, not given out (SPEC J4).
   */
  async anonymousJoin(body: z.output<typeof anonymousJoinSchema>, deviceId: string, ip = 'unknown'): Promise<AnonymousJoinRet> {
    if (body.roleType === 4) throw new MeetingError(ErrorCode.NOT_SUPPORTED, 'Observers are not given out to API callers');
    const request = { code: body.meetingId, name: body.nickName, v: body.video === 1, a: body.audio === 1, gk: digest(`device:${deviceId}`), ...(body.password ? { password: body.password } : {}) };
    const { grant, meeting, policy } = await this.admit(request, ip, undefined);
    const started = meeting.room_started_at?.getTime();
    return {
      accountId: grant.identity,
      serverUrl: grant.serverUrl,
      token: grant.token,
      roomName: meeting.room_name,
      identity: grant.identity,
      meetingId: meeting.code,
      ...(meeting.short_id ? { shortId: meeting.short_id } : {}),
      meetingUniqueId: meeting.unique_id,
      createTime: Math.floor(meeting.created_at.getTime() / 1000),
      duration: started === undefined ? 0 : Math.max(0, Math.floor((this.now() - started) / 1000)),
      audioAllMute: policy.audio.off ? 1 : 0,
      ...(grant.waitingTicket ? { waitingTicket: grant.waitingTicket } : {}),
    };
  }

  private async admit(req: ParsedJoinRequest, ip: string, origin: string | undefined): Promise<{ grant: JoinGrant; meeting: MeetingRow; policy: LivePolicy }> {
    const { limits } = this.opts;
    const client = clientKey(ip);
    await limits.joinFromClient(client);
    await limits.lookupAllowed(client);
    // Everything so far is memory; the database work waits its turn in the meeting's lane.
    const lane = req.code !== undefined ? `code:${req.code}` : `room:${req.rd}`;
    limits.laneOpen(lane);
    return limits.joinLanes.run(lane, () => this.admitInLane(req, client, lane, origin));
  }

  private async admitInLane(req: ParsedJoinRequest, client: string, lane: string, origin: string | undefined): Promise<{ grant: JoinGrant; meeting: MeetingRow; policy: LivePolicy }> {
    const { limits } = this.opts;
    // Again, for those who were in line when it closed.
    limits.laneOpen(lane);
    const session = req.jc ? await this.joinCodes.peek(req.jc) : undefined;
    const portal = req.sign ? await this.embedding.sso.peek(req.sign) : undefined;
    // A room's meeting is opened only once every check has passed: a refused join changes nothing.
    let meeting: MeetingRow | undefined;
    let room: RoomRow | undefined;
    if (req.code !== undefined) {
      meeting = await this.meetings.findByCode(req.code);
      // A code long over answers like one never used, so that probing tells nothing (README "Security").
      if (!meeting || this.endedLongAgo(meeting)) {
        await limits.lookupFailed(client);
        throw new MeetingError(ErrorCode.MEETING_NOT_FOUND, `No meeting has the code ${req.code}`);
      }
    } else {
      room = await this.rooms.findForJoin(req.rd!).catch(async (err: unknown) => {
        if (err instanceof MeetingError && err.code === ErrorCode.MEETING_NOT_FOUND) await limits.lookupFailed(client);
        throw err;
      });
      const hostLink = await this.links.verifyStored(roomSubject(room.id), Role.HOST, req.exp, req.hk, this.now());
      const member = session?.tenantId === room.tenant_id && (await this.rooms.mayEnter(room, session.accountId));
      if (!room.is_public && !hostLink && !member) throw new MeetingError(ErrorCode.NO_PERMISSION, 'This room is private: sign in as one of its members');
      meeting = await this.rooms.liveMeeting(room.id);
    }
    // A room's tenant decides, never the tenant of a meeting found in it.
    const tenantId = room ? room.tenant_id : meeting!.tenant_id;
    const hostSubject = room ? roomSubject(room.id) : meeting!.unique_id;
    const owner = room ? room.owner_id : meeting!.host_account;
    // Where the meeting is known, so is whose list of embedding origins decides.
    await this.embedding.origins.check(tenantId, origin);
    // A sign is for one meeting of its own tenant, never another.
    if (portal && (portal.tenantId !== tenantId || portal.meetingUniqueId !== meeting?.unique_id)) {
      throw new MeetingError(ErrorCode.SIGN_MISMATCH, 'This sign is for another meeting');
    }
    // A session counts only in its own tenant; elsewhere the person is a guest like any other.
    const me = session && session.tenantId === tenantId ? session : undefined;
    // An ended meeting's 2021 tells a prober the code was used: it counts as a miss too.
    if (req.code !== undefined && !this.meetings.isLive(meeting!)) await limits.lookupFailed(client);
    if (meeting?.status === MeetingStatus.CANCELLED) {
      const cancelled = new MeetingError(ErrorCode.MEETING_ENDED, 'The meeting was cancelled');
      cancelled.details = { status: MeetingStatus.CANCELLED };
      throw cancelled;
    }
    if (meeting && meeting.status !== MeetingStatus.NOT_STARTED && meeting.status !== MeetingStatus.IN_PROGRESS) {
      throw new MeetingError(ErrorCode.MEETING_ENDED);
    }
    const place = room ? roomSubject(room.id) : `meeting:${meeting!.unique_id}`;
    await limits.joinToMeeting(place, lane);
    // The guesser is locked out, not the meeting: a signed-in person is their account, anyone else their address.
    // A portal user needs none: the tenant vouches for them, and could read the password anyway.
    if (!portal) await this.checkPasswordLimited(place, meeting ? meeting.password : room!.password, req.password, me ? `a:${me.accountId}` : client);

    // An invitee signed in as themselves joins in the role the meeting invited them with (SPEC M1).
    const invitedAs = me && meeting ? meeting.extras.invitees?.find((i) => i.accountId === me.accountId)?.role : undefined;
    const asked = req.role ?? portal?.role ?? invitedAs ?? Role.ATTENDEE;
    let role: Role = asked;
    let roleDowngraded = false;
    const isOwner = !!me && me.accountId === owner;
    // The portal's word makes a host only for a meeting of its own tenant, which the check above ensured.
    const portalHost = portal?.role === Role.HOST;
    if (asked === Role.HOST && !isOwner && invitedAs !== Role.HOST && !portalHost && !(await this.links.verifyStored(hostSubject, Role.HOST, req.exp, req.hk, this.now()))) {
      role = Role.ATTENDEE;
      roleDowngraded = true;
    }
    // Invited to listen: a link's role does not lift that, short of a host's proof.
    if (invitedAs === Role.AUDIENCE && role !== Role.HOST) role = Role.AUDIENCE;

    const mustWait = await this.strangerToPrivate(room, meeting, me, role === Role.HOST || !!portal);

    // SPEC M5: the room opens when the first person joins, not before the start time unless a host joins.
    if (meeting?.status === MeetingStatus.NOT_STARTED && role !== Role.HOST && meeting.start_time.getTime() > this.now()) {
      const notYet = new MeetingError(ErrorCode.NOT_STARTED, `The meeting starts at ${meeting.start_time.toISOString()}`);
      notYet.details = { startTime: meeting.start_time.getTime() };
      throw notYet;
    }
    if (meeting && role !== Role.HOST && (await this.live.pendingCount(meeting)) >= this.opts.pendingAdmissionsMax) {
      throw new MeetingError(ErrorCode.TOO_MANY_REQUESTS, 'Too many people are joining this meeting at once: try again in a minute');
    }
    // Spent once every check has passed, so a join refused (for a password, say) may try again with it.
    if (req.jc) await this.joinCodes.spend(req.jc);
    if (req.sign) await this.embedding.sso.spend(req.sign);
    meeting ??= await this.rooms.openMeeting(room!);

    // Without a name the page asks for one and fetches a new token with it at the Join click.
    const name = portal?.name ?? req.name ?? me?.name ?? '';
    // Signed-in people and guests with a key keep one identity: a second device replaces the first
    // (SPEC J6), and a removal or a rejection sticks to them (SPEC H3, J5).
    const keyless = !me && !portal && !req.gk;
    const identity = me ? accountIdentity(me.accountId) : portal ? portalIdentity(portal) : req.gk ? `g_${digest(`${tenantId}:${req.gk}`)}` : `${KEYLESS_PREFIX}${randomBytes(9).toString('base64url')}`;
    const ticket = randomBytes(24).toString('base64url');
    const candidate = { identity, name, role, hostProof: role === Role.HOST, ticketHash: hashTicket(ticket), capacity: meeting.extras.numberLimit ?? DEFAULT_CAPACITY, mustWait, keyless, owner: isOwner, listenOnly: !!req.lo, ...(client === 'unknown' ? {} : { client }) };
    const { person, policy } = await this.control.admitJoiner(meeting, candidate);
    const renewal = {
      ...(session ? { joinCode: await this.joinCodes.issue(session, RENEWAL_CODE_MS) } : {}),
      ...(portal ? { sign: await this.embedding.sso.renew(portal, RENEWAL_CODE_MS) } : {}),
    };
    const shape = { ...(await this.grantShape(meeting, person, roleDowngraded)), ...renewal };
    if (person.status === 'waiting') return { grant: { ...shape, token: '', waitingTicket: ticket }, meeting, policy };
    return { grant: { ...shape, token: await this.token(meeting, person, policy, portal?.avatar) }, meeting, policy };
  }

  /**
   * "Private" admits invitees, members, signed-in owners, host-link holders and portal users, and
   * nobody else without a host's say: a private room refuses the rest (2105) whichever way they came
   * (its id or its live meeting's code); a private meeting's stranger waits for a host to admit them.
   * Answers whether the joiner must wait. `vouched`: a host's proof, or the tenant's own sign.
   */
  private async strangerToPrivate(room: RoomRow | undefined, meeting: MeetingRow | undefined, me: { accountId: string } | undefined, vouched: boolean): Promise<boolean> {
    if (vouched) return false;
    if (!room && meeting?.room_id) {
      const own = await this.rooms.findForJoin(meeting.room_id);
      if (!(me && (await this.rooms.mayEnter(own, me.accountId))) && !own.is_public) throw new MeetingError(ErrorCode.NO_PERMISSION, 'This room is private: sign in as one of its members');
    }
    if (!meeting || meeting.extras.isPublic !== false) return false;
    const invited = !!me && (me.accountId === meeting.host_account || (meeting.extras.invitees ?? []).some((i) => i.accountId === me.accountId));
    return !invited;
  }

  /**
   * Where a waiting ticket stands (SPEC J5): admitted → a grant; still waiting → 2107 with the
   * place in the queue; rejected → 2108; removed → 2106; expired or unknown → 2107 "ask again".
   */
  async ticket(ticket: string): Promise<JoinGrant> {
    const state = await this.ticketState(ticket);
    if (state.grant) return state.grant;
    throw new MeetingError(ErrorCode.WAITING_FOR_HOST, `Waiting for the host to let you in (number ${state.position} in the queue)`);
  }

  /** A ticket's state: the grant once admitted, else the place in the queue; refusals throw. */
  async ticketState(ticket: string): Promise<{ grant?: JoinGrant; position: number; meetingId?: number; expiresInMs?: number }> {
    const hash = hashTicket(ticket);
    const holder = await this.live.ticketHolder(hash);
    if (!holder) throw new MeetingError(ErrorCode.WAITING_FOR_HOST, 'This waiting ticket is not valid any more: join again');
    const { person } = holder;
    const meeting = (await this.meetings.findById(holder.meetingId))!;
    if (!this.meetings.isLive(meeting)) throw new MeetingError(ErrorCode.MEETING_ENDED);
    if (person.banned) throw new MeetingError(ErrorCode.REMOVED, 'You were removed from this meeting');
    if (person.status === 'rejected') throw new MeetingError(ErrorCode.REJECTED_BY_HOST, 'The host declined your request to join');
    if (person.status === 'waiting') {
      const expiresInMs = (person.waitingSince ?? 0) + this.opts.waitingTimeoutMs - this.now();
      if (expiresInMs < 0) {
        await this.live.expireTicket(hash);
        throw new MeetingError(ErrorCode.WAITING_FOR_HOST, 'Nobody let you in in time: join again to wait once more');
      }
      return { position: await this.live.queuePosition(holder.meetingId, person.waitingSince!), meetingId: holder.meetingId, expiresInMs };
    }
    const policy = await this.live.policy(meeting);
    await this.live.redeemTicket(hash);
    return { grant: { ...(await this.grantShape(meeting, person, false)), token: await this.token(meeting, person, policy) }, position: 0 };
  }

  /**
   * SPEC J2: wrong passwords are limited per place and client; past the limit, 510 for a while. An
   * attempt is taken before the check, in one statement (concurrent guesses each get their own
   * count, so at most `passwordAttempts` are ever checked); a right password gives it back.
   */
  private async checkPasswordLimited(subject: string, stored: string, given: string | undefined, client: string): Promise<void> {
    if (!stored) return;
    if (!given) return checkPassword(stored, given);
    const now = new Date(this.now());
    const since = new Date(this.now() - PASSWORD_WINDOW_MS);
    const open = sql<boolean>`password_failures.window_start > ${since}::timestamptz`;
    const { failures } = await this.db
      .insertInto('password_failures')
      .values({ subject, client, failures: 1, window_start: now })
      .onConflict((oc) =>
        oc.columns(['subject', 'client']).doUpdateSet({
          failures: sql<number>`case when ${open} then password_failures.failures + 1 else 1 end`,
          window_start: sql<Date>`case when ${open} then password_failures.window_start else ${now}::timestamptz end`,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    if (failures > this.opts.passwordAttempts) throw new MeetingError(ErrorCode.TOO_MANY_REQUESTS, 'Too many wrong passwords: try again in 15 minutes');
    checkPassword(stored, given);
    await this.db
      .updateTable('password_failures')
      .set({ failures: sql<number>`failures - 1` })
      .where('subject', '=', subject)
      .where('client', '=', client)
      .where('failures', '>', 0)
      .execute();
  }

  /** An ended or cancelled meeting whose end is older than the window (README "Security"). */
  private endedLongAgo(meeting: MeetingRow): boolean {
    if (meeting.status !== MeetingStatus.ENDED && meeting.status !== MeetingStatus.CANCELLED) return false;
    const end = meeting.ended_at ?? meeting.end_time ?? meeting.start_time;
    return end.getTime() < this.now() - this.opts.endedCodeWindowMs;
  }

  private token(meeting: MeetingRow, person: Person, policy: LivePolicy, avatar?: string): Promise<string> {
    const update = participantUpdate(person, policy);
    return issueToken(this.opts.livekit.apiKey, this.opts.livekit.apiSecret, {
      room: meeting.room_name,
      identity: person.identity,
      name: person.name,
      sources: update.sources,
      attributes: avatar ? { ...update.attributes, [Attr.AVATAR]: avatar } : update.attributes,
      ttlSeconds: this.opts.tokenTtlSeconds,
    });
  }

  private async grantShape(meeting: MeetingRow, person: Person, roleDowngraded: boolean): Promise<Omit<JoinGrant, 'token'>> {
    return {
      serverUrl: this.opts.livekit.url,
      identity: person.identity,
      name: person.name,
      role: person.role,
      roleDowngraded,
      meeting: {
        meetingUniqueId: meeting.unique_id,
        meetingId: meeting.code,
        subject: meeting.subject,
        status: meeting.status,
        startTime: meeting.start_time.getTime(),
        branding: await meetingBranding(this.db, meeting),
      },
    };
  }
}
