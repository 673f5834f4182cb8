import { createHash, randomBytes } from 'node:crypto';
import { CONTROL_TOPIC, type LivePolicy } from '../../protocol/control.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { JoinGrant, ParsedJoinRequest } from '../../protocol/join.js';
import { MeetingStatus } from '../../protocol/meeting.js';
import { Role, isModerator } from '../../protocol/roles.js';
import { sameHex } from '../auth/checksum.js';
import { MeetingError } from '../errors.js';
import type { LivekitAdmin } from '../livekit/admin.js';
import { issueToken } from '../livekit/tokens.js';
import type { Db } from '../store/db.js';
import type { ControlService } from './control/control.js';
import { participantUpdate, personFrom } from './control/live-store.js';
import type { Person } from './control/rules.js';
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
    private readonly livekit: LivekitAdmin,
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
      const hostLink = this.links.verify(roomSubject(room.id), Role.HOST, req.exp, req.hk, this.now());
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
    if (asked === Role.HOST && !isOwner && !this.links.verify(hostSubject, Role.HOST, req.exp, req.hk, this.now())) {
      role = Role.ATTENDEE;
      roleDowngraded = true;
    }

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
    const identity = me ? `a_${me.accountId}` : req.gk ? `g_${createHash('sha256').update(`${tenantId}:${req.gk}`).digest('base64url').slice(0, 22)}` : `p_${randomBytes(9).toString('base64url')}`;
    const { person, policy, ticket } = await this.admit(meeting, { identity, name, role, hostProof: role === Role.HOST });
    if (ticket) return { ...this.grantShape(meeting, person, roleDowngraded), token: '', waitingTicket: ticket };
    return { ...this.grantShape(meeting, person, roleDowngraded), token: await this.token(meeting, person, policy) };
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
    const row = await this.db.selectFrom('admissions').selectAll().where('ticket_hash', '=', hashTicket(ticket)).executeTakeFirst();
    if (!row) throw new MeetingError(ErrorCode.WAITING_FOR_HOST, 'This waiting ticket is not valid any more: join again');
    const meeting = (await this.meetings.findById(row.meeting_id))!;
    if (!this.meetings.isLive(meeting)) throw new MeetingError(ErrorCode.MEETING_ENDED);
    if (row.banned) throw new MeetingError(ErrorCode.REMOVED, 'You were removed from this meeting');
    if (row.status === 'rejected') throw new MeetingError(ErrorCode.REJECTED_BY_HOST, 'The host declined your request to join');
    const person = personFrom(row);
    if (row.status === 'waiting') {
      if ((person.waitingSince ?? 0) + this.opts.waitingTimeoutMs < this.now()) {
        await this.db.deleteFrom('admissions').where('id', '=', row.id).where('status', '=', 'waiting').execute();
        throw new MeetingError(ErrorCode.WAITING_FOR_HOST, 'Nobody let you in in time: join again to wait once more');
      }
      const ahead = await this.db
        .selectFrom('admissions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('meeting_id', '=', row.meeting_id)
        .where('status', '=', 'waiting')
        .where('waiting_since', '<', row.waiting_since!)
        .executeTakeFirstOrThrow();
      return { position: Number(ahead.n) + 1 };
    }
    const policy = await this.control.store.policy(meeting);
    // A ticket gives one grant: afterwards the person rejoins with their link, like everyone.
    await this.db.updateTable('admissions').set({ ticket_hash: null }).where('id', '=', row.id).execute();
    return { grant: { ...this.grantShape(meeting, person, false), token: await this.token(meeting, person, policy) }, position: 0 };
  }

  /**
   * Admits, queues or refuses a joiner against the meeting's live state, in one transaction that
   * holds the meeting's policy row: banned 2106, rejected 2108, locked 2010, full 2001.
   */
  private async admit(
    meeting: MeetingRow,
    c: { identity: string; name: string; role: Role; hostProof: boolean },
  ): Promise<{ person: Person; policy: LivePolicy; ticket?: string }> {
    const result = await this.db.transaction().execute(async (trx) => {
      const state = await this.control.store.load(trx, meeting);
      const existing = state.people.get(c.identity);
      if (existing?.banned) throw new MeetingError(ErrorCode.REMOVED, 'You were removed from this meeting and cannot join it again');
      if (existing?.status === 'rejected') throw new MeetingError(ErrorCode.REJECTED_BY_HOST, 'The host declined your request to join');
      // A role the meeting gave someone (co-host, speaker …) outlives a reload; a link cannot lower it.
      let role: Role = existing?.status === 'admitted' && existing.role !== Role.ATTENDEE ? existing.role : c.role === Role.HOST ? Role.ATTENDEE : c.role;
      if (c.hostProof && role !== Role.HOST) {
        const holder = [...state.people.values()].find((p) => p.role === Role.HOST && p.identity !== c.identity && !p.banned);
        if (holder?.present) role = Role.COHOST;
        else {
          if (holder) await trx.updateTable('admissions').set({ role: Role.COHOST }).where('meeting_id', '=', meeting.unique_id).where('identity', '=', holder.identity).execute();
          role = Role.HOST;
        }
      }
      const moderator = isModerator(role);
      const present = [...state.people.values()].filter((p) => p.present && p.status === 'admitted' && !p.banned && p.identity !== c.identity);
      if (!moderator && state.policy.locked && !existing?.present) throw new MeetingError(ErrorCode.MEETING_LOCKED, 'The meeting is locked');
      if (!moderator && present.length >= (meeting.extras.numberLimit ?? 200)) throw new MeetingError(ErrorCode.MEETING_FULL, 'The meeting is full');
      // Only someone in the room now (a reload, a second device) skips the queue; a past admission does not.
      const waits = !moderator && state.policy.waitingRoom && !(existing?.status === 'admitted' && existing.present);
      const ticket = waits ? randomBytes(24).toString('base64url') : undefined;
      const values = {
        name: c.name,
        role,
        status: waits ? 'waiting' : 'admitted',
        may_host: c.hostProof || !!existing?.mayHost,
        ticket_hash: ticket ? hashTicket(ticket) : null,
        // A reload keeps the place in the queue (SPEC J5: the wait survives a page reload).
        waiting_since: waits ? new Date(existing?.status === 'waiting' && existing.waitingSince ? existing.waitingSince : this.now()) : null,
      };
      const row = await trx
        .insertInto('admissions')
        .values({ meeting_id: meeting.unique_id, identity: c.identity, ...values })
        .onConflict((oc) => oc.columns(['meeting_id', 'identity']).doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      const moderators = [...state.people.values()].filter((p) => p.present && isModerator(p.role)).map((p) => p.identity);
      return { person: personFrom(row), policy: state.policy, ticket, moderators };
    });
    // Without a name the page is only preparing; hosts hear of the person when they click Join.
    if (result.ticket && c.name && result.moderators.length > 0) {
      await this.livekit.sendData(meeting.room_name, CONTROL_TOPIC, { type: 'waiting' }, result.moderators).catch(() => undefined);
    }
    return result;
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
        status: meeting.status as MeetingStatus,
        startTime: meeting.start_time.getTime(),
      },
    };
  }
}
