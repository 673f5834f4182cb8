import { actionSpec, type ControlAction, type TargetRule } from '../../../protocol/control-actions.js';
import { SharePolicy, type ControlHint, type LivePolicy, type SelfAction, type ShareRequest } from '../../../protocol/control.js';
import { ErrorCode } from '../../../protocol/errors.js';
import type { AdmissionStatus, Source } from '../../../protocol/live.js';
import { Role, isModerator } from '../../../protocol/roles.js';
import { MeetingError } from '../../errors.js';

/**
 * The rules of host control as pure functions over a meeting's live state: who may do what to
 * whom, and what LiveKit must be told. The control service loads the state, applies one of these,
 * stores the result and carries out the effects; the property test drives them directly.
 */

export interface Person {
  identity: string;
  name: string;
  role: Role;
  status: AdmissionStatus;
  banned: boolean;
  present: boolean;
  mayHost: boolean;
  handAt: number | null;
  share: ShareRequest;
  micAllowed: boolean;
  camAllowed: boolean;
  joinedAt: number | null;
  /** LiveKit's session id of the connection last seen joining or leaving. */
  sid: string | null;
  waitingSince: number | null;
  /** The client address they joined from, when known. */
  client: string | null;
  /** Banned with "block this device": nobody but the owner joins from `client` again. */
  blockDevice: boolean;
  /** Joined listen-only (SPEC J4): publishes nothing until they ask to join with audio. */
  listenOnly: boolean;
  /** Records the meeting in their browser now (SPEC R9), as they told the server. */
  recording: boolean;
}

export interface LiveState {
  policy: LivePolicy;
  people: Map<string, Person>;
}

export type Effect =
  /** Push this person's permissions, attributes and name to LiveKit. */
  | { kind: 'sync'; identity: string }
  | { kind: 'mute'; identity: string; source: 'microphone' | 'camera' }
  /** Unpublish the screen share (permissions without it, then the person's own again). */
  | { kind: 'stop-share'; identity: string }
  /** Take every permission away, then remove from the room (a ban: remembered for a fast rejoin check). */
  | { kind: 'remove'; identity: string }
  /** The same for a connection refused without a ban (it may ask again through the join). */
  | { kind: 'expel'; identity: string }
  | { kind: 'metadata' }
  | { kind: 'hint'; to: 'all' | string[]; hint: ControlHint }
  /** Close the LiveKit room (the meeting's end is already stored). */
  | { kind: 'close-room' };

/** What the meeting's own row must record, in the same transaction as the live state. */
export interface MeetingChange {
  subject?: string;
  /** A new scheduled end (ms), as a host extended it. */
  endsAt?: number;
  end?: true;
  /** A new host key: the host links handed out before stop working. */
  rotateHostKey?: true;
}

export interface Outcome {
  effects: Effect[];
  /** Identities whose stored row changed. */
  changed: Set<string>;
  /** Of those, the ones who arrived or left (only these get their presence written). */
  presence: Set<string>;
  policyChanged: boolean;
  /** A join's admission, written whole (created when new), with the waiting ticket's hash if they wait. */
  admission?: { identity: string; ticketHash: string | null; newcomer: boolean };
  meeting: MeetingChange;
  /** Why a connection was refused, when it was. */
  refused?: ErrorCode;
}

/** What a person may publish now: the one place permissions come from. */
export function allowedSources(p: Person, policy: LivePolicy): Source[] {
  if (p.banned || p.status !== 'admitted' || p.role === Role.AUDIENCE || p.listenOnly) return [];
  const mod = isModerator(p.role);
  const out: Source[] = [];
  if (mod || !policy.audio.off || policy.audio.allowSelfOn || p.micAllowed) out.push('microphone');
  if (mod || !policy.video.off || policy.video.allowSelfOn || p.camAllowed) out.push('camera');
  if (mod || policy.share === SharePolicy.EVERYONE || (policy.share === SharePolicy.ASK && p.share === 'allowed')) out.push('screen_share', 'screen_share_audio');
  return out;
}

export function presentHost(state: LiveState): Person | undefined {
  return [...state.people.values()].find((p) => p.role === Role.HOST && p.present && inRoom(p));
}

/** May this person be in the room: admitted and not banned. The one answer, wherever it is asked. */
export function inRoom(p: Person): boolean {
  return p.status === 'admitted' && !p.banned;
}

