import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "../access";
import { freshDb, stopTestPostgres } from "../../test/support/db";
import type { Db } from "../db";
import { newId } from "../ids";
import { generateToken, hashToken } from "./format";
import { onInvalidate, type Invalidation } from "./invalidation";
import { verifyControlToken, verifyDataTokenFromDb } from "./lookup";
import { MAX_LIFETIME_MS } from "./schemas";
import { keysForWorkload, listTokens, mintToken, revokeToken, rotateToken, TokenError, updateExpiry, type TokenActor } from "./service";

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(async () => {
  await db?.close();
  await stopTestPostgres();
});

const seen: Invalidation[] = [];
const off = onInvalidate((inv) => seen.push(inv));
afterAll(() => off());
afterEach(() => {
  seen.length = 0;
});

async function project(slug: string) {
  return db.prisma.project.create({ data: { id: newId("prj"), slug, name: slug } });
}
async function member(projectId: string, role: Role): Promise<TokenActor> {
  const email = `${role}-${newId("u").slice(2, 10)}@example.com`;
  const u = await db.prisma.user.create({ data: { id: newId("usr"), email } });
  await db.prisma.membership.create({ data: { projectId, userId: u.id, role } });
  return { userId: u.id, email, role };
}
async function workload(projectId: string, slug: string) {
  return db.prisma.workload.create({
    data: { id: newId("wl"), projectId, name: slug, slug, taskType: "text2text", backend: "vllm", modelName: "m" },
  });
}

/** Every text of every row of every table (the whole database as text). */
async function wholeDatabaseText(): Promise<string> {
  const tables = await db.sql.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  );
  let out = "";
  for (const { table_name } of tables) {
    const rows = await db.sql.query<{ j: string }>(`select row_to_json(t)::text as j from "${table_name}" t`);
    out += rows.map((r) => r.j).join("\n");
  }
  return out;
}

describe("mintToken", () => {
  it("returns the plaintext once and stores only its SHA-256", async () => {
    const p = await project("mint-a");
    const owner = await member(p.id, "owner");
    const { token, plaintext } = await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "ci", expiresAt: null }, actor: owner, ip: "10.0.0.1" });
    expect(plaintext).toMatch(/^ik_sdk_[0-9a-f]{8}_[0-9a-f]{64}$/);
    expect(token).toMatchObject({ kind: "sdk", name: "ci", scopes: ["workload:write", "assignment:write"], createdBy: owner.email, requestCount: 0 });
    expect(token.hint).toBe(`ik_sdk_${plaintext.slice(7, 15)}…`);
    expect(token.status.code).toBe("active");
    expect(token).not.toHaveProperty("secretHash");

    const row = await db.prisma.token.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.secretHash).toBe(hashToken(plaintext));
    const all = await wholeDatabaseText();
    expect(all).toContain(hashToken(plaintext));
    expect(all).not.toContain(plaintext);
    expect(all).not.toContain(plaintext.slice(-64)); // not even the secret part alone

    const events = await db.prisma.auditEvent.findMany({ where: { projectId: p.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "token.mint", actorId: owner.userId, targetId: token.publicId, ip: "10.0.0.1" });
  });

  it("data keys: chosen workloads of this project, or the entire project", async () => {
    const p = await project("mint-b");
    const dev = await member(p.id, "developer");
    const [a, b] = [await workload(p.id, "alpha"), await workload(p.id, "beta")];
    const some = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "app", access: { workloadIds: [b.id, a.id] }, expiresAt: null }, actor: dev });
    expect(some.plaintext).toMatch(/^ik_live_[0-9a-f]{8}_[0-9a-f]{64}$/);
    expect(some.token.accessLabel).toBe("alpha, beta");
    expect(some.token.access.all).toBe(false);
    const all = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "wide", access: { all: true }, expiresAt: null }, actor: dev });
    expect(all.token.accessLabel).toBe("mint-b/*");

    const listed = await listTokens(db.prisma, p.id, "live");
    expect(listed.map((t) => t.name)).toEqual(["wide", "app"]);
    expect(JSON.stringify(listed)).not.toMatch(/[0-9a-f]{64}/);
    expect(await listTokens(db.prisma, p.id, "sdk")).toEqual([]);
  });

  it("refuses a workload of another project, and bad input, with field errors", async () => {
    const p = await project("mint-c");
    const other = await project("mint-c-other");
    const foreign = await workload(other.id, "theirs");
    const dev = await member(p.id, "developer");
    const err = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "x", access: { workloadIds: [foreign.id] }, expiresAt: null }, actor: dev }).catch((e) => e);
    expect(err).toBeInstanceOf(TokenError);
    expect(err.code).toBe("validation_failed");
    expect(err.fieldErrors).toHaveProperty("workloadIds");
    const bad = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "", access: { workloadIds: [] }, expiresAt: null }, actor: dev }).catch((e) => e);
    expect(bad.code).toBe("validation_failed");
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["access", "name"]);
    expect(await db.prisma.token.count({ where: { projectId: p.id } })).toBe(0);
  });

  it("draws a new public id when the first one is taken", async () => {
    const p = await project("mint-d");
    const owner = await member(p.id, "owner");
    const first = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "one", access: { all: true }, expiresAt: null }, actor: owner });
    const generate = vi.fn(generateToken);
    generate.mockImplementationOnce((kind) => generateToken(kind, first.token.publicId));
    const second = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "two", access: { all: true }, expiresAt: null }, actor: owner }, { generate });
    expect(generate).toHaveBeenCalledTimes(2);
    expect(second.token.publicId).not.toBe(first.token.publicId);
    expect(second.plaintext.slice(8, 16)).toBe(second.token.publicId);
    expect(await db.prisma.token.count({ where: { projectId: p.id } })).toBe(2);
    // The failed attempt left no audit event behind.
    expect(await db.prisma.auditEvent.count({ where: { projectId: p.id, action: "token.mint" } })).toBe(2);
  });

  it("gives up after repeated clashes instead of looping", async () => {
    const p = await project("mint-e");
    const owner = await member(p.id, "owner");
    const first = await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "one", expiresAt: null }, actor: owner });
    const generate = vi.fn((kind: "sdk" | "live") => generateToken(kind, first.token.publicId));
    await expect(mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "two", expiresAt: null }, actor: owner }, { generate })).rejects.toThrow();
    expect(generate).toHaveBeenCalledTimes(5);
  });
});

