import { sql, type Selectable } from 'kysely';
import { Attr, SharePolicy, defaultPolicy, type LivePolicy } from '../../../protocol/control.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { MeetingStatus } from '../../../protocol/meeting.js';
import { Role } from '../../../protocol/roles.js';
import { MeetingError } from '../../errors.js';
import type { ParticipantUpdate } from '../../livekit/admin.js';
import { isEmbedded, type Db } from '../../store/db.js';
import type { AdmissionTable } from '../../store/schema.js';
import type { MeetingRow } from '../meetings.js';
import { allowedSources, type LiveState, type MeetingChange, type Outcome, type Person } from './rules.js';

type AdmissionRow = Selectable<AdmissionTable>;

/**
 * An admission nobody connected with is forgotten once its token can no longer connect (its TTL,
 * and a minute for LiveKit's clock): it is not loaded for decisions, and housekeeping deletes it.
 */
const STALE_MARGIN_MS = 60_000;

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
    endsAt: meeting.end_time?.getTime() ?? null,
  };
}

/** Under a stored policy: what a policy stored before a field existed lacks (its scheduled end is the meeting's). */
function storedDefaults(meeting: MeetingRow): LivePolicy {
  return { ...defaultPolicy, endsAt: meeting.end_time?.getTime() ?? null };
}

function personFrom(row: AdmissionRow): Person {
  return {
    identity: row.identity,
    name: row.name,
    role: row.role,
    status: row.status,
    banned: row.banned,
    present: row.joined_at !== null && row.left_at === null,
    mayHost: row.may_host,
    handAt: row.hand_at === null ? null : Number(row.hand_at),
    share: row.share,
    micAllowed: row.mic_allowed,
    camAllowed: row.cam_allowed,
    joinedAt: row.joined_at?.getTime() ?? null,
    sid: row.sid,
    waitingSince: row.waiting_since?.getTime() ?? null,
    client: row.client,
    blockDevice: row.block_device,
    listenOnly: row.listen_only,
    recording: row.recording,
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
    attributes: { [Attr.ROLE]: p.role, [Attr.HAND]: p.handAt === null ? '' : String(p.handAt), [Attr.SHARE]: p.share, [Attr.RECORDING]: p.recording ? '1' : '' },
  };
}

/**
 * A meeting's live state in the database, and the only writer of `admissions`. `change` is the
 * control service's locked change; the rest answer or record one thing.
 */
export class LiveStore {
  /** What each loaded person's row held, so that `save` skips rows a change left as they were. */
  private readonly loaded = new WeakMap<Person, string>();

  /** `tokenTtlMs`: how long an issued LiveKit token can connect. */
  constructor(
    private readonly db: Db,
    private readonly tokenTtlMs = 600_000,
  ) {}

  /** Database time (every admission timestamp is the database's) before which an unused admission is stale. */
  private staleBefore() {
    return sql<Date>`now() - ${this.tokenTtlMs + STALE_MARGIN_MS} * interval '1 millisecond'`;
  }

