import { TokenVerifier } from 'livekit-server-sdk';
import type { Logger } from 'pino';
import type { ControlAction } from '../../../protocol/control-actions.js';
import { CONTROL_TOPIC, type LivePolicy, type SelfAction, type WaitingPerson } from '../../../protocol/control.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { isModerator } from '../../../protocol/roles.js';
import { MeetingError } from '../../errors.js';
import type { LivekitAdmin } from '../../livekit/admin.js';
import type { Db } from '../../store/db.js';
import type { MeetingRow, MeetingService } from '../meetings.js';
import { LiveStore, participantUpdate } from './live-store.js';
import { applyControl, applySelf, type Effect, type LiveState, type Outcome } from './rules.js';

export interface Caller {
  meeting: MeetingRow;
  identity: string;
}

/**
 * Host control (DESIGN "Control path"): the caller is whoever their LiveKit token names, their
 * role is the server's own record, every action is audited, and what LiveKit must do follows
 * the stored change.
 */
export class ControlService {
  readonly store: LiveStore;
  private readonly verifier: TokenVerifier;
  /**
   * Bans this process made, by room: a cache in front of the database so that a banned client's
   * rejoin is expelled before any query (the database stays the authority for other replicas).
   */
  private readonly recentBans = new Map<string, Set<string>>();
  /** Per meeting, the effects still being carried out: they reach LiveKit in commit order. */
  private readonly pending = new Map<number, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly meetings: MeetingService,
    private readonly livekit: LivekitAdmin,
    private readonly log: Logger,
    livekitKeys: { apiKey: string; apiSecret: string },
    private readonly now: () => number = Date.now,
  ) {
    this.store = new LiveStore(db);
    this.verifier = new TokenVerifier(livekitKeys.apiKey, livekitKeys.apiSecret);
  }

  /**
   * Who is calling: the identity of a LiveKit token we (or LiveKit, refreshing it) signed for this
   * meeting's room. Nothing in the request body or in attributes says who anyone is.
   */
  async authenticate(meetingUniqueId: number, authorization: string | undefined): Promise<Caller> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new MeetingError(ErrorCode.AUTH_FAILED, 'Send your meeting token as "Authorization: Bearer …"');
    const claims = await this.verifier.verify(token).catch(() => {
      throw new MeetingError(ErrorCode.AUTH_FAILED, 'The meeting token is not valid');
    });
    const meeting = await this.meetings.findById(meetingUniqueId);
    if (!meeting || !claims.sub || claims.video?.room !== meeting.room_name) {
      throw new MeetingError(ErrorCode.NO_PERMISSION, 'The token is not for this meeting');
    }
    if (!this.meetings.isLive(meeting)) throw new MeetingError(ErrorCode.MEETING_ENDED);
    return { meeting, identity: claims.sub };
  }

  async control(caller: Caller, action: ControlAction): Promise<{ rev: number }> {
    const target = 'target' in action ? action.target : null;
    try {
      const state = await this.mutate(caller.meeting, (s) => applyControl(s, caller.identity, action, this.now()));
      await this.audit(caller, action.action, target, ErrorCode.OK);
      return { rev: state.policy.rev };
    } catch (err) {
      if (err instanceof MeetingError) await this.audit(caller, action.action, target, err.code);
      throw err;
    }
  }

  async self(caller: Caller, action: SelfAction | { action: 'hand'; raised: boolean }): Promise<void> {
    await this.mutate(caller.meeting, (s) => applySelf(s, caller.identity, action, this.now()));
  }

  /** The waiting room, for moderators (SPEC J5/H10). */
  async waiting(caller: Caller): Promise<WaitingPerson[]> {
    const rows = await this.db.selectFrom('admissions').selectAll().where('meeting_id', '=', caller.meeting.unique_id).execute();
    const me = rows.find((r) => r.identity === caller.identity);
    if (!me || me.banned || me.status !== 'admitted' || !isModerator(me.role as never)) throw new MeetingError(ErrorCode.NOT_HOST, 'Only a host or co-host sees the waiting room');
    return rows
      .filter((r) => r.status === 'waiting' && r.name !== '')
      .map((r) => ({ identity: r.identity, name: r.name, since: r.waiting_since?.getTime() ?? 0 }))
      .sort((a, b) => a.since - b.since);
  }

  /**
   * One change to a meeting's live state, one transaction at a time per meeting; LiveKit is told
   * after the commit, from the state as stored.
   */
  async mutate(meeting: MeetingRow, change: (state: LiveState) => Outcome): Promise<LiveState> {
    const { state, outcome } = await this.db.transaction().execute(async (trx) => {
      const state = await this.store.load(trx, meeting);
      const outcome = change(state);
      await this.store.save(trx, meeting, state, outcome);
      return { state, outcome };
    });
    // Effects go out one change at a time per meeting, so an older change cannot land last.
    const previous = this.pending.get(meeting.unique_id) ?? Promise.resolve();
    const mine = previous.then(() => this.carryOut(meeting, state, outcome.effects));
    const tail = mine.catch(() => undefined);
    this.pending.set(meeting.unique_id, tail);
    void tail.then(() => {
      if (this.pending.get(meeting.unique_id) === tail) this.pending.delete(meeting.unique_id);
    });
    await mine;
    return state;
  }

  async carryOut(meeting: MeetingRow, state: LiveState, effects: Effect[]): Promise<void> {
    const room = meeting.room_name;
    const run = (what: string, p: Promise<unknown>) => p.catch((err) => this.log.warn({ err: String(err), what, room }, 'LiveKit did not take a control effect'));
    // Media first (mute, permissions), then what people read, then removals and the end.
    await Promise.all(
      effects.map((e) => {
        if (e.kind === 'mute') return run('mute', this.livekit.mute(room, e.identity, e.source));
        if (e.kind === 'sync') return run('sync', this.sync(room, state, e.identity));
        if (e.kind === 'stop-share') return run('stop-share', this.stopShare(room, state, e.identity));
        return undefined;
      }),
    );
    for (const e of effects) {
      if (e.kind === 'metadata') await run('metadata', this.livekit.updateRoomMetadata(room, JSON.stringify(state.policy)));
      if (e.kind === 'hint') await run('hint', this.livekit.sendData(room, CONTROL_TOPIC, e.hint, e.to === 'all' ? undefined : e.to));
      if (e.kind === 'rename-meeting') await run('rename', this.meetings.rename(meeting, e.subject));
    }
    for (const e of effects) {
      if (e.kind === 'remove') {
        this.noteBan(room, e.identity);
        await run('remove', this.expel(room, e.identity));
      }
      if (e.kind === 'end') await run('end', this.meetings.endByHost(meeting));
    }
  }

  /** Pushes a person's whole permission set, attributes and name. */
  sync(room: string, state: LiveState, identity: string): Promise<boolean> {
    const p = state.people.get(identity);
    if (!p) return Promise.resolve(false);
    return this.livekit.updateParticipant(room, identity, participantUpdate(p, state.policy));
  }

  /**
   * Takes every permission away (media stops in ~10–25 ms) and removes (media would flow ~190 ms
   * more after a removal alone; DESIGN "LiveKit facts"). Both go at once: every millisecond counts.
   */
  async expel(room: string, identity: string): Promise<void> {
    await Promise.all([
      this.livekit.updateParticipant(room, identity, { sources: [], canSubscribe: false, canPublishData: false, attributes: {} }).catch(() => false),
      this.livekit.removeParticipant(room, identity),
    ]);
  }

  noteTrack(room: string, identity: string, track: { sid: string; source: number }, published: boolean): void {
    this.livekit.noteTrack?.(room, identity, track.source, track.sid, published);
  }

  sharers(room: string): string[] {
    return this.livekit.sharers?.(room) ?? [];
  }

  noteBan(room: string, identity: string): void {
    if (this.recentBans.size > 10_000) this.recentBans.clear();
    const set = this.recentBans.get(room) ?? new Set<string>();
    set.add(identity);
    this.recentBans.set(room, set);
  }

  /** Whether this process banned the identity in that room (a fast answer before the database). */
  bannedHere(room: string, identity: string): boolean {
    return this.recentBans.get(room)?.has(identity) ?? false;
  }

  forgetRoom(room: string): void {
    this.recentBans.delete(room);
  }

  private async stopShare(room: string, state: LiveState, identity: string): Promise<void> {
    const p = state.people.get(identity);
    if (!p) return;
    const update = participantUpdate(p, state.policy);
    // Taking the source away unpublishes the share; giving it back lets them share again later.
    await this.livekit.updateParticipant(room, identity, { ...update, sources: update.sources.filter((s) => !s.startsWith('screen')) });
    await this.livekit.updateParticipant(room, identity, update);
  }

  async pushPolicy(meeting: MeetingRow, policy?: LivePolicy): Promise<void> {
    const current = policy ?? (await this.store.policy(meeting));
    await this.livekit.updateRoomMetadata(meeting.room_name, JSON.stringify(current));
  }

  private async audit(caller: Caller, action: string, target: string | null, code: number): Promise<void> {
    await this.db
      .insertInto('control_audit')
      .values({ meeting_id: caller.meeting.unique_id, actor: caller.identity, action, target, code })
      .execute()
      .catch((err) => this.log.error({ err: String(err) }, 'could not write the control audit'));
  }

  /** For the watchdog and tests: audit an action the server itself took. */
  auditServer(meeting: MeetingRow, action: string, target: string, code: number = ErrorCode.OK): Promise<void> {
    return this.audit({ meeting, identity: 'server' }, action, target, code);
  }
}
