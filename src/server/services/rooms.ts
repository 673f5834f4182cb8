import { randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingKind, MeetingStatus, createMeetingSchema } from '../../protocol/meeting.js';
import { Role } from '../../protocol/roles.js';
import type { RoomDto } from '../../protocol/rooms.js';
import { sameHex } from '../auth/checksum.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import { isUniqueViolation } from '../store/errors.js';
import type { RoomTable } from '../store/schema.js';
import type { AccountService } from './accounts.js';
import { roomLinkExpiry, type HostLinkSigner } from './host-links.js';
import type { MeetingRow, MeetingService } from './meetings.js';

export type RoomRow = Selectable<RoomTable>;

export interface RoomFields {
  roomType?: 1 | 2 | 3;
  name?: string;
  desc?: string;
  pictureuri?: string;
  definition?: '1080p' | '720p' | '480p' | '240p';
  numberLimit?: number;
  isPublic?: boolean;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LIVE = [MeetingStatus.NOT_STARTED, MeetingStatus.IN_PROGRESS];

/** The link-signing subject of a room (meetings sign their unique id). */
export const roomSubject = (roomId: string) => `room:${roomId}`;

/** Persistent rooms (SPEC M6): a room holds one live meeting at a time, opened by the first join. */
export class RoomService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountService,
    private readonly meetings: MeetingService,
    private readonly links: HostLinkSigner,
    private readonly publicUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  async create(tenantId: number, req: RoomFields & { roomType: 1 | 2 | 3; name: string; ownerId?: string; password?: string }): Promise<RoomRow> {
    if (req.ownerId) await this.accounts.get(tenantId, { accountId: req.ownerId });
    const id = Array.from({ length: 12 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
    return this.db
      .insertInto('rooms')
      .values({ id, tenant_id: tenantId, owner_id: req.ownerId ?? null, password: req.password ?? '', ...columns(req), room_type: req.roomType, name: req.name })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async update(tenantId: number, roomId: string, req: RoomFields): Promise<void> {
    await this.get(tenantId, roomId);
    const set = columns(req);
    if (Object.keys(set).length) await this.db.updateTable('rooms').set(set).where('id', '=', roomId).execute();
  }

  async get(tenantId: number, roomId: string): Promise<RoomRow> {
    const row = await this.db.selectFrom('rooms').selectAll().where('id', '=', roomId).where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw new MeetingError(ErrorCode.MEETING_NOT_FOUND, 'Room not found');
    return row;
  }

  /** Deletes a room; a meeting running in it is ended. Its history stays. */
  async delete(tenantId: number, roomId: string): Promise<void> {
    await this.get(tenantId, roomId);
    const live = await this.liveMeeting(roomId);
    if (live) await this.meetings.end(tenantId, { meetingUniqueId: live.unique_id });
    await this.db.updateTable('rooms').set({ deleted_at: new Date(this.now()) }).where('id', '=', roomId).execute();
  }

  /** Revokes the room's host links, and those of the meeting open in it; answers the room (with its new host link). */
  async rotateHostKey(tenantId: number, roomId: string): Promise<RoomRow> {
    const row = await this.get(tenantId, roomId);
    const live = await this.liveMeeting(roomId);
    await this.db.transaction().execute((trx) => this.links.rotate(trx, [roomSubject(roomId), ...(live ? [live.unique_id] : [])]));
    return row;
  }

  async isActive(tenantId: number, roomId: string): Promise<boolean> {
    await this.get(tenantId, roomId);
    return (await this.liveMeeting(roomId))?.status === MeetingStatus.IN_PROGRESS;
  }

  /** The room's password, and the password of the meeting open in it: a join checks the room's. */
  async setPassword(tenantId: number, roomId: string, password: string): Promise<void> {
    await this.get(tenantId, roomId);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('rooms').set({ password }).where('id', '=', roomId).execute();
      await trx.updateTable('meetings').set({ password }).where('room_id', '=', roomId).where('tenant_id', '=', tenantId).where('status', 'in', LIVE).execute();
    });
  }

  async checkPassword(tenantId: number, roomId: string, password: string): Promise<boolean> {
    const row = await this.get(tenantId, roomId);
    return row.password !== '' && sameHex(Buffer.from(password).toString('hex'), Buffer.from(row.password).toString('hex'));
  }

  async hasPassword(tenantId: number, roomId: string): Promise<boolean> {
    return (await this.get(tenantId, roomId)).password !== '';
  }

  /** Adds a member; an id that is another tenant's account is refused as unknown (1014). */
  async addMember(tenantId: number, roomId: string, userId: string): Promise<void> {
    await this.get(tenantId, roomId);
    if (await this.accounts.isForeign(tenantId, [userId])) throw new MeetingError(ErrorCode.ACCOUNT_NOT_FOUND, 'Account not found');
    await this.db.insertInto('room_members').values({ room_id: roomId, user_id: userId }).onConflict((oc) => oc.doNothing()).execute();
  }

  async removeMember(tenantId: number, roomId: string, userId: string): Promise<void> {
    await this.get(tenantId, roomId);
    const res = await this.db.deleteFrom('room_members').where('room_id', '=', roomId).where('user_id', '=', userId).executeTakeFirst();
    if (res.numDeletedRows === 0n) throw new MeetingError(ErrorCode.MEMBER_NOT_IN_MEETING, 'That user is not a member of the room');
  }

  async members(tenantId: number, roomId: string): Promise<string[]> {
    await this.get(tenantId, roomId);
    const rows = await this.db.selectFrom('room_members').select('user_id').where('room_id', '=', roomId).orderBy('user_id').execute();
    return rows.map((r) => r.user_id);
  }

  /** Whether a user may enter a private room: its owner or a member. */
  async mayEnter(room: RoomRow, userId: string): Promise<boolean> {
    if (room.is_public || room.owner_id === userId) return true;
    return !!(await this.db.selectFrom('room_members').select('user_id').where('room_id', '=', room.id).where('user_id', '=', userId).executeTakeFirst());
  }

  /** Rooms a user may enter: public ones, their own, and private ones they are a member of. */
  async mine(tenantId: number, userId: string): Promise<RoomRow[]> {
    return this.db
      .selectFrom('rooms')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('is_public', '=', true),
          eb('owner_id', '=', userId),
          eb.exists(eb.selectFrom('room_members').select('user_id').whereRef('room_members.room_id', '=', 'rooms.id').where('user_id', '=', userId)),
        ]),
      )
      .orderBy('created_at')
      .execute();
  }

  /** A room's meetings, newest first, paged. */
  async history(tenantId: number, roomId: string, pageNo: number, pageSize: number): Promise<{ rows: MeetingRow[]; total: number }> {
    await this.get(tenantId, roomId);
    const base = this.db.selectFrom('meetings').where('room_id', '=', roomId).where('tenant_id', '=', tenantId);
    const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('unique_id', 'desc').limit(pageSize).offset(pageNo * pageSize).execute();
    return { rows, total: Number(total) };
  }

  /** For `/join?rd=`: the room, of any tenant; 2000 when there is none. */
  async findForJoin(roomId: string): Promise<RoomRow> {
    const room = await this.db.selectFrom('rooms').selectAll().where('id', '=', roomId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!room) throw new MeetingError(ErrorCode.MEETING_NOT_FOUND, 'No room has this id');
    return room;
  }

  /** The meeting running in a room, if any: only ever one of the room's own tenant. */
  liveMeeting(roomId: string): Promise<MeetingRow | undefined> {
    return this.db
      .selectFrom('meetings')
      .innerJoin('rooms', (join) => join.onRef('rooms.id', '=', 'meetings.room_id').onRef('rooms.tenant_id', '=', 'meetings.tenant_id'))
      .selectAll('meetings')
      .where('meetings.room_id', '=', roomId)
      .where('meetings.status', 'in', LIVE)
      .executeTakeFirst();
  }

  /** Opens a meeting in a room for an admitted join, or answers the one a concurrent join opened. */
  async openMeeting(room: RoomRow): Promise<MeetingRow> {
    const request = createMeetingSchema.parse({
      type: MeetingKind.INSTANT,
      subject: room.name,
      ...(room.password ? { password: room.password } : {}),
      definition: room.definition,
      numberLimit: room.number_limit,
      isPublic: room.is_public,
      meetingType: room.room_type,
    });
    try {
      return await this.meetings.create(room.tenant_id, request, { roomId: room.id, host: room.owner_id });
    } catch (err) {
      const opened = isUniqueViolation(err) === 'meetings_live_room' ? await this.liveMeeting(room.id) : undefined;
      if (!opened) throw err;
      return opened;
    }
  }

  async toDto(row: RoomRow): Promise<RoomDto> {
    const live = await this.liveMeeting(row.id);
    const link = new URL('/join', this.publicUrl);
    link.searchParams.set('rd', row.id);
    const hostLink = new URL(link);
    const exp = roomLinkExpiry(this.now());
    hostLink.searchParams.set('role', 'host');
    hostLink.searchParams.set('exp', String(exp));
    hostLink.searchParams.set('hk', this.links.sign(roomSubject(row.id), Role.HOST, exp));
    return {
      id: row.id,
      name: row.name,
      ownerId: row.owner_id,
      roomType: row.room_type,
      definition: row.definition,
      numberLimit: row.number_limit,
      isPublic: row.is_public,
      isHasPwd: row.password !== '',
      logo: row.picture_uri,
      comment: row.descr,
      ...(live ? { appointmentId: live.unique_id, appointmentName: live.subject } : {}),
      hostLink: hostLink.toString(),
      guestLink: link.toString(),
    };
  }
}

function columns(req: RoomFields) {
  return {
    ...(req.roomType !== undefined ? { room_type: req.roomType } : {}),
    ...(req.name !== undefined ? { name: req.name } : {}),
    ...(req.desc !== undefined ? { descr: req.desc } : {}),
    ...(req.pictureuri !== undefined ? { picture_uri: req.pictureuri } : {}),
    ...(req.definition !== undefined ? { definition: req.definition } : {}),
    ...(req.numberLimit !== undefined ? { number_limit: req.numberLimit } : {}),
    ...(req.isPublic !== undefined ? { is_public: req.isPublic } : {}),
  };
}
