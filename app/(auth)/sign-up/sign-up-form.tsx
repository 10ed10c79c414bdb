"use client";

import { signIn } from "next-auth/react";
import { useActionState, useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EMPTY_FORM_STATE } from "@/components/ui/form-state";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/schemas";
import { signUpAction } from "./actions";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signUpAction, EMPTY_FORM_STATE);
  // React resets the form once the action returns, so the password is kept from the submit event.
  const password = useRef("");
  const [signInError, setSignInError] = useState<string>();

  // The account exists: sign in with the same credentials, then go on.
  useEffect(() => {
    if (!state.ok) return;
    const email = state.values?.email ?? "";
    void signIn("credentials", { email, password: password.current, redirect: false, callbackUrl }).then((res) => {
      if (res && !res.error) window.location.assign(callbackUrl);
      else setSignInError("Your account was created, but signing in failed. Sign in to continue.");
    });
  }, [state, callbackUrl]);

  const fe = state.fieldErrors ?? {};
  return (
    <form
      action={action}
      onSubmit={(e) => {
        password.current = String(new FormData(e.currentTarget).get("password") ?? "");
      }}
      className="space-y-4"
      noValidate
    >
      <Field id="email" label="Email" error={fe.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} autoFocus />
      </Field>
      <Field id="name" label="Name" optional error={fe.name}>
        <Input name="name" autoComplete="name" defaultValue={state.values?.name} />
      </Field>
      <Field id="password" label="Password" hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A few unrelated words work well.`} error={fe.password}>
        <Input name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} />
      </Field>
      <FormMessage error={signInError ?? (state.fieldErrors ? undefined : state.error)} message={state.ok && !signInError ? "Account created. Signing you in…" : undefined} />
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
