import { createHash, randomBytes } from 'node:crypto';
import type { LivePolicy } from '../../protocol/control.js';
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
import type { HostLinkSigner } from './host-links.js';
import type { MeetingRow, MeetingService } from './meetings.js';
import { roomSubject, type RoomRow, type RoomService } from './rooms.js';
import type { UserService } from './users.js';

export interface JoinServiceOptions {
  livekit: { url: string; apiKey: string; apiSecret: string };
  tokenTtlSeconds: number;
  waitingTimeoutMs: number;
  passwordAttempts: number;
  now?: () => number;
}

const PASSWORD_WINDOW_MS = 15 * 60_000;

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
    private readonly users: UserService,
    private readonly control: ControlService,
    private readonly live: LiveStore,
    private readonly opts: JoinServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** `client` names the caller for the password attempt limit (their address). */
  async join(req: ParsedJoinRequest, client = 'unknown'): Promise<JoinGrant> {
    const session = req.SID ? await this.users.session(req.SID) : undefined;
    // A room's meeting is opened only once every check has passed: a refused join changes nothing.
    let meeting: MeetingRow | undefined;
    let room: RoomRow | undefined;
    if (req.code !== undefined) {
      meeting = await this.meetings.findByCode(req.code);
      if (!meeting) throw new MeetingError(ErrorCode.MEETING_NOT_FOUND, `No meeting has the code ${req.code}`);
    } else {
      room = await this.rooms.findForJoin(req.rd!);
      const hostLink = await this.links.verifyStored(roomSubject(room.id), Role.HOST, req.exp, req.hk, this.now());
      const member = session?.tenantId === room.tenant_id && (await this.rooms.mayEnter(room, session.accountId));
      if (!room.is_public && !hostLink && !member) throw new MeetingError(ErrorCode.NO_PERMISSION, 'This room is private: sign in as one of its members');
      meeting = await this.rooms.liveMeeting(room.id);
    }
    const tenantId = meeting?.tenant_id ?? room!.tenant_id;
    const hostSubject = room ? roomSubject(room.id) : meeting!.unique_id;
    const owner = room ? room.owner_id : meeting!.host_account;
    // A session counts only in its own tenant; elsewhere the person is a guest like any other.
    const me = session && session.tenantId === tenantId ? session : undefined;
    if (meeting?.status === MeetingStatus.CANCELLED) throw new MeetingError(ErrorCode.MEETING_ENDED, 'The meeting was cancelled');
    if (meeting && meeting.status !== MeetingStatus.NOT_STARTED && meeting.status !== MeetingStatus.IN_PROGRESS) {
      throw new MeetingError(ErrorCode.MEETING_ENDED);
    }
    await this.checkPasswordLimited(room ? roomSubject(room.id) : `meeting:${meeting!.unique_id}`, meeting ? meeting.password : room!.password, req.password, client);

    const asked = req.role ?? Role.ATTENDEE;
    let role: Role = asked;
    let roleDowngraded = false;
    const isOwner = !!me && me.accountId === owner;
    if (asked === Role.HOST && !isOwner && !(await this.links.verifyStored(hostSubject, Role.HOST, req.exp, req.hk, this.now()))) {
      role = Role.ATTENDEE;
      roleDowngraded = true;
    }

    const mustWait = await this.strangerToPrivate(room, meeting, me, role === Role.HOST);

    // SPEC M5: the room opens when the first person joins, not before the start time unless a host joins.
    if (meeting?.status === MeetingStatus.NOT_STARTED && role !== Role.HOST && meeting.start_time.getTime() > this.now()) {
      const notYet = new MeetingError(ErrorCode.NOT_STARTED, `The meeting starts at ${meeting.start_time.toISOString()}`);
      notYet.details = { startTime: meeting.start_time.getTime() };
      throw notYet;
    }
    meeting ??= await this.rooms.openMeeting(room!);

    // Without a name the page asks for one and fetches a new token with it at the Join click.
    const name = req.name ?? me?.name ?? '';
    // Signed-in people and guests with a key keep one identity: a second device replaces the first
    // (SPEC J6), and a removal or a rejection sticks to them (SPEC H3, J5).
    const keyless = !me && !req.gk;
    const identity = me ? `a_${me.accountId}` : req.gk ? `g_${createHash('sha256').update(`${tenantId}:${req.gk}`).digest('base64url').slice(0, 22)}` : `${KEYLESS_PREFIX}${randomBytes(9).toString('base64url')}`;
    const ticket = randomBytes(24).toString('base64url');
    const candidate = { identity, name, role, hostProof: role === Role.HOST, ticketHash: hashTicket(ticket), capacity: meeting.extras.numberLimit ?? DEFAULT_CAPACITY, mustWait, keyless, owner: isOwner, ...(client === 'unknown' ? {} : { client }) };
    const { person, policy } = await this.control.admitJoiner(meeting, candidate);
    if (person.status === 'waiting') return { ...this.grantShape(meeting, person, roleDowngraded), token: '', waitingTicket: ticket };
    return { ...this.grantShape(meeting, person, roleDowngraded), token: await this.token(meeting, person, policy) };
  }

  /**
   * "Private" admits invitees, members, signed-in owners, host-link holders and portal users, and
   * nobody else without a host's say: a private room refuses the rest (2105) whichever way they came
   * (its id or its live meeting's code); a private meeting's stranger waits for a host to admit them.
   * Answers whether the joiner must wait.
   */
  private async strangerToPrivate(room: RoomRow | undefined, meeting: MeetingRow | undefined, me: { accountId: string } | undefined, hostProof: boolean): Promise<boolean> {
    if (hostProof) return false;
    if (!room && meeting?.room_id) {
      const own = await this.rooms.findForJoin(meeting.room_id);
      if (!(me && (await this.rooms.mayEnter(own, me.accountId))) && !own.is_public) throw new MeetingError(ErrorCode.NO_PERMISSION, 'This room is private: sign in as one of its members');
    }
    if (!meeting || meeting.extras.isPublic !== false) return false;
    // Portal users (the embedding issue) are to be recognised here, beside invitees.
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
  async ticketState(ticket: string): Promise<{ grant?: JoinGrant; position: number }> {
    const hash = hashTicket(ticket);
    const holder = await this.live.ticketHolder(hash);
    if (!holder) throw new MeetingError(ErrorCode.WAITING_FOR_HOST, 'This waiting ticket is not valid any more: join again');
    const { person } = holder;
    const meeting = (await this.meetings.findById(holder.meetingId))!;
    if (!this.meetings.isLive(meeting)) throw new MeetingError(ErrorCode.MEETING_ENDED);
    if (person.banned) throw new MeetingError(ErrorCode.REMOVED, 'You were removed from this meeting');
    if (person.status === 'rejected') throw new MeetingError(ErrorCode.REJECTED_BY_HOST, 'The host declined your request to join');
    if (person.status === 'waiting') {
      if ((person.waitingSince ?? 0) + this.opts.waitingTimeoutMs < this.now()) {
        await this.live.expireTicket(hash);
        throw new MeetingError(ErrorCode.WAITING_FOR_HOST, 'Nobody let you in in time: join again to wait once more');
      }
      return { position: await this.live.queuePosition(holder.meetingId, person.waitingSince!) };
    }
    const policy = await this.live.policy(meeting);
    await this.live.redeemTicket(hash);
    return { grant: { ...this.grantShape(meeting, person, false), token: await this.token(meeting, person, policy) }, position: 0 };
  }

  /** SPEC J2: wrong passwords are limited per place and client; past the limit, 510 for a while. */
  private async checkPasswordLimited(subject: string, stored: string, given: string | undefined, client: string): Promise<void> {
    if (!stored) return;
    const since = new Date(this.now() - PASSWORD_WINDOW_MS);
    const record = await this.db.selectFrom('password_failures').selectAll().where('subject', '=', subject).where('client', '=', client).executeTakeFirst();
    const open = record && record.window_start > since;
    if (open && record.failures >= this.opts.passwordAttempts) {
      throw new MeetingError(ErrorCode.TOO_MANY_REQUESTS, 'Too many wrong passwords: try again in 15 minutes');
    }
    try {
      checkPassword(stored, given);
    } catch (err) {
      if (err instanceof MeetingError && err.code === ErrorCode.WRONG_PASSWORD) {
        const failures = open ? record.failures + 1 : 1;
        const window_start = open ? record.window_start : new Date(this.now());
        await this.db
          .insertInto('password_failures')
          .values({ subject, client, failures, window_start })
          .onConflict((oc) => oc.columns(['subject', 'client']).doUpdateSet({ failures, window_start }))
          .execute();
      }
      throw err;
    }
  }

  private token(meeting: MeetingRow, person: Person, policy: LivePolicy): Promise<string> {
    const update = participantUpdate(person, policy);
    return issueToken(this.opts.livekit.apiKey, this.opts.livekit.apiSecret, {
      room: meeting.room_name,
      identity: person.identity,
      name: person.name,
      sources: update.sources,
      attributes: update.attributes,
      ttlSeconds: this.opts.tokenTtlSeconds,
    });
  }

  private grantShape(meeting: MeetingRow, person: Person, roleDowngraded: boolean): Omit<JoinGrant, 'token'> {
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
      },
    };
  }
}
