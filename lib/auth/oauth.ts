import type { PrismaClient } from "@prisma/client";
import { newId } from "../ids";
import { isUniqueViolation } from "./db-errors";
import { emailSchema } from "./schemas";

export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  emailVerified: boolean;
  name?: string | null;
}

export class OAuthSignInError extends Error {}

/**
 * Maps an OAuth/OIDC identity to a console user (no next-auth adapter: sessions are JWTs and this
 * is the one place identities become users). A known identity signs in as its user; a new identity
 * is linked to the user with the same e-mail — only when the provider says that e-mail is verified,
 * otherwise anyone could claim an address at a lax provider and take over the account.
 */
export async function resolveOAuthUser(db: PrismaClient, id: OAuthIdentity): Promise<{ id: string; email: string; name: string | null }> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: id.provider, providerAccountId: id.providerAccountId } },
    select: { user: { select: { id: true, email: true, name: true } } },
  });
  if (linked) return linked.user;

  const email = emailSchema.safeParse(id.email ?? "");
  if (!email.success || !id.emailVerified) {
    throw new OAuthSignInError("Your account at this provider has no verified email address, so it cannot be linked.");
  }
  try {
    return await db.$transaction(async (tx) => {
      const user =
        (await tx.user.findUnique({ where: { email: email.data }, select: { id: true, email: true, name: true } })) ??
        (await tx.user.create({ data: { id: newId("usr"), email: email.data, name: id.name ?? null }, select: { id: true, email: true, name: true } }));
      await tx.account.create({ data: { id: newId("acc"), userId: user.id, provider: id.provider, providerAccountId: id.providerAccountId } });
      return user;
    });
  } catch (e) {
    // A concurrent first sign-in with the same identity or address won the race: use its result.
    if (isUniqueViolation(e)) return resolveOAuthUser(db, id);
    throw e;
  }
}

/** GitHub's profile e-mail carries no verified flag: ask the e-mails API which addresses are verified. */
export async function githubVerifiedEmail(accessToken: string, preferred: string | null | undefined): Promise<string | null> {
  const res = await fetch("https://api.github.com/user/emails", {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json" },
  });
  if (!res.ok) return null;
  const emails = (await res.json()) as { email: string; primary: boolean; verified: boolean }[];
  const verified = emails.filter((e) => e.verified);
  const match = verified.find((e) => preferred && e.email.toLowerCase() === preferred.toLowerCase()) ?? verified.find((e) => e.primary);
  return match?.email ?? null;
}
