import type { MeetingBranding } from '../../protocol/branding.js';
import type { Db } from '../store/db.js';
import type { MeetingRow } from './meetings.js';

/** What a joining page shows of the meeting's tenant: a persistent room's own logo wins over the tenant's. */
export async function meetingBranding(db: Db, meeting: Pick<MeetingRow, 'tenant_id' | 'room_id'>): Promise<MeetingBranding> {
  const tenant = await db.selectFrom('tenants').select(['logo_url', 'accent_color']).where('id', '=', meeting.tenant_id).executeTakeFirst();
  const room = meeting.room_id
    ? await db.selectFrom('rooms').select('picture_uri').where('id', '=', meeting.room_id).where('tenant_id', '=', meeting.tenant_id).executeTakeFirst()
    : undefined;
  const logoUrl = room?.picture_uri || tenant?.logo_url;
  return { ...(logoUrl ? { logoUrl } : {}), ...(tenant?.accent_color ? { accentColor: tenant.accent_color } : {}) };
}
