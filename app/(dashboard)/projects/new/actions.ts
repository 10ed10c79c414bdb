"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { actionIp, errorFormState, formFields } from "@/lib/auth/action";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { createProject } from "@/lib/projects";

export async function createProjectAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const user = await requireUser("/projects/new");
  const values = formFields(fd, ["name", "slug"]);
  let slug: string;
  try {
    slug = (await createProject(await prisma(), user, { name: values.name ?? "", slug: values.slug?.trim() || undefined }, { ip: await actionIp() })).slug;
  } catch (e) {
    return errorFormState(e, values);
  }
  redirect(`/projects/${slug}`);
}