function moderators(state: LiveState): string[] {
  return [...state.people.values()].filter((p) => p.present && inRoom(p) && isModerator(p.role)).map((p) => p.identity);
}

/** What LiveKit holds of a person besides permissions: name and the attributes we write. */
function livekitView(p: Person): string {
  return JSON.stringify([p.name, p.role, p.handAt, p.share, p.banned, p.status, p.recording]);
}

class Change {
  readonly effects: Effect[] = [];
  readonly changed = new Set<string>();
  readonly presence = new Set<string>();
  policyChanged = false;
  admission?: Outcome['admission'];
  refused?: ErrorCode;
  readonly meeting: MeetingChange = {};

  constructor(
    readonly state: LiveState,
    readonly now: number,
  ) {}

  /** Changes a person; re-syncs them with LiveKit when they are in the room and LiveKit's copy changes. */
  person(p: Person, change: Partial<Person>): void {
    const before = allowedSources(p, this.state.policy).join();
    const seen = livekitView(p);
    Object.assign(p, change);
    this.changed.add(p.identity);
    if (p.present && (livekitView(p) !== seen || allowedSources(p, this.state.policy).join() !== before)) this.effects.push({ kind: 'sync', identity: p.identity });
  }

  policy(change: Partial<LivePolicy>): void {
    const before = new Map([...this.state.people.values()].map((p) => [p.identity, allowedSources(p, this.state.policy).join()]));
    const was = this.state.policy;
    const since = (on: boolean | undefined, before: boolean, at: number | null): number | null => (on === undefined || on === before ? at : on ? this.now : null);
    this.state.policy = {
      ...was,
      ...change,
      lockedAt: since(change.locked, was.locked, was.lockedAt),
      waitingRoomAt: since(change.waitingRoom, was.waitingRoom, was.waitingRoomAt),
      rev: was.rev + 1,
    };
    this.policyChanged = true;
    this.effects.push({ kind: 'metadata' });
    for (const p of this.state.people.values()) {
      if (allowedSources(p, this.state.policy).join() === before.get(p.identity)) continue;
      // What a person may publish follows from the policy: nothing of theirs to store, only to push.
      if (p.present) this.effects.push({ kind: 'sync', identity: p.identity });
    }
  }

  /** Marks a person recording or not; the meeting shows "Recording" while anyone in the room does. */
  recording(p: Person, on: boolean): void {
    if (p.recording !== on) this.person(p, { recording: on });
    const anyone = [...this.state.people.values()].some(recordsNow);
    if (anyone !== this.state.policy.recording) this.policy({ recording: anyone });
  }

  hint(to: 'all' | string[], hint: ControlHint): void {
    if (to === 'all' || to.length > 0) this.effects.push({ kind: 'hint', to, hint });
  }

  outcome(): Outcome {
    // One sync per person is enough: it pushes their whole current state.
    const seen = new Set<string>();
    const effects = this.effects.filter((e) => {
      if (e.kind !== 'sync') return true;
      if (seen.has(e.identity)) return false;
      seen.add(e.identity);
      return true;
    });
    return { effects, changed: this.changed, presence: this.presence, policyChanged: this.policyChanged, admission: this.admission, meeting: this.meeting, refused: this.refused };
  }
}

function recordsNow(p: Person): boolean {
  return p.recording && p.present && inRoom(p);
}

/** Hosts and co-hosts record whatever the policy; the others while the host allows it. */
function mayRecord(p: Person, policy: LivePolicy): boolean {
  return policy.localRecording || isModerator(p.role);
}

/** Takes a recorder's mark away; their page stops recording when told. */
function stopRecording(c: Change, p: Person, by: string | undefined): void {
  c.recording(p, false);
  if (p.present) c.hint([p.identity], { type: 'recording-stopped', by });
}

/** A target that fits the registry's rule for the action (SPEC H1–H10). */
function fits(p: Person, rule: TargetRule): boolean {
  if (rule === 'waiting') return p.status === 'waiting';
  return inRoom(p) && (rule === 'admitted' || p.present);
}

