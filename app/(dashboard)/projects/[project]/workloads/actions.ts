"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { changedFields, upstreamKeySchema, WORKLOAD_FORM_FIELDS } from "@/components/workloads/form-values";
import { can } from "@/lib/access";
import type { Actor } from "@/lib/audit";
import { actionIp, FORBIDDEN_STATE, formFields, zodFormState } from "@/lib/auth/action";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { isIdOf } from "@/lib/ids";
import { getProjectForMember } from "@/lib/projects";
import { formToInput, workloadFormSchema, type ParseFailure } from "@/lib/workloads/schema";
import { createWorkload, deleteWorkload, getWorkload, movesServingOrigin, updateWorkload } from "@/lib/workloads/service";

/** Session, membership (404 otherwise) and the workload.write permission, checked on every call. */
async function writer(projectSlug: string) {
  const user = await requireUser(`/projects/${projectSlug}/workloads`);
  const { project, role } = await getProjectForMember(projectSlug, user.id);
  const actor: Actor = { type: "user", id: user.id, label: user.email };
  return { project, actor, allowed: can(role, "workload.write") };
}

async function workloadOf(projectId: string, workloadId: string) {
  const w = isIdOf("wl", workloadId) ? await getWorkload(await prisma(), workloadId) : null;
  if (!w || w.projectId !== projectId) notFound();
  return w;
}

function failure(f: ParseFailure, values: Record<string, string>): FormState {
  const fieldErrors: Record<string, string[]> = {};
  for (const i of f.issues ?? []) (fieldErrors[i.path] ??= []).push(i.message);
  return { error: f.code === "secret_in_spec" ? "Secrets must never go in a workload spec: a field holds an InferenceKey token." : "Please correct the fields marked below.", fieldErrors, values };
}

function parseForm(fd: FormData) {
  const values = formFields(fd, WORKLOAD_FORM_FIELDS);
  const parsed = workloadFormSchema.safeParse(values);
  if (!parsed.success) return { ok: false as const, state: zodFormState(parsed.error, values) };
  const input = formToInput(parsed.data);
  if (!input.ok) return { ok: false as const, state: failure(input, values) };
  return { ok: true as const, input: input.value, values };
}

export async function createWorkloadAction(projectSlug: string, _prev: FormState, fd: FormData): Promise<FormState> {
  const { project, actor, allowed } = await writer(projectSlug);
  if (!allowed) return FORBIDDEN_STATE;
  const form = parseForm(fd);
  if (!form.ok) return form.state;
  let upstreamKey: string | null = null;
  const rawKey = fd.get("upstream_key");
  if (typeof rawKey === "string" && rawKey.trim() !== "") {
    const k = upstreamKeySchema.safeParse(rawKey);
    if (!k.success) return { error: "Please correct the fields marked below.", fieldErrors: { upstream_key: [k.error.issues[0].message] }, values: form.values };
    upstreamKey = k.data;
  }
  const res = await createWorkload(await prisma(), project, form.input, actor, { upstreamKey, ip: await actionIp() });
  if (!res.ok) return { error: "Slug taken.", fieldErrors: { slug: [`Slug taken: this project already has a workload "${form.input.slug}".`] }, values: form.values };
  revalidatePath(`/projects/${projectSlug}`, "layout");
  redirect(`/projects/${projectSlug}/workloads/${res.workload.id}`);
}

export async function updateWorkloadAction(projectSlug: string, workloadId: string, _prev: FormState, fd: FormData): Promise<FormState> {
  const { project, actor, allowed } = await writer(projectSlug);
  const workload = await workloadOf(project.id, workloadId);
  if (!allowed) return FORBIDDEN_STATE;
  fd.set("slug", workload.slug); // the slug never changes; whatever was posted is ignored
  const form = parseForm(fd);
  if (!form.ok) return form.state;

  const mode = fd.get("upstream_key_mode");
  let upstreamKey: string | null | undefined;
  if (mode === "clear") upstreamKey = null;
  else if (mode === "replace") {
    const k = upstreamKeySchema.safeParse(fd.get("upstream_key") ?? "");
    if (!k.success) return { error: "Please correct the fields marked below.", fieldErrors: { upstream_key: [k.error.issues[0].message] }, values: form.values };
    upstreamKey = k.data;
  }

  const patch = changedFields(workload, form.input);
  if (Object.keys(patch).length === 0 && upstreamKey === undefined) return { ok: true, message: "Nothing changed." };
  if (upstreamKey === undefined && workload.upstreamKeySealed && movesServingOrigin(workload, patch)) {
    const why = "The upstream key is only sent to the server it was set for: enter it again for the new serving URL, or choose Clear.";
    return { error: "Please correct the fields marked below.", fieldErrors: { upstream_key: [why] }, values: form.values };
  }
  await updateWorkload(await prisma(), workload, patch, actor, { upstreamKey, ip: await actionIp() });
  revalidatePath(`/projects/${projectSlug}`, "layout");
  return { ok: true, message: "Workload saved." };
}

export async function deleteWorkloadAction(projectSlug: string, workloadId: string): Promise<FormState> {
  const { project, actor, allowed } = await writer(projectSlug);
  const workload = await workloadOf(project.id, workloadId);
  if (!allowed) return FORBIDDEN_STATE;
  await deleteWorkload(await prisma(), workload, actor, { ip: await actionIp() });
  revalidatePath(`/projects/${projectSlug}`, "layout");
  redirect(`/projects/${projectSlug}/workloads`);
}
