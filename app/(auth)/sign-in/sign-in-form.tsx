"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import type { ProviderButton } from "@/lib/auth/providers";

export function SignInForm({ callbackUrl, providers, initialError }: { callbackUrl: string; providers: ProviderButton[]; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const res = await signIn("credentials", {
        email: String(fd.get("email") ?? ""),
        password: String(fd.get("password") ?? ""),
        callbackUrl,
        redirect: false,
      });
      if (!res || res.error) {
        setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "Email or password is wrong.");
        return;
      }
      // A full navigation, so every server component renders with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError("Could not reach the console. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="email" label="Email">
          <Input name="email" type="email" autoComplete="email" required autoFocus />
        </Field>
        <Field id="password" label="Password">
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <FormMessage error={error} />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {providers.length > 0 && (
        <div className="space-y-2 border-t border-slate-200 pt-4">
          <p className="text-center text-xs text-slate-600">or continue with</p>
          {providers.map((p) => (
            <Button key={p.id} variant="secondary" className="w-full" onClick={() => signIn(p.id, { callbackUrl })}>
              {p.name}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
