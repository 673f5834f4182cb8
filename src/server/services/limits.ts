import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';

export interface LimitOptions {
  /** Joins per client address per minute. */
  joinsPerClient: number;
  /** Joins per meeting per minute. */
  joinsPerMeeting: number;
  /** Joins to one meeting worked on at once (the rest wait their turn in memory). */
  joinsInFlightPerMeeting: number;
  /** How many times as long as a join took its meeting's lane rests before the next one (JoinLanes). */
  joinLaneRest: number;
  /** Failed meeting-code lookups per client per 10 minutes. */
  lookupFailuresPerClient: number;
  /** Refused host actions per caller per minute. */
  refusedActionsPerCaller: number;
  /** Open waiting-room streams per ticket, per client, and in all. */
  streams: { perTicket: number; perClient: number; total: number };
  /** Open meeting sockets per client, and in all. */
  sockets: { perClient: number; total: number };
}

/**
 * Who a client is for the limits, from the address Express derived (`TRUST_PROXY` decides whether
 * a forwarded header counts). An IPv6 client owns at least a /64, so the whole prefix is one client;
 * an IPv4-mapped address is its IPv4 address.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return mapped;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const tooMany = (msg: string) => new MeetingError(ErrorCode.TOO_MANY_REQUESTS, msg);

/** Consumes a point; past the limit, 510. */
async function take(limiter: RateLimiterMemory, key: string, msg: string, refused?: (res: RateLimiterRes) => void): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    refused?.(err);
    throw tooMany(msg);
  }
}

const MEETING_BUSY = 'Too many people are joining this meeting at once: try again in a minute';

/** Whether a key has used up its points (a failure limit refuses before the next try, not after). */
async function exhausted(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  const res = await limiter.get(key);
  return !!res && res.remainingPoints <= 0;
}

/**
 * The abuse limits that need no database: counters in this process (each replica limits what
 * reaches it). The join-password limit is the database's (services/join.ts), as it must hold across
 * replicas and under concurrency.
 */
export class Limits {
  private readonly joinsByClient: RateLimiterMemory;
  private readonly joinsByMeeting: RateLimiterMemory;
  private readonly lookupFailures: RateLimiterMemory;
  private readonly refusedActions: RateLimiterMemory;
  /** Join lanes (a code or room as the request names it) whose meeting is over its minute, until when. */
  private readonly closedLanes = new Map<string, number>();
  readonly joinLanes: JoinLanes;
  readonly streams: StreamGate;
  readonly sockets: SocketGate;

  constructor(opts: LimitOptions) {
    this.joinsByClient = new RateLimiterMemory({ points: opts.joinsPerClient, duration: 60 });
    this.joinsByMeeting = new RateLimiterMemory({ points: opts.joinsPerMeeting, duration: 60 });
    this.lookupFailures = new RateLimiterMemory({ points: opts.lookupFailuresPerClient, duration: 600 });
    this.refusedActions = new RateLimiterMemory({ points: opts.refusedActionsPerCaller, duration: 60 });
    this.streams = new StreamGate(opts.streams);
    this.sockets = new SocketGate(opts.sockets);
    this.joinLanes = new JoinLanes(opts.joinsInFlightPerMeeting, opts.joinLaneRest, opts.joinsPerMeeting);
  }

  joinFromClient(client: string): Promise<void> {
    return take(this.joinsByClient, client, 'Too many joins from your address: try again in a minute');
  }

  /**
   * `place` is the meeting or room being joined, `lane` how the request named it (see `laneOpen`).
   * Refused, the lane is closed for as long as the place's limit lasts.
   */
  joinToMeeting(place: string, lane: string): Promise<void> {
    return take(this.joinsByMeeting, place, MEETING_BUSY, (res) => {
      if (this.closedLanes.size > 10_000) this.closedLanes.clear();
      this.closedLanes.set(lane, Date.now() + res.msBeforeNext);
    });
  }

  /**
   * Before any database work: a join naming a code or room whose meeting was just refused for its
   * minute limit is refused the same way at once (a flood costs no lookup once over the limit).
   */
  laneOpen(lane: string): void {
    const until = this.closedLanes.get(lane);
    if (until === undefined) return;
    if (until > Date.now()) throw tooMany(MEETING_BUSY);
    this.closedLanes.delete(lane);
  }

  /** Before a lookup by code: a client with too many misses is refused whether the code exists or not. */
  async lookupAllowed(client: string): Promise<void> {
    if (await exhausted(this.lookupFailures, client)) throw tooMany('Too many unknown meeting codes: try again later');
  }

  async lookupFailed(client: string): Promise<void> {
    await this.lookupFailures.consume(client).catch(() => undefined);
  }

