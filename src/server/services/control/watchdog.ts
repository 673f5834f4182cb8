import type { Logger } from 'pino';
import { ErrorCode } from '../../../protocol/errors.js';
import type { PublishedTrack, Source } from '../../../protocol/live.js';
import type { MeetingRow, MeetingService } from '../meetings.js';
import type { ControlService } from './control.js';
import { DEFAULT_CAPACITY, allowedSources, applyJoined, applyLeft, applyShareTakeover, applyViolation } from './rules.js';

const SOURCES_OF: Record<PublishedTrack['kind'], readonly Source[]> = {
  audio: ['microphone', 'screen_share_audio'],
  video: ['camera', 'screen_share'],
  other: [],
};

/**
 * Closes the gaps LiveKit leaves (DESIGN "LiveKit facts"): whoever joins without the server's
 * admission, or after a ban, is removed at once (a kicked client still holds tokens LiveKit
 * refreshed for it); a track whose kind does not match its declared source, or that the person's
 * policy forbids, gets its publisher removed and banned.
 */
export class Watchdog {
  constructor(
    private readonly meetings: MeetingService,
    private readonly control: ControlService,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** A track whose kind does not match its declared source is a violation whatever the policy says. */
  static relabelled(track: PublishedTrack): string | undefined {
    return track.source !== 'unknown' && SOURCES_OF[track.kind].includes(track.source) ? undefined : `a ${track.kind} track declared as ${track.source}`;
  }

  /** Expels at once, before any query, the publisher of a relabelled track (the ban follows). */
  expelIfRelabelled(roomName: string, identity: string, track: PublishedTrack): boolean {
    if (!Watchdog.relabelled(track)) return false;
    this.control.noteBan(roomName, identity);
    void this.control.expel(roomName, identity).catch((err) => this.log.warn({ err: String(err), identity }, 'could not expel'));
    return true;
  }

  /** Expels at once, before any query, a joiner this process banned; answers whether it did. */
  expelIfBannedHere(roomName: string, identity: string): boolean {
    if (!this.control.bannedHere(roomName, identity)) return false;
    void this.control.expel(roomName, identity).catch((err) => this.log.warn({ err: String(err), identity }, 'could not expel'));
    return true;
  }

  /**
   * Answers whether the joiner may stay: their admission must hold under the policy now (the
   * rules decide, under the meeting's lock, counting who is in); anyone else is expelled.
   */
  async onJoined(meeting: MeetingRow, identity: string, sid: string, at: Date): Promise<boolean> {
    let refused: number | undefined = this.meetings.isLive(meeting) ? undefined : ErrorCode.MEETING_ENDED;
    if (refused === undefined) {
      const capacity = meeting.extras.numberLimit ?? DEFAULT_CAPACITY;
      await this.control.mutate(meeting, (state) => {
        const outcome = applyJoined(state, identity, sid, at.getTime(), this.now(), capacity);
        refused = outcome.refused;
        return outcome;
      });
    } else {
      await this.control.expel(meeting.room_name, identity).catch((err) => this.log.warn({ err: String(err), identity }, 'could not expel'));
    }
    if (refused === undefined) return true;
    this.log.warn({ identity, room: meeting.room_name, code: refused }, 'watchdog removed a participant the server did not admit');
    await this.control.auditServer(meeting, 'watchdog-expel', identity, refused);
    return false;
  }

  /**
   * Answers whether this was the person's current connection. A session replaced by a second
   * device (LiveKit says DUPLICATE_IDENTITY) or an older one changes nothing: no hand-over of host.
   */
  async onLeft(meeting: MeetingRow, identity: string, sid: string, replaced: boolean): Promise<boolean> {
    if (replaced) return false;
    let left = false;
    await this.control.mutate(meeting, (state) => {
      const wasPresent = state.people.get(identity)?.present ?? false;
      const outcome = applyLeft(state, identity, this.now(), sid || null);
      left = wasPresent && outcome.presence.size > 0;
      return outcome;
    });
    return left;
  }

  async onTrackPublished(meeting: MeetingRow, identity: string, track: PublishedTrack): Promise<void> {
    await this.control.noteTrack(meeting, identity, track, true);
    const person = await this.control.admissionOf(meeting, identity);
    if (!person) return; // onJoined removes them
    const violation = Watchdog.relabelled(track);
    if (!violation) {
      const policy = await this.control.policy(meeting);
      if (!allowedSources(person, policy).some((s) => s === track.source)) {
        // LiveKit refuses sources missing from the permissions it holds, so a correctly labelled
        // forbidden track means LiveKit's copy lagged ours (a race, a lost update): an honest client
        // is not banned for that; the source is taken away again, which unpublishes the track.
        this.log.warn({ identity, source: track.source }, 'watchdog: forbidden source published; re-applying permissions');
        await this.control.sync(meeting.room_name, { policy, people: new Map([[identity, person]]) }, identity);
      }
      const others = track.source === 'screen_share' ? (await this.control.sharers(meeting)).filter((id) => id !== identity) : [];
      if (others.length > 0) await this.control.mutate(meeting, (state) => applyShareTakeover(state, identity, others, this.now()));
      return;
    }
    this.log.warn({ identity, room: meeting.room_name, violation }, 'watchdog: protocol violation, removing and banning');
    this.control.noteBan(meeting.room_name, identity);
    await Promise.all([this.control.expel(meeting.room_name, identity), this.control.mutate(meeting, (state) => applyViolation(state, identity, this.now()))]);
    await this.control.auditServer(meeting, 'watchdog-violation', identity, ErrorCode.REMOVED);
  }

  forgetRoom(roomName: string): void {
    this.control.forgetRoom(roomName);
  }

  async onTrackUnpublished(meeting: MeetingRow, identity: string, track: PublishedTrack): Promise<void> {
    await this.control.noteTrack(meeting, identity, track, false);
  }

  /** A (re)started room gets the stored policy again, so an SFU restart loses nothing. */
  async onRoomStarted(meeting: MeetingRow): Promise<void> {
    await this.control.pushPolicy(meeting).catch((err) => this.log.warn({ err: String(err) }, 'could not apply the policy to a new room'));
  }
}
