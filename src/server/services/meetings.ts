import { randomBytes, randomInt } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingKind, MeetingStatus, type CreateMeetingRequest, type MeetingDto } from '../../protocol/meeting.js';
import { Role } from '../../protocol/roles.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import type { MeetingTable } from '../store/schema.js';
import type { Selectable } from 'kysely';
import type { HostLinkSigner } from './host-links.js';

export type MeetingRow = Selectable<MeetingTable>;

/** End reasons (API.md webhooks): 1 host ended, 2 all left, 3 over time, 4 ended by API. */
export const EndReason = { HOST: 1, ALL_LEFT: 2, TIMEOUT: 3, API: 4 } as const;

/** How long a host link proves the host role when the meeting has no end time. */
const HOST_LINK_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const CODE_ATTEMPTS = 8;

export class MeetingService {
  constructor(
    private readonly db: Db,
    private readonly links: HostLinkSigner,
    private readonly publicUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates an instant meeting with a random 9-digit code, unique among live meetings. */
  async createInstant(tenantId: number, req: CreateMeetingRequest): Promise<MeetingRow> {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = String(randomInt(100_000_000, 1_000_000_000));
      const row = await this.db
        .insertInto('meetings')
        .values({
          tenant_id: tenantId,
          code,
          room_name: `mtg_${randomBytes(9).toString('base64url')}`,
          kind: MeetingKind.INSTANT,
          subject: req.subject,
          password: req.password ?? '',
          status: MeetingStatus.NOT_STARTED,
          settings: JSON.stringify(req.settings ?? {}),
          host_account: req.host ?? null,
          start_time: new Date(this.now()),
          end_time: null,
        })
        .onConflict((oc) => oc.column('code').where('status', 'in', [1, 2]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return row;
    }
    throw new MeetingError(ErrorCode.BUSY, 'Could not allocate a meeting code, try again');
  }

  /** The live meeting with this code, else the newest finished one (so the page can say "ended"). */
  async findByCode(code: string): Promise<MeetingRow | undefined> {
    return this.db
      .selectFrom('meetings')
      .selectAll()
      .where('code', '=', code)
      .orderBy('unique_id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async findByRoomName(roomName: string): Promise<MeetingRow | undefined> {
    return this.db.selectFrom('meetings').selectAll().where('room_name', '=', roomName).executeTakeFirst();
  }

  async get(tenantId: number, uniqueId: number): Promise<MeetingRow> {
    const row = await this.db
      .selectFrom('meetings')
      .selectAll()
      .where('unique_id', '=', uniqueId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!row) throw new MeetingError(ErrorCode.MEETING_NOT_FOUND);
    return row;
  }

  /** LiveKit opened the meeting's room: not started → in progress. */
  async markStarted(roomName: string, at: Date): Promise<void> {
    await this.db
      .updateTable('meetings')
      .set({ status: MeetingStatus.IN_PROGRESS, room_started_at: at })
      .where('room_name', '=', roomName)
      .where('status', '=', MeetingStatus.NOT_STARTED)
      .execute();
  }

  /** LiveKit closed the room (everyone left and the departure timeout passed): → ended. */
  async markEnded(roomName: string, at: Date, reason: number): Promise<void> {
    await this.db
      .updateTable('meetings')
      .set({ status: MeetingStatus.ENDED, ended_at: at, end_reason: reason })
      .where('room_name', '=', roomName)
      .where('status', 'in', [MeetingStatus.NOT_STARTED, MeetingStatus.IN_PROGRESS])
      .execute();
  }

  /** A link to the join page; the host link carries its signature. */
  joinLink(row: MeetingRow, role: Role): string {
    const url = new URL('/join', this.publicUrl);
    url.searchParams.set('code', row.code);
    if (role === Role.HOST) {
      const exp = (row.end_time?.getTime() ?? this.now()) + HOST_LINK_LIFETIME_MS;
      url.searchParams.set('role', 'host');
      url.searchParams.set('exp', String(exp));
      url.searchParams.set('hk', this.links.sign(row.unique_id, Role.HOST, exp));
    }
    return url.toString();
  }

  toDto(row: MeetingRow, withLinks = true): MeetingDto {
    return {
      meetingUniqueId: row.unique_id,
      meetingId: row.code,
      subject: row.subject,
      startTime: row.start_time.getTime(),
      endTime: row.end_time?.getTime() ?? -1,
      password: row.password,
      settings: row.settings,
      status: row.status as MeetingStatus,
      type: row.kind as MeetingKind,
      ...(withLinks ? { hostLink: this.joinLink(row, Role.HOST), guestLink: this.joinLink(row, Role.ATTENDEE) } : {}),
    };
  }
}