describe("who may", () => {
  it("owners and admins manage control tokens; developers only data keys; viewers neither", async () => {
    const p = await project("roles");
    const input = { kind: "sdk" as const, name: "x", expiresAt: null };
    const live = { kind: "live" as const, name: "x", access: { all: true as const }, expiresAt: null };
    for (const role of ["owner", "admin"] as const) {
      const m = await member(p.id, role);
      await expect(mintToken(db.prisma, { project: p, input, actor: m })).resolves.toBeTruthy();
      await expect(mintToken(db.prisma, { project: p, input: live, actor: m })).resolves.toBeTruthy();
    }
    const dev = await member(p.id, "developer");
    await expect(mintToken(db.prisma, { project: p, input: live, actor: dev })).resolves.toBeTruthy();
    await expect(mintToken(db.prisma, { project: p, input, actor: dev })).rejects.toMatchObject({ code: "forbidden" });
    const viewer = await member(p.id, "viewer");
    await expect(mintToken(db.prisma, { project: p, input: live, actor: viewer })).rejects.toMatchObject({ code: "forbidden" });
    await expect(mintToken(db.prisma, { project: p, input, actor: viewer })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.prisma.token.count({ where: { projectId: p.id } })).toBe(5);
  });

  it("viewers and developers cannot rotate or revoke control tokens; viewers cannot touch data keys", async () => {
    const p = await project("roles-b");
    const owner = await member(p.id, "owner");
    const sdk = await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "c", expiresAt: null }, actor: owner });
    const key = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "d", access: { all: true }, expiresAt: null }, actor: owner });
    const dev = await member(p.id, "developer");
    const viewer = await member(p.id, "viewer");
    for (const actor of [dev, viewer]) {
      await expect(revokeToken(db.prisma, { project: p, tokenId: sdk.token.id, actor })).rejects.toMatchObject({ code: "forbidden" });
      await expect(rotateToken(db.prisma, { project: p, tokenId: sdk.token.id, grace: "none", actor })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(revokeToken(db.prisma, { project: p, tokenId: key.token.id, actor: viewer })).rejects.toMatchObject({ code: "forbidden" });
    await expect(rotateToken(db.prisma, { project: p, tokenId: key.token.id, grace: "1h", actor: viewer })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateExpiry(db.prisma, { project: p, tokenId: key.token.id, expiresAt: null, actor: viewer })).rejects.toMatchObject({ code: "forbidden" });
    const rows = await db.prisma.token.findMany({ where: { projectId: p.id } });
    expect(rows.every((r) => !r.revokedAt && !r.rotatedAt)).toBe(true);
    expect(seen).toEqual([]);
  });

  it("a token of another project is not found through this project", async () => {
    const p = await project("scope-a");
    const q = await project("scope-b");
    const owner = await member(p.id, "owner");
    const otherOwner = await member(q.id, "owner");
    const t = await mintToken(db.prisma, { project: q, input: { kind: "sdk", name: "theirs", expiresAt: null }, actor: otherOwner });
    await expect(revokeToken(db.prisma, { project: p, tokenId: t.token.id, actor: owner })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeToken(db.prisma, { project: p, tokenId: "'; drop table tokens; --", actor: owner })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("rotateToken", () => {
  it("gives the replacement the old lifetime, but never more than the 5 years a mint allows", async () => {
    const p = await project("rot-cap");
    const owner = await member(p.id, "owner");
    const old = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "long", access: { all: true }, expiresAt: new Date(Date.now() + 4 * 365 * 86_400_000) }, actor: owner });
    // Minted two years ago, since extended to the limit: a lifetime of 7 years.
    await db.prisma.token.update({ where: { id: old.token.id }, data: { createdAt: new Date(Date.now() - 2 * 365 * 86_400_000) } });
    const r = await rotateToken(db.prisma, { project: p, tokenId: old.token.id, grace: "none", actor: owner });
    expect(r.token.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + MAX_LIFETIME_MS);
    expect(r.token.expiresAt!.getTime()).toBeGreaterThan(Date.now() + MAX_LIFETIME_MS - 60_000);
  });

  it("links a replacement with the same name and access; both work during the grace", async () => {
    const p = await project("rot-a");
    const owner = await member(p.id, "owner");
    const w = await workload(p.id, "svc");
    const old = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "app", access: { workloadIds: [w.id] }, expiresAt: new Date(Date.now() + 30 * 86_400_000) }, actor: owner });
    const before = Date.now();
    const r = await rotateToken(db.prisma, { project: p, tokenId: old.token.id, grace: "1h", actor: owner });
    expect(r.plaintext).toMatch(/^ik_live_[0-9a-f]{8}_[0-9a-f]{64}$/);
    expect(r.plaintext).not.toBe(old.plaintext);
    expect(r.token).toMatchObject({ name: "app", accessLabel: "svc", replaces: { id: old.token.id, publicId: old.token.publicId } });
    expect(r.old).toMatchObject({ status: { code: "rotated", usable: true }, replacedBy: { id: r.token.id } });
    expect(r.old.graceEndsAt!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(r.old.graceEndsAt!.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    // Same 30-day lifetime, counted from the rotation.
    expect(r.token.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 30 * 86_400_000 - 5_000);
    expect(seen).toEqual([{ tokens: [old.token.publicId] }]);

    const a = await verifyDataTokenFromDb(db.prisma, old.plaintext);
    const b = await verifyDataTokenFromDb(db.prisma, r.plaintext);
    expect(a.ok && b.ok).toBe(true);
    if (b.ok) expect(b.token).toMatchObject({ projectSlug: "rot-a", workloadIds: [w.id] });

    const all = await wholeDatabaseText();
    expect(all).not.toContain(r.plaintext);
    expect(await db.prisma.auditEvent.count({ where: { projectId: p.id, action: "token.rotate", targetId: old.token.publicId } })).toBe(1);
    const listed = await listTokens(db.prisma, p.id, "live");
    expect(listed.map((t) => t.status.code)).toEqual(["active", "rotated"]);

    // Only active tokens rotate: not the rotated one again.
    await expect(rotateToken(db.prisma, { project: p, tokenId: old.token.id, grace: "1h", actor: owner })).rejects.toMatchObject({ code: "not_active" });
  });

  it("grace none stops the old token at once", async () => {
    const p = await project("rot-b");
    const owner = await member(p.id, "owner");
    const old = await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "deploy", scopes: ["workload:read"], expiresAt: null }, actor: owner });
    const r = await rotateToken(db.prisma, { project: p, tokenId: old.token.id, grace: "none", actor: owner });
    expect(await verifyControlToken(db.prisma, old.plaintext)).toEqual({ ok: false, reason: "revoked" });
    const fresh = await verifyControlToken(db.prisma, r.plaintext);
    expect(fresh.ok && fresh.token).toMatchObject({ projectSlug: "rot-b", scopes: ["workload:read"] });
    expect(r.token.expiresAt).toBeNull();
    expect(r.old.status.code).toBe("rotated_ended");
  });

  it("grace until_revoked keeps the old token working, with no deadline, until it is revoked", async () => {
    const p = await project("rot-until");
    const owner = await member(p.id, "owner");
    const old = await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "deploy", expiresAt: null }, actor: owner });
    const r = await rotateToken(db.prisma, { project: p, tokenId: old.token.id, grace: "until_revoked", actor: owner });
    expect(r.old.graceEndsAt).toBeNull();
    expect(r.old.status).toMatchObject({ code: "rotated", usable: true, until: null });
    expect((await verifyControlToken(db.prisma, old.plaintext)).ok).toBe(true);
    expect((await verifyControlToken(db.prisma, r.plaintext)).ok).toBe(true);
    await revokeToken(db.prisma, { project: p, tokenId: old.token.id, actor: owner });
    expect(await verifyControlToken(db.prisma, old.plaintext)).toEqual({ ok: false, reason: "revoked" });
    expect((await verifyControlToken(db.prisma, r.plaintext)).ok).toBe(true);
  });

  it("refuses revoked tokens and unknown grace", async () => {
    const p = await project("rot-c");
    const owner = await member(p.id, "owner");
    const t = await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "x", expiresAt: null }, actor: owner });
    await expect(rotateToken(db.prisma, { project: p, tokenId: t.token.id, grace: "2y" as never, actor: owner })).rejects.toMatchObject({ code: "validation_failed" });
    await revokeToken(db.prisma, { project: p, tokenId: t.token.id, actor: owner });
    await expect(rotateToken(db.prisma, { project: p, tokenId: t.token.id, grace: "1h", actor: owner })).rejects.toMatchObject({ code: "not_active" });
  });

  it("two concurrent rotations: one wins, one is refused", async () => {
    const p = await project("rot-d");
    const owner = await member(p.id, "owner");
    const t = await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "x", expiresAt: null }, actor: owner });
    const results = await Promise.allSettled([
      rotateToken(db.prisma, { project: p, tokenId: t.token.id, grace: "1h", actor: owner }),
      rotateToken(db.prisma, { project: p, tokenId: t.token.id, grace: "1h", actor: owner }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.token.count({ where: { projectId: p.id } })).toBe(2);
  });
});

