import type { Logger } from 'pino';
import type { ControlAction } from '../../../protocol/control-actions.js';
import { CONTROL_TOPIC, type LivePolicy, type SelfAction, type WaitingPerson } from '../../../protocol/control.js';
import type { PublishedTrack } from '../../../protocol/live.js';
import type { SocketPush } from '../../../protocol/meeting-socket.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { MeetingStatus } from '../../../protocol/meeting.js';
import { isModerator } from '../../../protocol/roles.js';
import { MeetingError } from '../../errors.js';
import type { LivekitAdmin } from '../../livekit/admin.js';
import type { TokenClaims } from '../../livekit/tokens.js';
import type { Db } from '../../store/db.js';
import type { HostLinkSigner } from '../host-links.js';
import type { Limits } from '../limits.js';
import type { MeetingRow, MeetingService } from '../meetings.js';
import { waitingTopic, type Notifier } from '../notifier.js';
import { roomSubject } from '../rooms.js';
import { initialPolicy, participantUpdate, type LiveStore, type LoadOptions } from './live-store.js';
import { applyAdmission, applyControl, applyEdit, applySelf, inRoom, type Candidate, type Effect, type LiveState, type MeetingChange, type Outcome, type Person } from './rules.js';

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
  /**
   * Bans this process made, by room: a cache in front of the database so that a banned client's
   * rejoin is expelled before any query (the database stays the authority for other replicas).
   */
  private readonly recentBans = new Map<string, Set<string>>();
  /** Per meeting, the effects still being carried out: they reach LiveKit in commit order. */
  private readonly pending = new Map<number, Promise<void>>();
  /**
   * Meetings seen in progress, by id, so that authenticating a call needs no query (a room name never
   * changes). Whether one still runs is read afresh under its lock (`mutate` with `live`) and by the
   * waiting room: this cache never decides liveness.
   */
  private readonly inProgress = new Map<number, MeetingRow>();
  /** Where a person's page hears at once what was done to them (the meeting socket), when it is open. */
  private pushes: (meetingId: number, identity: string, push: SocketPush) => void = () => undefined;

  constructor(
    private readonly db: Db,
    private readonly store: LiveStore,
    private readonly meetings: MeetingService,
    private readonly livekit: LivekitAdmin,
    private readonly log: Logger,
    private readonly verifyToken: (token: string) => Promise<TokenClaims>,
    private readonly links: HostLinkSigner,
    private readonly now: () => number = Date.now,
    private readonly guard?: { limits: Limits; notifier: Notifier },
  ) {}

  /**
   * Who is calling: the identity of a LiveKit token we (or LiveKit, refreshing it) signed for this
   * meeting's room. Nothing in the request body or in attributes says who anyone is.
   */
  async authenticate(meetingUniqueId: number, authorization: string | undefined): Promise<Caller> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new MeetingError(ErrorCode.AUTH_FAILED, 'Send your meeting token as "Authorization: Bearer …"');
    const claims = await this.verifyToken(token).catch(() => {
      throw new MeetingError(ErrorCode.AUTH_FAILED, 'The meeting token is not valid');
    });
    const meeting = this.inProgress.get(meetingUniqueId) ?? (await this.meetings.findById(meetingUniqueId));
    if (!meeting || !claims.identity || claims.room !== meeting.room_name) {
      throw new MeetingError(ErrorCode.NO_PERMISSION, 'The token is not for this meeting');
    }
    if (!this.meetings.isLive(meeting)) throw new MeetingError(ErrorCode.MEETING_ENDED);
    if (meeting.status === MeetingStatus.IN_PROGRESS) {
      if (this.inProgress.size > 10_000) this.inProgress.clear();
      this.inProgress.set(meetingUniqueId, meeting);
    }
    return { meeting, identity: claims.identity };
  }

  async control(caller: Caller, action: ControlAction): Promise<{ rev: number }> {
    const target = 'target' in action ? action.target : null;
    await this.guard?.limits.actionAllowed(caller.meeting.unique_id, caller.identity);
    try {
      const state = await this.mutate(caller.meeting, (s) => applyControl(s, caller.identity, action, this.now()), { live: true });
      await this.audit(caller, action.action, target, ErrorCode.OK);
      return { rev: state.policy.rev };
    } catch (err) {
      if (err instanceof MeetingError) {
        await this.guard?.limits.actionRefused(caller.meeting.unique_id, caller.identity);
        await this.audit(caller, action.action, target, err.code);
      }
      throw err;
    }
  }

  async self(caller: Caller, action: SelfAction | { action: 'hand'; raised: boolean }): Promise<void> {
    await this.mutate(caller.meeting, (s) => applySelf(s, caller.identity, action, this.now()), { live: true });
  }

  /** The waiting room, for moderators in the room now (SPEC J5/H10): one who left no longer sees it. */
  async waiting(caller: Caller): Promise<WaitingPerson[]> {
    const meeting = await this.meetings.findById(caller.meeting.unique_id);
    if (!meeting || !this.meetings.isLive(meeting)) throw new MeetingError(ErrorCode.MEETING_ENDED);
    const me = await this.store.admissionOf(caller.meeting, caller.identity);
    if (!me || !me.present || !inRoom(me) || !isModerator(me.role)) throw new MeetingError(ErrorCode.NOT_HOST, 'Only a host or co-host in the meeting sees the waiting room');
    return (await this.store.waitingList(caller.meeting)).map((p) => ({ identity: p.identity, name: p.name, since: p.waitingSince ?? 0 }));
  }

  /** A joiner's admission (DESIGN "Admission path"), taken under the meeting's lock like any change. */
  async admitJoiner(meeting: MeetingRow, candidate: Candidate): Promise<{ person: Person; policy: LivePolicy }> {
    const state = await this.mutate(meeting, (s) => applyAdmission(s, candidate, this.now()), { admitting: candidate.identity });
    return { person: state.people.get(candidate.identity)!, policy: state.policy };
  }

  admissionOf(meeting: MeetingRow, identity: string): Promise<Person | undefined> {
    return this.store.admissionOf(meeting, identity);
  }

  /**
   * An edit of a meeting not over (SPEC M3): what it changed (subject, waiting room, media controls)
   * reaches the live policy as a host's change would; what it left as it was keeps what the hosts
   * set meanwhile. The edit itself is stored: a failure here is logged, not answered.
   */
  async edited(before: MeetingRow, after: MeetingRow): Promise<void> {
    if (!this.meetings.isLive(after)) return;
    const [was, now] = [initialPolicy(before), initialPolicy(after)];
    const keys = (['subject', 'waitingRoom', 'audio', 'video', 'endsAt'] as const).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
    if (keys.length === 0) return;
    const change = Object.fromEntries(keys.map((k) => [k, now[k]]));
    await this.mutate(after, (s) => applyEdit(s, change, this.now()), { live: true }).catch((err: unknown) => this.log.warn({ err: String(err), meeting: after.unique_id }, 'an edit did not reach the live meeting'));
  }

  policy(meeting: MeetingRow): Promise<LivePolicy> {
    return this.store.policy(meeting);
  }

  /**
   * One change to a meeting's live state, one transaction at a time per meeting: everything the
   * database records of it commits together; LiveKit is told after the commit, from the state as stored.
   * With `live` (people's own calls), a meeting that is no longer live refuses the change (2021).
   */
  async mutate(meeting: MeetingRow, change: (state: LiveState) => Outcome, opts: LoadOptions = {}): Promise<LiveState> {
    const { state, outcome } = await this.store.change(meeting, opts, change, (trx, outcome) => this.record(trx, meeting, outcome.meeting));
    // A newcomer's admission moves nobody in the queue: the waiting room hears of every other change.
    if (!outcome.admission?.newcomer || outcome.changed.size > 1) this.guard?.notifier.publish(waitingTopic(meeting.unique_id));
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

  private async record(trx: Db, meeting: MeetingRow, change: MeetingChange): Promise<void> {
    if (change.subject !== undefined) await this.meetings.rename(trx, meeting, change.subject);
    if (change.endsAt !== undefined) await this.meetings.setEnd(trx, meeting, change.endsAt);
    if (change.end) await this.meetings.endByHost(trx, meeting);
    if (change.rotateHostKey) await this.rotateHostKey(meeting, trx);
  }

  /** Revokes the meeting's host links (and its room's, for a room's meeting). */
  rotateHostKey(meeting: MeetingRow, trx: Db = this.db): Promise<void> {
    return this.links.rotate(trx, [meeting.unique_id, ...(meeting.room_id ? [roomSubject(meeting.room_id)] : [])]);
  }

  /** The meeting socket's pushes (server.ts wires them once the sockets exist). */
  pushTo(pushes: (meetingId: number, identity: string, push: SocketPush) => void): void {
    this.pushes = pushes;
  }

  /** LiveKit's part of a committed change, phase by phase (see EFFECTS); a refused effect is logged. */
  private async carryOut(meeting: MeetingRow, state: LiveState, effects: Effect[]): Promise<void> {
    const room = meeting.room_name;
    // The muted person's page turns it off itself as soon as it hears; LiveKit's mute follows and holds.
    for (const e of effects) {
      if (e.kind !== 'mute') continue;
      try {
        this.pushes(meeting.unique_id, e.identity, { push: 'mute', source: e.source });
      } catch (err) {
        this.log.warn({ err: String(err), room }, 'a push to the meeting socket failed');
      }
    }
    const ctx: EffectContext = { control: this, livekit: this.livekit, room, state };
    for (const phase of PHASES) {
      const mine = effects.filter((e) => EFFECTS[e.kind].phase === phase);
      const run = (e: Effect) =>
        (EFFECTS[e.kind].run as EffectHandler<Effect>)(ctx, e).catch((err) => this.log.warn({ err: String(err), what: e.kind, room }, 'LiveKit did not take a control effect'));
      if (phase === 'media') await Promise.all(mine.map(run));
      else for (const e of mine) await run(e);
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
   * Only the removal is awaited: when it lands first, LiveKit answers the update only after ~5 s,
   * and LiveKit sends its next webhook only once we answered this one.
   */
  async expel(room: string, identity: string): Promise<void> {
    void this.livekit.updateParticipant(room, identity, { sources: [], canSubscribe: false, canPublishData: false, attributes: {} }).catch(() => false);
    await this.livekit.removeParticipant(room, identity);
  }

  /** Who shares a screen now is the database's (any replica reads it); track ids are this node's cache for mutes. */
  async noteTrack(meeting: MeetingRow, identity: string, track: PublishedTrack, published: boolean): Promise<void> {
    this.livekit.noteTrack?.(meeting.room_name, identity, track.source, track.sid, published);
    if (track.source === 'screen_share') await this.store.noteScreenShare(meeting, identity, track.sid, published);
  }

  sharers(meeting: MeetingRow): Promise<string[]> {
    return this.store.sharers(meeting);
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
    for (const [id, m] of this.inProgress) if (m.room_name === room) this.inProgress.delete(id);
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

interface EffectContext {
  control: ControlService;
  livekit: LivekitAdmin;
  room: string;
  /** The state as committed. */
  state: LiveState;
}

type EffectHandler<E extends Effect> = (ctx: EffectContext, effect: E) => Promise<unknown>;

/**
 * Effects run in phases: media first (mute, permissions; all at once, every millisecond counts),
 * then what people read (metadata, hints), then removals and the room's close, these two in the
 * order the rules gave them. None writes the database: the change has committed.
 */
const PHASES = ['media', 'read', 'remove'] as const;

const EFFECTS: { [K in Effect['kind']]: { phase: (typeof PHASES)[number]; run: EffectHandler<Extract<Effect, { kind: K }>> } } = {
  mute: { phase: 'media', run: (x, e) => x.livekit.mute(x.room, e.identity, e.source) },
  sync: { phase: 'media', run: (x, e) => x.control.sync(x.room, x.state, e.identity) },
  'stop-share': { phase: 'media', run: (x, e) => stopShare(x, e.identity) },
  metadata: { phase: 'read', run: (x) => x.livekit.updateRoomMetadata(x.room, JSON.stringify(x.state.policy)) },
  hint: { phase: 'read', run: (x, e) => x.livekit.sendData(x.room, CONTROL_TOPIC, e.hint, e.to === 'all' ? undefined : e.to) },
  remove: {
    phase: 'remove',
    run: (x, e) => {
      x.control.noteBan(x.room, e.identity);
      return x.control.expel(x.room, e.identity);
    },
  },
  expel: { phase: 'remove', run: (x, e) => x.control.expel(x.room, e.identity) },
  'close-room': { phase: 'remove', run: (x) => x.livekit.closeRoom(x.room) },
};

async function stopShare(x: EffectContext, identity: string): Promise<void> {
  const p = x.state.people.get(identity);
  if (!p) return;
  const update = participantUpdate(p, x.state.policy);
  // Taking the source away unpublishes the share; giving it back lets them share again later.
  await x.livekit.updateParticipant(x.room, identity, { ...update, sources: update.sources.filter((s) => !s.startsWith('screen')) });
  await x.livekit.updateParticipant(x.room, identity, update);
}
