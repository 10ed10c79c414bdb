// Next answers a bare 500 when a dynamic segment is not decodable percent-encoded UTF-8 (%zz, %C3,
// %ED%A0%80): the custom server refuses such /api/ paths first with a typed 400.
import type { ServerResponse } from "node:http";

export function isDecodablePath(url: string): boolean {
  const q = url.indexOf("?");
  const path = q >= 0 ? url.slice(0, q) : url;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function refuseUndecodablePath(res: ServerResponse): void {
  const body = JSON.stringify({ error: "bad_request", message: "the URL path is not valid percent-encoded UTF-8" });
  res.writeHead(400, { "Content-Type": "application/json", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** Workload ids are newId("wl") values; anything else cannot exist (and NUL would upset PostgreSQL). */
export function isWorkloadId(id: string): boolean {
  return /^wl_[0-9a-z]{1,64}$/.test(id);
}
