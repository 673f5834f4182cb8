import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { CHAT_MAX_LENGTH } from './chat.js';
import { REACTIONS } from './reactions.js';
import { CONTROL_ACTION_SPECS, type ActionArgs, type ControlAction, type FieldSpec } from './control-actions.js';
import { ErrorCode } from './errors.js';
import { DISPLAY_NAME_MAX, DISPLAY_NAME_PATTERN, SUBJECT_MAX } from './limits.js';

/**
 * The iframe API (SPEC E2, issue 11 part 5): the messages a portal page and the `/embed` frame
 * exchange with `postMessage`. The frame learns its parent's origin from the first command it
 * accepts (`hello`, sent by the helper on `ready`), and keeps its events until then. Declared once here; the frame (src/embed/frame-bridge.ts) and the
 * parent-side helper (src/embed/meeting-frame.ts) both parse with these schemas. zod/mini, not
 * zod: both ends run in browsers, and this stays a few KiB.
 *
 *   parent → frame  {v:1, type:'command', id, name, args?}
 *   frame → parent  {v:1, type:'reply', id, ok:true, result} | {v:1, type:'reply', id, ok:false, error:{code, message}}
 *   frame → parent  {v:1, type:'event', name, data}   (`ready`, then every `meeting-*` event of the element)
 */
export const FRAME_API_VERSION = 1;

// zod/mini carries no messages of its own ("Invalid input"); a portal's developer reads these.
z.config(en());

/** The frame's first event: it listens now (sent to each allowed origin; only the parent's receives it). */
export const FRAME_READY = 'ready';

const optionalFlag = z.tuple([z.optional(z.boolean())]);
const identity = z.string().check(z.minLength(1), z.maxLength(128));
const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** As the server's `displayName` (join.ts). */
const displayName = text(DISPLAY_NAME_MAX).check(z.regex(DISPLAY_NAME_PATTERN));

/** Each command's arguments, positional as the helper's methods take them (except the `host.*` ones, below). */
const BASE_COMMANDS = {
  /** The helper's first command, sent on `ready`: from then on the frame posts its events to this origin. */
  hello: z.tuple([]),
  /** Join with the prepared devices, optionally under this name. */
  join: z.tuple([z.optional(displayName)]),
  leave: z.tuple([]),
  /** Turn on (`true`), off (`false`) or the other way (nothing). Before joining it sets the pre-join choice. */
  toggleMic: optionalFlag,
  toggleCamera: optionalFlag,
  toggleShare: optionalFlag,
  /** Raise (default) or lower my hand. */
  raiseHand: optionalFlag,
  sendChat: z.tuple([z.string().check(z.minLength(1), z.maxLength(CHAT_MAX_LENGTH)), z.optional(z.strictObject({ to: z.optional(z.nullable(identity)) }))]),
  /** One of the reactions (👍 👏 😂 ❤️ 🎉 😮). */
  react: z.tuple([z.enum(REACTIONS)]),
  /** App data to everyone or `to` (identities) on `topic`: a JSON value, or bytes (a Uint8Array / ArrayBuffer survives postMessage). */
  sendAppData: z.tuple([z.unknown(), z.optional(z.strictObject({ to: z.optional(z.array(identity).check(z.maxLength(200))), topic: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) }))]),
  /** A file into the chat, to everyone or privately `to` one identity (a File or Blob survives postMessage). */
  sendFile: z.tuple([z.instanceof(Blob), z.optional(z.strictObject({ to: z.optional(z.nullable(identity)) }))]),
  /** Local recording in the frame (SPEC R9); `stopRecording` answers the WebM Blob. */
  startRecording: z.tuple([]),
  pauseRecording: z.tuple([]),
  resumeRecording: z.tuple([]),
  stopRecording: z.tuple([]),
  getSnapshot: z.tuple([]),
} as const;

/** What a host action's field takes; the server's schema (control-schemas.ts) is the authority, this is its mirror. */
function fieldSchema(spec: FieldSpec): z.ZodMiniType {
  switch (spec.kind) {
    case 'identity':
      return spec.nullable ? z.nullable(identity) : identity;
    case 'boolean':
      return z.boolean();
    case 'choice':
      return z.enum(spec.values);
    case 'count':
      return z.number().check(z.int(), z.minimum(0), z.maximum(spec.max));
    case 'subject':
      return text(SUBJECT_MAX);
    case 'displayName':
      return displayName;
  }
}

type ActionName = ControlAction['action'];
/** `host.mute`, `host.lock` …: one command per action of the registry, its fields in order. */
export type HostCommandName = `host.${ActionName}`;

const HOST_COMMANDS = Object.fromEntries(
  Object.entries(CONTROL_ACTION_SPECS).map(([name, spec]) => [`host.${name}`, z.tuple(spec.fields.map(([, f]) => fieldSchema(f)) as [z.ZodMiniType])]),
) as unknown as Record<HostCommandName, z.ZodMiniType>;

const COMMAND_ARGS: Record<string, z.ZodMiniType> = { ...BASE_COMMANDS, ...HOST_COMMANDS };

export type BaseCommandName = keyof typeof BASE_COMMANDS;
export type FrameCommandName = BaseCommandName | HostCommandName;

/** Every command the frame takes, host actions included. */
export const FRAME_COMMANDS = Object.keys(COMMAND_ARGS) as FrameCommandName[];

