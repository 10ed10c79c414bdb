"use client";

import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EMPTY_FORM_STATE } from "@/components/ui/form-state";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { canonicalSlug } from "@/lib/slug";
import { createProjectAction } from "./actions";

export function NewProjectForm() {
  const [state, action] = useActionState(createProjectAction, EMPTY_FORM_STATE);
  const [name, setName] = useState(state.values?.name ?? "");
  const fe = state.fieldErrors ?? {};
  const suggested = canonicalSlug(name);
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field id="name" label="Name" error={fe.name}>
        <Input name="name" required maxLength={100} defaultValue={state.values?.name} onChange={(e) => setName(e.target.value)} autoFocus />
      </Field>
      <Field
        id="slug"
        label="Slug"
        optional
        hint={<>Lower-case letters, digits and single dashes. Left empty, it is made from the name{suggested ? <>: <code className="font-mono">{suggested}</code></> : null}.</>}
        error={fe.slug}
      >
        <Input name="slug" className="font-mono" defaultValue={state.values?.slug} placeholder={suggested || "my-project"} spellCheck={false} autoCapitalize="none" />
      </Field>
      <FormMessage error={state.fieldErrors ? undefined : state.error} />
      <SubmitButton pendingLabel="Creating…">Create project</SubmitButton>
    </form>
  );
}