  /** Before a host action: a caller refused too often is refused at once, without an audit row. */
  async actionAllowed(meetingId: number, identity: string): Promise<void> {
    if (await exhausted(this.refusedActions, `${meetingId}:${identity}`)) throw tooMany('Too many refused actions: try again in a minute');
  }

  async actionRefused(meetingId: number, identity: string): Promise<void> {
    await this.refusedActions.consume(`${meetingId}:${identity}`).catch(() => undefined);
  }
}

/**
 * At most `width` joins to one lane (meeting) are worked on at once; the others wait their turn in
 * memory, in order. One meeting's flood then holds only that many places in the database's queue
 * (PGlite's one connection, a PostgreSQL pool), and other meetings' requests do not wait behind it.
 * After each join a lane rests `restFactor` times as long as the join took before it takes the next
 * one: one meeting's joins get at most 1 / (1 + restFactor) of the server's time, so that a flood
 * into one meeting (from many addresses, each under its own limit) leaves the others their share.
 * A lone joiner does not notice: the rest is over long before the next one comes. The rest is at
 * most `maxRestMs` (a join slowed by LiveKit or a busy database does not stall its meeting), and
 * at most `maxQueued` wait in a lane (a minute's worth of joins): past that a join is refused at once.
 */
export class JoinLanes {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly width: number,
    private readonly restFactor = 0,
    private readonly maxQueued = Infinity,
    private readonly maxRestMs = 250,
  ) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { running: 0, queue: [], restUntil: 0, timer: undefined }));
    if (lane.queue.length >= this.maxQueued) throw tooMany(MEETING_BUSY);
    const mine = lane;
    await new Promise<void>((resolve) => {
      mine.queue.push(resolve);
      this.pump(key, mine);
    });
    const started = performance.now();
    try {
      return await work();
    } finally {
      mine.running--;
      const now = performance.now();
      mine.restUntil = Math.max(mine.restUntil, now + Math.min((now - started) * this.restFactor, this.maxRestMs));
      this.pump(key, mine);
    }
  }

  /** Lets the next in line in once the lane has a free place and has rested; forgets an idle lane after its rest. */
  private pump(key: string, lane: Lane): void {
    if (lane.timer) {
      // An idle lane's rest does not keep the process alive; one with someone waiting does.
      if (lane.queue.length > 0) lane.timer.ref();
      return;
    }
    const wait = lane.restUntil - performance.now();
    if (wait >= 1) {
      if (lane.queue.length === 0 && lane.running > 0) return;
      lane.timer = setTimeout(() => {
        lane.timer = undefined;
        this.pump(key, lane);
      }, wait);
      if (lane.queue.length === 0) lane.timer.unref();
      return;
    }
    while (lane.running < this.width && lane.queue.length > 0) {
      lane.running++;
      lane.queue.shift()!();
    }
    if (lane.running === 0 && lane.queue.length === 0) this.lanes.delete(key);
  }
}

interface Lane {
  running: number;
  queue: (() => void)[];
  /** `performance.now()` before which the lane takes nobody new. */
  restUntil: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** A limit on open things: what counts as one holder of places, how many each may hold, and the refusal past it. */
interface PlaceLimit {
  key: string;
  max: number;
  full: string;
}

/** Counts open things (streams, sockets) per holder and in all; `take` refuses past any limit. */
class Places {
  private total = 0;
  private readonly held = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly full: string,
  ) {}

  /** Takes a place under every limit at once, or throws 510; the returned function gives it back (once). */
  take(limits: PlaceLimit[]): () => void {
    if (this.total >= this.max) throw tooMany(this.full);
    for (const l of limits) if ((this.held.get(l.key) ?? 0) >= l.max) throw tooMany(l.full);
    this.total++;
    for (const l of limits) bump(this.held, l.key, 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.total--;
      for (const l of limits) bump(this.held, l.key, -1);
    };
  }
}

/** Open waiting-room streams per ticket, per client and in all. */
export class StreamGate {
  private readonly places: Places;

  constructor(private readonly max: LimitOptions['streams']) {
    this.places = new Places(max.total, 'Too many people are waiting right now: try again shortly');
  }

  open(ticket: string, client: string): () => void {
    return this.places.take([
      { key: `client ${client}`, max: this.max.perClient, full: 'Too many waiting-room streams from your address' },
      { key: `ticket ${ticket}`, max: this.max.perTicket, full: 'This ticket is already being waited on: close the other page' },
    ]);
  }
}

/** Open meeting sockets (routes/meeting-socket.ts) per client and in all. */
export class SocketGate {
  private readonly places: Places;

  constructor(private readonly max: LimitOptions['sockets']) {
    this.places = new Places(max.total, 'Too many meeting sockets are open right now');
  }

  open(client: string): () => void {
    return this.places.take([{ key: client, max: this.max.perClient, full: 'Too many meeting sockets from your address' }]);
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
