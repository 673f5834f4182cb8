import { z } from 'zod';
import { CHAT_FILE_NAME_MAX, CHAT_MAX_LENGTH, type ChatFile, type ChatMessage } from './chat.js';

/** A file announced in the chat; its size limit is the server's setting, checked by the chat service. */
export const chatFileSchema: z.ZodType<ChatFile> = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'A file needs a name')
    .max(CHAT_FILE_NAME_MAX, `A file name is at most ${CHAT_FILE_NAME_MAX} characters`)
    // eslint-disable-next-line no-control-regex
    .refine((n) => !/[/\\\u0000-\u001f\u007f]/.test(n) && n !== '.' && n !== '..', 'A file name is a plain name, without folders or control characters'),
  size: z.number().int('A file size is whole bytes').min(1, 'The file is empty'),
  type: z
    .string()
    .max(127)
    .regex(/^([\w.+-]+\/[\w.+-]+)?$/, 'A file type is a MIME type such as image/png')
    .transform((t) => t.toLowerCase()),
  stream: z.string().regex(/^[\w-]{8,64}$/, 'A stream id is 8 to 64 letters, digits, _ or -'),
});

/**
 * `POST /api/meetings/:id/chat`: the text (trimmed, up to 10 000 characters; may be empty with a
 * file) and, for a private message, whom to.
 */
export const chatSendSchema = z
  .strictObject({
    text: z.string().trim().max(CHAT_MAX_LENGTH, `A message is at most ${CHAT_MAX_LENGTH} characters`).default(''),
    to: z.string().min(1).max(128).nullable().optional(),
    file: chatFileSchema.optional(),
  })
  .refine((b) => b.text !== '' || b.file !== undefined, { message: 'Write something first', path: ['text'] });

export const chatMessageSchema: z.ZodType<ChatMessage> = z.strictObject({
  id: z.number().int(),
  from: z.string(),
  fromName: z.string(),
  to: z.string().nullable(),
  text: z.string(),
  at: z.number(),
  file: chatFileSchema.optional(),
});

export const chatHistorySchema = z.array(chatMessageSchema);
