import { ChatPolicy, SharePolicy } from './control.js';

/**
 * The one registry of host actions (`POST /api/meetings/:id/control`). Each action is declared
 * here once; the zod schema (server), the `ControlAction` type, the client's `host.*` methods, the
 * rules' gatekeeping and the test examples are all derived from it. No zod here: the browser
 * reads this file.
 *
 * Adding an action: an entry here, its case in the rules, its control in an element, its strings.
 */

/** A field of an action's body. The server's schema for each kind is in `control-schemas.ts`. */
export type FieldSpec =
  | { readonly kind: 'identity'; readonly nullable?: true }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'choice'; readonly values: readonly [string, ...string[]] }
  | { readonly kind: 'count'; readonly max: number }
  | { readonly kind: 'subject' }
  | { readonly kind: 'displayName' };

/**
 * What the `target` of an action must be: in the room now (`present`), admitted and not banned
 * though perhaps away (`admitted`), or in the waiting room (`waiting`).
 */
export type TargetRule = 'present' | 'admitted' | 'waiting';

export interface ActionSpec {
  /** The body's fields in the order the client's `host.*` method takes them as arguments. */
  readonly fields: readonly (readonly [name: string, spec: FieldSpec])[];
  /** Who may call it: moderators (host and co-hosts, the default), the host alone, or anyone in the room. */
  readonly by?: 'moderator' | 'host' | 'anyone';
  readonly target?: TargetRule;
  /** A co-host cannot do this to the host (SPEC H5: the host outranks them). */
  readonly protectsHost?: true;
}

const identity = { kind: 'identity' } as const;
const target = ['target', identity] as const;
const flag = <N extends string>(name: N) => [name, { kind: 'boolean' }] as const;

export const CONTROL_ACTION_SPECS = {
  mute: { fields: [target], target: 'present', protectsHost: true },
  askUnmute: { fields: [target], target: 'present' },
  askUnmuteAll: { fields: [] },
  cameraOff: { fields: [target], target: 'present', protectsHost: true },
  askCameraOn: { fields: [target], target: 'present' },
  muteAll: { fields: [flag('allowSelfOn')] },
  camerasOffAll: { fields: [flag('allowSelfOn')] },
  liftMuteAll: { fields: [] },
  liftCamerasOff: { fields: [] },
  remove: { fields: [target], target: 'admitted', protectsHost: true },
  /** Remove and block this device (their address) for the meeting's life; with `waitingRoom`, newcomers wait from now on. */
  block: { fields: [target, flag('waitingRoom')], target: 'admitted', protectsHost: true },
  /** A new host link: the ones handed out before stop proving the host role. */
  rotateHostKey: { fields: [], by: 'host' },
  lock: { fields: [flag('locked')] },
  setRole: { fields: [target, ['role', { kind: 'choice', values: ['cohost', 'attendee', 'speaker', 'audience'] }]], target: 'present', protectsHost: true },
  transferHost: { fields: [target], target: 'present', by: 'host' },
  claimHost: { fields: [], by: 'anyone' },
  lowerHand: { fields: [target], target: 'present' },
  lowerAllHands: { fields: [] },
  spotlight: { fields: [['target', { kind: 'identity', nullable: true }]], target: 'present' },
  sharePolicy: { fields: [['policy', { kind: 'choice', values: [SharePolicy.EVERYONE, SharePolicy.HOSTS, SharePolicy.ASK] }]] },
  /** Chat for attendees: open, only to hosts, or off (hosts and co-hosts always write). */
  chatPolicy: { fields: [['policy', { kind: 'choice', values: [ChatPolicy.EVERYONE, ChatPolicy.HOSTS, ChatPolicy.OFF] }]] },
  /** Whether people may record the meeting in their browser (SPEC R9); forbidding stops the recordings running. */
  localRecording: { fields: [flag('allowed')] },
  approveShare: { fields: [target, flag('approve')], target: 'present' },
  stopShare: { fields: [target], target: 'present', protectsHost: true },
  stageCap: { fields: [['cap', { kind: 'count', max: 1000 }]] },
  waitingRoom: { fields: [flag('on')] },
  admit: { fields: [target], target: 'waiting' },
  admitAll: { fields: [] },
  reject: { fields: [target], target: 'waiting' },
  end: { fields: [], by: 'host' },
  /** Push a meeting's scheduled end back by this many minutes (SPEC H11); one without an end is refused. */
  extendEnd: { fields: [['minutes', { kind: 'count', max: 720 }]] },
  renameMeeting: { fields: [['subject', { kind: 'subject' }]] },
  renamePerson: { fields: [target, ['name', { kind: 'displayName' }]], target: 'present' },
} as const satisfies Record<string, ActionSpec>;

type Specs = typeof CONTROL_ACTION_SPECS;
type ActionName = keyof Specs;

/** The value a field kind takes in a body. */
type ValueOf<F> = F extends { kind: 'identity'; nullable: true }
  ? string | null
  : F extends { kind: 'boolean' }
    ? boolean
    : F extends { kind: 'choice'; values: readonly (infer V)[] }
      ? V
      : F extends { kind: 'count' }
        ? number
        : string;

type Fields<N extends ActionName> = Specs[N]['fields'];

type ValuesOf<T extends readonly unknown[]> = { -readonly [I in keyof T]: T[I] extends readonly [string, infer F] ? ValueOf<F> : never };

/** The arguments of `host[N](…)`: the fields' values in their declared order. */
export type ActionArgs<N extends ActionName> = ValuesOf<Fields<N>>;

type BodyOf<N extends ActionName> = { action: N } & { -readonly [P in Fields<N>[number] as P[0]]: ValueOf<P[1]> };
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The body of `POST /api/meetings/:id/control`, one member per registered action. */
export type ControlAction = { [N in ActionName]: Flatten<BodyOf<N>> }[ActionName];

/** Every action's name, in the registry's order. */
export const CONTROL_ACTIONS = Object.keys(CONTROL_ACTION_SPECS) as ActionName[];

export function actionSpec(name: ControlAction['action']): ActionSpec {
  return CONTROL_ACTION_SPECS[name];
}

/** Builds an action's body from the arguments of its `host.*` method. */
export function actionBody<N extends ActionName>(name: N, args: ActionArgs<N>): Extract<ControlAction, { action: N }> {
  const fields = CONTROL_ACTION_SPECS[name].fields as ActionSpec['fields'];
  return Object.fromEntries([['action', name], ...fields.map(([field], i) => [field, (args as unknown[])[i]])]) as Extract<ControlAction, { action: N }>;
}
