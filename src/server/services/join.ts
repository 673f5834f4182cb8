import { randomBytes } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import type { JoinGrant, ParsedJoinRequest } from '../../protocol/join.js';
import { MeetingStatus } from '../../protocol/meeting.js';
import { Role } from '../../protocol/roles.js';
import { sameHex } from '../auth/checksum.js';
import { MeetingError } from '../errors.js';
import { issueToken } from '../livekit/tokens.js';
import type { Db } from '../store/db.js';
import type { HostLinkSigner } from './host-links.js';
import type { MeetingRow, MeetingService } from './meetings.js';
import { roomSubject, type RoomRow, type RoomService } from './rooms.js';
import type { UserService } from './users.js';

export interface JoinServiceOptions {
  livekit: { url: string; apiKey: string; apiSecret: string };
  tokenTtlSeconds: number;
  now?: () => number;
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
    private readonly opts: JoinServiceOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  async join(req: ParsedJoinRequest): Promise<JoinGrant> {
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
    checkPassword(meeting ? meeting.password : room!.password, req.password);

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
      throw new MeetingError(ErrorCode.NOT_STARTED, `The meeting starts at ${meeting.start_time.toISOString()}`);
    }
    meeting ??= await this.rooms.openMeeting(room!);

    // Without a name the page asks for one and fetches a new token with it at the Join click.
    const name = req.name ?? me?.name ?? '';
    // Signed-in people keep one identity, so a second device replaces the first (SPEC J6).
    const identity = me ? `a_${me.accountId}` : `${role === Role.HOST ? 'h' : 'p'}_${randomBytes(9).toString('base64url')}`;
    await this.db
      .insertInto('admissions')
      .values({ meeting_id: meeting.unique_id, identity, name, role })
      .onConflict((oc) => oc.columns(['meeting_id', 'identity']).doUpdateSet({ name, role }))
      .execute();

    const token = await issueToken(this.opts.livekit.apiKey, this.opts.livekit.apiSecret, {
      room: meeting.room_name,
      identity,
      name,
      role,
      ttlSeconds: this.opts.tokenTtlSeconds,
    });
    return {
      serverUrl: this.opts.livekit.url,
      token,
      identity,
      name,
      role,
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
