// Next answers a bare 500 when a dynamic segment is not decodable percent-encoded UTF-8 (%zz, %C3,
// %ED%A0%80): the custom server refuses such /api/ paths first with a typed 400.
import type { ServerResponse } from "node:http";
import { sendError } from "../http/send-error";

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
  sendError(res, "bad_request", "the URL path is not valid percent-encoded UTF-8");
}