/** Applies a host action by `actorId`, or throws the typed refusal. Mutates `state`. */
export function applyControl(state: LiveState, actorId: string, action: ControlAction, now: number): Outcome {
  const actor = state.people.get(actorId);
  if (!actor || !inRoom(actor) || !actor.present) throw new MeetingError(ErrorCode.MEMBER_NOT_IN_MEETING, 'You are not in this meeting');
  const c = new Change(state, now);
  const by = actor.name;
  const spec = actionSpec(action.action);

  // Who may call it, then what the target must be: both from the action registry.
  const may = spec.by ?? 'moderator';
  if (may !== 'anyone' && !isModerator(actor.role)) throw new MeetingError(ErrorCode.NOT_HOST, 'Only a host or co-host can do this');
  if (may === 'host' && actor.role !== Role.HOST) throw new MeetingError(ErrorCode.NO_PERMISSION, 'Only the host can do this');
  let target: Person | undefined;
  if (spec.target && 'target' in action && action.target !== null) {
    target = state.people.get(action.target);
    if (!target || !fits(target, spec.target)) {
      throw new MeetingError(ErrorCode.MEMBER_NOT_IN_MEETING, spec.target === 'waiting' ? 'Nobody with that id is waiting' : 'That person is not in the meeting');
    }
    if (spec.protectsHost && target.role === Role.HOST && actor.role !== Role.HOST) throw new MeetingError(ErrorCode.NO_PERMISSION, 'A co-host cannot do this to the host');
  }
  const t = target!;

  switch (action.action) {
    case 'claimHost':
      claimHost(c, actor);
      break;
    case 'mute':
      c.effects.push({ kind: 'mute', identity: t.identity, source: 'microphone' });
      c.person(t, { micAllowed: false });
      c.hint([t.identity], { type: 'muted', by });
      break;
    case 'cameraOff':
      c.effects.push({ kind: 'mute', identity: t.identity, source: 'camera' });
      c.person(t, { camAllowed: false });
      c.hint([t.identity], { type: 'camera-off', by });
      break;
    case 'askUnmute':
      c.person(t, { micAllowed: true });
      c.hint([t.identity], { type: 'ask-unmute', by });
      break;
    case 'askUnmuteAll': {
      const asked = [...state.people.values()].filter((p) => p.present && inRoom(p) && !isModerator(p.role) && p.role !== Role.AUDIENCE);
      for (const p of asked) if (!p.micAllowed) c.person(p, { micAllowed: true });
      c.hint(asked.map((p) => p.identity), { type: 'ask-unmute', by });
      break;
    }
    case 'askCameraOn':
      c.person(t, { camAllowed: true });
      c.hint([t.identity], { type: 'ask-camera-on', by });
      break;
    case 'muteAll':
    case 'camerasOffAll':
      offForAll(c, action.action === 'muteAll' ? 'audio' : 'video', action.allowSelfOn, by);
      break;
    case 'liftMuteAll':
      c.policy({ audio: { off: false, allowSelfOn: true } });
      break;
    case 'liftCamerasOff':
      c.policy({ video: { off: false, allowSelfOn: true } });
      break;
    case 'remove':
    case 'block':
      if (t.identity === actor.identity) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'To leave, use Leave');
      c.hint([t.identity], { type: 'removed', by });
      ban(c, t, action.action === 'block');
      if (action.action === 'block' && action.waitingRoom && !state.policy.waitingRoom) c.policy({ waitingRoom: true });
      break;
    case 'rotateHostKey':
      c.meeting.rotateHostKey = true;
      break;
    case 'lock':
      c.policy({ locked: action.locked });
      break;
    case 'setRole':
      setRole(c, actor, t, action.role);
      break;
    case 'transferHost':
      if (t.identity === actor.identity) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'You are already the host');
      if (t.role === Role.AUDIENCE) throw new MeetingError(ErrorCode.NO_PERMISSION, 'Bring them on stage first');
      c.person(actor, { role: Role.COHOST });
      c.person(t, { role: Role.HOST });
      c.hint([t.identity], { type: 'role', role: Role.HOST, by });
      break;
    case 'lowerHand':
      if (t.handAt !== null) c.person(t, { handAt: null });
      c.hint([t.identity], { type: 'hand-lowered', by });
      break;
    case 'lowerAllHands':
      for (const p of state.people.values()) if (p.handAt !== null) c.person(p, { handAt: null });
      c.hint('all', { type: 'hand-lowered', by });
      break;
    case 'spotlight':
      c.policy({ spotlight: action.target });
      break;
    case 'sharePolicy':
      c.policy({ share: action.policy });
      if (action.policy !== SharePolicy.ASK) for (const p of state.people.values()) if (p.share) c.person(p, { share: '' });
      break;
    case 'chatPolicy':
      c.policy({ chat: action.policy });
      break;
    case 'localRecording': {
      c.policy({ localRecording: action.allowed });
      if (action.allowed) break;
      const stopped = [...state.people.values()].filter((p) => p.recording && !mayRecord(p, state.policy));
      for (const p of stopped) stopRecording(c, p, by);
      break;
    }
    case 'approveShare':
      c.person(t, { share: action.approve ? 'allowed' : '' });
      c.hint([t.identity], { type: action.approve ? 'share-approved' : 'share-denied', by });
      break;
    case 'stopShare':
      stopShare(c, t, by);
      break;
    case 'stageCap':
      c.policy({ stageCap: action.cap });
      break;
    case 'waitingRoom':
      c.policy({ waitingRoom: action.on });
      // Turning it off lets in whoever was waiting, rather than leaving them stuck.
      if (!action.on) admitAll(c);
      break;
    case 'admit':
      c.person(t, { status: 'admitted' });
      c.hint(moderators(state), { type: 'waiting' });
      break;
    case 'admitAll':
      admitAll(c);
      break;
    case 'reject':
      c.person(t, { status: 'rejected' });
      c.hint(moderators(state), { type: 'waiting' });
      break;
    case 'end':
      c.meeting.end = true;
      c.effects.push({ kind: 'close-room' });
      break;
    case 'extendEnd': {
      const due = state.policy.endsAt;
      if (due === null) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'This meeting has no scheduled end to extend');
      if (action.minutes < 1) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'Extend by 1 to 720 minutes');
      // From its end, or from now for a meeting already overrunning it.
      const endsAt = Math.max(due, c.now) + action.minutes * 60_000;
      c.policy({ endsAt });
      c.meeting.endsAt = endsAt;
      break;
    }
    case 'renameMeeting':
      c.policy({ subject: action.subject });
      c.meeting.subject = action.subject;
      break;
    case 'renamePerson':
      c.person(t, { name: action.name });
      c.hint([t.identity], { type: 'renamed', by });
      break;
  }
  return c.outcome();
}

