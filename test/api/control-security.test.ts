// The shared security suite for the control plane: every route × every kind of caller, over real HTTP
// against a production console on PostgreSQL. Each case states the status and error code it expects.
import { randomBytes } from "node:crypto";
import type { Workload } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expireSeedToken,
  revokeSeedToken,
  rotateSeedToken,
  seedLiveKey,
  seedProject,
  seedSdkToken,
  seedWorkload,
  startSeededConsole,
  type SeedProject,
  type SeededConsole,
  type SeedToken,
} from "../support/seed";

let env: SeededConsole;
let projA: SeedProject;
let projB: SeedProject;
const tok: Record<string, SeedToken> = {};
let shared: Workload;

beforeAll(async () => {
  env = await startSeededConsole({ IK_READINESS_POLL_MS: "100", IK_SSE_KEEPALIVE_MS: "1000" });
  const db = env.prisma;
  projA = await seedProject(db, { name: "Acme Alpha" });
  projB = await seedProject(db, { name: "Bravo Beta" });
  tok.valid = await seedSdkToken(db, projA);
  tok.readOnly = await seedSdkToken(db, projA, ["workload:read"]);
  tok.writeOnly = await seedSdkToken(db, projA, ["workload:write"]);
  tok.assignmentOnly = await seedSdkToken(db, projA, ["assignment:write"]);
  tok.expired = await seedSdkToken(db, projA);
  await expireSeedToken(db, tok.expired);
  tok.revoked = await seedSdkToken(db, projA);
  await revokeSeedToken(db, projA, tok.revoked);
  tok.rotatedOld = await seedSdkToken(db, projA);
  await rotateSeedToken(db, projA, tok.rotatedOld);
  tok.live = await seedLiveKey(db, projA);
  tok.otherProject = await seedSdkToken(db, projB);
  shared = await seedWorkload(db, projA, { name: "Shared Workload" });
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

type Call = { method: string; path: string; body?: string; contentType?: string };
type RouteName = "list" | "create" | "patch" | "delete" | "readiness";

/** A fresh, valid request for each route (writes get their own workload or slug). */
async function callFor(route: RouteName, project = projA.slug): Promise<Call> {
  switch (route) {
    case "list":
      return { method: "GET", path: `/api/projects/${project}/workloads` };
    case "create":
      return {
        method: "POST",
        path: `/api/projects/${project}/workloads`,
        body: JSON.stringify({ name: `Created ${randomBytes(3).toString("hex")}`, slug: `created-${randomBytes(4).toString("hex")}`, task_type: "text2text", backend: "vllm", model_name: "m" }),
        contentType: "application/json",
      };
    case "patch": {
      const w = await seedWorkload(env.prisma, projA);
      return { method: "PATCH", path: `/api/workloads/${w.id}`, body: '{"description":"changed"}', contentType: "application/json" };
    }
    case "delete": {
      const w = await seedWorkload(env.prisma, projA);
      return { method: "DELETE", path: `/api/workloads/${w.id}` };
    }
    case "readiness":
      return { method: "GET", path: `/api/projects/${project}/workloads/${shared.slug}/readiness-events` };
  }
}

async function send(c: Call, authorization?: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extra };
  if (authorization !== undefined) headers.authorization = authorization;
  if (c.contentType) headers["content-type"] = c.contentType;
  const ctrl = new AbortController();
  const res = await fetch(env.url + c.path, { method: c.method, headers, body: c.body, redirect: "manual", signal: ctrl.signal });
  const type = res.headers.get("content-type") ?? "";
  let text = "";
  if (type.startsWith("text/event-stream")) {
    // Read only the first event, then hang up.
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    while (!text.includes("\n\n")) {
      const { done, value } = await reader.read();
      if (done) break;
      text += dec.decode(value, { stream: true });
    }
    ctrl.abort();
  } else text = await res.text();
  return { status: res.status, type, text, headers: res.headers };
}

const bearer = (t: SeedToken) => `Bearer ${t.plaintext}`;
const routes: RouteName[] = ["list", "create", "patch", "delete", "readiness"];
const isWrite = (r: RouteName) => r === "create" || r === "patch" || r === "delete";
const isIdRoute = (r: RouteName) => r === "patch" || r === "delete";

interface Case {
  name: string;
  auth: () => string | undefined;
  project?: () => string;
  expect: (r: RouteName) => { status: number; error?: string };
}

const cases: Case[] = [
  { name: "no token", auth: () => undefined, expect: () => ({ status: 401, error: "missing_token" }) },
  { name: "empty header", auth: () => "", expect: () => ({ status: 401, error: "missing_token" }) },
  { name: "malformed token", auth: () => "Bearer ik_sdk_nothex_123", expect: () => ({ status: 401, error: "malformed_token" }) },
  { name: "not a bearer header", auth: () => "Basic dXNlcjpwYXNz", expect: () => ({ status: 401, error: "malformed_token" }) },
  { name: "bearer without a token", auth: () => "Bearer ", expect: () => ({ status: 401, error: "malformed_token" }) },
  {
    name: "unknown token",
    auth: () => `Bearer ik_sdk_${randomBytes(4).toString("hex")}_${randomBytes(32).toString("hex")}`,
    expect: () => ({ status: 401, error: "invalid_token" }),
  },
  {
    name: "known public id, wrong secret",
    auth: () => `Bearer ik_sdk_${tok.valid.publicId}_${randomBytes(32).toString("hex")}`,
    expect: () => ({ status: 401, error: "invalid_token" }),
  },
  { name: "expired token", auth: () => bearer(tok.expired), expect: () => ({ status: 401, error: "token_expired" }) },
  { name: "revoked token", auth: () => bearer(tok.revoked), expect: () => ({ status: 403, error: "token_revoked" }) },
  { name: "rotated token after its grace", auth: () => bearer(tok.rotatedOld), expect: () => ({ status: 403, error: "token_revoked" }) },
  { name: "ik_live_ data key", auth: () => bearer(tok.live), expect: () => ({ status: 403, error: "wrong_credential_type" }) },
  {
    name: "token of another project",
    auth: () => bearer(tok.otherProject),
    expect: (r) => (isIdRoute(r) ? { status: 404, error: "not_found" } : { status: 403, error: "project_scope_mismatch" }),
  },
  {
    name: "unknown project slug",
    auth: () => bearer(tok.valid),
    project: () => "no-such-project",
    // id routes have no project in the path: the "unknown" part is the valid-token case.
    expect: (r) => (isIdRoute(r) ? { status: r === "patch" ? 200 : 204 } : { status: 403, error: "project_scope_mismatch" }),
  },
  {
    name: "missing scope",
    auth: () => "",
    expect: () => ({ status: 403, error: "scope_insufficient" }),
  },
  { name: "valid token", auth: () => bearer(tok.valid), expect: (r) => ({ status: ({ list: 200, create: 201, patch: 200, delete: 204, readiness: 200 } as const)[r] }) },
];

describe("control plane security: every route × every caller", () => {
  for (const route of routes) {
    for (const c of cases) {
      it(`${route}: ${c.name}`, async () => {
        // Missing scope: a read-only token on writes; a token without any workload scope on reads.
        const auth = c.name === "missing scope" ? bearer(isWrite(route) ? tok.readOnly : tok.assignmentOnly) : c.auth();
        const call = await callFor(route, c.project?.() ?? projA.slug);
        const before = await env.prisma.workload.count();
        const res = await send(call, auth);
        const want = c.expect(route);
        expect(res.status, res.text).toBe(want.status);
        if (want.error) {
          expect(res.type).toMatch(/^application\/json/);
          expect(res.headers.get("cache-control")).toBe("no-store");
          const body = JSON.parse(res.text);
          expect(body).toEqual({ error: want.error, message: expect.any(String) });
          // A refused call changes nothing.
          expect(await env.prisma.workload.count()).toBe(before);
        }
      });
    }
  }
});

describe("assignment scope", () => {
  const assign = { worker_id: "worker-1" };
  it("create with worker_id needs assignment:write", async () => {
    const c = await callFor("create");
    const body = JSON.stringify({ ...JSON.parse(c.body!), ...assign });
    const denied = await send({ ...c, body }, bearer(tok.writeOnly));
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.text).error).toBe("scope_insufficient");
    const ok = await send({ ...c, body }, bearer(tok.valid));
    expect(ok.status).toBe(201);
    expect(JSON.parse(ok.text).worker_id).toBe("worker-1");
  });

  it("patch of gpu_resource_id needs assignment:write, clearing it too; re-sending the same value does not", async () => {
    const w = await seedWorkload(env.prisma, projA, { gpuResourceId: "gpu-7" });
    const path = `/api/workloads/${w.id}`;
    const denied = await send({ method: "PATCH", path, body: '{"gpu_resource_id":"gpu-8"}' }, bearer(tok.writeOnly));
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.text).error).toBe("scope_insufficient");
    expect((await env.prisma.workload.findUnique({ where: { id: w.id } }))?.gpuResourceId).toBe("gpu-7");
    const same = await send({ method: "PATCH", path, body: '{"gpu_resource_id":"gpu-7","name":"renamed"}' }, bearer(tok.writeOnly));
    expect(same.status).toBe(200);
    const clearDenied = await send({ method: "PATCH", path, body: '{"gpu_resource_id":null}' }, bearer(tok.writeOnly));
    expect(clearDenied.status).toBe(403);
    expect(JSON.parse(clearDenied.text).error).toBe("scope_insufficient");
    expect((await env.prisma.workload.findUnique({ where: { id: w.id } }))?.gpuResourceId).toBe("gpu-7");
    const cleared = await send({ method: "PATCH", path, body: '{"gpu_resource_id":null}' }, bearer(tok.valid));
    expect(cleared.status).toBe(200);
    expect(JSON.parse(cleared.text).gpu_resource_id).toBeNull();
  });

  it("a read-only token can list and watch readiness", async () => {
    expect((await send(await callFor("list"), bearer(tok.readOnly))).status).toBe(200);
    const r = await send(await callFor("readiness"), bearer(tok.readOnly));
    expect(r.status).toBe(200);
    expect(r.text).toContain('"phase":"scheduling"');
  });
});

