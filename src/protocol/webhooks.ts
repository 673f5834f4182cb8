/** Outgoing webhook `msgType`s (API.md "Webhooks"). */
export const WebhookType = {
  ROOM_STARTED: 1,
  CANCELLED: 2,
  ROOM_ENDED: 3,
  RECYCLED: 4,
  MEMBER_JOINED: 5,
  MEMBER_LEFT: 6,
  RECORDING: 7,
} as const;
export type WebhookType = (typeof WebhookType)[keyof typeof WebhookType];

export interface WebhookMeetingBody {
  meetingUniqueId: number;
  meetingId: string;
  shortId?: string;
  time: number;
  type?: number;
  subject?: string;
  reserveStartTime?: number;
  reserveEndTime?: number;
  roomCreateTime?: number;
  reason?: number;
  accountId?: string;
  deviceId?: string;
  roomUid?: string;
  /** Recording events: the file, as in `record/list`. */
  fileInfo?: import('./recordings.js').RecordingFile;
}

export interface WebhookMessage {
  msgType: WebhookType;
  msgBody: WebhookMeetingBody;
}

/** Waits between delivery attempts (SPEC M10): retried after 2 s, 4 s, 6 s, 1 h, 1 h. */
export const WEBHOOK_RETRY_DELAYS_MS = [2_000, 4_000, 6_000, 3_600_000, 3_600_000] as const;
