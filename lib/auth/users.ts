import type { PrismaClient } from "@prisma/client";
import { newId } from "../ids";
import { isUniqueViolation } from "./db-errors";
import { hashPassword } from "./password";
import { signUpSchema } from "./schemas";

export class SignUpError extends Error {
  constructor(
    message: string,
    readonly field?: "email" | "password" | "name",
  ) {
    super(message);
  }
}

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/** Creates a password account. Input is validated here, so every caller gets the same rules. */
export async function registerUser(db: PrismaClient, input: unknown): Promise<{ id: string; email: string }> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SignUpError(issue.message, issue.path[0] as "email" | "password" | "name");
  }
  const { email, password, name } = parsed.data;
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new SignUpError(EMAIL_TAKEN, "email");
  const passwordHash = await hashPassword(password);
  try {
    return await db.user.create({ data: { id: newId("usr"), email, name: name ?? null, passwordHash }, select: { id: true, email: true } });
  } catch (e) {
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(e)) throw new SignUpError(EMAIL_TAKEN, "email");
    throw e;
  }
}

export async function findUserById(db: PrismaClient, id: string) {
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}
