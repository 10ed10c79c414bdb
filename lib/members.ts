// Project members. Rules come from lib/access.ts; the "at least one owner" rule is checked inside a
// transaction that first locks the project row, so two concurrent demotions of the last two owners
// are serialized and the second one sees that only one owner is left.
import type { Prisma, PrismaClient, Role as DbRole } from "@prisma/client";
import { z } from "zod";
import { canAssignRole, leavesAnOwner, ROLES, type Role } from "./access";
import { recordAudit } from "./audit";
import { emailSchema } from "./auth/schemas";
import { ApiError } from "./http/errors";
import { idSchema } from "./ids";

export interface MemberActor {
  id: string;
  email: string;
  role: Role;
}

export interface MemberRow {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
}

export const roleSchema = z.enum(ROLES, { error: "Choose a role." });
export const addMemberSchema = z.object({ email: emailSchema, role: roleSchema });
const userIdSchema = idSchema("usr", "This person is not a member of the project.");
export const changeRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export const removeMemberSchema = z.object({ userId: userIdSchema });

const LAST_OWNER = "A project needs at least one owner: make someone else an owner first.";

function invalid(e: z.ZodError): ApiError {
  const issues = e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return new ApiError("validation_failed", issues[0].message, 400, issues);
}

export async function listMembers(db: PrismaClient, projectId: string): Promise<MemberRow[]> {
  const rows = await db.membership.findMany({
    where: { projectId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt }));
}

async function lockProject(tx: Prisma.TransactionClient, projectId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM projects WHERE id = ${projectId} FOR UPDATE`;
}

/** Locks the project, then reads the member a role change or removal is about (404 when absent). */
async function lockedMember(tx: Prisma.TransactionClient, projectId: string, userId: string): Promise<{ role: Role; email: string }> {
  await lockProject(tx, projectId);
  const m = await tx.membership.findUnique({ where: { projectId_userId: { projectId, userId } }, include: { user: { select: { email: true } } } });
  if (!m) throw new ApiError("not_found", "This person is not a member of the project.");
  return { role: m.role as Role, email: m.user.email };
}

async function ownerCount(tx: Prisma.TransactionClient, projectId: string): Promise<number> {
  return tx.membership.count({ where: { projectId, role: "owner" } });
}

/** Adds an existing user (by e-mail) to the project with a role. */
export async function addMember(
  db: PrismaClient,
  project: { id: string },
  actor: MemberActor,
  input: unknown,
  opts: { ip?: string | null } = {},
): Promise<MemberRow> {
  const parsed = addMemberSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { email, role } = parsed.data;
  if (!canAssignRole(actor.role, null, role)) {
    throw new ApiError("forbidden", role === "owner" ? "Only owners can add owners." : "Only owners and admins can add members.");
  }
  return db.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
    if (!user) {
      throw new ApiError("not_found", "No account uses this email. Ask them to sign up first, then add them.", 404, [
        { path: "email", message: "No account uses this email. Ask them to sign up first, then add them." },
      ]);
    }
    const existing = await tx.membership.findUnique({ where: { projectId_userId: { projectId: project.id, userId: user.id } } });
    if (existing) {
      throw new ApiError("validation_failed", "This person is already a member: change their role in the list.", 400, [
        { path: "email", message: "This person is already a member: change their role in the list." },
      ]);
    }
    const m = await tx.membership.create({ data: { projectId: project.id, userId: user.id, role } });
    await recordAudit(tx, {
      projectId: project.id,
      actor: { type: "user", id: actor.id, label: actor.email },
      action: "member.add",
      target: { type: "user", id: user.id, label: user.email },
      metadata: { role },
      ip: opts.ip,
    });
    return { userId: user.id, email: user.email, name: user.name, role: m.role, createdAt: m.createdAt };
  });
}

export async function changeMemberRole(
  db: PrismaClient,
  project: { id: string },
  actor: MemberActor,
  input: unknown,
  opts: { ip?: string | null } = {},
): Promise<void> {
  const parsed = changeRoleSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { userId, role: to } = parsed.data;
  await db.$transaction(async (tx) => {
    const m = await lockedMember(tx, project.id, userId);
    const from = m.role;
    if (from === to) return;
    if (!canAssignRole(actor.role, from, to)) {
      throw new ApiError("forbidden", from === "owner" || to === "owner" ? "Only owners can change who is an owner." : "Only owners and admins can change roles.");
    }
    if (!leavesAnOwner(await ownerCount(tx, project.id), from, to)) throw new ApiError("forbidden", LAST_OWNER);
    await tx.membership.update({ where: { projectId_userId: { projectId: project.id, userId } }, data: { role: to as DbRole } });
    await recordAudit(tx, {
      projectId: project.id,
      actor: { type: "user", id: actor.id, label: actor.email },
      action: "member.role_change",
      target: { type: "user", id: userId, label: m.email },
      metadata: { from, to },
      ip: opts.ip,
    });
  });
}

export async function removeMember(
  db: PrismaClient,
  project: { id: string },
  actor: MemberActor,
  input: unknown,
  opts: { ip?: string | null } = {},
): Promise<void> {
  const parsed = removeMemberSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { userId } = parsed.data;
  await db.$transaction(async (tx) => {
    const m = await lockedMember(tx, project.id, userId);
    const from = m.role;
    // Removing is judged like demoting to the lowest role: admins cannot remove owners.
    if (!canAssignRole(actor.role, from, "viewer")) {
      throw new ApiError("forbidden", from === "owner" ? "Only owners can remove an owner." : "Only owners and admins can remove members.");
    }
    if (!leavesAnOwner(await ownerCount(tx, project.id), from, null)) throw new ApiError("forbidden", LAST_OWNER);
    await tx.membership.delete({ where: { projectId_userId: { projectId: project.id, userId } } });
    await recordAudit(tx, {
      projectId: project.id,
      actor: { type: "user", id: actor.id, label: actor.email },
      action: "member.remove",
      target: { type: "user", id: userId, label: m.email },
      metadata: { role: from },
      ip: opts.ip,
    });
  });
}