/** Bans and removes: no permissions, on the meeting's ban list, out of the room. */
function ban(c: Change, t: Person, blockDevice = false): void {
  c.person(t, { banned: true, handAt: null, share: '', blockDevice });
  c.recording(t, false);
  // A host link they came with would make them co-host again under a new identity: it is revoked.
  if (t.mayHost) c.meeting.rotateHostKey = true;
  c.effects.push({ kind: 'remove', identity: t.identity });
  const bans = c.state.policy.bans.includes(t.identity) ? c.state.policy.bans : [...c.state.policy.bans, t.identity].slice(-500);
  c.policy({ bans, spotlight: c.state.policy.spotlight === t.identity ? null : c.state.policy.spotlight });
}

/** SPEC H8: a new screen share replaces the current one; the others are stopped and told. */
export function applyShareTakeover(state: LiveState, sharer: string, others: readonly string[], now: number): Outcome {
  const c = new Change(state, now);
  const by = state.people.get(sharer)?.name;
  for (const id of others) {
    const p = state.people.get(id);
    if (p && id !== sharer) stopShare(c, p, by);
  }
  return c.outcome();
}

/** Everyone's microphone (or camera) off now, as "mute all" does: attendees' earlier grants end too. */
function offForAll(c: Change, kind: 'audio' | 'video', allowSelfOn: boolean, by: string | undefined): void {
  const audio = kind === 'audio';
  for (const p of c.state.people.values()) {
    if (!inRoom(p) || isModerator(p.role)) continue;
    // Earlier "ask to unmute" grants end for everyone, present or not.
    if (audio ? p.micAllowed : p.camAllowed) c.person(p, audio ? { micAllowed: false } : { camAllowed: false });
    if (p.present) c.effects.push({ kind: 'mute', identity: p.identity, source: audio ? 'microphone' : 'camera' });
  }
  c.policy(audio ? { audio: { off: true, allowSelfOn } } : { video: { off: true, allowSelfOn } });
  c.hint('all', { type: audio ? 'mute-all' : 'cameras-off', by });
}

