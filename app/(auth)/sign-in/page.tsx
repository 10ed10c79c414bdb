import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { providerButtons } from "@/lib/auth/providers";
import { currentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// next-auth puts an error code in ?error= after a failed OAuth round trip. Only known codes are
// shown (as our own text): the query string is attacker-controlled.
const OAUTH_ERRORS: Record<string, string> = {
  OAuthEmailNotVerified: "Your account at that provider has no verified email address, so it cannot be used here.",
  OAuthSignin: "Could not start signing in with that provider. Try again.",
  OAuthCallback: "Signing in with that provider failed. Try again.",
  OAuthAccountNotLinked: "This email is linked to another sign-in method.",
  AccessDenied: "Access denied.",
  Callback: "Signing in failed. Try again.",
  SessionRequired: "Please sign in to continue.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const code = typeof sp.error === "string" ? sp.error : undefined;
  const initialError = code ? (OAUTH_ERRORS[code] ?? "Signing in failed. Try again.") : undefined;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mb-5 text-sm text-slate-600">
        New here?{" "}
        <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-indigo-800 underline hover:text-indigo-950">
          Create an account
        </Link>
      </p>
      <SignInForm callbackUrl={callbackUrl} providers={providerButtons()} initialError={initialError} />
    </>
  );
}
