import { headers } from "next/headers";

/**
 * This console's public origin, for INFERENCEKEY_BASE_URL hints: NEXTAUTH_URL when set (the
 * server sets it at start), else the request's forwarded host.
 */
export async function consoleOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
