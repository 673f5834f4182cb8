import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { Session } from '../services/users.js';

/**
 * What a management call may touch (auth `management`): the tenant's own server (no session) and
 * the tenant's admins, everything of the tenant; any other signed-in person, what they own.
 */
export const mayManage = (session: Session | undefined, ownerId: string | null): boolean => !session || session.isAdmin || session.accountId === ownerId;

export function ensureManages(session: Session | undefined, ownerId: string | null, what: 'meeting' | 'room'): void {
  if (!mayManage(session, ownerId)) throw new MeetingError(ErrorCode.NO_PERMISSION, `Only the ${what === 'meeting' ? 'host' : 'owner'} or a tenant admin may manage this ${what}`);
}

export function ensureAdmin(session: Session | undefined): void {
  if (session && !session.isAdmin) throw new MeetingError(ErrorCode.NO_PERMISSION, 'Only a tenant admin may do this');
}

/** The account a call acts for: the one named, which a person may name only as themselves (admins: anyone); by default, the person. */
export function actingAccount(session: Session | undefined, named: string | undefined): string | undefined {
  if (!session) return named;
  if (named !== undefined && named !== session.accountId && !session.isAdmin) throw new MeetingError(ErrorCode.NO_PERMISSION, 'You can act only as yourself');
  return named ?? session.accountId;
}

/** Whose meetings or rooms a list shows: a person's own, unless they are an admin. */
export const listedOwner = (session: Session | undefined): string | undefined => (session && !session.isAdmin ? session.accountId : undefined);