describe("revokeToken", () => {
  it("revokes at once, announces the invalidation, and is idempotent", async () => {
    const p = await project("rev-a");
    const dev = await member(p.id, "developer");
    const t = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "k", access: { all: true }, expiresAt: null }, actor: dev });
    expect((await verifyDataTokenFromDb(db.prisma, t.plaintext)).ok).toBe(true);
    const r = await revokeToken(db.prisma, { project: p, tokenId: t.token.id, actor: dev });
    expect(r.changed).toBe(true);
    expect(r.token.status.code).toBe("revoked");
    expect(seen).toEqual([{ tokens: [t.token.publicId] }]);
    expect(await verifyDataTokenFromDb(db.prisma, t.plaintext)).toEqual({ ok: false, reason: "revoked" });
    const row = await db.prisma.token.findUniqueOrThrow({ where: { id: t.token.id } });
    expect(row.revokedById).toBe(dev.userId);

    const again = await revokeToken(db.prisma, { project: p, tokenId: t.token.id, actor: dev });
    expect(again.changed).toBe(false);
    expect(again.token.revokedAt).toEqual(row.revokedAt);
    expect(await db.prisma.auditEvent.count({ where: { projectId: p.id, action: "token.revoke" } })).toBe(1);
    expect(await listTokens(db.prisma, p.id, "live")).toHaveLength(1); // stays listed
  });

  it("revoking the old token of a rotation ends its grace", async () => {
    const p = await project("rev-b");
    const owner = await member(p.id, "owner");
    const old = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "k", access: { all: true }, expiresAt: null }, actor: owner });
    const r = await rotateToken(db.prisma, { project: p, tokenId: old.token.id, grace: "7d", actor: owner });
    expect((await verifyDataTokenFromDb(db.prisma, old.plaintext)).ok).toBe(true);
    await revokeToken(db.prisma, { project: p, tokenId: old.token.id, actor: owner });
    expect(await verifyDataTokenFromDb(db.prisma, old.plaintext)).toEqual({ ok: false, reason: "revoked" });
    expect((await verifyDataTokenFromDb(db.prisma, r.plaintext)).ok).toBe(true);
  });
});

