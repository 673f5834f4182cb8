import { sql, type Selectable } from 'kysely';
import { Attr, SharePolicy, defaultPolicy, type LivePolicy, type ShareRequest } from '../../../protocol/control.js';
import { parseRole } from '../../../protocol/roles.js';
import type { Db } from '../../store/db.js';
import type { AdmissionTable } from '../../store/schema.js';
import type { MeetingRow } from '../meetings.js';
import { allowedSources, type AdmissionStatus, type LiveState, type Outcome, type Person } from './rules.js';
import type { ParticipantUpdate } from '../../livekit/admin.js';

type AdmissionRow = Selectable<AdmissionTable>;

/** The policy a meeting starts with, from its settings (SPEC M1 media controls, waiting room). */
export function initialPolicy(meeting: MeetingRow): LivePolicy {
  const control = (type: 'audio' | 'video') => meeting.settings.controls?.find((c) => c.type === type);
  const media = (type: 'audio' | 'video') => {
    const c = control(type);
    if (!c) return defaultPolicy[type];
    return { off: c.attendeeOff > 0 || c.state === 1, allowSelfOn: c.attendeeOff !== 2 && c.allowSelfOn };
  };
  return {
    ...defaultPolicy,
    subject: meeting.subject,
    waitingRoom: meeting.extras.waitingRoom ?? false,
    audio: media('audio'),
    video: media('video'),
    share: SharePolicy.EVERYONE,
  };
}

export function personFrom(row: AdmissionRow): Person {
  return {
    identity: row.identity,
    name: row.name,
    role: parseRole(row.role),
    status: row.status as AdmissionStatus,
    banned: row.banned,
    present: row.joined_at !== null && row.left_at === null,
    mayHost: row.may_host,
    handAt: row.hand_at === null ? null : Number(row.hand_at),
    share: row.share as ShareRequest,
    micAllowed: row.mic_allowed,
    camAllowed: row.cam_allowed,
    joinedAt: row.joined_at?.getTime() ?? null,
    sid: row.sid,
    waitingSince: row.waiting_since?.getTime() ?? null,
  };
}

/** What LiveKit must hold for a person: the whole permission set and the server's attributes. */
export function participantUpdate(p: Person, policy: LivePolicy): ParticipantUpdate {
  const allowed = !p.banned && p.status === 'admitted';
  return {
    sources: allowedSources(p, policy),
    canSubscribe: allowed,
    canPublishData: allowed,
    name: p.name || undefined,
    attributes: { [Attr.ROLE]: p.role, [Attr.HAND]: p.handAt === null ? '' : String(p.handAt), [Attr.SHARE]: p.share },
  };
}

/** Loads and stores a meeting's live state. `load` locks the policy row until the transaction ends. */
export class LiveStore {
  constructor(private readonly db: Db) {}

  async policy(meeting: MeetingRow, db: Db = this.db): Promise<LivePolicy> {
    const row = await db.selectFrom('meeting_live').select('policy').where('meeting_id', '=', meeting.unique_id).executeTakeFirst();
    return row ? { ...defaultPolicy, ...row.policy } : initialPolicy(meeting);
  }

  /** Creates the policy row when missing and locks it, so control calls on one meeting go one at a time. */
  async load(trx: Db, meeting: MeetingRow): Promise<LiveState> {
    await trx
      .insertInto('meeting_live')
      .values({ meeting_id: meeting.unique_id, policy: JSON.stringify(initialPolicy(meeting)) })
      .onConflict((oc) => oc.column('meeting_id').doNothing())
      .execute();
    const live = await trx.selectFrom('meeting_live').select('policy').where('meeting_id', '=', meeting.unique_id).forUpdate().executeTakeFirstOrThrow();
    // In admission order: ties in join time (LiveKit's clock counts seconds) go to who came first.
    const rows = await trx.selectFrom('admissions').selectAll().where('meeting_id', '=', meeting.unique_id).orderBy('id').execute();
    return { policy: { ...defaultPolicy, ...live.policy }, people: new Map(rows.map((r) => [r.identity, personFrom(r)])) };
  }

  async save(trx: Db, meeting: MeetingRow, state: LiveState, outcome: Pick<Outcome, 'changed' | 'presence' | 'policyChanged'>): Promise<void> {
    const { changed, presence, policyChanged } = outcome;
    if (policyChanged) {
      await trx
        .updateTable('meeting_live')
        .set({ policy: JSON.stringify(state.policy), updated_at: new Date() })
        .where('meeting_id', '=', meeting.unique_id)
        .execute();
    }
    for (const identity of changed) {
      const p = state.people.get(identity)!;
      await trx
        .updateTable('admissions')
        .set({
          name: p.name,
          role: p.role,
          status: p.status,
          banned: p.banned,
          hand_at: p.handAt,
          share: p.share,
          mic_allowed: p.micAllowed,
          cam_allowed: p.camAllowed,
          // Presence is written only by arrivals and departures, never as a side effect.
          ...(presence.has(identity) ? { sid: p.sid, ...(p.present ? { joined_at: new Date(p.joinedAt ?? Date.now()), left_at: null } : { left_at: sql<Date>`now()` }) } : {}),
        })
        .where('meeting_id', '=', meeting.unique_id)
        .where('identity', '=', identity)
        .execute();
    }
  }
}
