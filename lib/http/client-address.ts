// Who is calling, for audit events. X-Forwarded-For is written by whoever sends the request, so it is
// believed only as far as the operator says there are proxies of their own in front of the console
// (IK_TRUSTED_PROXY_HOPS, default 0: the socket's peer is the client). server.ts replaces the
// header with the one address this returns before any handler reads it.

/** The client address: the socket peer, or with `trustedHops` proxies in front, the address that the
 * outermost trusted proxy saw (counted from the right of X-Forwarded-For). */
export function resolveClientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string | undefined {
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = socketAddress ? [...listed, socketAddress] : listed;
  if (!chain.length) return undefined;
  // The last entry is the socket peer (a proxy when trustedHops > 0); each trusted hop vouches for the one before it.
  const at = Math.max(0, chain.length - 1 - trustedHops);
  return chain[at].replace(/^::ffff:/, "").slice(0, 64);
}
