import { ErrorCode } from '../../protocol/errors.js';
import { MeetingStatus } from '../../protocol/meeting.js';
import { MeetingError } from '../errors.js';
import type { LivekitAdmin } from '../livekit/admin.js';
import type { Db } from '../store/db.js';

export interface OperationsStatus {
  nodes: Array<{ nodeId: string; rooms: number; participants: number }>;
  meetings: Array<{ meetingUniqueId: number; meetingId: string; subject: string; participants: number }>;
}

/** The operations view (SPEC M12): what the media server carries now, for one tenant's meetings. */
export class OperationsService {
  constructor(
    private readonly db: Db,
    private readonly livekit: LivekitAdmin,
  ) {}

  /** `hostAccount`: only the meetings this account hosts (the nodes' totals stay the tenant's). */
  async status(tenantId: number, hostAccount?: string): Promise<OperationsStatus> {
    let rooms: Array<{ name: string; participants: number }>;
    try {
      rooms = await this.livekit.listRooms();
    } catch {
      throw new MeetingError(ErrorCode.BUSY, 'The media server did not answer, try again');
    }
    const byName = new Map(rooms.map((r) => [r.name, r.participants]));
    const live = await this.db
      .selectFrom('meetings')
      .select(['unique_id', 'code', 'subject', 'room_name', 'host_account'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', MeetingStatus.IN_PROGRESS)
      .orderBy('unique_id')
      .execute();
    const open = live.filter((m) => byName.has(m.room_name));
    const meetings = open.filter((m) => hostAccount === undefined || m.host_account === hostAccount).map((m) => ({ meetingUniqueId: m.unique_id, meetingId: m.code, subject: m.subject, participants: byName.get(m.room_name)! }));
    // One livekit-server in single-node mode; a multi-node deployment would list its nodes here.
    return {
      nodes: [{ nodeId: 'livekit-1', rooms: open.length, participants: open.reduce((sum, m) => sum + byName.get(m.room_name)!, 0) }],
      meetings,
    };
  }
}