/**
 * The meeting was edited through the API while in progress (SPEC M3): the subject, the waiting room
 * and the media controls it now has reach the live policy; turning the waiting room off lets in
 * whoever waits, as the host's switch does.
 */
export function applyEdit(state: LiveState, edited: Partial<Pick<LivePolicy, 'subject' | 'waitingRoom' | 'audio' | 'video' | 'endsAt'>>, now: number): Outcome {
  const c = new Change(state, now);
  const { audio, video, ...rest } = Object.fromEntries(
    Object.entries(edited).filter(([key, value]) => JSON.stringify(state.policy[key as keyof LivePolicy]) !== JSON.stringify(value)),
  ) as typeof edited;
  // Media turned off for everyone goes as a host's "mute all" would; anything else is the policy alone.
  for (const [kind, media] of [['audio', audio], ['video', video]] as const) {
    if (!media) continue;
    if (media.off && !state.policy[kind].off) offForAll(c, kind, media.allowSelfOn, undefined);
    else c.policy({ [kind]: media });
  }
  if (Object.keys(rest).length > 0) c.policy(rest);
  if (rest.waitingRoom === false) admitAll(c);
  return c.outcome();
}

/** Unpublishes someone's screen share; under "ask first" they must ask again. */
function stopShare(c: Change, p: Person, by: string | undefined): void {
  c.effects.push({ kind: 'stop-share', identity: p.identity });
  if (p.share === 'allowed') c.person(p, { share: '' });
  c.hint([p.identity], { type: 'share-stopped', by });
}

/** The watchdog caught a protocol violation (a relabelled or forbidden track): remove and ban. */
export function applyViolation(state: LiveState, identity: string, now: number): Outcome {
  const c = new Change(state, now);
  const p = state.people.get(identity);
  if (p && !p.banned) ban(c, p);
  return c.outcome();
}

function admitAll(c: Change): void {
  let any = false;
  for (const p of c.state.people.values()) {
    if (p.status !== 'waiting') continue;
    c.person(p, { status: 'admitted' });
    any = true;
  }
  if (any) c.hint(moderators(c.state), { type: 'waiting' });
}

function setRole(c: Change, actor: Person, t: Person, role: 'cohost' | 'attendee' | 'speaker' | 'audience'): void {
  if (t.identity === actor.identity) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'You cannot change your own role');
  const hostMatter = role === Role.COHOST || t.role === Role.COHOST || t.role === Role.HOST;
  if (hostMatter && actor.role !== Role.HOST) throw new MeetingError(ErrorCode.NO_PERMISSION, 'Only the host can make or unmake co-hosts');
  if (role === Role.SPEAKER) {
    const onStage = [...c.state.people.values()].filter((p) => p.present && inRoom(p) && p.role === Role.SPEAKER).length;
    if (c.state.policy.stageCap > 0 && onStage >= c.state.policy.stageCap && t.role !== Role.SPEAKER) {
      throw new MeetingError(ErrorCode.CONCURRENCY_LIMIT, `The stage is full (${c.state.policy.stageCap} speakers)`);
    }
  }
  c.person(t, { role });
  c.hint([t.identity], { type: 'role', role, by: actor.name });
  if (t.recording && !mayRecord(t, c.state.policy)) stopRecording(c, t, actor.name);
}

/**
 * SPEC H5: with no host present, the owner or a signed host link's holder may claim host; a
 * co-host may when none of those is present. Nobody else.
 */
function claimHost(c: Change, actor: Person): void {
  if (presentHost(c.state)) throw new MeetingError(ErrorCode.NOT_HOST, 'The meeting has a host');
  const present = [...c.state.people.values()].filter((p) => p.present && inRoom(p));
  const eligible = actor.mayHost || (actor.role === Role.COHOST && !present.some((p) => p.mayHost && p.identity !== actor.identity));
  if (!eligible) throw new MeetingError(ErrorCode.NOT_HOST, 'Only the owner, a host link or a co-host can claim host');
  // The absent former host keeps moderating as a co-host, so there is one host at a time.
  for (const p of c.state.people.values()) if (p.role === Role.HOST && p !== actor) c.person(p, { role: Role.COHOST });
  c.person(actor, { role: Role.HOST });
  c.hint('all', { type: 'role', role: Role.HOST, by: actor.name });
}

