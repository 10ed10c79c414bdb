// Revocation across instances: two production console processes and this test process (a third
// instance with its own bus) on one real PostgreSQL. Revokes are made through A's dashboard (a signed-in
// owner calling the revoke server action on A) and by the third instance. Needs `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../lib/db";
import { startRuntime, type Runtime } from "../../lib/runtime";
import { invalidateTokens } from "../../lib/tokens/invalidation";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream";
import { seedKey, seedProject, seedWorkload } from "../fixtures/seed";
import { startTcpProxy, type TcpProxy } from "../fixtures/tcp-proxy";
import { startConsole, TEST_AUTH_SECRET, type RunningConsole } from "../support/console";
import { actionId, callAction, seedMember, signInOverHttp } from "../support/dashboard";
import { startPostgres, type TestPostgres } from "../support/postgres";

process.env.NEXTAUTH_SECRET = TEST_AUTH_SECRET;

let pg: TestPostgres;
let db: Db;
let runtime: Runtime;
let upstream: FakeUpstream;
let proxy: TcpProxy;
let a: RunningConsole;
let b: RunningConsole;
let projectId: string;
let workloadId: string;

beforeAll(async () => {
  pg = await startPostgres();
  const url = await pg.freshDatabase();
  db = await openDb(url);
  upstream = await startFakeUpstream();
  const p = await seedProject(db.prisma, "acme");
  projectId = p.id;
  workloadId = (await seedWorkload(db.prisma, p.id, { slug: "bot", servingUrl: upstream.baseUrl, upstreamKey: "sk-up" })).id;
  runtime = await startRuntime(db);
  // B reaches the database through a relay the partition test can freeze.
  const u = new URL(url);
  proxy = await startTcpProxy(u.hostname, Number(u.port));
  const viaProxy = new URL(url);
  viaProxy.port = String(proxy.port);
  [a, b] = await Promise.all([startConsole({ databaseUrl: url }), startConsole({ databaseUrl: viaProxy.toString() })]);
}, 180_000);

afterAll(async () => {
  proxy?.thaw();
  await Promise.all([a?.stop(), b?.stop()]);
  await runtime?.stop();
  await db?.close();
  await proxy?.close();
  await upstream?.close();
  await new Promise((r) => setTimeout(r, 200));
  await pg?.stop();
});

const call = async (c: RunningConsole, key: string) => {
  const r = await fetch(`${c.url}/endpoint/acme/bot/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: '{"model":"bot","messages":[{"role":"user","content":"hi"}],"stream":false}',
  });
  const text = await r.text();
  return { status: r.status, error: r.status === 200 ? null : (JSON.parse(text).error as string) };
};

describe("revocation across instances", () => {
  it("all three instances are registered as live", async () => {
    const rows = await db.sql.query<{ id: string }>("SELECT id FROM console_instances WHERE last_seen_at > now() - interval '10 seconds'");
    expect(rows.map((r) => r.id)).toContain(runtime.bus!.instanceId);
    expect(rows).toHaveLength(3);
  });

  it("a revoke made in A's dashboard is obeyed by the very next request on B, 50 rounds", async () => {
    const owner = await seedMember(db.prisma, projectId, "owner", "owner@cluster.test");
    const cookie = await signInOverHttp(a.url, owner.email, owner.password);
    const revoke = actionId("app/(dashboard)/projects/[project]/tokens/actions.ts", "revokeTokenAction");
    for (let i = 0; i < 50; i++) {
      const k = await seedKey(db.prisma, projectId, { workloadIds: [workloadId] });
      expect(await call(b, k.plaintext)).toEqual({ status: 200, error: null });
      expect(await call(b, k.plaintext)).toEqual({ status: 200, error: null }); // cached on B now
      const r = await callAction(a.url, cookie, "/projects/acme/api-keys", revoke, ["acme", k.id]);
      expect([i, r.status]).toEqual([i, 200]);
      expect(r.text).toContain('"changed":true');
      expect([i, await call(b, k.plaintext)]).toEqual([i, { status: 401, error: "token_revoked" }]);
      expect([i, await call(a, k.plaintext)]).toEqual([i, { status: 401, error: "token_revoked" }]);
    }
    const audited = await db.prisma.auditEvent.count({ where: { projectId, action: "token.revoke", actorId: owner.id } });
    expect(audited).toBe(50);
  }, 120_000);

  it("a revoke made by another instance is obeyed by the very next request on B (and A), 100 rounds", async () => {
    for (let i = 0; i < 100; i++) {
      const k = await seedKey(db.prisma, projectId, { workloadIds: [workloadId] });
      expect(await call(b, k.plaintext)).toEqual({ status: 200, error: null });
      expect(await call(b, k.plaintext)).toEqual({ status: 200, error: null }); // cached on B now
      expect(await call(a, k.plaintext)).toEqual({ status: 200, error: null });
      await db.prisma.token.update({ where: { id: k.id }, data: { revokedAt: new Date() } });
      await invalidateTokens([k.publicId]);
      expect([i, await call(b, k.plaintext)]).toEqual([i, { status: 401, error: "token_revoked" }]);
      expect([i, await call(a, k.plaintext)]).toEqual([i, { status: 401, error: "token_revoked" }]);
    }
  }, 120_000);

  it("a partitioned instance does not serve a revoked key: it stops trusting its cache", async () => {
    const k = await seedKey(db.prisma, projectId, { workloadIds: [workloadId] });
    expect(await call(b, k.plaintext)).toEqual({ status: 200, error: null });
    expect(await call(b, k.plaintext)).toEqual({ status: 200, error: null });
    proxy.freeze(); // B hears nothing and nobody hears B; no connection is closed
    const bId = /invalidation bus: instance (ci_\w+) listening/.exec(b.logs())?.[1];
    expect(bId).toBeTruthy();
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(" "));
    await db.prisma.token.update({ where: { id: k.id }, data: { revokedAt: new Date() } });
    const t0 = Date.now();
    try {
      await invalidateTokens([k.publicId]); // A acks; B cannot: this waits for the ack timeout
    } finally {
      console.warn = warn;
    }
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2900);
    expect(warned.join("\n")).toContain(`instance(s) ${bId} did not acknowledge`);
    // B must not answer 200 from its cache. Its database reads hang while frozen: thaw a bit later.
    const pending = call(b, k.plaintext);
    setTimeout(() => proxy.thaw(), 1000);
    expect(await pending).toEqual({ status: 401, error: "token_revoked" });
    expect(await call(a, k.plaintext)).toEqual({ status: 401, error: "token_revoked" });
  }, 60_000);

  it("B recovers after the partition and serves from its cache again", async () => {
    for (let i = 0; i < 100 && !b.logs().includes("LISTEN connection re-established"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(b.logs()).toContain("LISTEN connection re-established");
    await new Promise((r) => setTimeout(r, 1500)); // its next heartbeat comes back: trusted again
    const k = await seedKey(db.prisma, projectId, { workloadIds: [workloadId] });
    expect(await call(b, k.plaintext)).toEqual({ status: 200, error: null });
    await db.prisma.token.update({ where: { id: k.id }, data: { revokedAt: new Date() } });
    const t0 = Date.now();
    await invalidateTokens([k.publicId]);
    expect(Date.now() - t0).toBeLessThan(2000); // both acked again
    expect(await call(b, k.plaintext)).toEqual({ status: 401, error: "token_revoked" });
  }, 60_000);
});
