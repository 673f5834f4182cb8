/**
 * The constraint a PostgreSQL unique violation (SQLSTATE 23505) broke, or undefined for any other
 * error. PGlite and node-postgres both carry `code` and `constraint` on the error.
 */
export function isUniqueViolation(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; constraint?: unknown };
  if (e.code !== '23505') return undefined;
  return typeof e.constraint === 'string' ? e.constraint : 'unknown';
}
