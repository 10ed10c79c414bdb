import type { Provider } from "next-auth/providers/index";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";

export interface ProviderButton {
  id: string;
  name: string;
}

function env(name: string): string | undefined {
  const v = process.env[name]?.trim();
  return v ? v : undefined;
}

/** OAuth/OIDC providers switched on by their environment variables (all of a provider's variables must be set). */
export function oauthProviders(): Provider[] {
  const out: Provider[] = [];
  const githubId = env("GITHUB_ID");
  const githubSecret = env("GITHUB_SECRET");
  if (githubId && githubSecret) out.push(GitHubProvider({ clientId: githubId, clientSecret: githubSecret }));

  const googleId = env("GOOGLE_CLIENT_ID");
  const googleSecret = env("GOOGLE_CLIENT_SECRET");
  if (googleId && googleSecret) out.push(GoogleProvider({ clientId: googleId, clientSecret: googleSecret }));

  const issuer = env("OIDC_ISSUER");
  const oidcId = env("OIDC_CLIENT_ID");
  const oidcSecret = env("OIDC_CLIENT_SECRET");
  if (issuer && oidcId && oidcSecret) {
    out.push({
      id: "oidc",
      name: env("OIDC_NAME") ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      clientId: oidcId,
      clientSecret: oidcSecret,
      profile(profile: { sub: string; name?: string; preferred_username?: string; email?: string }) {
        return { id: profile.sub, name: profile.name ?? profile.preferred_username ?? null, email: profile.email ?? null };
      },
    });
  }
  return out;
}

/** What the sign-in page shows: one button per configured provider. */
export function providerButtons(): ProviderButton[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}
