import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, stopTestPostgres } from "../test/support/db";
import { registerUser } from "./auth/users";
import type { Db } from "./db";
import { ApiError } from "./http/errors";
import { chooseProjectSlug, createProject, findProjectForMember, listProjectsForUser, renameProject } from "./projects";

describe("chooseProjectSlug", () => {
  it("defaults to the canonical form of the name", () => {
    expect(chooseProjectSlug("Acme Corp (EU)", undefined)).toEqual({ ok: true, slug: "acme-corp-eu" });
    expect(chooseProjectSlug("Acme", "")).toEqual({ ok: true, slug: "acme" });
  });
  it("takes a typed slug only when it is canonical", () => {
    expect(chooseProjectSlug("Acme", "acme-2")).toEqual({ ok: true, slug: "acme-2" });
    for (const bad of ["Acme", "acme_2", "-acme", "acme--2", "a".repeat(64)]) expect(chooseProjectSlug("Acme", bad).ok).toBe(false);
  });
  it("refuses names without letters or digits and reserved slugs", () => {
    expect(chooseProjectSlug("!!!", undefined).ok).toBe(false);
    expect(chooseProjectSlug("New", undefined).ok).toBe(false);
  });
});

describe("projects", () => {
  let db: Db;
  let ann: { id: string; email: string };
  let bob: { id: string; email: string };
  beforeAll(async () => {
    db = await freshDb();
    ann = await registerUser(db.prisma, { email: "ann@example.com", password: "twelve chars!!" });
    bob = await registerUser(db.prisma, { email: "bob@example.com", password: "twelve chars!!" });
  });
  afterAll(async () => {
    await db?.close();
    await stopTestPostgres();
  });

  it("creates a project whose creator is its owner, and audits it", async () => {
    const p = await createProject(db.prisma, ann, { name: "  Acme Corp " });
    expect(p).toMatchObject({ slug: "acme-corp", name: "Acme Corp" });
    expect(p.id).toMatch(/^prj_/);
    expect(await findProjectForMember(db.prisma, "acme-corp", ann.id)).toMatchObject({ role: "owner" });
    const ev = await db.prisma.auditEvent.findFirstOrThrow({ where: { projectId: p.id, action: "project.create" } });
    expect(ev).toMatchObject({ actorId: ann.id, targetLabel: "acme-corp" });
  });

  it("says the slug is taken, also when two creates race", async () => {
    const err = await createProject(db.prisma, bob, { name: "Other", slug: "acme-corp" }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("slug_taken");
    expect(err.message).toMatch(/slug taken/i);
    const results = await Promise.allSettled([createProject(db.prisma, ann, { name: "Race" }), createProject(db.prisma, bob, { name: "Race" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("slug_taken");
  });

  it("hides projects from non-members", async () => {
    expect(await findProjectForMember(db.prisma, "acme-corp", bob.id)).toBeNull();
    expect(await findProjectForMember(db.prisma, "no-such", ann.id)).toBeNull();
    expect(await findProjectForMember(db.prisma, "Acme-Corp", ann.id)).toBeNull();
    expect((await listProjectsForUser(db.prisma, bob.id)).map((p) => p.project.slug)).not.toContain("acme-corp");
    expect((await listProjectsForUser(db.prisma, ann.id)).map((p) => p.project.slug)).toContain("acme-corp");
  });

  it("renames (owners and admins only) and keeps the slug", async () => {
    const { project } = (await findProjectForMember(db.prisma, "acme-corp", ann.id))!;
    await db.prisma.membership.create({ data: { projectId: project.id, userId: bob.id, role: "developer" } });
    await expect(renameProject(db.prisma, { ...bob, role: "developer" }, project.id, { name: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(renameProject(db.prisma, { ...ann, role: "owner" }, project.id, { name: "  " })).rejects.toMatchObject({ code: "validation_failed" });
    const renamed = await renameProject(db.prisma, { ...ann, role: "owner" }, project.id, { name: "Acme Europe" });
    expect(renamed).toMatchObject({ name: "Acme Europe", slug: "acme-corp" });
    expect(await db.prisma.auditEvent.count({ where: { projectId: project.id, action: "project.rename" } })).toBe(1);
  });
});
