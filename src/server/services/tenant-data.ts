import { randomBytes } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingStatus } from '../../protocol/meeting.js';
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
   * stores nothing. Meetings get new unique ids (answered as a map); everything else keeps its id.
   * A meeting that was in progress comes in as ended: its room did not move with it.
   */
  async import(tenantId: number, doc: TenantExport): Promise<{ accounts: number; rooms: number; meetings: number; recordings: number; meetingUniqueIds: Record<string, number> }> {
    const meetingUniqueIds: Record<string, number> = {};
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const a of doc.accounts) {
          await trx
            .insertInto('accounts')
            .values({ id: a.accountId, tenant_id: tenantId, im_accid: a.imAccid, token: a.accountToken, personal_meeting_id: a.personalMeetingId, short_id: a.shortId, created_at: new Date(a.createdAt) })
            .execute();
        }
        for (const r of doc.rooms) {
          await trx
            .insertInto('rooms')
            .values({
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
            })
            .execute();
          for (const userId of new Set(r.members)) await trx.insertInto('room_members').values({ room_id: r.id, user_id: userId }).execute();
        }
        for (const m of doc.meetings) {
          const wasLive = m.status === MeetingStatus.IN_PROGRESS;
          const row = await trx
            .insertInto('meetings')
            .values({
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
            })
            .returning('unique_id')
            .executeTakeFirstOrThrow();
          meetingUniqueIds[String(m.meetingUniqueId)] = row.unique_id;
        }
        for (const r of doc.recordings) {
          const meetingId = meetingUniqueIds[String(r.meetingUniqueId)];
          if (meetingId === undefined) throw new MeetingError(ErrorCode.INVALID_PARAMETER, `A recording names meeting ${r.meetingUniqueId}, which the document does not have`);
          await trx
            .insertInto('recordings')
            .values({ meeting_id: meetingId, account_id: r.accountId ?? null, filename: r.filename, md5: r.md5, size: r.size, type: r.type, url: r.url, mix: r.mix, piece_index: r.pieceIndex })
            .execute();
        }
      });
    } catch (err) {
      const constraint = isUniqueViolation(err);
      if (constraint) throw new MeetingError(ErrorCode.MEETING_EXISTS, `Nothing was imported: the document clashes with stored data (${constraint})`);
      throw err;
    }
    return { accounts: doc.accounts.length, rooms: doc.rooms.length, meetings: doc.meetings.length, recordings: doc.recordings.length, meetingUniqueIds };
  }
}
