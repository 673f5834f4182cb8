import { msg, str } from './localize.js';
import type { Emoji } from '../../protocol/reactions.js';

/** What each reaction is called, for screen readers and tooltips. */
export function reactionName(emoji: Emoji): string {
  switch (emoji) {
    case '👍':
      return msg('Thumbs up', { id: 'reaction.thumbs-up' });
    case '👏':
      return msg('Applause', { id: 'reaction.clap' });
    case '😂':
      return msg('Laughing', { id: 'reaction.laugh' });
    case '❤️':
      return msg('Heart', { id: 'reaction.heart' });
    case '🎉':
      return msg('Celebration', { id: 'reaction.party' });
    case '😮':
      return msg('Surprised', { id: 'reaction.surprised' });
  }
}

/** The live region's words for someone's reaction. */
export function reactedText(name: string, emoji: Emoji): string {
  return msg(str`${name} reacted: ${reactionName(emoji)}`, { id: 'announce.reaction' });
}
