// What a token's badge says. The gateway does not use this (it checks lib/tokens/verify.ts): this is
// the people-facing summary of the same timestamps, with "expiring soon" and rotation grace added.
export const EXPIRING_SOON_MS = 7 * 24 * 60 * 60 * 1000;

export type TokenStatusCode = "active" | "expiring_soon" | "expired" | "revoked" | "rotated" | "rotated_ended";

export interface TokenStatus {
  code: TokenStatusCode;
  /** Whether a request made now would be accepted (as far as lifetime goes). */
  usable: boolean;
  /** When it stops working (expiry or end of rotation grace), if that is still ahead. */
  until: Date | null;
}

export interface TokenTimes {
  expiresAt: Date | null;
  revokedAt: Date | null;
  rotatedAt: Date | null;
  graceEndsAt: Date | null;
}

export function tokenStatus(t: TokenTimes, now: Date = new Date()): TokenStatus {
  const at = now.getTime();
  if (t.revokedAt && t.revokedAt.getTime() <= at) return { code: "revoked", usable: false, until: null };
  if (t.rotatedAt) {
    // A rotated token stops at the end of its grace, or earlier if it expires first.
    const ends = [t.graceEndsAt, t.expiresAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
    const end = ends.length ? Math.min(...ends) : null;
    if (end !== null && end <= at) return { code: "rotated_ended", usable: false, until: null };
    return { code: "rotated", usable: true, until: end === null ? null : new Date(end) };
  }
  if (t.expiresAt && t.expiresAt.getTime() <= at) return { code: "expired", usable: false, until: null };
  if (t.expiresAt && t.expiresAt.getTime() - at < EXPIRING_SOON_MS) {
    return { code: "expiring_soon", usable: true, until: t.expiresAt };
  }
  return { code: "active", usable: true, until: t.expiresAt };
}

export const STATUS_LABEL: Record<TokenStatusCode, string> = {
  active: "active",
  expiring_soon: "expiring soon",
  expired: "expired",
  revoked: "revoked",
  rotated: "rotated",
  rotated_ended: "rotated — ended",
};

/** Only tokens that have not been revoked, rotated or expired may be rotated. */
export function canRotate(t: TokenTimes, now: Date = new Date()): boolean {
  const s = tokenStatus(t, now).code;
  return s === "active" || s === "expiring_soon";
}
