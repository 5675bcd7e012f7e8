import net from 'node:net';

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) → `10.0.0.1`; strips `[v6]:port` and `v4:port` that some proxies write. */
function plainAddress(raw: string): string | null {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  return net.isIP(a) ? a : null;
}

/** Parses one TRUSTED_PROXIES entry (an address or CIDR range) into `list`; false when it is neither. */
export function addProxy(list: net.BlockList, entry: string): boolean {
  const [addr, bits, ...rest] = entry.split('/');
  const family = net.isIP(addr);
  if (!family || rest.length) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (bits === undefined) {
    list.addAddress(addr, type);
    return true;
  }
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix <= (family === 4 ? 32 : 128))) return false;
  list.addSubnet(addr, prefix, type);
  return true;
}

/**
 * The address a request is counted against (rate limits). The socket's peer, unless that peer is a trusted proxy:
 * then the right-most X-Forwarded-For entry that is not itself a trusted proxy, since everything left of it was
 * written by the client and can be anything. A malformed entry there leaves the proxy's own address.
 */
export function clientAddressOf(trustedProxies: string[]) {
  const trusted = new net.BlockList();
  for (const p of trustedProxies) addProxy(trusted, p);
  const isTrusted = (a: string) => trusted.check(a, net.isIP(a) === 6 ? 'ipv6' : 'ipv4');
  return (socketAddress: string | undefined, forwardedFor: string | undefined): string => {
    const peer = plainAddress(socketAddress ?? '') ?? '127.0.0.1';
    if (!trustedProxies.length || !forwardedFor || !isTrusted(peer)) return peer;
    const hops = forwardedFor.split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = plainAddress(hops[i]);
      if (!hop) return peer;
      if (!isTrusted(hop)) return hop;
    }
    return plainAddress(hops[0]) ?? peer; // every hop a proxy of ours: the furthest one is the client
  };
}
