import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';

/** Addresses a tenant's callback URL may not reach: the server's own side of the network. */
const inside = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  inside.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  inside.addSubnet(net, prefix, 'ipv6');
}

export function isInsideAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return inside.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Decides whether a callback URL may be called (issue 10, SSRF): every address its host resolves
 * to must be public, unless the host is on the operator's allow-list (`host` or `host:port`).
 * Checked when the URL is set and again at each delivery, on the addresses actually connected to.
 */
export class CallbackGuard {
  private readonly allowed: Set<string>;

  constructor(allowHosts: readonly string[] = []) {
    this.allowed = new Set(allowHosts.map((h) => h.trim().toLowerCase()).filter(Boolean));
  }

  isAllowListed(url: URL): boolean {
    return this.allowed.has(url.host.toLowerCase()) || this.allowed.has(url.hostname.toLowerCase());
  }

  /** Refuses (300) a URL that is not http(s) or whose host resolves to an inside address. */
  async check(raw: string): Promise<URL> {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused(raw, 'is not http or https');
    if (url.username || url.password) throw refused(raw, 'carries credentials');
    if (this.isAllowListed(url)) return url;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await resolveAll(host).catch(() => [] as string[]);
    if (addresses.length === 0) throw refused(raw, 'does not resolve');
    const bad = addresses.find(isInsideAddress);
    if (bad) throw refused(raw, `resolves to ${bad}, which is not a public address`);
    return url;
  }

  /**
   * A `lookup` for node:http that resolves, refuses inside addresses and connects only to the
   * addresses it checked (so a name cannot change between the check and the connection).
   */
  readonly lookup = (hostname: string, options: { all?: boolean }, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void => {
    lookup(hostname, { all: true, verbatim: true })
      .then((found) => {
        const bad = found.find((f) => isInsideAddress(f.address));
        if (bad) throw refused(hostname, `resolves to ${bad.address}, which is not a public address`);
        if (options.all) callback(null, found);
        else callback(null, found[0]!.address, found[0]!.family);
      })
      .catch((err: Error) => callback(err, ''));
  };
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((f) => f.address);
}

function refused(url: string, why: string): MeetingError {
  return new MeetingError(ErrorCode.INVALID_PARAMETER, `The callback URL ${url} ${why}; callbacks go to public addresses only`);
}
