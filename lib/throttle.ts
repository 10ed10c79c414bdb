// Sign-in throttling per e-mail address (table sign_in_throttles). The rule, as the README's "Sign-in"
// section documents it: 5 failures inside a 15-minute window lock the address for 15 minutes; a success
// clears the count. Unknown addresses are counted too, so a lock-out says nothing about who exists.
import type { Prisma, PrismaClient } from "@prisma/client";

export const THROTTLE_RULE = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
} as const;

export type ThrottleRule = { maxFailures: number; windowMs: number; lockMs: number };

export interface ThrottleRow {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** Minutes left on a lock (rounded up, at least 1), or 0 when the address is not locked. */
export function lockMinutesLeft(row: Pick<ThrottleRow, "lockedUntil"> | null, now: Date): number {
  if (!row?.lockedUntil) return 0;
  const ms = row.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.max(1, Math.ceil(ms / 60_000)) : 0;
}

/** The row after one more failure at `now`. A failure after the window (or after a lock ran out) starts a new window. */
export function afterFailure(row: ThrottleRow | null, now: Date, rule: ThrottleRule = THROTTLE_RULE): ThrottleRow {
  const expiredLock = !!row?.lockedUntil && row.lockedUntil.getTime() <= now.getTime();
  const windowOver = !row || now.getTime() - row.windowStart.getTime() >= rule.windowMs;
  if (!row || windowOver || expiredLock) {
    const failures = 1;
    return { failures, windowStart: now, lockedUntil: failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null };
  }
  const failures = row.failures + 1;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : row.lockedUntil;
  return { failures, windowStart: row.windowStart, lockedUntil };
}

type Client = PrismaClient | Prisma.TransactionClient;

export async function readThrottle(db: Client, email: string): Promise<ThrottleRow | null> {
  return db.signInThrottle.findUnique({ where: { email }, select: { failures: true, windowStart: true, lockedUntil: true } });
}

export type Attempt = { locked: false; row: ThrottleRow } | { locked: true; minutes: number };

/**
 * Counts a sign-in attempt as a failure BEFORE its password is checked, so that parallel guesses
 * cannot all pass a "not locked yet" check while the slow hash runs; a success clears the count
 * again. A locked address is refused without counting. The row is locked (SELECT … FOR UPDATE), so
 * concurrent attempts on any number of instances are counted one by one.
 */
export async function reserveAttempt(db: PrismaClient, email: string, now = new Date(), rule: ThrottleRule = THROTTLE_RULE): Promise<Attempt> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO sign_in_throttles (email, failures, window_start) VALUES (${email}, 0, ${now}) ON CONFLICT (email) DO NOTHING`;
    const rows = await tx.$queryRaw<{ failures: number; window_start: Date; locked_until: Date | null }[]>`
      SELECT failures, window_start, locked_until FROM sign_in_throttles WHERE email = ${email} FOR UPDATE`;
    const cur = rows[0];
    const prev: ThrottleRow | null =
      cur && cur.failures > 0 ? { failures: cur.failures, windowStart: new Date(cur.window_start), lockedUntil: cur.locked_until ? new Date(cur.locked_until) : null } : null;
    const minutes = lockMinutesLeft(prev, now);
    if (minutes > 0) return { locked: true, minutes };
    const next = afterFailure(prev, now, rule);
    await tx.signInThrottle.update({ where: { email }, data: next });
    return { locked: false, row: next };
  });
}

export async function clearThrottle(db: Client, email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { email } });
}