describe("updateExpiry", () => {
  it("changes expiry, audits and invalidates; refuses past dates", async () => {
    const p = await project("exp-a");
    const owner = await member(p.id, "owner");
    const t = await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "x", expiresAt: null }, actor: owner });
    const when = new Date(Date.now() + 3 * 86_400_000);
    const v = await updateExpiry(db.prisma, { project: p, tokenId: t.token.id, expiresAt: when, actor: owner });
    expect(v.expiresAt).toEqual(when);
    expect(v.status.code).toBe("expiring_soon");
    expect(seen).toEqual([{ tokens: [t.token.publicId] }]);
    expect(await db.prisma.auditEvent.count({ where: { projectId: p.id, action: "token.expiry_change" } })).toBe(1);
    await expect(updateExpiry(db.prisma, { project: p, tokenId: t.token.id, expiresAt: new Date(Date.now() - 1), actor: owner })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("an expired or revoked token cannot be brought back", async () => {
    const p = await project("exp-b");
    const owner = await member(p.id, "owner");
    const expired = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "old", access: { all: true }, expiresAt: null }, actor: owner });
    await db.prisma.token.update({ where: { id: expired.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(updateExpiry(db.prisma, { project: p, tokenId: expired.token.id, expiresAt: null, actor: owner })).rejects.toMatchObject({ code: "not_active" });
    expect(await verifyDataTokenFromDb(db.prisma, expired.plaintext)).toMatchObject({ ok: false, reason: "expired" });
    const revoked = await mintToken(db.prisma, { project: p, input: { kind: "live", name: "gone", access: { all: true }, expiresAt: null }, actor: owner });
    await revokeToken(db.prisma, { project: p, tokenId: revoked.token.id, actor: owner });
    await expect(updateExpiry(db.prisma, { project: p, tokenId: revoked.token.id, expiresAt: null, actor: owner })).rejects.toMatchObject({ code: "not_active" });
    expect(await db.prisma.auditEvent.count({ where: { projectId: p.id, action: "token.expiry_change" } })).toBe(0);
  });
});

