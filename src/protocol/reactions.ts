/** The emoji a person may react with (SPEC R6): the server refuses any other. */
export const REACTIONS = ['👍', '👏', '😂', '❤️', '🎉', '😮'] as const;
export type Emoji = (typeof REACTIONS)[number];

export const isReaction = (value: unknown): value is Emoji => (REACTIONS as readonly unknown[]).includes(value);

/** Reactions, relayed by the server: pages take them only when the server sent them. */
export const REACTION_TOPIC = 'meeting.reaction';

/** How long a reaction shows on the sender's tile (ms). */
export const REACTION_SHOWN_MS = 4000;

/** Reactions a person may send in a burst, and the window it refills over (seconds). */
export const REACTION_BURST = 5;
export const REACTION_WINDOW_SECONDS = 10;

/** A reaction as the server relayed it. No zod here: the browser reads it. */
export interface Reaction {
  /** Unique per reaction: a page shows each once (it may come both as the answer and as the relay). */
  readonly id: string;
  readonly from: string;
  readonly fromName: string;
  readonly emoji: Emoji;
  /** When the server took it (ms since epoch). */
  readonly at: number;
}
