"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EMPTY_FORM_STATE } from "@/components/ui/form-state";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { renameProjectAction } from "./actions";

export function RenameForm({ projectSlug, name }: { projectSlug: string; name: string }) {
  const [state, action] = useActionState(renameProjectAction.bind(null, projectSlug), EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field id="name" label="Project name" error={state.fieldErrors?.name}>
        <Input name="name" required maxLength={100} defaultValue={state.values?.name ?? name} />
      </Field>
      <FormMessage error={state.fieldErrors ? undefined : state.error} message={state.message} />
      <SubmitButton>Rename</SubmitButton>
    </form>
  );
}
