import { hashesEqual, hashToken, parseToken, type TokenKind } from "./format";

/** What verification needs to know of a stored token (from the database or the gateway cache). */
export interface TokenRecord {
  id: string;
  publicId: string;
  kind: TokenKind;
  projectId: string;
  secretHash: string;
  scopes: string[];
  allWorkloads: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  graceEndsAt: Date | null;
}

export type VerifyReason = "missing" | "malformed" | "wrong_kind" | "unknown" | "revoked" | "expired";

export type VerifyResult<T extends TokenRecord = TokenRecord> =
  | { ok: true; token: T }
  | { ok: false; reason: VerifyReason };

/**
 * Parses and verifies a presented token. Never throws for bad input: returns a reason that each door
 * maps to its status with one table. `lookup` finds a stored token by its public id.
 */
export async function verifyToken<T extends TokenRecord>(
  raw: string | null | undefined,
  expected: TokenKind,
  lookup: (publicId: string) => Promise<T | null> | T | null,
  now: Date = new Date(),
): Promise<VerifyResult<T>> {
  const parsed = parseToken(raw, expected);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const record = await lookup(parsed.publicId);
  // An id that exists with another kind is "unknown" too: the parsed prefix already fixed the kind.
  if (!record || record.kind !== expected || !hashesEqual(hashToken(parsed.plaintext), record.secretHash)) {
    return { ok: false, reason: "unknown" };
  }
  return checkLifetime(record, now);
}

/** Revocation and expiry, shared by the database path and the gateway's cache path. */
export function checkLifetime<T extends TokenRecord>(record: T, now: Date): VerifyResult<T> {
  if (record.revokedAt && record.revokedAt <= now) return { ok: false, reason: "revoked" };
  if (record.graceEndsAt && record.graceEndsAt <= now) return { ok: false, reason: "revoked" };
  if (record.expiresAt && record.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, token: record };
}
