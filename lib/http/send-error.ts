import type { ServerResponse } from "node:http";
import { ERROR_STATUS, type ErrorCode } from "./errors";

/** For plain Node handlers (gateway, custom server): writes the house error body
 * {"error": code, "message": text} with the status from the one table. */
export function sendError(res: ServerResponse, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: code, message });
  res.writeHead(ERROR_STATUS[code], {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(body);
}
