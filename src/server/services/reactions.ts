import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ChatPolicy } from '../../protocol/control.js';
import { ErrorCode } from '../../protocol/errors.js';
import { REACTION_BURST, REACTION_TOPIC, REACTION_WINDOW_SECONDS, type Emoji, type Reaction } from '../../protocol/reactions.js';
import { isModerator } from '../../protocol/roles.js';
import { MeetingError } from '../errors.js';
import type { LivekitAdmin } from '../livekit/admin.js';
import { burstLimit } from './bursts.js';
import type { Caller, ControlService } from './control/control.js';
import { inRoom } from './control/rules.js';

/**
 * Reactions (SPEC R6), relayed by the server to the whole room: it checks that the sender is in
 * the meeting, that the host has not turned the chat off for attendees (reactions are part of the
 * conversation), and the person's rate. Not stored: a reaction is only shown for a moment.
 */
export class ReactionService {
  private readonly take = burstLimit(REACTION_BURST, REACTION_WINDOW_SECONDS, 'You are reacting too fast: wait a few seconds');

  constructor(
    private readonly control: ControlService,
    private readonly livekit: LivekitAdmin,
    private readonly log: Logger,
  ) {}

  async send(caller: Caller, emoji: Emoji): Promise<Reaction> {
    const meeting = caller.meeting;
    const me = await this.control.admissionOf(meeting, caller.identity);
    if (!me || !inRoom(me) || !(me.present || me.joinedAt === null)) throw new MeetingError(ErrorCode.MEMBER_NOT_IN_MEETING, 'Join the meeting first');
    if (!isModerator(me.role) && (await this.control.policy(meeting)).chat === ChatPolicy.OFF) {
      throw new MeetingError(ErrorCode.TURNED_OFF_BY_HOST, 'The host turned the chat and reactions off');
    }
    await this.take(`${meeting.unique_id}:${me.identity}`);
    const reaction: Reaction = { id: randomUUID(), from: me.identity, fromName: me.name, emoji, at: Date.now() };
    await this.livekit.sendData(meeting.room_name, REACTION_TOPIC, reaction).catch((err) => this.log.warn({ err: String(err), room: meeting.room_name }, 'LiveKit did not relay a reaction'));
    return reaction;
  }
}