  /** Admissions of people not connected: waiting, or admitted with a token that can still connect. */
  async pendingCount(meeting: MeetingRow): Promise<number> {
    const { n } = await this.db
      .selectFrom('admissions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('meeting_id', '=', meeting.unique_id)
      .where('joined_at', 'is', null)
      .where('banned', '=', false)
      .where((eb) => eb.or([eb('status', '=', 'waiting'), eb.and([eb('status', '=', 'admitted'), eb('admitted_at', '>', this.staleBefore())])]))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Who waits to be let in, in the order they came (the name-less have not asked yet). */
  async waitingList(meeting: MeetingRow): Promise<Person[]> {
    const rows = await this.db.selectFrom('admissions').selectAll().where('meeting_id', '=', meeting.unique_id).where('status', '=', 'waiting').where('name', '<>', '').orderBy('waiting_since').orderBy('id').execute();
    return rows.map(personFrom);
  }

  /** Housekeeping: deletes admissions nobody connected with that can no longer connect or wait. */
  async deleteStale(waitingTimeoutMs: number): Promise<number> {
    const result = await this.db
      .deleteFrom('admissions')
      .where('joined_at', 'is', null)
      .where('banned', '=', false)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'admitted'), eb('admitted_at', '<', this.staleBefore())]),
          eb.and([eb('status', '=', 'waiting'), eb('waiting_since', '<', sql<Date>`now() - ${waitingTimeoutMs} * interval '1 millisecond'`)]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async admissionOf(meeting: MeetingRow, identity: string): Promise<Person | undefined> {
    const row = await this.db.selectFrom('admissions').selectAll().where('meeting_id', '=', meeting.unique_id).where('identity', '=', identity).executeTakeFirst();
    return row && personFrom(row);
  }

  /** Everyone the meeting has an admission for, in admission order. */
  async people(meeting: MeetingRow): Promise<Person[]> {
    const rows = await this.db.selectFrom('admissions').selectAll().where('meeting_id', '=', meeting.unique_id).orderBy('id').execute();
    return rows.map(personFrom);
  }

  /** Whose waiting ticket this is (by its hash), in which meeting. */
  async ticketHolder(ticketHash: string): Promise<{ meetingId: number; person: Person } | undefined> {
    const row = await this.db.selectFrom('admissions').selectAll().where('ticket_hash', '=', ticketHash).executeTakeFirst();
    return row && { meetingId: row.meeting_id, person: personFrom(row) };
  }

  /** A waiting person's place in the queue (1 is next). */
  async queuePosition(meetingId: number, waitingSince: number): Promise<number> {
    const ahead = await this.db
      .selectFrom('admissions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'waiting')
      .where('waiting_since', '<', new Date(waitingSince))
      .executeTakeFirstOrThrow();
    return Number(ahead.n) + 1;
  }

  /** A ticket gives one grant: once redeemed, the person rejoins with their link, like everyone. */
  async redeemTicket(ticketHash: string): Promise<void> {
    await this.db.updateTable('admissions').set({ ticket_hash: null }).where('ticket_hash', '=', ticketHash).execute();
  }

  /** Nobody let them in in time: the wait is forgotten (they may join again to wait once more). */
  async expireTicket(ticketHash: string): Promise<void> {
    await this.db.deleteFrom('admissions').where('ticket_hash', '=', ticketHash).where('status', '=', 'waiting').execute();
  }

  /** LiveKit told of a screen share published or unpublished (an older track's news changes nothing). */
  async noteScreenShare(meeting: MeetingRow, identity: string, trackSid: string, published: boolean): Promise<void> {
    const query = this.db.updateTable('admissions').where('meeting_id', '=', meeting.unique_id).where('identity', '=', identity);
    if (published) await query.set({ screen_track: trackSid }).execute();
    else await query.set({ screen_track: null }).where('screen_track', '=', trackSid).execute();
  }

  /** Who shares a screen now, as LiveKit's webhooks told any replica. */
  async sharers(meeting: MeetingRow): Promise<string[]> {
    const rows = await this.db.selectFrom('admissions').select('identity').where('meeting_id', '=', meeting.unique_id).where('screen_track', 'is not', null).orderBy('id').execute();
    return rows.map((r) => r.identity);
  }

  async policy(meeting: MeetingRow, db: Db = this.db): Promise<LivePolicy> {
    const row = await db.selectFrom('meeting_live').select('policy').where('meeting_id', '=', meeting.unique_id).executeTakeFirst();
    return row ? { ...storedDefaults(meeting), ...row.policy } : initialPolicy(meeting);
  }

  /**
   * One change to a meeting's live state, alone: `decide` sees the state as committed, and what it
   * changed commits together with `also` (the meeting's own row). On PostgreSQL the policy row's lock
   * makes changes to one meeting wait for each other; the embedded database has one connection, and
   * holding it is the lock, so there the state is one statement and a change writing one row needs
   * no transaction around it.
   */
  async change<T extends Outcome>(meeting: MeetingRow, opts: LoadOptions, decide: (state: LiveState) => T, also: (trx: Db, outcome: T) => Promise<void>): Promise<{ state: LiveState; outcome: T }> {
    if (!isEmbedded(this.db)) {
      return this.db.transaction().execute(async (trx) => {
        const state = await this.lockAndLoad(trx, meeting, opts);
        const outcome = decide(state);
        for (const write of this.writes(trx, meeting, state, outcome)) await write.execute();
        await also(trx, outcome);
        return { state, outcome };
      });
    }
    return this.db.connection().execute(async (conn) => {
      const { state, policyStored } = await this.loadAlone(conn, meeting, opts);
      const outcome = decide(state);
      // As on PostgreSQL, the policy is stored at the first change, whatever the meeting's settings become.
      const stored = { ...outcome, policyChanged: outcome.policyChanged || !policyStored };
      const writes = this.writes(conn, meeting, state, stored);
      if (writes.length === 1 && !changesMeeting(outcome.meeting)) await writes[0]!.execute();
      else if (writes.length > 0 || changesMeeting(outcome.meeting)) {
        await conn.transaction().execute(async (trx) => {
          for (const write of this.writes(trx, meeting, state, stored)) await write.execute();
          await also(trx, outcome);
        });
      }
      return { state, outcome };
    });
  }

  /**
   * PostgreSQL: creates the policy row when missing and locks it, in one statement (the no-op
   * update on conflict takes the row lock as SELECT … FOR UPDATE would, waiting for a holder, then
   * reading the row as it committed), then reads the people, after the lock.
   */
  private async lockAndLoad(trx: Db, meeting: MeetingRow, opts: LoadOptions): Promise<LiveState> {
    const live = await trx
      .insertInto('meeting_live')
      .values({ meeting_id: meeting.unique_id, policy: JSON.stringify(initialPolicy(meeting)) })
      .onConflict((oc) => oc.column('meeting_id').doUpdateSet({ meeting_id: (eb) => eb.ref('excluded.meeting_id') }))
      .returning((eb) => ['policy', eb.selectFrom('meetings').select('status').where('unique_id', '=', meeting.unique_id).as('status')])
      .executeTakeFirstOrThrow();
    refuseEnded(live.status, opts);
    const rows = await this.decisionRows(trx, meeting, opts.admitting).selectAll().execute();
    return this.stateOf(meeting, live.policy, rows);
  }

  /** The embedded database, its connection held: the meeting's status, policy and people in one statement. */
  private async loadAlone(conn: Db, meeting: MeetingRow, opts: LoadOptions): Promise<{ state: LiveState; policyStored: boolean }> {
    const rows = await conn
      .selectFrom('meetings')
      .leftJoin('meeting_live', 'meeting_live.meeting_id', 'meetings.unique_id')
      .leftJoin(this.decisionRows(conn, meeting, opts.admitting).selectAll().as('a'), (join) => join.onTrue())
      .selectAll('a')
      .select(['meetings.status as meeting_status', 'meeting_live.policy as live_policy'])
      .where('meetings.unique_id', '=', meeting.unique_id)
      .orderBy('a.id')
      .execute();
    refuseEnded(rows[0]?.meeting_status ?? null, opts);
    const people = rows.filter((r): r is typeof r & AdmissionRow => r.id !== null) as AdmissionRow[];
    const policy = rows[0]?.live_policy ?? null;
    return { state: this.stateOf(meeting, policy, people), policyStored: policy !== null };
  }

  /**
   * The admissions a decision needs, in admission order (ties in join time, LiveKit's clock counting
   * seconds, go to who came first): not one nobody connected with whose token has run out. A join
   * (`admitting`) needs only the joiner, the bans, the host and who is in the room, so that its cost
   * does not grow with the people waiting or not yet connected.
   */
  private decisionRows(db: Db, meeting: MeetingRow, admitting?: string) {
    return db
      .selectFrom('admissions')
      .where('meeting_id', '=', meeting.unique_id)
      .where((eb) => eb.or([eb('joined_at', 'is not', null), eb('banned', '=', true), eb('status', '<>', 'admitted'), eb('admitted_at', '>', this.staleBefore())]))
      .$if(admitting !== undefined, (q) =>
        q.where((eb) => eb.or([eb('identity', '=', admitting!), eb('banned', '=', true), eb('role', '=', Role.HOST), eb.and([eb('joined_at', 'is not', null), eb('left_at', 'is', null)])])),
      )
      .orderBy('id');
  }

  private stateOf(meeting: MeetingRow, policy: Partial<LivePolicy> | null, rows: AdmissionRow[]): LiveState {
    const people = new Map(rows.map((r) => [r.identity, personFrom(r)]));
    for (const p of people.values()) this.loaded.set(p, stored(p));
    return { policy: { ...(policy ? storedDefaults(meeting) : initialPolicy(meeting)), ...policy }, people };
  }

  /** The statements that store a change, not yet run: rows the change left as they were are skipped. */
  private writes(db: Db, meeting: MeetingRow, state: LiveState, outcome: Omit<Outcome, 'effects' | 'meeting'>): Array<{ execute(): Promise<unknown> }> {
    const { changed, presence, policyChanged, admission } = outcome;
    const out: Array<{ execute(): Promise<unknown> }> = [];
    if (policyChanged) {
      const policy = JSON.stringify(state.policy);
      out.push(
        db
          .insertInto('meeting_live')
          .values({ meeting_id: meeting.unique_id, policy })
          .onConflict((oc) => oc.column('meeting_id').doUpdateSet({ policy, updated_at: new Date() })),
      );
    }
    if (admission) {
      const p = state.people.get(admission.identity)!;
      const values = {
        name: p.name,
        role: p.role,
        status: p.status,
        may_host: p.mayHost,
        ticket_hash: admission.ticketHash,
        waiting_since: p.waitingSince === null ? null : new Date(p.waitingSince),
        // A new token is issued: the admission is fresh again (see STALE_MARGIN_MS).
        admitted_at: sql<Date>`now()`,
        client: p.client,
        listen_only: p.listenOnly,
      };
      out.push(
        db
          .insertInto('admissions')
          .values({ meeting_id: meeting.unique_id, identity: p.identity, ...values })
          .onConflict((oc) => oc.columns(['meeting_id', 'identity']).doUpdateSet(values)),
      );
    }
    for (const identity of changed) {
      if (identity === admission?.identity) continue;
      const p = state.people.get(identity)!;
      if (!presence.has(identity) && this.loaded.get(p) === stored(p)) continue;
      out.push(
        db
          .updateTable('admissions')
          .set({
            name: p.name,
            role: p.role,
            status: p.status,
            banned: p.banned,
            block_device: p.blockDevice,
            hand_at: p.handAt,
            share: p.share,
            mic_allowed: p.micAllowed,
            cam_allowed: p.camAllowed,
            listen_only: p.listenOnly,
            recording: p.recording,
            // Presence is written only by arrivals and departures, never as a side effect.
            ...(presence.has(identity) ? { sid: p.sid, ...(p.present ? { joined_at: new Date(p.joinedAt ?? Date.now()), left_at: null } : { left_at: sql<Date>`now()`, screen_track: null }) } : {}),
          })
          .where('meeting_id', '=', meeting.unique_id)
          .where('identity', '=', identity),
      );
    }
    return out;
  }
}

/** `live`: people's own calls, refused (2021) once the meeting is no longer live; `admitting`: a join's identity. */
export interface LoadOptions {
  live?: boolean;
  admitting?: string;
}

/** With `live` (people's own calls), a meeting that is no longer live refuses the change (2021). */
function refuseEnded(status: number | null, opts: { live?: boolean }): void {
  if (opts.live && status !== MeetingStatus.NOT_STARTED && status !== MeetingStatus.IN_PROGRESS) throw new MeetingError(ErrorCode.MEETING_ENDED);
}

function changesMeeting(change: MeetingChange): boolean {
  return change.subject !== undefined || change.endsAt !== undefined || change.end === true || change.rotateHostKey === true;
}

/** The columns `save` writes for a person (presence aside). */
function stored(p: Person): string {
  return JSON.stringify([p.name, p.role, p.status, p.banned, p.blockDevice, p.handAt, p.share, p.micAllowed, p.camAllowed, p.listenOnly, p.recording]);
}
