import type { Room } from 'livekit-client';
import { REACTION_SHOWN_MS, REACTION_TOPIC, isReaction, type Emoji, type Reaction } from '../protocol/reactions.js';
import type { MeetingApi, Seat } from './meeting-api.js';
import { listen, type MeetingPart, type PartHost } from './part.js';

/** How many reaction ids a page remembers to show each reaction once. */
const REMEMBERED = 200;

/**
 * Reactions (SPEC R6): the `reactions` slice, the ones on screen now (one per person, the newest),
 * each for `REACTION_SHOWN_MS`. They come from the server only (relayed over LiveKit with no
 * participant as sender); mine go to the server, which limits how fast anyone may react.
 */
export class Reactions implements MeetingPart {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly seen: string[] = [];

  constructor(
    private readonly host: PartHost<'reactions'>,
    private readonly api: MeetingApi,
    private readonly onReaction: (reaction: Reaction) => void,
    private readonly shownMs = REACTION_SHOWN_MS,
  ) {}

  attach(room: Room): () => void {
    return listen(room, {
      dataReceived: (payload, participant, _kind, topic, _encryption, senderIdentity) => {
        // Anyone can send on any topic: only the server's packets are reactions.
        if (topic !== REACTION_TOPIC || participant || senderIdentity) return;
        try {
          const r = JSON.parse(new TextDecoder().decode(payload)) as Reaction;
          if (typeof r?.id === 'string' && typeof r.from === 'string' && typeof r.fromName === 'string' && isReaction(r.emoji)) this.show(r);
        } catch {
          // not a reaction
        }
      },
    });
  }

  /** Sends through the server; shows it at once (the relay that follows is the same reaction). */
  async send(seat: Seat, emoji: Emoji): Promise<Reaction> {
    const reaction = await this.api.reaction(seat, { emoji });
    this.show(reaction);
    return reaction;
  }

  reset(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.host.set({ reactions: Object.freeze([]) });
  }

  private show(r: Reaction): void {
    if (this.seen.includes(r.id)) return;
    this.seen.push(r.id);
    if (this.seen.length > REMEMBERED) this.seen.shift();
    const shown = Object.freeze({ id: r.id, from: r.from, fromName: r.fromName, emoji: r.emoji, at: r.at });
    this.host.set({ reactions: Object.freeze([...this.host.snapshot.reactions.filter((x) => x.from !== r.from), shown]) });
    clearTimeout(this.timers.get(r.from));
    this.timers.set(
      r.from,
      setTimeout(() => {
        this.timers.delete(r.from);
        this.host.set({ reactions: Object.freeze(this.host.snapshot.reactions.filter((x) => x.id !== r.id)) });
      }, this.shownMs),
    );
    this.onReaction(shown);
  }
}
