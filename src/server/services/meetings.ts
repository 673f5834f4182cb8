import { randomBytes, randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import { ErrorCode } from '../../protocol/errors.js';
import {
  MeetingKind,
  MeetingStatus,
  meetingExtrasSchema,
  type CreateMeetingRequest,
  type EditMeetingRequest,
  type MeetingDto,
  type MeetingExtras,
} from '../../protocol/meeting.js';
import { Role } from '../../protocol/roles.js';
import { WebhookType, type WebhookMeetingBody } from '../../protocol/webhooks.js';
import { MeetingError } from '../errors.js';
import type { LivekitAdmin } from '../livekit/admin.js';
import type { Db } from '../store/db.js';
import { isUniqueViolation } from '../store/errors.js';
import type { MeetingTable } from '../store/schema.js';
import type { AccountService } from './accounts.js';
import { meetingLinkExpiry, type HostLinkSigner } from './host-links.js';
import { accountIdOf } from './identities.js';
import type { WebhookOutbox } from './webhooks.js';

export type MeetingRow = Selectable<MeetingTable>;

/** End reasons (API.md webhooks): 1 host ended, 2 all left, 3 over time, 4 ended by API. */
export const EndReason = { HOST: 1, ALL_LEFT: 2, TIMEOUT: 3, API: 4 } as const;

/**
 * The column holds 32-bit ids, while the API takes any Long (API.md): a larger id names no meeting,
 * and is answered so without asking the database (which would refuse the number).
 */
const STORED_ID_MAX = 2_147_483_647;
const storable = (ref: MeetingRef | MeetingQuery) => !('meetingUniqueId' in ref) || ref.meetingUniqueId === undefined || ref.meetingUniqueId <= STORED_ID_MAX;

export type MeetingRef = { meetingUniqueId: number } | { meetingId: string } | { shortId: string };

export interface MeetingQuery {
  meetingUniqueId?: number;
  meetingId?: string;
  minStartTime?: number;
  maxStartTime?: number;
  statusList?: number[];
  type?: MeetingKind;
  /** Only the meetings this account hosts. */
  hostAccount?: string;
  pageIndex: number;
  pageSize: number;
}

const CODE_ATTEMPTS = 8;
const LIVE: readonly MeetingStatus[] = [MeetingStatus.NOT_STARTED, MeetingStatus.IN_PROGRESS];
const STATUSES: readonly number[] = Object.values(MeetingStatus);
const KINDS: readonly number[] = Object.values(MeetingKind);
const isStatus = (n: number): n is MeetingStatus => STATUSES.includes(n);
const isKind = (n: number): n is MeetingKind => KINDS.includes(n);

/** A status number from a request or an import (their schemas bound it) as the enum. */
export function toStatus(n: number): MeetingStatus {
  if (!isStatus(n)) throw new MeetingError(ErrorCode.INVALID_PARAMETER, `Unknown meeting status ${n}`);
  return n;
}

export function toKind(n: number): MeetingKind {
  if (!isKind(n)) throw new MeetingError(ErrorCode.INVALID_PARAMETER, `Unknown meeting type ${n}`);
  return n;
}
const EXTRA_KEYS = Object.keys(meetingExtrasSchema.shape) as Array<keyof MeetingExtras>;

/** Meetings of a tenant: the life cycle of SPEC M1–M5. */
export class MeetingService {
  constructor(
    private readonly db: Db,
    private readonly links: HostLinkSigner,
    private readonly publicUrl: string,
    private readonly accounts: AccountService,
    private readonly livekit: LivekitAdmin,
    private readonly outbox: WebhookOutbox,
    /** How long a meeting in progress may overrun its scheduled end (the meeting clock's grace). */
    private readonly overrunGraceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates an instant (random 9-digit code), personal (the host's 10-digit id) or scheduled meeting. */
  async create(tenantId: number, req: CreateMeetingRequest, opts: { roomId?: string; host?: string | null } = {}): Promise<MeetingRow> {
    const hostId = req.host ?? opts.host ?? undefined;
    const host = hostId ? await this.accounts.get(tenantId, { accountId: hostId }) : undefined;
    if (req.type === MeetingKind.PERSONAL && !host) throw new MeetingError(ErrorCode.MISSING_PARAMETER, 'A personal meeting needs host (an accountId)');
    const now = this.now();
    // A meeting that would end before it could start is refused, not created and ended by the clock.
    if (req.endTime !== undefined && req.endTime !== -1 && req.endTime <= now) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'endTime is in the past');
    const extras = meetingExtrasSchema.parse(pick(req, EXTRA_KEYS));
    const base = {
      tenant_id: tenantId,
      kind: req.type,
      subject: req.subject,
      password: req.generatePassword ? generatedPassword() : (req.password ?? ''),
      status: MeetingStatus.NOT_STARTED,
      settings: JSON.stringify(req.settings ?? {}),
      extras: JSON.stringify(extras),
      host_account: host?.id ?? null,
      room_id: opts.roomId ?? null,
      short_id: req.type === MeetingKind.PERSONAL ? (host?.short_id ?? null) : null,
      start_time: new Date(req.type === MeetingKind.SCHEDULED ? req.startTime! : now),
      end_time: req.endTime !== undefined && req.endTime !== -1 ? new Date(req.endTime) : null,
    };
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = req.type === MeetingKind.PERSONAL ? host!.personal_meeting_id : String(randomInt(100_000_000, 1_000_000_000));
      const row = await this.db
        .insertInto('meetings')
        .values({ ...base, code, room_name: `mtg_${randomBytes(9).toString('base64url')}` })
        .onConflict((oc) => oc.column('code').where('status', 'in', LIVE).doNothing())
        .returningAll()
        .executeTakeFirst()
        .catch((err: unknown) => {
          if (isUniqueViolation(err) === 'meetings_live_short_id') throw new MeetingError(ErrorCode.MEETING_ID_TAKEN, `The short id ${base.short_id} is in use by a meeting that is not over`);
          throw err;
        });
      if (row) return row;
      if (req.type === MeetingKind.PERSONAL) throw new MeetingError(ErrorCode.MEETING_EXISTS, 'The personal meeting of this account is already open');
    }
    throw new MeetingError(ErrorCode.BUSY, 'Could not allocate a meeting code, try again');
  }

  /** A tenant's meeting by unique id, or by code or short id (the live one first, else the newest). */
  async get(tenantId: number, ref: MeetingRef): Promise<MeetingRow> {
    if (!storable(ref)) throw new MeetingError(ErrorCode.MEETING_NOT_FOUND);
    let q = this.db.selectFrom('meetings').selectAll().where('tenant_id', '=', tenantId);
    if ('meetingUniqueId' in ref) q = q.where('unique_id', '=', ref.meetingUniqueId);
    else if ('meetingId' in ref) q = q.where('code', '=', ref.meetingId);
    else q = q.where('short_id', '=', ref.shortId);
    const row = await q
      .orderBy((eb) => eb.case().when('status', 'in', LIVE).then(0).else(1).end())
      .orderBy('unique_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) throw new MeetingError(ErrorCode.MEETING_NOT_FOUND);
    return row;
  }

  async list(tenantId: number, q: MeetingQuery): Promise<{ rows: MeetingRow[]; total: number }> {
    if (!storable(q)) return { rows: [], total: 0 };
    let query = this.db.selectFrom('meetings').where('tenant_id', '=', tenantId);
    if (q.meetingUniqueId !== undefined) query = query.where('unique_id', '=', q.meetingUniqueId);
    if (q.meetingId !== undefined) query = query.where('code', '=', q.meetingId);
    if (q.minStartTime !== undefined) query = query.where('start_time', '>=', new Date(q.minStartTime));
    if (q.maxStartTime !== undefined) query = query.where('start_time', '<=', new Date(q.maxStartTime));
    if (q.statusList?.length) query = query.where('status', 'in', q.statusList.map(toStatus));
    if (q.type !== undefined) query = query.where('kind', '=', q.type);
    if (q.hostAccount !== undefined) query = query.where('host_account', '=', q.hostAccount);
    const { total } = await query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('start_time', 'desc')
      .orderBy('unique_id', 'desc')
      .limit(q.pageSize)
      .offset(q.pageIndex * q.pageSize)
      .execute();
    return { rows, total: Number(total) };
  }

  /** Edits a meeting that is not over (an ended, cancelled or recycled one answers 2025); answers it before and after. */
  async edit(tenantId: number, req: EditMeetingRequest): Promise<{ before: MeetingRow; after: MeetingRow }> {
    const row = await this.get(tenantId, { meetingUniqueId: req.meetingUniqueId });
    if (!LIVE.includes(row.status)) throw new MeetingError(ErrorCode.MEETING_NOT_MODIFIABLE, 'The meeting is over and cannot be modified');
    const start = req.startTime ?? row.start_time.getTime();
    const end = req.endTime === undefined ? (row.end_time?.getTime() ?? -1) : req.endTime;
    if (req.startTime !== undefined && row.status === MeetingStatus.IN_PROGRESS) {
      throw new MeetingError(ErrorCode.MEETING_IN_PROGRESS, 'The meeting is in progress: its start time cannot change');
    }
    if (end !== -1 && end <= start) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'endTime must be after startTime');
    // The stored end may already be past (a meeting overrunning in its grace); a new one may not.
    if (req.endTime !== undefined && req.endTime !== -1 && req.endTime !== row.end_time?.getTime() && req.endTime <= this.now()) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'endTime is in the past');
    const extras = meetingExtrasSchema.parse({ ...row.extras, ...pick(req, EXTRA_KEYS) });
    const after = await this.db
      .updateTable('meetings')
      .set({
        subject: req.subject,
        start_time: new Date(start),
        end_time: end === -1 ? null : new Date(end),
        ...(req.password !== undefined ? { password: req.password } : {}),
        ...(req.settings !== undefined ? { settings: JSON.stringify(req.settings) } : {}),
        extras: JSON.stringify(extras),
      })
      .where('unique_id', '=', row.unique_id)
      .where('status', 'in', LIVE)
      .returningAll()
      .executeTakeFirst();
    // It ended meanwhile.
    if (!after) throw new MeetingError(ErrorCode.MEETING_NOT_MODIFIABLE, 'The meeting is over and cannot be modified');
    return { before: row, after };
  }

  /** Cancels a meeting that has not started (SPEC M5: not started → cancelled). */
  async cancel(tenantId: number, meetingUniqueId: number): Promise<MeetingRow> {
    const row = await this.get(tenantId, { meetingUniqueId });
    if (row.status === MeetingStatus.IN_PROGRESS) throw new MeetingError(ErrorCode.MEETING_IN_PROGRESS, 'The meeting is in progress: end it instead');
    if (row.status !== MeetingStatus.NOT_STARTED) throw new MeetingError(ErrorCode.MEETING_NOT_MODIFIABLE, 'The meeting is already over');
    return this.transition(row, MeetingStatus.CANCELLED, null);
  }

  /**
   * Ends a meeting by API (reason 4), removing everyone from its room; with `recycle` it also goes
   * to recycled (its code is free either way once it is over). Ending one already over is 2021,
   * unless it is only being recycled.
   */
  async end(tenantId: number, ref: MeetingRef, recycle = false): Promise<MeetingRow> {
    const row = await this.get(tenantId, ref);
    if (LIVE.includes(row.status)) {
      const ended = await this.transition(row, recycle ? MeetingStatus.RECYCLED : MeetingStatus.ENDED, EndReason.API);
      if (row.status === MeetingStatus.IN_PROGRESS || row.room_started_at) await this.livekit.closeRoom(row.room_name);
      return ended;
    }
    if (recycle && (row.status === MeetingStatus.ENDED || row.status === MeetingStatus.CANCELLED)) {
      return this.transition(row, MeetingStatus.RECYCLED, row.end_reason);
    }
    throw new MeetingError(ErrorCode.MEETING_ENDED, row.status === MeetingStatus.RECYCLED ? 'The meeting was already recycled' : 'The meeting has already ended');
  }

  /**
   * Ends what is overdue (SPEC M5, reason 3 "over time"): meetings in progress past their maximum
   * duration or past their scheduled end plus a grace, and scheduled meetings nobody joined whose
   * end has passed. Answers how many it ended.
   */
  async endOverdue(limits: { maxDurationMs: number; overrunGraceMs: number }): Promise<number> {
    const now = this.now();
    const due = await this.db
      .selectFrom('meetings')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', MeetingStatus.IN_PROGRESS), eb('room_started_at', '<', new Date(now - limits.maxDurationMs))]),
          eb.and([eb('status', '=', MeetingStatus.IN_PROGRESS), eb('end_time', '<', new Date(now - limits.overrunGraceMs))]),
          eb.and([eb('status', '=', MeetingStatus.NOT_STARTED), eb('end_time', '<', new Date(now))]),
        ]),
      )
      .limit(100)
      .execute();
    let ended = 0;
    for (const row of due) {
      // Only as it was read: a host may have extended it (SPEC H11) or someone ended it meanwhile.
      const done = await this.db.transaction().execute((trx) => this.transitionIn(trx, row, MeetingStatus.ENDED, EndReason.TIMEOUT, { sameEnd: true }));
      if (!done) continue;
      ended++;
      if (row.status === MeetingStatus.IN_PROGRESS) await this.livekit.closeRoom(row.room_name);
    }
    return ended;
  }

  /**
   * After a restart, or when LiveKit's webhooks were lost (it retries them for only ~15 s): a
   * meeting in progress whose room LiveKit no longer has has ended (everyone left); a meeting not
   * started whose room LiveKit has open is in progress.
   */
  async reconcile(openRooms: readonly string[]): Promise<{ started: number; ended: number }> {
    const open = new Set(openRooms);
    const live = await this.db.selectFrom('meetings').selectAll().where('status', 'in', LIVE).execute();
    let started = 0;
    let ended = 0;
    for (const row of live) {
      if (row.status === MeetingStatus.IN_PROGRESS && !open.has(row.room_name)) {
        await this.transition(row, MeetingStatus.ENDED, EndReason.ALL_LEFT);
        ended++;
      } else if (row.status === MeetingStatus.NOT_STARTED && open.has(row.room_name)) {
        await this.markStarted(row.room_name, new Date(this.now()));
        started++;
      }
    }
    return { started, ended };
  }

  private async transition(row: MeetingRow, status: MeetingStatus, reason: number | null): Promise<MeetingRow> {
    const updated = await this.db.transaction().execute((trx) => this.transitionIn(trx, row, status, reason));
    // Someone else moved it first (a webhook, another call): answer from the state they left.
    return updated ?? (await this.get(row.tenant_id, { meetingUniqueId: row.unique_id }));
  }

  /** Moves a meeting on from the status it had in `row`, inside the caller's transaction. */
  private async transitionIn(trx: Db, row: MeetingRow, status: MeetingStatus, reason: number | null, opts: { sameEnd?: boolean } = {}): Promise<MeetingRow | undefined> {
    let query = trx
      .updateTable('meetings')
      .set({ status, ended_at: row.ended_at ?? new Date(this.now()), end_reason: reason })
      .where('unique_id', '=', row.unique_id)
      .where('status', '=', row.status);
    if (opts.sameEnd) query = row.end_time ? query.where('end_time', '=', row.end_time) : query.where('end_time', 'is', null);
    const next = await query
      .returningAll()
      .executeTakeFirst();
    if (next) await this.reportTransition(trx, row.status, next);
    return next;
  }

  /** The webhooks (SPEC M10) that a status change from `from` to `row.status` sends. */
  private async reportTransition(db: Db, from: MeetingStatus, row: MeetingRow): Promise<void> {
    const types: WebhookType[] = [];
    if (row.status === MeetingStatus.IN_PROGRESS) types.push(WebhookType.ROOM_STARTED);
    if (row.status === MeetingStatus.CANCELLED) types.push(WebhookType.CANCELLED);
    if (row.status === MeetingStatus.ENDED || (row.status === MeetingStatus.RECYCLED && LIVE.includes(from))) types.push(WebhookType.ROOM_ENDED);
    if (row.status === MeetingStatus.RECYCLED) types.push(WebhookType.RECYCLED);
    for (const msgType of types) await this.outbox.enqueue(db, row.tenant_id, { msgType, msgBody: this.webhookBody(row, msgType === WebhookType.ROOM_ENDED) });
  }

  /** Member joined or left (SPEC M10 types 5 and 6). */
  async reportMember(row: MeetingRow, msgType: typeof WebhookType.MEMBER_JOINED | typeof WebhookType.MEMBER_LEFT, identity: string, at: Date): Promise<void> {
    await this.outbox.enqueue(this.db, row.tenant_id, {
      msgType,
      msgBody: { ...this.webhookBody(row, false), time: at.getTime(), accountId: accountIdOf(identity), deviceId: '', roomUid: identity },
    });
  }

  private webhookBody(row: MeetingRow, withReason: boolean): WebhookMeetingBody {
    return {
      meetingUniqueId: row.unique_id,
      meetingId: row.code,
      ...(row.short_id ? { shortId: row.short_id } : {}),
      time: this.now(),
      type: row.kind,
      subject: row.subject,
      ...(row.kind === MeetingKind.SCHEDULED ? { reserveStartTime: row.start_time.getTime(), reserveEndTime: row.end_time?.getTime() } : {}),
      ...(row.room_started_at ? { roomCreateTime: row.room_started_at.getTime() } : {}),
      ...(withReason && row.end_reason ? { reason: row.end_reason } : {}),
    };
  }

  /** Not started or in progress (`valid` in `/v2/meeting/get`). */
  isLive(row: MeetingRow): boolean {
    return LIVE.includes(row.status);
  }

  /**
   * The live meeting with this code or short id, else the newest one that had the code (so the page
   * can say "ended"). Codes and short ids are unique among live meetings (the database enforces it),
   * and an import cannot bring one another tenant holds, so a live answer is never ambiguous.
   */
  async findByCode(code: string): Promise<MeetingRow | undefined> {
    return this.db
      .selectFrom('meetings')
      .selectAll()
      .where((eb) => eb.or([eb('code', '=', code), eb.and([eb('short_id', '=', code), eb('status', 'in', LIVE)])]))
      .orderBy((eb) => eb.case().when('status', 'in', LIVE).then(0).else(1).end())
      .orderBy('unique_id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async findById(meetingUniqueId: number): Promise<MeetingRow | undefined> {
    if (!storable({ meetingUniqueId })) return undefined;
    return this.db.selectFrom('meetings').selectAll().where('unique_id', '=', meetingUniqueId).executeTakeFirst();
  }

  /**
   * A host ended the meeting for all (SPEC H11, reason 1), in the control change's transaction;
   * the caller closes the LiveKit room after the commit.
   */
  async endByHost(trx: Db, row: MeetingRow): Promise<void> {
    if (this.isLive(row)) await this.transitionIn(trx, row, MeetingStatus.ENDED, EndReason.HOST);
  }

  /** A host extended the meeting (SPEC H11), in the control change's transaction. */
  async setEnd(trx: Db, row: MeetingRow, endsAt: number): Promise<void> {
    const res = await trx.updateTable('meetings').set({ end_time: new Date(endsAt) }).where('unique_id', '=', row.unique_id).where('status', 'in', LIVE).executeTakeFirst();
    // It ended meanwhile (the clock, the API): the whole change rolls back.
    if (res.numUpdatedRows === 0n) throw new MeetingError(ErrorCode.MEETING_ENDED);
  }

  /** A host renamed the meeting live (SPEC R8/H11), in the control change's transaction. */
  async rename(trx: Db, row: MeetingRow, subject: string): Promise<void> {
    await trx.updateTable('meetings').set({ subject }).where('unique_id', '=', row.unique_id).execute();
  }

  async findByRoomName(roomName: string): Promise<MeetingRow | undefined> {
    return this.db.selectFrom('meetings').selectAll().where('room_name', '=', roomName).executeTakeFirst();
  }

  /** LiveKit opened the meeting's room: not started → in progress. */
  async markStarted(roomName: string, at: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('meetings')
        .set({ status: MeetingStatus.IN_PROGRESS, room_started_at: at })
        .where('room_name', '=', roomName)
        .where('status', '=', MeetingStatus.NOT_STARTED)
        .returningAll()
        .executeTakeFirst();
      if (row) await this.reportTransition(trx, MeetingStatus.NOT_STARTED, row);
    });
  }

  /** LiveKit closed the room (everyone left and the departure timeout passed): → ended. */
  async markEnded(roomName: string, at: Date, reason: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('meetings')
        .set({ status: MeetingStatus.ENDED, ended_at: at, end_reason: reason })
        .where('room_name', '=', roomName)
        .where('status', 'in', LIVE)
        .returningAll()
        .executeTakeFirst();
      if (row) await this.reportTransition(trx, MeetingStatus.IN_PROGRESS, row);
    });
  }

  /** A link to the join page; the host link carries its signature. */
  joinLink(row: MeetingRow, role: Role): string {
    const url = new URL('/join', this.publicUrl);
    url.searchParams.set('code', row.code);
    if (role === Role.HOST) {
      const exp = meetingLinkExpiry(row, this.overrunGraceMs);
      url.searchParams.set('role', 'host');
      url.searchParams.set('exp', String(exp));
      url.searchParams.set('hk', this.links.sign(row.unique_id, Role.HOST, exp));
    }
    return url.toString();
  }

  toDto(row: MeetingRow, withLinks = true): MeetingDto {
    return {
      meetingUniqueId: row.unique_id,
      meetingId: row.code,
      ...(row.short_id ? { shortId: row.short_id } : {}),
      subject: row.subject,
      startTime: row.start_time.getTime(),
      endTime: row.end_time?.getTime() ?? -1,
      password: row.password,
      settings: row.settings,
      status: row.status,
      type: row.kind,
      ...meetingExtrasSchema.parse(row.extras),
      ...(withLinks ? { hostLink: this.joinLink(row, Role.HOST), guestLink: this.joinLink(row, Role.ATTENDEE) } : {}),
    };
  }
}

function pick<T extends object, K extends keyof T & string>(obj: T, keys: readonly string[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => (obj as Record<string, unknown>)[k] !== undefined).map((k) => [k, (obj as Record<string, unknown>)[k]])) as Partial<Pick<T, K>>;
}

/** Letters and digits nobody confuses (no 0/O, 1/l/I). */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A server-chosen join password: 10 characters, about 57 bits, so guessing is hopeless even across many addresses. */
export function generatedPassword(): string {
  return Array.from({ length: 10 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}
