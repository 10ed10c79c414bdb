import type { ErrorCode } from "../http/errors";
import type { VerifyReason } from "../tokens/verify";

/** Data-plane answers for a key that failed verification (contract §4.5). */
export const AUTH_FAILURE: Record<VerifyReason, [ErrorCode, string]> = {
  missing: ["missing_token", "send an ik_live_ key as `Authorization: Bearer ik_live_…`"],
  malformed: ["malformed_token", "the bearer credential is not an ik_live_ key"],
  wrong_kind: ["wrong_credential_type", "an ik_sdk_ token cannot call inference; use an ik_live_ key"],
  unknown: ["invalid_token", "unknown key"],
  revoked: ["token_revoked", "this key has been revoked"],
  expired: ["token_expired", "this key has expired"],
};
