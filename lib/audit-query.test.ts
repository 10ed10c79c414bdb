import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, stopTestPostgres } from "../test/support/db";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "./audit-query";
import type { Db } from "./db";
import { newId } from "./ids";

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db?.close();
  await stopTestPostgres();
});

async function user(email: string) {
  return db.prisma.user.create({ data: { id: newId("usr"), email } });
}
function event(projectId: string | null, actorId: string, action: string, at: Date, targetId = "t", metadata: object = { provider: "credentials" }) {
  return db.prisma.auditEvent.create({
    data: { id: newId("evt"), projectId, actorType: "user", actorId, actorLabel: actorId, action, targetType: "x", targetId, createdAt: at, metadata },
  });
}

describe("listAuditEvents", () => {
  it("project events plus current members' sign-ins, newest first, paginated", async () => {
    const p = await db.prisma.project.create({ data: { id: newId("prj"), slug: "aud-a", name: "a" } });
    const q = await db.prisma.project.create({ data: { id: newId("prj"), slug: "aud-b", name: "b" } });
    const ann = await user("ann@a.test");
    const bob = await user("bob@b.test");
    await db.prisma.membership.create({ data: { projectId: p.id, userId: ann.id, role: "viewer" } });
    await db.prisma.membership.create({ data: { projectId: q.id, userId: bob.id, role: "owner" } });
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) await event(p.id, ann.id, "token.mint", new Date(t0 + i * 1000), `id${i}`);
    await event(null, ann.id, "user.sign_in", new Date(t0 + 10_000_000));
    await event(null, bob.id, "user.sign_in", new Date(t0 + 10_000_001)); // not a member of p
    await event(q.id, bob.id, "token.mint", new Date(t0 + 10_000_002)); // other project
    await event(null, ann.id, "user.password_change", new Date(t0 + 10_000_003)); // account event other than sign-in

    const first = await listAuditEvents(db.prisma, p.id, "1");
    expect(first.total).toBe(AUDIT_PAGE_SIZE + 6);
    expect(first.pageCount).toBe(2);
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.events[0]).toMatchObject({ action: "user.sign_in", actorLabel: ann.id });
    expect(first.events[1]).toMatchObject({ action: "token.mint", targetId: `id${AUDIT_PAGE_SIZE + 4}` });
    expect(first.events[0].metadata).toEqual({ provider: "credentials" });
    const times = first.events.map((e) => e.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const second = await listAuditEvents(db.prisma, p.id, 2);
    expect(second.events).toHaveLength(6);
    expect(second.events.at(-1)).toMatchObject({ targetId: "id0" });
    // Out of range or junk pages fall back sensibly.
    expect((await listAuditEvents(db.prisma, p.id, "999")).page).toBe(2);
    expect((await listAuditEvents(db.prisma, p.id, "-3")).page).toBe(1);
    expect((await listAuditEvents(db.prisma, p.id, "abc")).page).toBe(1);
    expect((await listAuditEvents(db.prisma, p.id, undefined)).page).toBe(1);

    // Once ann leaves p, her sign-ins no longer show there.
    await db.prisma.membership.delete({ where: { projectId_userId: { projectId: p.id, userId: ann.id } } });
    expect((await listAuditEvents(db.prisma, p.id, 1)).total).toBe(AUDIT_PAGE_SIZE + 5);
  });

  it("shows metadata, but never a token-shaped string, and drops what is not flat", async () => {
    const p = await db.prisma.project.create({ data: { id: newId("prj"), slug: "aud-c", name: "c" } });
    const ann = await user("ann@c.test");
    const secret = `ik_live_0123abcd_${"ab".repeat(32)}`;
    await event(p.id, ann.id, "token.rotate", new Date(), "0123abcd", { replacement: "89abcdef", grace: "1h", oops: secret, list: [secret, "ok"] });
    await event(p.id, ann.id, "token.mint", new Date(Date.now() + 1), "x", { nested: { deep: true } });
    const [nested, rotate] = (await listAuditEvents(db.prisma, p.id, 1)).events;
    expect(rotate.metadata).toEqual({ replacement: "89abcdef", grace: "1h", oops: "[hidden]", list: ["[hidden]", "ok"] });
    expect(nested.metadata).toBeNull();
    expect(JSON.stringify(rotate)).not.toContain("ab".repeat(32));
  });
});
