import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "../audit";
import { prisma } from "../db";
import { signInWithPassword } from "./credentials";
import { githubVerifiedEmail, OAuthSignInError, resolveOAuthUser } from "./oauth";
import { oauthProviders } from "./providers";

interface RequestContext {
  ip: string | null;
}

/**
 * next-auth options. The route handler builds them per request so the sign-in audit event can
 * carry the caller's address; getServerSession uses `authOptions` (no request needed to read a JWT).
 */
export function buildAuthOptions(ctx: RequestContext = { ip: null }): NextAuthOptions {
  return {
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const result = await signInWithPassword(await prisma(), credentials ?? {});
          // next-auth hands a thrown message to the sign-in form as `error`.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account || account.type === "credentials") return true;
        let email = (profile?.email ?? user.email) as string | null | undefined;
        let verified = (profile as { email_verified?: boolean } | undefined)?.email_verified === true;
        if (account.provider === "github") {
          email = account.access_token ? await githubVerifiedEmail(account.access_token, email) : null;
          verified = !!email;
        }
        try {
          const found = await resolveOAuthUser(await prisma(), {
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email,
            emailVerified: verified,
            name: user.name,
          });
          // Without an adapter this object becomes the JWT's `user`: swap the provider's id for ours.
          Object.assign(user, { id: found.id, email: found.email, name: found.name ?? user.name });
          return true;
        } catch (e) {
          if (e instanceof OAuthSignInError) return `/sign-in?error=${encodeURIComponent("OAuthEmailNotVerified")}`;
          throw e;
        }
      },
      async jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        await recordAudit(await prisma(), {
          projectId: null,
          actor: { type: "user", id: user.id, label: (user as User).email ?? user.id },
          action: "user.sign_in",
          metadata: { provider: account?.provider ?? "credentials" },
          ip: ctx.ip,
        });
      },
    },
  };
}

export const authOptions: NextAuthOptions = buildAuthOptions();
