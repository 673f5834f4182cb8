import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { LivePolicy, ShareRequest } from '../../protocol/control.js';
import type { AdmissionStatus } from '../../protocol/live.js';
import type { MeetingExtras, MeetingKind, MeetingSettings, MeetingStatus } from '../../protocol/meeting.js';
import type { Role } from '../../protocol/roles.js';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface TenantTable {
  id: Generated<number>;
  name: string;
  app_key: string;
  app_secret: string;
  callback_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** Origins whose pages may embed the tenant's meetings (JSON array of `scheme://host[:port]`). */
  embed_origins: ColumnType<string[], string | undefined, string>;
  /** The logo its meetings show ("" = none). */
  logo_url: ColumnType<string, string | undefined, string>;
  /** `#rrggbb` for its meetings' accent ("" = the theme's). */
  accent_color: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface MeetingTable {
  unique_id: Generated<number>;
  tenant_id: number;
  code: string;
  room_name: string;
  kind: MeetingKind;
  subject: string;
  password: string;
  status: MeetingStatus;
  settings: JSONColumnType<MeetingSettings>;
  extras: JSONColumnType<Partial<MeetingExtras>>;
  short_id: string | null;
  room_id: ColumnType<string | null, string | null | undefined, string | null>;
  host_account: string | null;
  start_time: Date;
  end_time: Date | null;
  room_started_at: Date | null;
  ended_at: Date | null;
  end_reason: number | null;
  created_at: CreatedAt;
}

/** Everyone the server let into a meeting's LiveKit room, and what LiveKit told us of them. */
export interface AdmissionTable {
  id: Generated<number>;
  meeting_id: number;
  identity: string;
  name: string;
  role: Role;
  // Refreshed by each new admission (a new token), see live-store.ts.
  admitted_at: ColumnType<Date, Date | undefined, Date>;
  joined_at: Date | null;
  left_at: Date | null;
  /** `admitted`, `waiting` (holds a ticket, no token) or `rejected` (SPEC J5). */
  status: ColumnType<AdmissionStatus, AdmissionStatus | undefined, AdmissionStatus>;
  banned: ColumnType<boolean, boolean | undefined, boolean>;
  /** Owner or holder of a signed host link: may claim host (SPEC H5). */
  may_host: ColumnType<boolean, boolean | undefined, boolean>;
  hand_at: ColumnType<string | null, number | null | undefined, number | null>;
  share: ColumnType<ShareRequest, ShareRequest | undefined, ShareRequest>;
  mic_allowed: ColumnType<boolean, boolean | undefined, boolean>;
  cam_allowed: ColumnType<boolean, boolean | undefined, boolean>;
  ticket_hash: string | null;
  waiting_since: Date | null;
  /** LiveKit's session id of the connection we last saw join. */
  sid: string | null;
  /** The screen share track they publish now, from LiveKit's track webhooks. */
  screen_track: ColumnType<string | null, string | null | undefined, string | null>;
  /** The client address the admission came from (a ban signal for the meeting's life). */
  client: ColumnType<string | null, string | null | undefined, string | null>;
  /** Banned with "block this device": nobody joins from `client` for the meeting's life. */
  block_device: ColumnType<boolean, boolean | undefined, boolean>;
  /** Joined listen-only (SPEC J4): may publish nothing until they ask to join with audio. */
  listen_only: ColumnType<boolean, boolean | undefined, boolean>;
  /** Records the meeting in their browser now (SPEC R9). */
  recording: ColumnType<boolean, boolean | undefined, boolean>;
}

/** The id of a subject's key generation, mixed into its host links' signature: rotating it revokes the older links. */
export interface HostKeyTable {
  subject: string;
  key_id: string;
}

export interface MeetingLiveTable {
  meeting_id: number;
  policy: JSONColumnType<LivePolicy>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ControlAuditTable {
  id: Generated<number>;
  meeting_id: number;
  actor: string;
  action: string;
  target: string | null;
  code: number;
  at: CreatedAt;
}

export interface PasswordFailureTable {
  subject: string;
  client: string;
  failures: number;
  window_start: Date;
}

export interface AccountTable {
  id: string;
  tenant_id: number;
  im_accid: string | null;
  token: string;
  personal_meeting_id: string;
  short_id: string | null;
  login_name: ColumnType<string | null, string | null | undefined, string | null>;
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  display_name: ColumnType<string | null, string | null | undefined, string | null>;
  is_admin: ColumnType<boolean, boolean | undefined, boolean>;
  /** A portal user's profile, as the portal last sent it to `/v1/sso/login`. */
  avatar: ColumnType<string | null, string | null | undefined, string | null>;
  job: ColumnType<string | null, string | null | undefined, string | null>;
  level: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface SessionTable {
  sid_hash: string;
  account_id: string;
  tenant_id: number;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface LoginAttemptTable {
  bucket: string;
  hits: number;
  window_start: Date;
}

export interface JoinCodeTable {
  code_hash: string;
  account_id: string;
  tenant_id: number;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface ChatMessageTable {
  id: Generated<number>;
  meeting_id: number;
  sender: string;
  sender_name: string;
  recipient: string | null;
  text: string;
  /** A file the message announced (all four set, or none): its bytes went over LiveKit only. */
  file_name: string | null;
  file_size: number | null;
  file_type: string | null;
  file_stream: string | null;
  created_at: CreatedAt;
}

/** A portal's one-time sign for one of its users and one meeting (SPEC M9). */
export interface SsoSignTable {
  sign_hash: string;
  tenant_id: number;
  /** None: a sign-in sign for `/v1/sso/login`, which opens no meeting. */
  meeting_id: number | null;
  account: string;
  user_name: string | null;
  avatar: string | null;
  role: Role;
  created_at: CreatedAt;
  expires_at: Date;
  spent_at: Date | null;
}

export interface UsedNonceTable {
  tenant_id: number;
  nonce: string;
  expires_at: Date;
}

export interface LivekitEventTable {
  event_id: string;
  event: string;
  received_at: CreatedAt;
}

export interface WebhookOutboxTable {
  id: Generated<number>;
  tenant_id: number;
  msg_type: number;
  body: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_status: string | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  created_at: CreatedAt;
}

export interface RoomTable {
  id: string;
  tenant_id: number;
  owner_id: string | null;
  room_type: number;
  name: string;
  descr: ColumnType<string, string | undefined, string>;
  picture_uri: ColumnType<string, string | undefined, string>;
  definition: ColumnType<string, string | undefined, string>;
  number_limit: ColumnType<number, number | undefined, number>;
  is_public: ColumnType<boolean, boolean | undefined, boolean>;
  password: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  deleted_at: Date | null;
}

export interface RoomMemberTable {
  room_id: string;
  user_id: string;
}

export interface RecordingTable {
  id: Generated<number>;
  meeting_id: number;
  account_id: string | null;
  filename: string;
  md5: string;
  /** bigint comes back as a string from PostgreSQL. */
  size: ColumnType<string, number, number>;
  type: string;
  url: string;
  mix: number;
  piece_index: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface Database {
  tenants: TenantTable;
  meetings: MeetingTable;
  admissions: AdmissionTable;
  meeting_live: MeetingLiveTable;
  control_audit: ControlAuditTable;
  password_failures: PasswordFailureTable;
  accounts: AccountTable;
  used_nonces: UsedNonceTable;
  login_attempts: LoginAttemptTable;
  livekit_events: LivekitEventTable;
  webhook_outbox: WebhookOutboxTable;
  rooms: RoomTable;
  room_members: RoomMemberTable;
  sessions: SessionTable;
  join_codes: JoinCodeTable;
  sso_signs: SsoSignTable;
  recordings: RecordingTable;
  host_keys: HostKeyTable;
  chat_messages: ChatMessageTable;
}
