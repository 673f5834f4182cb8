/** A signed-in person's LiveKit identity is their account id behind this prefix (one identity per account, SPEC J6). */
export const ACCOUNT_PREFIX = 'a_';

export const accountIdentity = (accountId: string): string => `${ACCOUNT_PREFIX}${accountId}`;

/** The account a member event names (API.md webhooks): a signed-in person's account id, else their identity. */
export const accountIdOf = (identity: string): string => (identity.startsWith(ACCOUNT_PREFIX) ? identity.slice(ACCOUNT_PREFIX.length) : identity);
