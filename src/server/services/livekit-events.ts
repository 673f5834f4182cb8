import type { Logger } from 'pino';
import type { LivekitEvent, LivekitWebhookVerifier } from '../livekit/webhooks.js';
import type { Db } from '../store/db.js';
import { WebhookType } from '../../protocol/webhooks.js';
import type { Watchdog } from './control/watchdog.js';
import { EndReason, type MeetingService } from './meetings.js';

/** The events acted on; the rest (track muted, egress …) are not even recorded. */
const HANDLED = new Set(['room_started', 'room_finished', 'participant_joined', 'participant_left', 'track_published', 'track_unpublished']);

/**
 * LiveKit's webhooks in: verified by the adapter, de-duplicated by event id (LiveKit retries), and
 * applied to meeting status and admissions.
 */
export class LivekitWebhookHandler {
  constructor(
    private readonly db: Db,
    private readonly meetings: MeetingService,
    private readonly watchdog: Watchdog,
    private readonly log: Logger,
    private readonly verifier: LivekitWebhookVerifier,
  ) {}

  /** Parses and verifies a webhook; throws when the signature or the body is wrong. */
  verify(rawBody: string, authorization: string | undefined): Promise<LivekitEvent> {
    return this.verifier.verify(rawBody, authorization);
  }

  /** Applies an event once; answers whether it was new. */
  async process(event: LivekitEvent): Promise<boolean> {
    // The watchdog's fast path: a banned client's rejoin, or a relabelled track, goes out before
    // the event is even recorded (the database work follows).
    const room = event.room;
    const who = event.participant?.identity;
    if (room && who && event.event === 'participant_joined') this.watchdog.expelIfBannedHere(room, who);
    if (room && who && event.event === 'track_published' && event.track) this.watchdog.expelIfRelabelled(room, who, event.track);
    if (!HANDLED.has(event.event)) return false;
    const inserted = await this.db
      .insertInto('livekit_events')
      .values({ event_id: event.id, event: event.event })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 0n) return false;
    try {
      await this.apply(event);
    } catch (err) {
      // Forget it, so that LiveKit's retry is applied rather than taken for a duplicate.
      await this.db.deleteFrom('livekit_events').where('event_id', '=', event.id).execute().catch(() => undefined);
      throw err;
    }
    return true;
  }

  private async apply(event: LivekitEvent): Promise<void> {
    const roomName = event.room;
    if (!roomName) return;
    const at = event.at;
    this.log.info({ event: event.event, room: roomName, participant: event.participant?.identity }, 'livekit event');
    const meeting = await this.meetings.findByRoomName(roomName);
    if (!meeting) return;
    const participant = event.participant;
    const identity = participant?.identity;
    switch (event.event) {
      case 'room_started':
        await this.meetings.markStarted(roomName, at);
        await this.watchdog.onRoomStarted(meeting);
        break;
      case 'room_finished':
        await this.meetings.markEnded(roomName, at, EndReason.ALL_LEFT);
        this.watchdog.forgetRoom(roomName);
        break;
      case 'participant_joined':
        if (identity && (await this.watchdog.onJoined(meeting, identity, participant!.sid, new Date(participant!.connectedAt ?? Date.now())))) {
          await this.meetings.markStarted(roomName, at);
          await this.meetings.reportMember(meeting, WebhookType.MEMBER_JOINED, identity, at);
        }
        break;
      case 'participant_left':
        if (identity && (await this.watchdog.onLeft(meeting, identity, participant!.sid, participant!.replaced))) {
          await this.meetings.reportMember(meeting, WebhookType.MEMBER_LEFT, identity, at);
        }
        break;
      case 'track_published':
        if (identity && event.track) await this.watchdog.onTrackPublished(meeting, identity, event.track);
        break;
      case 'track_unpublished':
        if (identity && event.track) await this.watchdog.onTrackUnpublished(meeting, identity, event.track);
        break;
    }
  }
}
