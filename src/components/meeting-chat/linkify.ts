/** A piece of a message: plain text, or a web address to link. */
export type Piece = { text: string; href?: string };

const ADDRESS = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/**
 * Splits a message into text and web addresses (http and https only: `javascript:` and the rest
 * stay text). Trailing punctuation is not part of an address. Nothing here is ever markup.
 */
export function linkify(message: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of message.matchAll(ADDRESS)) {
    let raw = m[0];
    const trailing = /[.,;:!?)\]}]+$/.exec(raw)?.[0] ?? '';
    raw = raw.slice(0, raw.length - trailing.length);
    let href: string | undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    if (m.index! > at) out.push({ text: message.slice(at, m.index) });
    out.push({ text: raw, href });
    at = m.index! + raw.length;
  }
  if (at < message.length) out.push({ text: message.slice(at) });
  return out;
}