describe("keysForWorkload", () => {
  it("lists direct grants and project-wide keys, nothing else", async () => {
    const p = await project("wk-a");
    const q = await project("wk-b");
    const owner = await member(p.id, "owner");
    const qOwner = await member(q.id, "owner");
    const [a, b] = [await workload(p.id, "a"), await workload(p.id, "b")];
    await workload(q.id, "a");
    await mintToken(db.prisma, { project: p, input: { kind: "live", name: "direct", access: { workloadIds: [a.id] }, expiresAt: null }, actor: owner });
    await mintToken(db.prisma, { project: p, input: { kind: "live", name: "other", access: { workloadIds: [b.id] }, expiresAt: null }, actor: owner });
    await mintToken(db.prisma, { project: p, input: { kind: "live", name: "wide", access: { all: true }, expiresAt: null }, actor: owner });
    await mintToken(db.prisma, { project: p, input: { kind: "sdk", name: "control", expiresAt: null }, actor: owner });
    await mintToken(db.prisma, { project: q, input: { kind: "live", name: "foreign", access: { all: true }, expiresAt: null }, actor: qOwner });
    expect((await keysForWorkload(db.prisma, a.id)).map((k) => k.name).sort()).toEqual(["direct", "wide"]);
    // A workload created later is reached by the project-wide key.
    const later = await workload(p.id, "later");
    expect((await keysForWorkload(db.prisma, later.id)).map((k) => k.name)).toEqual(["wide"]);
    expect(await keysForWorkload(db.prisma, "wl_missing")).toEqual([]);
  });
});

describe("verifyControlToken", () => {
  it("reasons for missing, wrong kind and unknown", async () => {
    expect(await verifyControlToken(db.prisma, null)).toEqual({ ok: false, reason: "missing" });
    expect(await verifyControlToken(db.prisma, generateToken("live").plaintext)).toEqual({ ok: false, reason: "wrong_kind" });
    expect(await verifyControlToken(db.prisma, generateToken("sdk").plaintext)).toEqual({ ok: false, reason: "unknown" });
  });
});
