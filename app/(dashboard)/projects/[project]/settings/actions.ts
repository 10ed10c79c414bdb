"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { can } from "@/lib/access";
import { actionIp, errorFormState, FORBIDDEN_STATE, formFields } from "@/lib/auth/action";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getProjectForMember, renameProject } from "@/lib/projects";

export async function renameProjectAction(projectSlug: string, _prev: FormState, fd: FormData): Promise<FormState> {
  const user = await requireUser(`/projects/${projectSlug}/settings`);
  const { project, role } = await getProjectForMember(projectSlug, user.id);
  if (!can(role, "project.rename")) return FORBIDDEN_STATE;
  const values = formFields(fd, ["name"]);
  try {
    await renameProject(await prisma(), { ...user, role }, project.id, values, { ip: await actionIp() });
  } catch (e) {
    return errorFormState(e, values);
  }
  revalidatePath(`/projects/${projectSlug}`, "layout");
  return { ok: true, message: "Project renamed.", values };
}
