import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { CHAT_HISTORY, type ChatFile, type ChatMessage } from '../../protocol/chat.js';
import { CHAT_TOPIC, ChatPolicy } from '../../protocol/control.js';
import { ErrorCode } from '../../protocol/errors.js';
import { isModerator } from '../../protocol/roles.js';
import { MeetingError } from '../errors.js';
import type { LivekitAdmin } from '../livekit/admin.js';
import type { Db } from '../store/db.js';
import type { ChatMessageTable } from '../store/schema.js';
import type { Caller, ControlService } from './control/control.js';
import { inRoom, type Person } from './control/rules.js';

/** Messages a person may send in a burst, and the window it refills over (seconds). */
const BURST = 10;
const BURST_SECONDS = 10;

/**
 * The meeting's chat (SPEC R5), relayed by the server: it decides who may write to whom (the
 * live policy's `chat`, hosts always), stores each message with its meeting, and hands it to
 * LiveKit for everyone or for the two people of a private message. Pages take chat only from the
 * server, so a client writing on the chat topic itself reaches nobody's chat. A file is announced
 * here like a message (the same rules, plus the size limit); its bytes go from the sender over
 * LiveKit, and pages take only streams the server announced.
 */
export class ChatService {
  private readonly bursts = new RateLimiterMemory({ points: BURST, duration: BURST_SECONDS });

  constructor(
    private readonly db: Db,
    private readonly control: ControlService,
    private readonly livekit: LivekitAdmin,
    private readonly log: Logger,
    /** The largest file, in MB (the setting `CHAT_FILE_MAX_MB`). */
    private readonly fileMaxMb: number,
  ) {}

  async send(caller: Caller, body: { text: string; to?: string | null; file?: ChatFile }): Promise<ChatMessage> {
    const meeting = caller.meeting;
    const me = await this.inMeeting(caller);
    const to = body.to ?? null;
    const file = body.file;
    if (file && file.size > this.fileMaxMb * 1024 * 1024) {
      const tooLarge = new MeetingError(ErrorCode.INVALID_PARAMETER, `Files are at most ${this.fileMaxMb} MB`);
      tooLarge.details = { maxMb: this.fileMaxMb };
      throw tooLarge;
    }
    if (to === me.identity) throw new MeetingError(ErrorCode.INVALID_PARAMETER, 'Write to someone else, or to everyone');
    const recipient = to === null ? undefined : await this.control.admissionOf(meeting, to);
    if (to !== null && (!recipient || !recipient.present || !inRoom(recipient))) throw new MeetingError(ErrorCode.MEMBER_NOT_IN_MEETING, 'That person is not in the meeting');
    if (!isModerator(me.role)) {
      const { chat } = await this.control.policy(meeting);
      if (chat === ChatPolicy.OFF) throw new MeetingError(ErrorCode.TURNED_OFF_BY_HOST, 'The host turned the chat off');
      if (chat === ChatPolicy.HOSTS && !(recipient && isModerator(recipient.role))) {
        throw new MeetingError(ErrorCode.TURNED_OFF_BY_HOST, 'The host allows messages to hosts only');
      }
    }
    try {
      await this.bursts.consume(`${meeting.unique_id}:${me.identity}`);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new MeetingError(ErrorCode.TOO_MANY_REQUESTS, 'You are sending messages too fast: wait a few seconds');
      throw err;
    }
    const row = await this.db
      .insertInto('chat_messages')
      .values({
        meeting_id: meeting.unique_id,
        sender: me.identity,
        sender_name: me.name,
        recipient: to,
        text: body.text,
        file_name: file?.name ?? null,
        file_size: file?.size ?? null,
        file_type: file?.type ?? null,
        file_stream: file?.stream ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const message = asMessage(row);
    // Stored, the message is not lost when LiveKit does not take it: pages read it in the history.
    await this.livekit.sendData(meeting.room_name, CHAT_TOPIC, message, to === null ? undefined : [to, me.identity]).catch((err) => this.log.warn({ err: String(err), room: meeting.room_name }, 'LiveKit did not relay a chat message'));
    return message;
  }

  /** What this person may read of the meeting's chat: messages to everyone, and their own private ones. */
  async history(caller: Caller): Promise<ChatMessage[]> {
    const me = await this.inMeeting(caller);
    const rows = await this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('meeting_id', '=', caller.meeting.unique_id)
      .where((eb) => eb.or([eb('recipient', 'is', null), eb('recipient', '=', me.identity), eb('sender', '=', me.identity)]))
      .orderBy('id', 'desc')
      .limit(CHAT_HISTORY)
      .execute();
    return rows.reverse().map(asMessage);
  }

  /**
   * Only people let in take part: in the room now, or just let in and connecting (LiveKit's word of
   * their arrival may come after their first call). Not who left, was removed or waits (waiting-room
   * people have no token at all).
   */
  private async inMeeting(caller: Caller): Promise<Person> {
    const me = await this.control.admissionOf(caller.meeting, caller.identity);
    if (!me || !inRoom(me) || !(me.present || me.joinedAt === null)) throw new MeetingError(ErrorCode.MEMBER_NOT_IN_MEETING, 'Join the meeting first');
    return me;
  }
}

function asMessage(r: Selectable<ChatMessageTable>): ChatMessage {
  const message = { id: r.id, from: r.sender, fromName: r.sender_name, to: r.recipient, text: r.text, at: r.created_at.getTime() };
  if (r.file_name === null || r.file_size === null || r.file_type === null || r.file_stream === null) return message;
  return { ...message, file: { name: r.file_name, size: r.file_size, type: r.file_type, stream: r.file_stream } };
}
