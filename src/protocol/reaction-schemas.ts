import { z } from 'zod';
import { REACTIONS, type Reaction } from './reactions.js';

/** `POST /api/meetings/:id/reaction`: one emoji of the allowed set. */
export const reactionSendSchema = z.strictObject({
  emoji: z.enum(REACTIONS, { error: `A reaction is one of ${REACTIONS.join(' ')}` }),
});

export const reactionSchema: z.ZodType<Reaction> = z.strictObject({
  id: z.string(),
  from: z.string(),
  fromName: z.string(),
  emoji: z.enum(REACTIONS),
  at: z.number(),
});