describe("revocation and bookkeeping", () => {
  it("a revoke is obeyed by the very next request", async () => {
    const t = await seedSdkToken(env.prisma, projA);
    const list = await callFor("list");
    expect((await send(list, bearer(t))).status).toBe(200);
    await revokeSeedToken(env.prisma, projA, t);
    const after = await send(list, bearer(t));
    expect(after.status).toBe(403);
    expect(JSON.parse(after.text).error).toBe("token_revoked");
  });

  it("writes are audited with the token's public id and hint, and uses are counted", async () => {
    const t = await seedSdkToken(env.prisma, projA);
    const c = await callFor("create");
    // A client-written X-Forwarded-For is not believed (no trusted proxy is configured): the audit
    // event carries the socket's address.
    const res = await send(c, bearer(t), { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7" });
    expect(res.status).toBe(201);
    const id = JSON.parse(res.text).id as string;
    const ev = await env.prisma.auditEvent.findFirst({ where: { action: "workload.create", targetId: id } });
    expect(ev).toMatchObject({ actorType: "token", actorId: t.publicId, actorLabel: `ik_sdk_${t.publicId}…`, projectId: projA.id, ip: "127.0.0.1" });
    // The runtime flushes usage every 200 ms in tests.
    let count = 0n;
    for (let i = 0; i < 50 && count === 0n; i++) {
      await new Promise((r) => setTimeout(r, 100));
      count = (await env.prisma.token.findUnique({ where: { id: t.id } }))!.requestCount;
    }
    expect(count).toBeGreaterThanOrEqual(1n);
    // The plaintext never reaches the audit log or the console's output.
    expect(JSON.stringify(await env.prisma.auditEvent.findMany())).not.toContain(t.plaintext.slice(16));
    expect(env.console.logs()).not.toContain(t.plaintext.slice(16));
  });
});

describe("methods, sizes and answers", () => {
  const auth = () => bearer(tok.valid);

  it("unsupported methods get 405 JSON with Allow", async () => {
    const checks: [string, string, string][] = [
      ["PUT", `/api/projects/${projA.slug}/workloads`, "GET, POST"],
      ["DELETE", `/api/projects/${projA.slug}/workloads`, "GET, POST"],
      ["GET", `/api/workloads/${shared.id}`, "PATCH, DELETE"],
      ["POST", `/api/workloads/${shared.id}`, "PATCH, DELETE"],
      ["POST", `/api/projects/${projA.slug}/workloads/${shared.slug}/readiness-events`, "GET"],
    ];
    for (const [method, path, allow] of checks) {
      const r = await send({ method, path }, auth());
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get("allow")).toBe(allow);
      expect(JSON.parse(r.text).error).toBe("method_not_allowed");
    }
  });

  it("no redirect on a trailing slash", async () => {
    const r = await send({ method: "GET", path: `/api/projects/${projA.slug}/workloads/` }, auth());
    expect(r.status).toBeLessThan(300);
  });

  it("a body over 64 KiB is 413, declared or streamed", async () => {
    const big = JSON.stringify({ name: "x", backend: "vllm", model_name: "m", description: "d".repeat(70 * 1024) });
    const declared = await send({ method: "POST", path: `/api/projects/${projA.slug}/workloads`, body: big, contentType: "application/json" }, auth());
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text).error).toBe("payload_too_large");
    // Chunked: no Content-Length, the size is counted while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 80; i++) c.enqueue(new TextEncoder().encode("x".repeat(1024)));
        c.close();
      },
    });
    const res = await fetch(`${env.url}/api/projects/${projA.slug}/workloads`, {
      method: "POST",
      headers: { authorization: auth(), "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe("payload_too_large");
  });

  it("validation answers: 400 codes and 409 slug_taken", async () => {
    const path = `/api/projects/${projA.slug}/workloads`;
    const bad = await send({ method: "POST", path, body: "{nope", contentType: "application/json" }, auth());
    expect([bad.status, JSON.parse(bad.text).error]).toEqual([400, "invalid_json"]);
    const empty = await send({ method: "POST", path, body: '{"name":"","backend":"vllm","model_name":"m"}' }, auth());
    expect([empty.status, JSON.parse(empty.text).error]).toEqual([400, "validation_failed"]);
    expect(JSON.parse(empty.text).issues[0].path).toBe("name");
    const secret = await send({ method: "POST", path, body: `{"name":"a","backend":"vllm","model_name":"m","config":{"command":"run --key ${tok.valid.plaintext}"}}` }, auth());
    expect([secret.status, JSON.parse(secret.text).error]).toEqual([400, "secret_in_spec"]);
    expect(secret.text).not.toContain(tok.valid.plaintext);
    const taken = await send({ method: "POST", path, body: JSON.stringify({ name: "again", slug: shared.slug, backend: "vllm", model_name: "m" }) }, auth());
    expect([taken.status, JSON.parse(taken.text).error]).toEqual([409, "slug_taken"]);
    // A body with another content type is still read as JSON (documented in docs/control-api.md).
    const text = await send({ method: "POST", path, body: JSON.stringify({ name: "Plain Text Body", backend: "vllm", model_name: "m" }), contentType: "text/plain" }, auth());
    expect(text.status).toBe(201);
    expect(JSON.parse(text.text).slug).toBe("plain-text-body");
  });

  it("an unknown workload id is 404", async () => {
    const r = await send({ method: "PATCH", path: "/api/workloads/wl_doesnotexist", body: '{"name":"x"}' }, auth());
    expect([r.status, JSON.parse(r.text).error]).toEqual([404, "not_found"]);
    const d = await send({ method: "DELETE", path: "/api/workloads/wl_doesnotexist" }, auth());
    expect([d.status, JSON.parse(d.text).error]).toEqual([404, "not_found"]);
  });

  it("list is a bare array of every workload of the project, with exact JSON echo", async () => {
    const ws = await env.prisma.workload.findMany({ where: { projectId: projA.id } });
    const r = await send(await callFor("list"), auth());
    expect(r.type).toMatch(/^application\/json/);
    expect(r.headers.get("cache-control")).toBe("no-store");
    const arr = JSON.parse(r.text);
    expect(Array.isArray(arr)).toBe(true);
    expect(arr.map((w: { id: string }) => w.id).sort()).toEqual(ws.map((w) => w.id).sort());
    for (const w of arr) expect(w.project_id).toBe(projA.id);
  });

  it("delete answers 204 with an empty body and the workload is gone", async () => {
    const c = await callFor("delete");
    const res = await fetch(env.url + c.path, { method: "DELETE", headers: { authorization: auth() } });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const id = c.path.split("/").pop()!;
    expect(await env.prisma.workload.findUnique({ where: { id } })).toBeNull();
    const again = await fetch(env.url + c.path, { method: "DELETE", headers: { authorization: auth() } });
    expect(again.status).toBe(404);
  });
});
