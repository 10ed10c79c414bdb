// Projects: create (creator becomes owner), list mine, rename. A project's slug is the SDK's
// INFERENCEKEY_PROJECT and sits in token scopes and URLs, so it never changes after creation.
import type { PrismaClient, Project } from "@prisma/client";
import { notFound } from "next/navigation";
import { z } from "zod";
import { can, type Role } from "./access";
import { recordAudit, type Actor } from "./audit";
import { isUniqueViolation } from "./auth/db-errors";
import { prisma } from "./db";
import { ApiError } from "./http/errors";
import { newId } from "./ids";
import { canonicalSlug, isCanonicalSlug, SLUG_MAX } from "./slug";

export type { Project };

// Dashboard routes that sit beside /projects/[project]: a project with one of these slugs could
// never be opened.
export const RESERVED_PROJECT_SLUGS = new Set(["new"]);

export const projectNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

export const createProjectSchema = z.object({
  name: projectNameSchema,
  slug: z.string().trim().max(200).optional(),
});

export const renameProjectSchema = z.object({ name: projectNameSchema });

export type ProjectWithRole = { project: Project; role: Role };

/** The slug a new project gets: the one typed, or the name made canonical. Errors name the slug field. */
export function chooseProjectSlug(name: string, typed: string | undefined): { ok: true; slug: string } | { ok: false; message: string } {
  const slug = typed && typed.length > 0 ? typed : canonicalSlug(name);
  if (!slug) return { ok: false, message: "Choose a slug: the name has no letters or digits to make one from." };
  if (slug.length > SLUG_MAX) return { ok: false, message: `Use at most ${SLUG_MAX} characters.` };
  if (!isCanonicalSlug(slug)) {
    return { ok: false, message: `Use lower-case letters, digits and single dashes, e.g. "${canonicalSlug(slug) || "my-project"}".` };
  }
  if (RESERVED_PROJECT_SLUGS.has(slug)) return { ok: false, message: `"${slug}" is reserved, choose another slug.` };
  return { ok: true, slug };
}

export async function createProject(
  db: PrismaClient,
  user: { id: string; email: string },
  input: unknown,
  opts: { ip?: string | null } = {},
): Promise<Project> {
  const parsed = createProjectSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new ApiError("validation_failed", "The project is not valid.", 400, issues);
  }
  const slug = chooseProjectSlug(parsed.data.name, parsed.data.slug);
  if (!slug.ok) throw new ApiError("validation_failed", slug.message, 400, [{ path: "slug", message: slug.message }]);
  const actor: Actor = { type: "user", id: user.id, label: user.email };
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({ data: { id: newId("prj"), slug: slug.slug, name: parsed.data.name } });
      await tx.membership.create({ data: { projectId: project.id, userId: user.id, role: "owner" } });
      await recordAudit(tx, { projectId: project.id, actor, action: "project.create", target: { type: "project", id: project.id, label: project.slug }, ip: opts.ip });
      return project;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new ApiError("slug_taken", "Slug taken: another project already uses it.", 409, [{ path: "slug", message: "Slug taken: another project already uses it." }]);
    }
    throw e;
  }
}

export async function listProjectsForUser(db: PrismaClient, userId: string): Promise<ProjectWithRole[]> {
  const rows = await db.membership.findMany({ where: { userId }, include: { project: true }, orderBy: { project: { name: "asc" } } });
  return rows.map((m) => ({ project: m.project, role: m.role }));
}

/** The project with this slug and the user's role in it, or null when it does not exist or the user is not a member. */
export async function findProjectForMember(db: PrismaClient, slug: string, userId: string): Promise<ProjectWithRole | null> {
  if (!isCanonicalSlug(slug)) return null;
  const m = await db.membership.findFirst({ where: { userId, project: { slug } }, include: { project: true } });
  return m ? { project: m.project, role: m.role } : null;
}

/**
 * For pages and server actions: a project the user is not a member of is a 404, exactly like one
 * that does not exist, so non-members learn nothing about which slugs are in use.
 */
export async function getProjectForMember(slug: string, userId: string): Promise<ProjectWithRole> {
  const found = await findProjectForMember(await prisma(), slug, userId);
  if (!found) notFound();
  return found;
}

export async function renameProject(
  db: PrismaClient,
  actor: { id: string; email: string; role: Role },
  projectId: string,
  input: unknown,
  opts: { ip?: string | null } = {},
): Promise<Project> {
  if (!can(actor.role, "project.rename")) throw new ApiError("forbidden", "Only owners and admins can rename a project.");
  const parsed = renameProjectSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new ApiError("validation_failed", issues[0].message, 400, issues);
  }
  return db.$transaction(async (tx) => {
    const before = await tx.project.findUniqueOrThrow({ where: { id: projectId } });
    const project = await tx.project.update({ where: { id: projectId }, data: { name: parsed.data.name } });
    await recordAudit(tx, {
      projectId,
      actor: { type: "user", id: actor.id, label: actor.email },
      action: "project.rename",
      target: { type: "project", id: projectId, label: project.slug },
      metadata: { from: before.name, to: project.name },
      ip: opts.ip,
    });
    return project;
  });
}
