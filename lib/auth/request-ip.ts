/** The client address for audit events. server.ts has already replaced X-Forwarded-For with the one
 * address it believes (lib/http/client-address.ts); X-Real-IP is a fallback for other hosts. */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined> | undefined): string | null {
  if (!headers) return null;
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const first = get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = first || get("x-real-ip")?.trim();
  return ip ? ip.slice(0, 64) : null;
}
