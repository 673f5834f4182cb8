/**
 * A copy of `value` that `postMessage` can carry: plain objects, arrays, primitives and dates;
 * anything else (tracks, elements, functions, class instances) is left out, and so is what lies
 * deeper than `depth`. Events and the snapshot hold live objects, which would make postMessage throw.
 */
export function cloneable(value: unknown, depth = 8): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (depth <= 0) return undefined;
  if (value instanceof Date) return new Date(value.getTime());
  // A recording or a file: postMessage carries it as it is.
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value;
  if (Array.isArray(value)) return value.map((item) => cloneable(item, depth - 1) ?? null);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const copy = cloneable(item, depth - 1);
    if (copy !== undefined) out[key] = copy;
  }
  return out;
}
