import type { Room } from 'livekit-client';
import type { ChatFile, ChatMessage } from '../protocol/chat.js';
import { CHAT_TOPIC } from '../protocol/control.js';
import type { MeetingApi, Seat } from './meeting-api.js';
import { listen, type MeetingPart, type PartHost } from './part.js';

/** The chat as this page has it: messages in the server's order, and how many I have not read. */
export interface ChatState {
  readonly messages: readonly ChatMessage[];
  readonly unread: number;
}

export const initialChat: ChatState = Object.freeze({ messages: Object.freeze([]), unread: 0 });

/**
 * The chat (SPEC R5): the `chat` slice. Messages come from the server only (relayed over LiveKit
 * with no participant as sender, and as the history at join); what I write goes to the server,
 * which decides whether it may be sent.
 */
export class Chat implements MeetingPart {
  /** Someone reads the chat now (its panel is open): new messages are not unread. */
  private reading = false;

  constructor(
    private readonly host: PartHost<'chat'>,
    private readonly api: MeetingApi,
    private readonly seat: () => Seat | undefined,
    private readonly onMessage: (message: ChatMessage) => void,
  ) {}

  attach(room: Room): () => void {
    return listen(room, {
      dataReceived: (payload, participant, _kind, topic, _encryption, senderIdentity) => {
        // Anyone can send on any topic: only the server's packets are chat.
        if (topic !== CHAT_TOPIC || participant || senderIdentity) return;
        let message: ChatMessage;
        try {
          message = JSON.parse(new TextDecoder().decode(payload)) as ChatMessage;
        } catch {
          return;
        }
        if (typeof message?.id !== 'number' || typeof message.text !== 'string') return;
        if (this.merge([message]) && message.from !== this.host.snapshot.me?.identity) this.onMessage(message);
      },
    });
  }

  /** At join (and after a reload), the history the server kept for me. */
  connected(): void {
    const seat = this.seat();
    if (!seat) return;
    this.api.chatHistory(seat).then(
      (messages) => this.merge(messages, false),
      () => undefined,
    );
  }

  /** Sends (or announces a file) through the server; answers the stored message (a refusal is thrown as `MeetingClientError`). */
  async send(seat: Seat, body: { text: string; to: string | null; file?: ChatFile }): Promise<ChatMessage> {
    const message = await this.api.chat(seat, body);
    this.merge([message], false);
    return message;
  }

  /** The chat is on screen (or not): on screen, everything in it is read. */
  setReading(reading: boolean): void {
    this.reading = reading;
    if (reading && this.host.snapshot.chat.unread) this.host.set({ chat: Object.freeze({ ...this.host.snapshot.chat, unread: 0 }) });
  }

  reset(): void {
    this.host.set({ chat: initialChat });
  }

  /** Adds what is new, in id order; answers whether anything was. Others' new messages count as unread. */
  private merge(incoming: readonly ChatMessage[], countUnread = true): boolean {
    const { messages, unread } = this.host.snapshot.chat;
    const known = new Set(messages.map((m) => m.id));
    const fresh = incoming.filter((m) => !known.has(m.id)).map((m) => Object.freeze({ ...m }));
    if (fresh.length === 0) return false;
    const me = this.host.snapshot.me?.identity;
    const newUnread = countUnread && !this.reading ? fresh.filter((m) => m.from !== me).length : 0;
    this.host.set({ chat: Object.freeze({ messages: Object.freeze([...messages, ...fresh].sort((a, b) => a.id - b.id)), unread: unread + newUnread }) });
    return true;
  }
}
