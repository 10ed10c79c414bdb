// The leak scanner itself must be able to fail: plant a plaintext in each place it looks and check
// it is found; a clean run passes; an empty or incomplete manifest fails.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../lib/db";
import { newId } from "../lib/ids";
import { mintToken } from "../lib/tokens/service";
import { leakScan } from "../scripts/leak-scan";
import { startPostgres } from "./support/postgres";

let root: string;
let dataDir: string;
let logFile: string;
let plaintext: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "ik-leak-scan-"));
  dataDir = path.join(root, "data");
  logFile = path.join(root, "server.log");
  const db = await openDb(path.join(dataDir, "pglite"));
  const project = await db.prisma.project.create({ data: { id: newId("prj"), slug: "leaks", name: "leaks" } });
  const user = await db.prisma.user.create({ data: { id: newId("usr"), email: "o@example.test" } });
  const minted = await mintToken(db.prisma, { project, input: { kind: "live", name: "k", access: { all: true }, expiresAt: null }, actor: { userId: user.id, email: user.email, role: "owner" } });
  plaintext = minted.plaintext;
  await db.close();
  writeFileSync(logFile, "InferenceKey Console on http://127.0.0.1:1 (database: pglite)\n");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function manifest(m: { tokens?: string[]; dataDirs?: string[]; databaseUrls?: string[]; logFiles?: string[] }): string {
  const dir = path.join(root, `manifest-${newId("m")}`);
  mkdirSync(dir);
  const file = path.join(dir, "worker-1.json");
  writeFileSync(file, JSON.stringify(m));
  return file;
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> {
  const db = await openDb(path.join(dataDir, "pglite"));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe("leakScan", () => {
  it("passes on a clean run and deletes the manifest", async () => {
    const file = manifest({ tokens: [plaintext], dataDirs: [dataDir], logFiles: [logFile] });
    const r = await leakScan(file, { nextCache: null });
    expect(r.hits).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.rows).toBeGreaterThan(0);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it("finds a plaintext in the server log, by public id only", async () => {
    writeFileSync(logFile, `oops ${plaintext}\n`, { flag: "a" });
    try {
      const r = await leakScan(manifest({ tokens: [plaintext], dataDirs: [dataDir], logFiles: [logFile] }), { nextCache: null });
      expect(r.ok).toBe(false);
      expect(r.hits.some((h) => h.includes("server log"))).toBe(true);
      expect(r.hits.join("\n")).not.toContain(plaintext.slice(-64));
    } finally {
      writeFileSync(logFile, "clean\n");
    }
  });

  it("finds the secret part alone in a database column", async () => {
    await withDb((db) => db.prisma.auditEvent.create({ data: { id: newId("evt"), actorType: "system", actorLabel: "x", action: "oops", metadata: { s: plaintext.slice(-64) } } }));
    const r = await leakScan(manifest({ tokens: [plaintext], dataDirs: [dataDir], logFiles: [logFile] }), { nextCache: null });
    expect(r.ok).toBe(false);
    expect(r.hits.some((h) => h.includes("table public.audit_events"))).toBe(true);
    await withDb((db) => db.prisma.auditEvent.deleteMany({ where: { action: "oops" } }));
  });

  it("finds a plaintext in a cache folder", async () => {
    const cache = path.join(root, "cache");
    mkdirSync(cache, { recursive: true });
    writeFileSync(path.join(cache, "page.rsc"), `{"t":"${plaintext}"}`);
    const r = await leakScan(manifest({ tokens: [plaintext], dataDirs: [dataDir], logFiles: [logFile] }), { nextCache: cache });
    expect(r.ok).toBe(false);
    expect(r.hits.some((h) => h.includes("page.rsc"))).toBe(true);
  });

  it("fails when there is nothing to scan or a place is missing", async () => {
    expect((await leakScan(path.join(root, "nowhere", "m.json"), { nextCache: null })).ok).toBe(false);
    expect((await leakScan(manifest({ tokens: [plaintext], dataDirs: [dataDir], logFiles: [] }), { nextCache: null })).ok).toBe(false);
    expect((await leakScan(manifest({ tokens: [plaintext], dataDirs: [], logFiles: [logFile] }), { nextCache: null })).ok).toBe(false);
    expect((await leakScan(manifest({ tokens: [plaintext], dataDirs: [path.join(root, "none")], logFiles: [logFile] }), { nextCache: null })).ok).toBe(false);
  });

  it("scans a PostgreSQL console's database too: clean passes, a planted secret is found", async () => {
    const pg = await startPostgres();
    try {
      const url = await pg.freshDatabase("ik_leak");
      const db = await openDb(url);
      let token: string;
      try {
        const project = await db.prisma.project.create({ data: { id: newId("prj"), slug: "pg-leaks", name: "pg" } });
        const user = await db.prisma.user.create({ data: { id: newId("usr"), email: "p@example.test" } });
        token = (await mintToken(db.prisma, { project, input: { kind: "sdk", name: "k", expiresAt: null }, actor: { userId: user.id, email: user.email, role: "owner" } })).plaintext;
      } finally {
        await db.close();
      }
      const clean = await leakScan(manifest({ tokens: [token], databaseUrls: [url], logFiles: [logFile] }), { nextCache: null });
      expect(clean.hits).toEqual([]);
      expect(clean.rows).toBeGreaterThan(0);
      const dirty = await openDb(url);
      await dirty.prisma.auditEvent.create({ data: { id: newId("evt"), actorType: "system", actorLabel: "x", action: "oops", metadata: { s: token } } });
      await dirty.close();
      const r = await leakScan(manifest({ tokens: [token], databaseUrls: [url], logFiles: [logFile] }), { nextCache: null });
      expect(r.ok).toBe(false);
      expect(r.hits.some((h) => h.includes("table public.audit_events"))).toBe(true);
      expect(r.hits.join("\n")).not.toContain(new URL(url).password);
    } finally {
      await pg.stop();
    }
  });
});
