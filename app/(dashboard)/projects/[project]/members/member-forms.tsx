"use client";

import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EMPTY_FORM_STATE } from "@/components/ui/form-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/access";
import { addMemberAction, changeRoleAction, removeMemberAction } from "./actions";

export function AddMemberForm({ projectSlug, roles }: { projectSlug: string; roles: Role[] }) {
  const [state, action] = useActionState(addMemberAction.bind(null, projectSlug), EMPTY_FORM_STATE);
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" noValidate>
      <Field id="member-email" label="Email" error={fe.email} hint="They must have signed up already.">
        <Input name="email" type="email" required defaultValue={state.ok ? "" : state.values?.email} />
      </Field>
      <Field id="member-role" label="Role" error={fe.role}>
        <Select name="role" defaultValue={state.values?.role ?? "developer"} options={roles} />
      </Field>
      <div className="sm:pt-6">
        <SubmitButton pendingLabel="Adding…">Add member</SubmitButton>
      </div>
      <div className="sm:col-span-3">
        <FormMessage error={state.fieldErrors ? undefined : state.error} message={state.message} />
      </div>
    </form>
  );
}

export function RoleForm({ projectSlug, userId, email, role, roles }: { projectSlug: string; userId: string; email: string; role: Role; roles: Role[] }) {
  const [state, action] = useActionState(changeRoleAction.bind(null, projectSlug), EMPTY_FORM_STATE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <Select key={role} id={`role-${userId}`} name="role" defaultValue={role} options={roles} className="w-36" />
      <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…">
        Change role
      </SubmitButton>
      <FormMessage error={state.error} message={state.message} className="py-1" />
    </form>
  );
}

export function RemoveMemberButton({ projectSlug, userId, email }: { projectSlug: string; userId: string; email: string }) {
  return (
    <ConfirmDialog
      triggerLabel={<>Remove<span className="sr-only"> {email}</span></>}
      triggerSize="sm"
      triggerVariant="secondary"
      title="Remove member?"
      description={<>{email} loses access to this project at once. Tokens they minted keep working until revoked.</>}
      confirmLabel="Remove"
      action={removeMemberAction.bind(null, projectSlug)}
      fields={{ userId }}
    />
  );
}
