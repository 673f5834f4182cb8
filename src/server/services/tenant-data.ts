import { randomBytes } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingKind, MeetingStatus } from '../../protocol/meeting.js';
import { TENANT_EXPORT_FORMAT, type TenantExport } from '../../protocol/tenant-data.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import { isUniqueViolation } from '../store/errors.js';
import { toKind, toStatus } from './meetings.js';
import { toRecordingFile } from './recordings.js';

const ms = (d: Date | null) => (d ? d.getTime() : null);
const date = (t: number | null) => (t === null ? null : new Date(t));

/** Export and import of one tenant's data (SPEC M13). */
export class TenantDataService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async export(tenantId: number): Promise<TenantExport> {
    const [accounts, rooms, members, meetings, recordings] = await Promise.all([
      this.db.selectFrom('accounts').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute(),
      this.db.selectFrom('rooms').selectAll().where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).orderBy('created_at').execute(),
      this.db.selectFrom('room_members').innerJoin('rooms', 'rooms.id', 'room_members.room_id').select(['room_members.room_id', 'room_members.user_id']).where('rooms.tenant_id', '=', tenantId).execute(),
      this.db.selectFrom('meetings').selectAll().where('tenant_id', '=', tenantId).orderBy('unique_id').execute(),
      this.db.selectFrom('recordings').innerJoin('meetings', 'meetings.unique_id', 'recordings.meeting_id').selectAll('recordings').where('meetings.tenant_id', '=', tenantId).orderBy('recordings.id').execute(),
    ]);
    return {
      format: TENANT_EXPORT_FORMAT,
      version: 1,
      exportedAt: this.now(),
      accounts: accounts.map((a) => ({
        accountId: a.id,
        imAccid: a.im_accid,
        accountToken: a.token,
        personalMeetingId: a.personal_meeting_id,
        shortId: a.short_id,
        createdAt: a.created_at.getTime(),
      })),
      rooms: rooms.map((r) => ({
        id: r.id,
        ownerId: r.owner_id,
        roomType: r.room_type,
        name: r.name,
        desc: r.descr,
        pictureuri: r.picture_uri,
        definition: r.definition as TenantExport['rooms'][number]['definition'],
        numberLimit: r.number_limit,
        isPublic: r.is_public,
        password: r.password,
        members: members.filter((m) => m.room_id === r.id).map((m) => m.user_id),
        createdAt: r.created_at.getTime(),
      })),
      meetings: meetings.map((m) => ({
        meetingUniqueId: m.unique_id,
        meetingId: m.code,
        shortId: m.short_id,
        type: m.kind,
        subject: m.subject,
        password: m.password,
        status: m.status,
        settings: m.settings,
        extras: m.extras,
        host: m.host_account,
        roomId: m.room_id,
        startTime: m.start_time.getTime(),
        endTime: ms(m.end_time),
        roomStartedAt: ms(m.room_started_at),
        endedAt: ms(m.ended_at),
        endReason: m.end_reason,
        createdAt: m.created_at.getTime(),
      })),
      recordings: recordings.map((r) => ({ meetingUniqueId: r.meeting_id, ...toRecordingFile(r) })),
    };
  }

  /**
   * Imports a document into a tenant, all or nothing: any clash (an account id, personal meeting
   * id, short id, room id or live meeting code already in use) refuses the whole import and
   * stores nothing. Every reference must be the importing tenant's: a meeting's host, room, code
   * and short id, a room's owner; a member or recording may not name another tenant's account.
   * Meetings get new unique ids (answered as a map); everything else keeps its id. A meeting that
   * was in progress comes in as ended: its room did not move with it. Rows go in batches, so the
   * one transaction stays short.
   */
  async import(tenantId: number, doc: TenantExport): Promise<{ accounts: number; rooms: number; meetings: number; recordings: number; meetingUniqueIds: Record<string, number> }> {
    await this.checkReferences(tenantId, doc);
    const meetingRows = doc.meetings.map((m) => {
      const wasLive = m.status === MeetingStatus.IN_PROGRESS;
      return {
        source: m.meetingUniqueId,
        values: {
          tenant_id: tenantId,
          code: m.meetingId,
          short_id: m.shortId,
          room_name: `mtg_${randomBytes(9).toString('base64url')}`,
          kind: toKind(m.type),
          subject: m.subject,
          password: m.password,
          status: wasLive ? MeetingStatus.ENDED : toStatus(m.status),
          settings: JSON.stringify(m.settings),
          extras: JSON.stringify(m.extras),
          host_account: m.host,
          room_id: m.roomId,
          start_time: new Date(m.startTime),
          end_time: date(m.endTime),
          room_started_at: date(m.roomStartedAt),
          ended_at: wasLive ? new Date(this.now()) : date(m.endedAt),
          end_reason: wasLive ? 4 : m.endReason,
          created_at: new Date(m.createdAt),
        },
      };
    });
    const meetingUniqueIds: Record<string, number> = {};
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const batch of batches(doc.accounts)) {
          await trx
            .insertInto('accounts')
            .values(batch.map((a) => ({ id: a.accountId, tenant_id: tenantId, im_accid: a.imAccid, token: a.accountToken, personal_meeting_id: a.personalMeetingId, short_id: a.shortId, created_at: new Date(a.createdAt) })))
            .execute();
        }
        for (const batch of batches(doc.rooms)) {
          await trx
            .insertInto('rooms')
            .values(
              batch.map((r) => ({
                id: r.id,
                tenant_id: tenantId,
                owner_id: r.ownerId,
                room_type: r.roomType,
                name: r.name,
                descr: r.desc,
                picture_uri: r.pictureuri,
                definition: r.definition,
                number_limit: r.numberLimit,
                is_public: r.isPublic,
                password: r.password,
                created_at: new Date(r.createdAt),
              })),
            )
            .execute();
        }
        for (const batch of batches(doc.rooms.flatMap((r) => [...new Set(r.members)].map((userId) => ({ room_id: r.id, user_id: userId }))))) {
          await trx.insertInto('room_members').values(batch).execute();
        }
        for (const batch of batches(meetingRows)) {
          const inserted = await trx.insertInto('meetings').values(batch.map((m) => m.values)).returning(['unique_id', 'room_name']).execute();
          const byRoomName = new Map(inserted.map((r) => [r.room_name, r.unique_id]));
          for (const m of batch) meetingUniqueIds[String(m.source)] = byRoomName.get(m.values.room_name)!;
        }
        const recordings = doc.recordings.map((r) => {
          const meetingId = meetingUniqueIds[String(r.meetingUniqueId)];
          if (meetingId === undefined) throw new MeetingError(ErrorCode.INVALID_PARAMETER, `A recording names meeting ${r.meetingUniqueId}, which the document does not have`);
          return { meeting_id: meetingId, account_id: r.accountId ?? null, filename: r.filename, md5: r.md5, size: r.size, type: r.type, url: r.url, mix: r.mix, piece_index: r.pieceIndex };
        });
        for (const batch of batches(recordings)) await trx.insertInto('recordings').values(batch).execute();
      });
    } catch (err) {
      const constraint = isUniqueViolation(err);
      if (constraint) throw new MeetingError(ErrorCode.MEETING_EXISTS, `Nothing was imported: the document clashes with stored data (${constraint})`);
      throw err;
    }
    return { accounts: doc.accounts.length, rooms: doc.rooms.length, meetings: doc.meetings.length, recordings: doc.recordings.length, meetingUniqueIds };
  }

  /** Refuses (300) a document whose references reach outside the importing tenant. */
  private async checkReferences(tenantId: number, doc: TenantExport): Promise<void> {
    const docAccounts = new Set(doc.accounts.map((a) => a.accountId));
    const docRooms = new Set(doc.rooms.map((r) => r.id));
    const named = new Set<string>([
      ...doc.meetings.flatMap((m) => (m.host ? [m.host] : [])),
      ...doc.rooms.flatMap((r) => [...(r.ownerId ? [r.ownerId] : []), ...r.members]),
      ...doc.recordings.flatMap((r) => (r.accountId ? [r.accountId] : [])),
    ]);
    for (const id of docAccounts) named.delete(id);
    const stored = new Map<string, number>();
    for (const batch of batches([...named], 1000)) {
      for (const row of await this.db.selectFrom('accounts').select(['id', 'tenant_id']).where('id', 'in', batch).execute()) stored.set(row.id, row.tenant_id);
    }
    const ours = (id: string) => docAccounts.has(id) || stored.get(id) === tenantId;
    const foreign = (id: string) => !docAccounts.has(id) && stored.has(id) && stored.get(id) !== tenantId;
    const refuse = (what: string) => {
      throw new MeetingError(ErrorCode.INVALID_PARAMETER, `Nothing was imported: ${what} is not this tenant's`);
    };
    for (const r of doc.rooms) {
      if (r.ownerId && !ours(r.ownerId)) refuse(`the owner ${r.ownerId} of room ${r.id}`);
      for (const member of r.members) if (foreign(member)) refuse(`the member ${member} of room ${r.id}`);
    }
    for (const r of doc.recordings) if (r.accountId && foreign(r.accountId)) refuse(`the account ${r.accountId} of a recording`);

    const roomIds = [...new Set(doc.meetings.flatMap((m) => (m.roomId && !docRooms.has(m.roomId) ? [m.roomId] : [])))];
    const ourRooms = new Set<string>();
    for (const batch of batches(roomIds, 1000)) {
      for (const row of await this.db.selectFrom('rooms').select('id').where('id', 'in', batch).where('tenant_id', '=', tenantId).execute()) ourRooms.add(row.id);
    }
    // Personal meeting ids and short ids are dialled across tenants: a meeting may carry only its own tenant's.
    const pmis = new Set(doc.accounts.map((a) => a.personalMeetingId));
    const shortIds = new Set(doc.accounts.flatMap((a) => (a.shortId ? [a.shortId] : [])));
    for (const row of await this.tenantDialIds(tenantId)) {
      pmis.add(row.personal_meeting_id);
      if (row.short_id) shortIds.add(row.short_id);
    }
    for (const m of doc.meetings) {
      if (m.host && !ours(m.host)) refuse(`the host ${m.host} of meeting ${m.meetingUniqueId}`);
      if (m.roomId && !docRooms.has(m.roomId) && !ourRooms.has(m.roomId)) refuse(`the room ${m.roomId} of meeting ${m.meetingUniqueId}`);
      if ((m.type === MeetingKind.PERSONAL || m.meetingId.length === 10) && !pmis.has(m.meetingId)) refuse(`the meeting id ${m.meetingId}`);
      if (m.shortId && !shortIds.has(m.shortId)) refuse(`the short id ${m.shortId}`);
    }
  }

  private tenantDialIds(tenantId: number) {
    return this.db.selectFrom('accounts').select(['personal_meeting_id', 'short_id']).where('tenant_id', '=', tenantId).execute();
  }
}

/** Rows per INSERT: a few hundred keeps each statement small and the transaction short. */
function* batches<T>(rows: readonly T[], size = 500): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