/** What anyone may do about themselves (hand, rename, share request, local recording). */
export function applySelf(state: LiveState, actorId: string, action: SelfAction | { action: 'hand'; raised: boolean }, now: number): Outcome {
  const actor = state.people.get(actorId);
  if (!actor || !inRoom(actor) || !actor.present) throw new MeetingError(ErrorCode.MEMBER_NOT_IN_MEETING, 'You are not in this meeting');
  const c = new Change(state, now);
  switch (action.action) {
    case 'hand':
      if (action.raised === (actor.handAt !== null)) break;
      c.person(actor, { handAt: action.raised ? now : null });
      if (action.raised) c.hint(moderators(state).filter((id) => id !== actorId), { type: 'hand', by: actor.name });
      break;
    case 'rename':
      c.person(actor, { name: action.name });
      break;
    case 'requestShare':
      if (state.policy.share !== SharePolicy.ASK) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'Sharing needs no request now');
      if (actor.share === 'allowed' && action.on) break;
      c.person(actor, { share: action.on ? 'requested' : '' });
      if (action.on) c.hint(moderators(state), { type: 'share-request', by: actor.name });
      break;
    case 'joinAudio':
      // What they may publish then is what anyone in their role may: the policy still holds.
      c.person(actor, { listenOnly: false });
      break;
    case 'recording':
      if (action.on && !mayRecord(actor, state.policy)) throw new MeetingError(ErrorCode.TURNED_OFF_BY_HOST, 'The host does not allow recording this meeting');
      c.recording(actor, action.on);
      break;
  }
  return c.outcome();
}

/**
 * A person's connection left the room. When it was the host and no host remains, host passes to
 * the co-host who joined first; with none, the meeting is hostless and everyone is told (SPEC H5).
 */
export function applyLeft(state: LiveState, identity: string, now: number, sid: string | null = null): Outcome {
  const c = new Change(state, now);
  const p = state.people.get(identity);
  // Another connection than the one present (an older, replaced one) changes nothing. When nobody
  // is present, the session is remembered, so that its join arriving late is not taken as new.
  if (!p || (p.present && p.sid && sid && p.sid !== sid)) return c.outcome();
  c.presence.add(p.identity);
  c.person(p, { present: false, handAt: null, sid: sid ?? p.sid });
  c.recording(p, false);
  if (p.role !== Role.HOST || presentHost(state)) return c.outcome();
  const next = [...state.people.values()]
    .filter((q) => q.present && inRoom(q) && q.role === Role.COHOST)
    .sort((a, b) => (a.joinedAt ?? 0) - (b.joinedAt ?? 0))[0];
  if (next) {
    c.person(p, { role: Role.COHOST });
    c.person(next, { role: Role.HOST });
    c.hint('all', { type: 'role', role: Role.HOST, by: next.name });
  } else {
    c.hint('all', { type: 'host-left' });
  }
  return c.outcome();
}

/** A meeting's capacity when its settings name none. */
export const DEFAULT_CAPACITY = 200;

/**
 * A connection joined. The admission behind it must still hold under the policy as it is now,
 * counted at connect time under the meeting's lock (a token outlives the policy it was issued
 * under): banned, unknown or no longer admitted → 2106/2100; locked → 2010; a waiting room the
 * host did not admit them through → 2107; full → 2001. Moderators skip lock, queue and capacity,
 * and so does a connection of someone already present (a second device, a reconnect). A refused
 * connection is expelled, not banned: they may ask again through the join. Ignored when that very
 * session was already seen leaving (webhooks can arrive out of order).
 */
export function applyJoined(state: LiveState, identity: string, sid: string, at: number, now: number, capacity = DEFAULT_CAPACITY): Outcome {
  const c = new Change(state, now);
  const p = state.people.get(identity);
  if (p && p.sid === sid && !p.present) return c.outcome();
  const refusal = connectRefusal(state, p, capacity, at);
  if (refusal !== undefined) {
    c.refused = refusal;
    c.effects.push({ kind: 'expel', identity });
    return c.outcome();
  }
  const alone = ![...state.people.values()].some((q) => q !== p && q.present && inRoom(q));
  c.presence.add(identity);
  c.person(p!, { present: true, joinedAt: at, sid });
  c.effects.push({ kind: 'sync', identity });
  if (alone) c.effects.push({ kind: 'metadata' });
  return c.outcome();
}

