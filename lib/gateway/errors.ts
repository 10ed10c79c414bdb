import type { ServerResponse } from "node:http";
import { ERROR_STATUS, type ErrorCode } from "../http/errors";
import type { VerifyReason } from "../tokens/verify";

/** Writes the house error body {"error": code, "message": text} with the status from the one table. */
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

/** Data-plane answers for a key that failed verification (contract §4.5). */
export const AUTH_FAILURE: Record<VerifyReason, [ErrorCode, string]> = {
  missing: ["missing_token", "send an ik_live_ key as `Authorization: Bearer ik_live_…`"],
  malformed: ["malformed_token", "the bearer credential is not an ik_live_ key"],
  wrong_kind: ["wrong_credential_type", "an ik_sdk_ token cannot call inference; use an ik_live_ key"],
  unknown: ["invalid_token", "unknown key"],
  revoked: ["token_revoked", "this key has been revoked"],
  expired: ["token_expired", "this key has expired"],
};
