import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, stopTestPostgres } from "../test/support/db";
import type { Role } from "./access";
import { registerUser } from "./auth/users";
import type { Db } from "./db";
import { addMember, changeMemberRole, listMembers, removeMember } from "./members";
import { createProject } from "./projects";

let db: Db;
const users: Record<string, { id: string; email: string }> = {};
let projectId = "";

beforeAll(async () => {
  db = await freshDb();
  for (const n of ["owner", "owner2", "admin", "dev", "viewer", "new", "other"]) {
    users[n] = await registerUser(db.prisma, { email: `${n}@example.com`, password: "twelve chars!!" });
  }
  projectId = (await createProject(db.prisma, users.owner, { name: "Team" })).id;
});
afterAll(async () => {
  await db?.close();
  await stopTestPostgres();
});

const as = (name: string, role: Role) => ({ ...users[name], role });
const project = () => ({ id: projectId });

describe("members", () => {
  it("owners add existing users by e-mail with a role, and it is audited", async () => {
    await addMember(db.prisma, project(), as("owner", "owner"), { email: "ADMIN@example.com", role: "admin" });
    await addMember(db.prisma, project(), as("owner", "owner"), { email: "dev@example.com", role: "developer" });
    await addMember(db.prisma, project(), as("owner", "owner"), { email: "viewer@example.com", role: "viewer" });
    const list = await listMembers(db.prisma, projectId);
    expect(list.map((m) => [m.email, m.role])).toEqual([
      ["owner@example.com", "owner"],
      ["admin@example.com", "admin"],
      ["dev@example.com", "developer"],
      ["viewer@example.com", "viewer"],
    ]);
    expect(await db.prisma.auditEvent.count({ where: { projectId, action: "member.add" } })).toBe(3);
  });

  it("refuses unknown addresses, duplicates and bad roles with clear errors", async () => {
    await expect(addMember(db.prisma, project(), as("owner", "owner"), { email: "nobody@example.com", role: "viewer" })).rejects.toMatchObject({ code: "not_found" });
    await expect(addMember(db.prisma, project(), as("owner", "owner"), { email: "dev@example.com", role: "viewer" })).rejects.toThrow(/already a member/);
    await expect(addMember(db.prisma, project(), as("owner", "owner"), { email: "new@example.com", role: "king" })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("refuses a user id that cannot exist before asking the database (a NUL byte would make it fail)", async () => {
    for (const userId of ["usr_a\u0000b", "", "x".repeat(80), "wl_abc", 42]) {
      await expect(changeMemberRole(db.prisma, project(), as("owner", "owner"), { userId, role: "viewer" })).rejects.toMatchObject({ code: "validation_failed" });
      await expect(removeMember(db.prisma, project(), as("owner", "owner"), { userId })).rejects.toMatchObject({ code: "validation_failed" });
    }
  });

  it("developers and viewers cannot manage members; admins cannot touch owners", async () => {
    await expect(addMember(db.prisma, project(), as("dev", "developer"), { email: "new@example.com", role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addMember(db.prisma, project(), as("viewer", "viewer"), { email: "new@example.com", role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addMember(db.prisma, project(), as("admin", "admin"), { email: "new@example.com", role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeMemberRole(db.prisma, project(), as("admin", "admin"), { userId: users.owner.id, role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeMember(db.prisma, project(), as("admin", "admin"), { userId: users.owner.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeMemberRole(db.prisma, project(), as("dev", "developer"), { userId: users.viewer.id, role: "developer" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("admins change and remove non-owners, audited", async () => {
    await changeMemberRole(db.prisma, project(), as("admin", "admin"), { userId: users.viewer.id, role: "developer" });
    await changeMemberRole(db.prisma, project(), as("admin", "admin"), { userId: users.viewer.id, role: "viewer" });
    await addMember(db.prisma, project(), as("admin", "admin"), { email: "new@example.com", role: "viewer" });
    await removeMember(db.prisma, project(), as("admin", "admin"), { userId: users.new.id });
    expect(await db.prisma.auditEvent.count({ where: { projectId, action: "member.role_change" } })).toBe(2);
    const removed = await db.prisma.auditEvent.findFirstOrThrow({ where: { projectId, action: "member.remove" } });
    expect(removed).toMatchObject({ targetId: users.new.id, actorId: users.admin.id });
  });

  it("never demotes or removes the last owner", async () => {
    await expect(changeMemberRole(db.prisma, project(), as("owner", "owner"), { userId: users.owner.id, role: "admin" })).rejects.toThrow(/at least one owner/);
    await expect(removeMember(db.prisma, project(), as("owner", "owner"), { userId: users.owner.id })).rejects.toThrow(/at least one owner/);
    expect((await listMembers(db.prisma, projectId)).find((m) => m.userId === users.owner.id)?.role).toBe("owner");
  });

  it("two concurrent demotions of the last two owners leave one owner", async () => {
    await addMember(db.prisma, project(), as("owner", "owner"), { email: "owner2@example.com", role: "owner" });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled([
        changeMemberRole(db.prisma, project(), as("owner", "owner"), { userId: users.owner.id, role: "admin" }),
        changeMemberRole(db.prisma, project(), as("owner2", "owner"), { userId: users.owner2.id, role: "admin" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const owners = (await listMembers(db.prisma, projectId)).filter((m) => m.role === "owner");
      expect(owners).toHaveLength(1);
      // Put the second owner back for the next round.
      const demoted = owners[0].userId === users.owner.id ? users.owner2 : users.owner;
      await changeMemberRole(db.prisma, project(), { ...owners[0], id: owners[0].userId, role: "owner" }, { userId: demoted.id, role: "owner" });
    }
  });

  it("a concurrent demotion and removal leave one owner", async () => {
    const results = await Promise.allSettled([
      removeMember(db.prisma, project(), as("owner", "owner"), { userId: users.owner2.id }),
      changeMemberRole(db.prisma, project(), as("owner2", "owner"), { userId: users.owner.id, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listMembers(db.prisma, projectId)).filter((m) => m.role === "owner")).toHaveLength(1);
  });
});
