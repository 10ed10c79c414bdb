"use server";

import type { FormState } from "@/components/ui/form-state";
import { formFields } from "@/lib/auth/action";
import { registerUser, SignUpError } from "@/lib/auth/users";
import { prisma } from "@/lib/db";

/** Creates the account; the form then signs in with the same credentials through next-auth. */
export async function signUpAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const fields = formFields(fd, ["email", "name", "password"]);
  const values = { email: fields.email ?? "", name: fields.name ?? "" }; // never echo the password
  try {
    await registerUser(await prisma(), fields);
    return { ok: true, values };
  } catch (e) {
    if (e instanceof SignUpError) {
      return { error: e.message, fieldErrors: e.field ? { [e.field]: [e.message] } : undefined, values };
    }
    throw e;
  }
}
