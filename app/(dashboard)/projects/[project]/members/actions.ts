"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { can } from "@/lib/access";
import { actionIp, errorFormState, FORBIDDEN_STATE, formFields } from "@/lib/auth/action";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { addMember, changeMemberRole, removeMember } from "@/lib/members";
import { getProjectForMember } from "@/lib/projects";

async function context(projectSlug: string) {
  const user = await requireUser(`/projects/${projectSlug}/members`);
  const { project, role } = await getProjectForMember(projectSlug, user.id);
  return { user, project, actor: { ...user, role } };
}

export async function addMemberAction(projectSlug: string, _prev: FormState, fd: FormData): Promise<FormState> {
  const { project, actor } = await context(projectSlug);
  if (!can(actor.role, "member.manage")) return FORBIDDEN_STATE;
  const values = formFields(fd, ["email", "role"]);
  try {
    const m = await addMember(await prisma(), project, actor, values, { ip: await actionIp() });
    revalidatePath(`/projects/${projectSlug}/members`);
    return { ok: true, message: `Added ${m.email} as ${m.role}.` };
  } catch (e) {
    return errorFormState(e, values);
  }
}

export async function changeRoleAction(projectSlug: string, _prev: FormState, fd: FormData): Promise<FormState> {
  const { project, actor } = await context(projectSlug);
  if (!can(actor.role, "member.manage")) return FORBIDDEN_STATE;
  const values = formFields(fd, ["userId", "role"]);
  try {
    await changeMemberRole(await prisma(), project, actor, values, { ip: await actionIp() });
    revalidatePath(`/projects/${projectSlug}`, "layout");
    return { ok: true, message: "Role changed." };
  } catch (e) {
    return errorFormState(e);
  }
}

export async function removeMemberAction(projectSlug: string, _prev: FormState, fd: FormData): Promise<FormState> {
  const { project, actor } = await context(projectSlug);
  if (!can(actor.role, "member.manage")) return FORBIDDEN_STATE;
  const values = formFields(fd, ["userId"]);
  try {
    await removeMember(await prisma(), project, actor, values, { ip: await actionIp() });
    revalidatePath(`/projects/${projectSlug}`, "layout");
    return { ok: true, message: "Member removed." };
  } catch (e) {
    return errorFormState(e);
  }
}