/** Let in by a host out of a wait that began after they were last in the room: the lock does not undo that. */
function admittedFromQueue(p: Person): boolean {
  return p.status === 'admitted' && p.waitingSince !== null && (p.joinedAt === null || p.joinedAt < p.waitingSince);
}

function connectRefusal(state: LiveState, p: Person | undefined, capacity: number, connectedAt: number): ErrorCode | undefined {
  if (!p || !inRoom(p)) return p?.banned ? ErrorCode.REMOVED : ErrorCode.NO_PERMISSION;
  if (isModerator(p.role) || p.present) return undefined;
  // LiveKit took the connection in before the lock went on: its webhook was only slower than the host.
  const before = (since: number | null) => since !== null && connectedAt < since;
  // A host may still let people in from the waiting room while the meeting is locked (SPEC H4).
  if (state.policy.locked && !before(state.policy.lockedAt) && !admittedFromQueue(p)) return ErrorCode.MEETING_LOCKED;
  // Admitted out of the queue keeps their waiting time; an admission from before the queue has none.
  if (state.policy.waitingRoom && p.waitingSince === null && !before(state.policy.waitingRoomAt)) return ErrorCode.WAITING_FOR_HOST;
  const present = [...state.people.values()].filter((q) => q.present && inRoom(q) && q !== p).length;
  if (present >= capacity) return ErrorCode.MEETING_FULL;
  return undefined;
}

/** Someone asking to join: who they are, the role their link proves, and the room's capacity. */
export interface Candidate {
  identity: string;
  name: string;
  role: Role;
  /** The owner's session or a signed host link stands behind `role=host`. */
  hostProof: boolean;
  /** The hash of the waiting ticket they get if they must wait. */
  ticketHash: string;
  capacity: number;
  /** A stranger to a private meeting: only a host lets them in (they wait even with the waiting room off). */
  mustWait?: boolean;
  /** Their client address, when known: with `keyless`, what identifies them for a ban. */
  client?: string;
  /** A guest without a guest key or account: a new identity each time, so a ban is by address. */
  keyless?: boolean;
  /** The meeting's owner: no device ban keeps them out of their own meeting. */
  owner?: boolean;
  /** The link asked for listen only (SPEC J4). */
  listenOnly?: boolean;
}

/**
 * Admits, queues or refuses a joiner (DESIGN "Admission path"): banned 2106, rejected 2108,
 * locked 2010, full 2001; moderators skip the lock, the capacity and the waiting room. A host proof
 * makes them host, or co-host while another host is present (the absent host steps down).
 */
