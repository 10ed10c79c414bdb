import type { PrismaClient } from "@prisma/client";
import { clearThrottle, lockMinutesLeft, reserveAttempt } from "../throttle";
import { verifyPassword } from "./password";
import { signInSchema } from "./schemas";

export const WRONG_CREDENTIALS = "Email or password is wrong.";

export function lockedMessage(minutes: number): string {
  return `${WRONG_CREDENTIALS} Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export type PasswordSignIn = { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; message: string };

/**
 * Checks an e-mail + password under the throttle rule (README, "Sign-in"). Every failure — unknown
 * address, no password set (OAuth-only account), wrong password — gets the same message.
 */
export async function signInWithPassword(db: PrismaClient, input: unknown, now = new Date()): Promise<PasswordSignIn> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: WRONG_CREDENTIALS };
  const { email, password } = parsed.data;

  const attempt = await reserveAttempt(db, email, now);
  if (attempt.locked) return { ok: false, message: lockedMessage(attempt.minutes) };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (user && (await verifyPassword(user.passwordHash, password))) {
    await clearThrottle(db, email);
    return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
  }
  if (!user) await verifyPassword(null, password);

  const minutes = lockMinutesLeft(attempt.row, now);
  return { ok: false, message: minutes > 0 ? lockedMessage(minutes) : WRONG_CREDENTIALS };
}
