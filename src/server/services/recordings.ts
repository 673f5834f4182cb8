import type { Selectable } from 'kysely';
import { ErrorCode } from '../../protocol/errors.js';
import type { RecordingFile } from '../../protocol/recordings.js';
import { WebhookType } from '../../protocol/webhooks.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import type { RecordingTable } from '../store/schema.js';
import type { MeetingService } from './meetings.js';
import type { WebhookOutbox } from './webhooks.js';

/** A stored recording row as the API's file object. */
export const toRecordingFile = (r: Selectable<RecordingTable>): RecordingFile => ({
  ...(r.account_id ? { accountId: r.account_id } : {}),
  filename: r.filename,
  md5: r.md5,
  size: Number(r.size),
  type: r.type,
  url: r.url,
  mix: r.mix as 1 | 2,
  pieceIndex: r.piece_index,
});

/**
 * Recording metadata (SPEC M11, the API half). Files are added by whatever records (server
 * recording, SPEC R13, is not built yet); adding one fires the "recording ready" webhook.
 */
export class RecordingService {
  constructor(
    private readonly db: Db,
    private readonly meetings: MeetingService,
    private readonly outbox: WebhookOutbox,
    private readonly now: () => number = Date.now,
  ) {}

  async list(tenantId: number, meetingUniqueId: number): Promise<RecordingFile[]> {
    await this.meetings.get(tenantId, { meetingUniqueId });
    const rows = await this.db.selectFrom('recordings').selectAll().where('meeting_id', '=', meetingUniqueId).orderBy('piece_index').orderBy('id').execute();
    return rows.map(toRecordingFile);
  }

  async remove(tenantId: number, meetingUniqueId: number, filename: string): Promise<void> {
    await this.meetings.get(tenantId, { meetingUniqueId });
    const res = await this.db.deleteFrom('recordings').where('meeting_id', '=', meetingUniqueId).where('filename', '=', filename).executeTakeFirst();
    if (res.numDeletedRows === 0n) throw new MeetingError(ErrorCode.INVALID_PARAMETER, `The meeting has no recording named ${filename}`, 404);
  }

  /** Stores a finished file and reports it (webhook type 7), in one transaction. */
  async add(tenantId: number, meetingUniqueId: number, file: RecordingFile): Promise<void> {
    const meeting = await this.meetings.get(tenantId, { meetingUniqueId });
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('recordings')
        .values({
          meeting_id: meetingUniqueId,
          account_id: file.accountId ?? null,
          filename: file.filename,
          md5: file.md5,
          size: file.size,
          type: file.type,
          url: file.url,
          mix: file.mix,
          piece_index: file.pieceIndex,
        })
        .execute();
      await this.outbox.enqueue(trx, tenantId, {
        msgType: WebhookType.RECORDING,
        msgBody: { meetingUniqueId, meetingId: meeting.code, ...(meeting.short_id ? { shortId: meeting.short_id } : {}), time: this.now(), fileInfo: file },
      });
    });
  }
}