export function applyAdmission(state: LiveState, candidate: Candidate, now: number): Outcome {
  const c = new Change(state, now);
  const existing = state.people.get(candidate.identity);
  if (existing?.banned || bannedDevice(state, candidate)) throw new MeetingError(ErrorCode.REMOVED, 'You were removed from this meeting and cannot join it again');
  if (existing?.status === 'rejected') throw new MeetingError(ErrorCode.REJECTED_BY_HOST, 'The host declined your request to join');
  // A role the meeting gave someone (co-host, speaker …) outlives a reload; a link cannot lower it.
  let role: Role = existing?.status === 'admitted' && existing.role !== Role.ATTENDEE ? existing.role : candidate.role === Role.HOST ? Role.ATTENDEE : candidate.role;
  if (candidate.hostProof && role !== Role.HOST) {
    const holder = [...state.people.values()].find((p) => p.role === Role.HOST && p.identity !== candidate.identity && !p.banned);
    if (holder?.present) role = Role.COHOST;
    else {
      if (holder) c.person(holder, { role: Role.COHOST });
      role = Role.HOST;
    }
  }
  const moderator = isModerator(role);
  const present = [...state.people.values()].filter((p) => p.present && inRoom(p) && p.identity !== candidate.identity);
  // The lock keeps newcomers out; someone already waiting keeps their place (a reload), and someone a host admitted comes in.
  const expected = existing?.status === 'waiting' || (existing !== undefined && admittedFromQueue(existing));
  if (!moderator && state.policy.locked && !existing?.present && !expected) throw new MeetingError(ErrorCode.MEETING_LOCKED, 'The meeting is locked');
  if (!moderator && present.length >= candidate.capacity) throw new MeetingError(ErrorCode.MEETING_FULL, 'The meeting is full');
  // Only someone in the room now (a reload, a second device) skips the queue; a past admission does not.
  // Nor does a host's admission they have not used yet (a reload between "admit" and connecting).
  const waits = !moderator && (state.policy.waitingRoom || !!candidate.mustWait) && !(existing?.status === 'admitted' && existing.present) && !(existing && admittedFromQueue(existing));
  const admission: Partial<Person> = {
    name: candidate.name,
    role,
    status: waits ? 'waiting' : 'admitted',
    mayHost: candidate.hostProof || !!existing?.mayHost,
    client: candidate.client ?? existing?.client ?? null,
    listenOnly: !!candidate.listenOnly,
    // A reload keeps the place in the queue (SPEC J5: the wait survives a page reload).
    // An admission out of the queue keeps its time: at connect it proves the host let them in.
    waitingSince: waits ? (existing?.status === 'waiting' && existing.waitingSince ? existing.waitingSince : now) : existing?.status === 'admitted' ? existing.waitingSince : null,
  };
  // Their connection, if any, is told when it (re)joins: the admission itself pushes nothing to LiveKit.
  const person = Object.assign(existing ?? newcomer(candidate.identity), admission);
  state.people.set(person.identity, person);
  c.changed.add(person.identity);
  c.admission = { identity: person.identity, ticketHash: waits ? candidate.ticketHash : null, newcomer: !existing };
  // Without a name the page is only preparing; hosts hear of the person when they click Join.
  if (waits && candidate.name) c.hint(moderators(state), { type: 'waiting' });
  return c.outcome();
}

/**
 * A ban by device (SPEC H3, issue 10): "block this device" keeps everyone but the owner out from
 * that address; a keyless guest, who has no other identity, is kept out by address from other
 * keyless joins. Both last for the meeting's life (the admissions go with it).
 */
function bannedDevice(state: LiveState, candidate: Candidate): boolean {
  if (!candidate.client || candidate.owner) return false;
  for (const p of state.people.values()) {
    if (!p.banned || p.client !== candidate.client) continue;
    if (p.blockDevice || (candidate.keyless && isKeyless(p.identity))) return true;
  }
  return false;
}

/** Keyless guests' identities are random each join (see the join service); not `p_`, a portal user's, so that a banned portal user is not taken for a keyless guest. */
export const KEYLESS_PREFIX = 'k_';
const isKeyless = (identity: string) => identity.startsWith(KEYLESS_PREFIX);

function newcomer(identity: string): Person {
  return { identity, name: '', role: Role.ATTENDEE, status: 'admitted', banned: false, present: false, mayHost: false, handAt: null, share: '', micAllowed: false, camAllowed: false, joinedAt: null, sid: null, waitingSince: null, client: null, blockDevice: false, listenOnly: false, recording: false };
}

/** The invariants a random sequence of actions must never break (checked by the property test). */
export function brokenInvariants(state: LiveState): string[] {
  const out: string[] = [];
  const people = [...state.people.values()];
  if (people.filter((p) => p.role === Role.HOST).length > 1) out.push('more than one host');
  for (const p of people) {
    if (p.banned && allowedSources(p, state.policy).length > 0) out.push(`${p.identity} is banned but may publish`);
    if (p.status !== 'admitted' && p.present) out.push(`${p.identity} is in the room without admission`);
    if (p.role === Role.AUDIENCE && allowedSources(p, state.policy).length > 0) out.push(`${p.identity} is audience but may publish`);
    if (p.listenOnly && allowedSources(p, state.policy).length > 0) out.push(`${p.identity} listens only but may publish`);
  }
  if (state.policy.spotlight && !state.people.get(state.policy.spotlight)) out.push('spotlight on nobody');
  for (const p of people) if (p.banned && !state.policy.bans.includes(p.identity)) out.push(`${p.identity} is banned but not on the ban list`);
  if (state.policy.recording !== people.some(recordsNow)) out.push('the recording mark does not match who records');
  if (people.some((p) => p.recording && !mayRecord(p, state.policy))) out.push('someone records though the host forbade it');
  return out;
}
