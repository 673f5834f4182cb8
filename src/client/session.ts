import type { Room } from 'livekit-client';
import type { JoinGrant, JoinRequest } from '../protocol/join.js';
import type { SocketPush } from '../protocol/meeting-socket.js';
import { EngineEvent } from './livekit-values.js';
import type { MeetingApi, Seat } from './meeting-api.js';
import { listen, type MeetingPart, type PartHost } from './part.js';
import { roleOf } from './participants.js';
import { guestKey } from './permissions.js';
import { grantFromToken } from './token-grant.js';

/** How to enter: join-link parameters resolved by the meeting server, or a ready LiveKit token. */
export type JoinSource = { kind: 'link'; server: string; params: JoinRequest } | { kind: 'token'; serverUrl: string; token: string };

/** How long after the join the meeting socket is opened: the meeting's first frames come first (issue 12 part 9). */
const SOCKET_AFTER_JOIN_MS = 1_500;

/** A token older than this is fetched again at the Join click (tokens live 10 minutes). */
const GRANT_FRESH_MS = 8 * 60 * 1000;

/**
 * Who I am in which meeting, and with what right: the grant (from the link or the token), the
 * waiting room, and the newest token. Its slice: `meeting`, `me`, `waitingPosition`.
 */
export class Session implements MeetingPart {
  private source?: JoinSource;
  private grant?: JoinGrant;
  private grantAt = 0;
  private waitAbort?: AbortController;
  private renewal: Promise<void> = Promise.resolve();
  /** The newest token: the join token, then each one LiveKit refreshes (the bearer for the server). */
  private bearer = '';

  constructor(
    private readonly host: PartHost<'meeting' | 'me' | 'waitingPosition'>,
    private readonly api: MeetingApi,
    /** What the server pushes on the meeting socket (a host muted me). */
    private readonly hear: (push: SocketPush) => void = () => undefined,
  ) {}

  get token(): string {
    return this.bearer;
  }

  get prepared(): boolean {
    return this.source !== undefined;
  }

  /** A waiting ticket instead of a token: a host must let me in first (SPEC J5). */
  get mustWait(): boolean {
    return !!this.grant?.waitingTicket && this.source?.kind === 'link';
  }

  /** Where the meeting server knows me, when I came through it (not with a bare token). */
  get seat(): Seat | undefined {
    const server = this.source?.kind === 'link' ? this.source.server : undefined;
    const meetingId = this.grant?.meeting.meetingUniqueId;
    return server && meetingId ? { server, meetingId, token: this.bearer } : undefined;
  }

  attach(room: Room): () => void {
    const onToken = (token: string) => (this.bearer = token);
    // The engine it has now: after a disconnect `room.engine` is gone, and unwiring must not throw (Rejoin, a new code).
    const engine = room.engine;
    engine.on(EngineEvent.TokenRefreshed, onToken);
    // The meeting socket is held while I am in the room (on the pre-join screen there may be no token
    // yet), opened a moment after the join so that the meeting's first frames come first.
    let release: (() => void) | undefined;
    let soon: ReturnType<typeof setTimeout> | undefined;
    const letGo = () => {
      clearTimeout(soon);
      release?.();
      release = undefined;
    };
    const off = listen(room, {
      connected: () => {
        clearTimeout(soon);
        soon = setTimeout(() => (release ??= this.api.hold?.(() => this.seat, this.hear)), SOCKET_AFTER_JOIN_MS);
      },
      disconnected: letGo,
    });
    return () => {
      engine.off(EngineEvent.TokenRefreshed, onToken);
      off();
      letGo();
    };
  }

  /** My role and name as the server wrote them into the room. */
  refresh(room: Room): void {
    const me = this.host.snapshot.me;
    if (!me) return;
    const role = roleOf(room.localParticipant);
    const name = room.localParticipant.name || me.name;
    if (me.role !== role || me.name !== name) this.host.set({ me: { ...me, role, name } });
  }

  reset(): void {
    this.grant = undefined;
  }

  async prepare(source: JoinSource): Promise<void> {
    this.source = source;
    await this.fetchGrant();
  }