/** The arguments of each command. */
export type FrameCommandArgs = { [N in BaseCommandName]: z.infer<(typeof BASE_COMMANDS)[N]> } & { [N in ActionName as `host.${N}`]: ActionArgs<N> };

/** What each command answers with. */
export interface FrameCommandResults {
  hello: { version: number };
  join: null;
  leave: null;
  /** Whether it is on now. */
  toggleMic: boolean;
  toggleCamera: boolean;
  toggleShare: boolean;
  /** Whether the hand is up now. */
  raiseHand: boolean;
  /** The message's id as the server stored it is not known here: true once the server took it. */
  sendChat: true;
  /** True once the server took the reaction. */
  react: true;
  /** True once sent. */
  sendAppData: true;
  /** True once the whole file went; a refusal (over the size limit, chat off) or a cancel rejects. */
  sendFile: true;
  startRecording: null;
  pauseRecording: null;
  resumeRecording: null;
  /** The recording as a WebM file. */
  stopRecording: Blob;
  /** The element's snapshot, its live objects (tracks) left out. */
  getSnapshot: Record<string, unknown>;
}
export type FrameCommandResult<N extends FrameCommandName> = N extends keyof FrameCommandResults ? FrameCommandResults[N] : true;

const messageId = z.string().check(z.minLength(1), z.maxLength(64));
const version = z.literal(FRAME_API_VERSION);

const commandSchema = z.strictObject({ v: version, type: z.literal('command'), id: messageId, name: z.string().check(z.maxLength(64)), args: z.optional(z.array(z.unknown()).check(z.maxLength(8))) });

export const frameErrorSchema = z.strictObject({ code: z.number().check(z.int()), message: z.string() });
export type FrameError = z.infer<typeof frameErrorSchema>;

const replySchema = z.union([
  z.strictObject({ v: version, type: z.literal('reply'), id: messageId, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ v: version, type: z.literal('reply'), id: messageId, ok: z.literal(false), error: frameErrorSchema }),
]);

const eventSchema = z.strictObject({ v: version, type: z.literal('event'), name: z.string().check(z.minLength(1), z.maxLength(64)), data: z.unknown() });

/** What the parent may receive from the frame. */
export const frameMessageSchema = z.union([replySchema, eventSchema]);

export type FrameCommand = z.infer<typeof commandSchema>;
export type FrameReply = z.infer<typeof replySchema>;
export type FrameEvent = z.infer<typeof eventSchema>;
export type FrameMessage = z.infer<typeof frameMessageSchema>;

/** A command whose name and arguments check out, ready to run. */
export interface ValidCommand {
  id: string;
  name: FrameCommandName;
  args: unknown[];
}

export type CommandCheck = { ok: true; command: ValidCommand } | { ok: false; id?: string; error: FrameError };

function describe(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.message}`).join('; ');
}

/**
 * Checks a message received by the frame. Not a command of this version at all: `id` undefined
 * (there is no one to answer). An unknown command or bad arguments: a typed error for its `id`.
 */
export function checkCommand(data: unknown): CommandCheck {
  const envelope = commandSchema.safeParse(data);
  if (!envelope.success) {
    const id = typeof (data as { id?: unknown })?.id === 'string' && (data as { type?: unknown }).type === 'command' ? ((data as { id: string }).id.slice(0, 64) || undefined) : undefined;
    return { ok: false, id, error: { code: ErrorCode.INVALID_PARAMETER, message: describe(envelope.error.issues) } };
  }
  const { id, name } = envelope.data;
  const argsSchema = Object.hasOwn(COMMAND_ARGS, name) ? COMMAND_ARGS[name] : undefined;
  if (!argsSchema) return { ok: false, id, error: { code: ErrorCode.NOT_SUPPORTED, message: `unknown command "${name}"` } };
  const args = argsSchema.safeParse(envelope.data.args ?? []);
  if (!args.success) return { ok: false, id, error: { code: ErrorCode.INVALID_PARAMETER, message: `${name}: ${describe(args.error.issues)}` } };
  return { ok: true, command: { id, name: name as FrameCommandName, args: args.data as unknown[] } };
}

/** Parses what the parent received from the frame; undefined for anything else. */
export function parseFrameMessage(data: unknown): FrameMessage | undefined {
  const parsed = frameMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The origins the frame answers: the server's list of who may frame `/embed` (CSP
 * frame-ancestors sources), `'self'` standing for the frame's own origin. Other source kinds
 * (schemes, wildcards) never match: only exact origins are trusted with commands.
 */
export function allowedOrigins(sources: readonly string[], selfOrigin: string): string[] {
  return [...new Set(sources.map((s) => (s === "'self'" ? selfOrigin : s)).filter((s) => /^https?:\/\/[^/*]+$/.test(s)))];
}

/** Whether a message may command the frame: from the window that frames it, on an allowed origin. */
export function fromAllowedParent(e: { source: unknown; origin: string }, parent: unknown, allowed: readonly string[]): boolean {
  return e.source === parent && e.source !== null && allowed.includes(e.origin);
}

/** The id of the `<script type="application/json">` in `/embed` that lists the allowed frame-ancestors. */
export const FRAME_ORIGINS_ELEMENT_ID = 'meeting-frame-origins';
