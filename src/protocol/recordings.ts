import { z } from 'zod';
import { meetingUniqueIdSchema as uniqueId } from './meeting.js';

export const recordListSchema = z.strictObject({ meetingUniqueId: uniqueId });
export const recordDeleteSchema = z.strictObject({ meetingUniqueId: uniqueId, filename: z.string().min(1).max(255) });

/** One file of a recording (API.md `record/list`, webhook `fileInfo`). */
export const recordingFileSchema = z.strictObject({
  accountId: z.string().optional(),
  filename: z.string(),
  md5: z.string(),
  size: z.number().int(),
  type: z.string().describe('"mp4", "aac", "webm" …'),
  url: z.string(),
  mix: z.union([z.literal(1), z.literal(2)]).describe('1 mixed, 2 single'),
  pieceIndex: z.number().int(),
});
export type RecordingFile = z.infer<typeof recordingFileSchema>;