  /** Warms the connection to the SFU before the Join click. */
  warm(room: Room): void {
    if (this.grant?.token) void room.prepareConnection(this.grant.serverUrl, this.grant.token).catch(() => undefined);
  }

  /**
   * At the Join click: a new grant when the name changed or the token is stale; a ticket is asked
   * for again with the name, so hosts see who waits. One at a time: a renewal under way (the name
   * typed, `renewName`) is waited for, and what it brought counts.
   */
  renew(name?: string): Promise<void> {
    const run = this.renewal.then(() => this.renewNow(name));
    this.renewal = run.catch(() => undefined);
    return run;
  }

  /** The name typed before the click: the grant with it, asked for now, so that the click need not (a waiting ticket is renewed at the click only). */
  renewName(name: string): Promise<void> {
    if (this.grant?.waitingTicket !== undefined || !name.trim()) return Promise.resolve();
    return this.renew(name);
  }

  private async renewNow(name?: string): Promise<void> {
    const source = this.source;
    const wantedName = name?.trim();
    const stale = Date.now() - this.grantAt > GRANT_FRESH_MS;
    const waits = this.grant?.waitingTicket !== undefined;
    if (source?.kind === 'link' && ((wantedName && wantedName !== this.grant?.name) || stale || waits)) {
      this.source = { ...source, params: { ...source.params, name: wantedName || this.grant?.name } };
      await this.fetchGrant();
    }
  }

  /** The server let me join with audio: a new grant is no longer listen-only either. */
  joinedWithAudio(): void {
    if (this.source?.kind === 'link') this.source = { ...this.source, params: { ...this.source.params, lo: undefined } };
    const me = this.host.snapshot.me;
    if (me) this.host.set({ me: { identity: me.identity, name: me.name, role: me.role, roleDowngraded: me.roleDowngraded } });
  }

  /** The waiting room: no token, no media; the decision comes over server-sent events. */
  async waitToBeAdmitted(): Promise<void> {
    if (this.source?.kind !== 'link' || !this.grant?.waitingTicket) return;
    this.host.set({ waitingPosition: undefined });
    this.waitAbort = new AbortController();
    const grant = await this.api.wait(this.source.server, this.grant.waitingTicket, (position) => this.host.set({ waitingPosition: position }), this.waitAbort.signal);
    this.waitAbort = undefined;
    this.useGrant(grant);
  }

  stopWaiting(): void {
    this.waitAbort?.abort();
  }

  /** What is received is the view part's choice (the videos on screen, all audio): `all` when it wants everything. */
  connect(room: Room, all: boolean): Promise<void> {
    return room.connect(this.grant!.serverUrl, this.grant!.token, { autoSubscribe: all });
  }

  private async fetchGrant(): Promise<void> {
    const source = this.source!;
    if (source.kind === 'token') return this.useGrant(grantFromToken(source.serverUrl, source.token));
    const params = source.params.jc || source.params.sign ? source.params : { ...source.params, gk: guestKey() };
    const grant = await this.api.join(source.server, params);
    // A join code or a portal's sign is spent by the join; the next join (a new name, a stale token) uses the one the grant brought.
    if (grant.joinCode) this.source = { ...source, params: { ...source.params, jc: grant.joinCode } };
    if (grant.sign) this.source = { ...source, params: { ...source.params, sign: grant.sign } };
    this.useGrant(grant);
  }

  private listenOnly(): boolean {
    const lo = this.source?.kind === 'link' ? this.source.params.lo : undefined;
    return lo !== undefined && lo !== false && String(lo) !== '0';
  }

  private useGrant(grant: JoinGrant): void {
    this.grant = grant;
    this.bearer = grant.token;
    this.grantAt = Date.now();
    this.host.set({
      meeting: grant.meeting.meetingId ? grant.meeting : undefined,
      me: { identity: grant.identity, name: grant.name, role: grant.role, roleDowngraded: grant.roleDowngraded, ...(this.listenOnly() ? { listenOnly: true } : {}) },
    });
  }
}
