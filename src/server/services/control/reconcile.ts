import type { Logger } from 'pino';
import type { LivekitAdmin } from '../../livekit/admin.js';
import type { MeetingService } from '../meetings.js';
import type { LiveStore } from './live-store.js';
import { applyLeft, inRoom } from './rules.js';
import type { ControlService } from './control.js';
import type { Watchdog } from './watchdog.js';
import { Periodic } from '../periodic.js';

/**
 * The watchdog must not fail open when a webhook is lost (LiveKit retries for ~15 s) or arrives
 * while the server is down: at start and then every `intervalMs`, each open room's participants
 * are compared with the admissions. A connection the server has not seen is judged as a join
 * would be (the rules decide, under the meeting's lock: admitted and valid now, or expelled); one
 * the server holds as present but LiveKit no longer has is taken as gone.
 */
export class Reconciler {
  private readonly periodic = new Periodic(
    async () => void (await this.run()),
    this.intervalMs,
    (err) => this.log.warn({ err: String(err) }, 'reconcile failed'),
  );

  constructor(
    private readonly meetings: MeetingService,
    private readonly store: LiveStore,
    private readonly control: ControlService,
    private readonly watchdog: Watchdog,
    private readonly livekit: LivekitAdmin,
    private readonly log: Logger,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** One pass over every open room; answers how many connections were expelled. */
  async run(): Promise<number> {
    let expelled = 0;
    let rooms;
    try {
      rooms = await this.livekit.listRooms();
    } catch (err) {
      this.log.warn({ err: String(err) }, 'could not list LiveKit rooms to reconcile participants');
      return 0;
    }
    for (const room of rooms) {
      try {
        expelled += await this.room(room.name);
      } catch (err) {
        this.log.warn({ err: String(err), room: room.name }, 'could not reconcile a room');
      }
    }
    if (expelled) this.log.warn({ expelled }, 'reconcile expelled participants the server did not admit');
    return expelled;
  }

  private async room(roomName: string): Promise<number> {
    const meeting = await this.meetings.findByRoomName(roomName);
    if (!meeting) return 0; // not one of ours
    // The admissions first: whoever they show present was in LiveKit before its list was taken.
    const people = await this.store.people(meeting);
    const connected = await this.livekit.listParticipants(roomName);
    const known = new Map(people.map((p) => [p.identity, p]));
    let expelled = 0;
    for (const c of connected) {
      const p = known.get(c.identity);
      if (p && p.present && p.sid === c.sid && inRoom(p)) continue;
      if (!(await this.watchdog.onJoined(meeting, c.identity, c.sid, new Date(c.joinedAt || this.now())))) expelled++;
    }
    const held = new Set(connected.map((c) => c.identity));
    for (const p of people) {
      if (p.present && !held.has(p.identity)) await this.control.mutate(meeting, (state) => applyLeft(state, p.identity, this.now(), p.sid));
    }
    return expelled;
  }

  /** The first periodic pass comes one interval after start (the start-up pass is the caller's). */
  start(): void {
    this.periodic.start(this.intervalMs);
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
