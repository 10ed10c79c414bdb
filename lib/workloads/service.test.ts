import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, stopTestPostgres } from "../../test/support/db";
import { unseal } from "../crypto/seal";
import type { Db } from "../db";
import { newId } from "../ids";
import { movesServingOrigin, updateWorkload } from "./service";

let db: Db;
const saved = process.env.IK_ENCRYPTION_KEY;
beforeAll(async () => {
  process.env.IK_ENCRYPTION_KEY = "k".repeat(40);
  db = await freshDb();
});
afterAll(async () => {
  if (saved === undefined) delete process.env.IK_ENCRYPTION_KEY;
  else process.env.IK_ENCRYPTION_KEY = saved;
  await db?.close();
  await stopTestPostgres();
});

const actor = { type: "token" as const, id: "0123abcd", label: "ci" };

async function workloadWithKey(servingUrl: string | null) {
  const p = await db.prisma.project.create({ data: { id: newId("prj"), slug: newId("p").replace("_", "-"), name: "p" } });
  const w = await db.prisma.workload.create({
    data: { id: newId("wl"), projectId: p.id, name: "w", slug: "w", taskType: "text2text", backend: "vllm", modelName: "m", servingUrl },
  });
  return updateWorkload(db.prisma, w, {}, actor, { upstreamKey: "sk-upstream-1" });
}

describe("movesServingOrigin", () => {
  it.each([
    ["http://gpu-1:8000/v1", "http://gpu-1:8000/v2", false],
    ["http://gpu-1:8000/v1", "http://GPU-1:8000/v1/", false],
    ["http://gpu-1:80/v1", "http://gpu-1/v1", false],
    ["http://gpu-1:8000/v1", "http://gpu-2:8000/v1", true],
    ["http://gpu-1:8000/v1", "http://gpu-1:8001/v1", true],
    ["http://gpu-1:8000/v1", "https://gpu-1:8000/v1", true],
    ["http://gpu-1:8000/v1", null, true],
    [null, "http://gpu-1:8000/v1", true],
  ])("%s → %s: %s", (from, to, moves) => {
    expect(movesServingOrigin({ servingUrl: from }, { servingUrl: to })).toBe(moves);
  });

  it("is false when the change leaves the serving URL alone", () => {
    expect(movesServingOrigin({ servingUrl: "http://gpu-1:8000/v1" }, { description: "x" })).toBe(false);
  });
});

describe("updateWorkload and the upstream key", () => {
  it("keeps the key while the serving URL stays on its server", async () => {
    const w = await workloadWithKey("http://gpu-1:8000/v1");
    const u = await updateWorkload(db.prisma, w, { servingUrl: "http://gpu-1:8000/openai/v1", description: "moved path" }, actor);
    expect(unseal(u.upstreamKeySealed!)).toBe("sk-upstream-1");
  });

  it("clears the key when the serving URL moves to another server, and says so in the audit log", async () => {
    const w = await workloadWithKey("http://gpu-1:8000/v1");
    const u = await updateWorkload(db.prisma, w, { servingUrl: "http://elsewhere.example:8000/v1" }, actor);
    expect(u.upstreamKeySealed).toBeNull();
    const ev = await db.prisma.auditEvent.findFirst({ where: { projectId: w.projectId, action: "workload.update" }, orderBy: { createdAt: "desc" } });
    expect(JSON.stringify(ev?.metadata)).toContain("upstream_key_cleared");
    expect(JSON.stringify(ev?.metadata)).toContain("upstream_key");
  });

  it("clears it when the serving URL is removed or set for the first time", async () => {
    const a = await workloadWithKey("http://gpu-1:8000/v1");
    expect((await updateWorkload(db.prisma, a, { servingUrl: null }, actor)).upstreamKeySealed).toBeNull();
    const b = await workloadWithKey(null);
    expect((await updateWorkload(db.prisma, b, { servingUrl: "http://gpu-1:8000/v1" }, actor)).upstreamKeySealed).toBeNull();
  });

  it("keeps a key that the same change sets for the new server", async () => {
    const w = await workloadWithKey("http://gpu-1:8000/v1");
    const u = await updateWorkload(db.prisma, w, { servingUrl: "http://gpu-2:8000/v1" }, actor, { upstreamKey: "sk-upstream-2" });
    expect(unseal(u.upstreamKeySealed!)).toBe("sk-upstream-2");
  });

  it("judges against the row as stored, not a stale copy of it", async () => {
    const w = await workloadWithKey("http://gpu-1:8000/v1");
    // Someone else moved it meanwhile (the key went with that move); this caller's copy is stale.
    await updateWorkload(db.prisma, w, { servingUrl: "http://gpu-2:8000/v1" }, actor, { upstreamKey: "sk-upstream-2" });
    const u = await updateWorkload(db.prisma, w, { servingUrl: "http://gpu-1:8000/v1" }, actor);
    expect(u.upstreamKeySealed).toBeNull();
  });
});
