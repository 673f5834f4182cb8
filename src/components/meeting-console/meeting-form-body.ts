import type { MeetingDto } from '../../protocol/meeting.js';

/** Form values ↔ the body of `/v2/meeting/create` and `/edit` (SPEC M1); framework-free, unit-tested. */

/** `datetime-local`'s value (local time, minutes) for an epoch ms. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const ROLES = ['host', 'attendee', 'audience'] as const;
type InviteeRole = (typeof ROLES)[number];

/** One invitee a line: `accountId` or `accountId role` (role host, attendee or audience). */
export function parseInvitees(text: string): Array<{ accountId: string; role: InviteeRole }> {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([id]) => !!id)
    .map(([accountId, role]) => ({ accountId: accountId!, role: ROLES.includes(role as InviteeRole) ? (role as InviteeRole) : 'attendee' }));
}

/** One agenda topic a line: `title` or `title: content`. */
export function parseTopics(text: string): Array<{ title: string; content: string }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      return at < 0 ? { title: line, content: '' } : { title: line.slice(0, at).trim(), content: line.slice(at + 1).trim() };
    });
}

export const inviteesText = (m?: Pick<MeetingDto, 'invitees'>) => (m?.invitees ?? []).map((i) => `${i.accountId} ${i.role}`).join('\n');
export const topicsText = (m?: Pick<MeetingDto, 'topics'>) => (m?.topics ?? []).map((t) => (t.content ? `${t.title}: ${t.content}` : t.title)).join('\n');

/** The request body from the form's fields (`FormData` of meeting-console-meeting-form). */
export function meetingBody(form: FormData, editing: boolean): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const checked = (name: string) => form.get(name) === 'on';
  const type = Number(text('type') || 1);
  const control = (kind: 'audio' | 'video') => ({ type: kind, attendeeOff: Number(text(`${kind}Off`) || 0), allowSelfOn: checked(`${kind}SelfOn`) });
  const maxHosts = text('maxHosts');
  const body: Record<string, unknown> = {
    subject: text('subject'),
    meetingType: Number(text('meetingType') || 2),
    definition: text('definition') || '480p',
    numberLimit: Number(text('numberLimit') || 200),
    isPublic: checked('isPublic'),
    waitingRoom: checked('waitingRoom'),
    settings: { controls: [control('audio'), control('video')], ...(maxHosts ? { scene: { roleTypes: [{ roleType: 2, maxCount: Number(maxHosts) }] } } : {}) },
    invitees: parseInvitees(text('invitees')),
    topics: parseTopics(text('topics')),
  };
  if (!editing) body.type = type;
  if (checked('generatePassword') && !editing) body.generatePassword = true;
  else if (editing || text('password')) body.password = text('password');
  if (type === 3 || (editing && text('startTime'))) {
    if (text('startTime')) body.startTime = new Date(text('startTime')).getTime();
    if (text('endTime')) body.endTime = new Date(text('endTime')).getTime();
  }
  return body;
}
