// The data-plane gateway in-process: a real HTTP server built from createGatewayHandler(db), a fake
// model server on loopback, rows seeded with Prisma. Runs on PGlite, or PostgreSQL with IK_TEST_DB=postgres.
import http from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db";
import { createGatewayHandler, type GatewayHandler } from "../../lib/gateway/handler";
import { flushUsage, startRuntime } from "../../lib/runtime";
import { invalidateProjects, invalidateTokens, invalidateWorkloads } from "../../lib/tokens/invalidation";
import { drainUsage, recordTokenUse } from "../../lib/tokens/usage";
import { startFakeUpstream, type FakeUpstream } from "../fixtures/fake-upstream";
import { seedKey, seedProject, seedWorkload, type SeededKey } from "../fixtures/seed";
import { freshDb, stopTestPostgres } from "../support/db";

process.env.NEXTAUTH_SECRET ||= "gateway-test-secret-0123456789abcdef0123";

let db: Db;
let upstream: FakeUpstream;
let gateway: GatewayHandler;
let server: http.Server;
let base: string;
let project: { id: string; slug: string };
let other: { id: string; slug: string };
let chat: { id: string; slug: string };
let key: SeededKey;

beforeAll(async () => {
  db = await freshDb();
  upstream = await startFakeUpstream();
  gateway = createGatewayHandler(db, { upstreamTimeoutMs: 400, maxBodyBytes: 64 * 1024 });
  server = http.createServer((req, res) => void gateway(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  project = await seedProject(db.prisma, "acme");
  other = await seedProject(db.prisma, "beta");
  chat = await seedWorkload(db.prisma, project.id, {
    slug: "support-bot",
    servingUrl: upstream.baseUrl,
    modelName: "meta-llama/Llama-3.1-8B-Instruct",
    upstreamKey: "sk-upstream-123",
  });
  key = await seedKey(db.prisma, project.id, { workloadIds: [chat.id] });
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  gateway?.dispose();
  await upstream?.close();
  await db?.close();
  // pg's Pool.end() resolves before its sockets have closed: let them close before the server stops.
  await new Promise((r) => setTimeout(r, 200));
  await stopTestPostgres();
});

beforeEach(() => {
  upstream.mode = { kind: "normal" };
  upstream.holdStreams = false;
  upstream.chunkDelayMs = 0;
});

const url = (p = "acme", w = "support-bot", rest = "chat/completions") => `${base}/endpoint/${p}/${w}/v1/${rest}`;
const auth = (k: string) => ({ authorization: `Bearer ${k}` });
const chatBody = JSON.stringify({ model: "support-bot", messages: [{ role: "user", content: "Hola" }], stream: false });

async function post(u: string, headers: Record<string, string>, body = chatBody) {
  const r = await fetch(u, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

/** node:http instead of fetch, which refuses to send hop-by-hop headers. */
function rawPost(u: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(u, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function expectError(p: Promise<{ status: number; text: string }>, status: number, code: string) {
  const r = await p;
  expect({ status: r.status, error: JSON.parse(r.text).error }).toEqual({ status, error: code });
  expect(typeof JSON.parse(r.text).message).toBe("string");
}

describe("forwarding", () => {
  it("forwards chat with the model rewritten, the upstream key instead of the caller's, everything else byte for byte", async () => {
    const before = upstream.requests.length;
    const body =
      '{"model":"support-bot","messages":[{"role":"user","content":"Hola \\"model\\": x"}],"stream":false,"temperature":1.0,"seed":12345678901234567890,"extra":{"model":"inner"}}';
    const r = await rawPost(url(), { ...auth(key.plaintext), cookie: "next-auth.session-token=abc", "x-custom": "kept", connection: "keep-alive, x-hop", "x-hop": "1" }, body);
    expect(r.status).toBe(200);
    const answer = JSON.parse(r.text);
    expect(answer.choices[0].message.content).toBe('echo: Hola "model": x');
    const seen = upstream.requests[before];
    expect(seen.url).toBe("/v1/chat/completions");
    expect(seen.body).toBe(body.replace('"model":"support-bot"', '"model":"meta-llama/Llama-3.1-8B-Instruct"'));
    expect(seen.headers.authorization).toBe("Bearer sk-upstream-123");
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers["x-hop"]).toBeUndefined();
    expect(seen.headers["x-custom"]).toBe("kept");
    expect(seen.headers.host).toBe(new URL(upstream.baseUrl).host);
    expect(Number(seen.headers["content-length"])).toBe(Buffer.byteLength(seen.body));
    expect(JSON.stringify(seen.headers)).not.toContain(key.plaintext);
  });

  it("adds the model when the caller sent none, and keeps the query string", async () => {
    const before = upstream.requests.length;
    const r = await post(`${url()}?api-version=1`, auth(key.plaintext), '{"messages":[{"role":"user","content":"x"}]}');
    expect(r.status).toBe(200);
    expect(upstream.requests[before].url).toBe("/v1/chat/completions?api-version=1");
    expect(JSON.parse(upstream.requests[before].body)).toEqual({ model: "meta-llama/Llama-3.1-8B-Instruct", messages: [{ role: "user", content: "x" }] });
  });

  it("sends no Authorization upstream when the workload has no upstream key", async () => {
    const open = await seedWorkload(db.prisma, project.id, { slug: "open-model", servingUrl: upstream.baseUrl, modelName: "m" });
    const k = await seedKey(db.prisma, project.id, { workloadIds: [open.id] });
    const before = upstream.requests.length;
    expect((await post(url("acme", "open-model"), auth(k.plaintext))).status).toBe(200);
    expect(upstream.requests[before].headers.authorization).toBeUndefined();
  });

  it("forwards embeddings and rerank", async () => {
    const e = await post(url("acme", "support-bot", "embeddings"), auth(key.plaintext), '{"model":"support-bot","input":["ab","abc"]}');
    expect(e.status).toBe(200);
    expect(JSON.parse(e.text).data.map((d: { embedding: number[] }) => d.embedding[0])).toEqual([2, 3]);
    expect(JSON.parse(upstream.requests.at(-1)!.body).model).toBe("meta-llama/Llama-3.1-8B-Instruct");
    const r = await post(url("acme", "support-bot", "rerank"), auth(key.plaintext), '{"model":"support-bot","query":"cat","documents":["dog","a cat"],"top_n":2}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).results[0]).toEqual({ index: 1, relevance_score: 0.9 });
    expect(upstream.requests.at(-1)!.url).toBe("/v1/rerank");
  });

  it("answers /v1/models itself with the workload as its one model", async () => {
    const r = await fetch(url("acme", "support-bot", "models"), { headers: auth(key.plaintext) });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ object: "list", data: [{ id: "support-bot", object: "model", owned_by: "acme" }] });
  });

  it("relays a stream chunk by chunk: the first chunk arrives before the upstream sends the last", async () => {
    upstream.holdStreams = true;
    const finished = upstream.streamsFinished;
    const body = JSON.stringify({ model: "support-bot", messages: [{ role: "user", content: "hi" }], stream: true });
    const res = await fetch(url(), { method: "POST", headers: { ...auth(key.plaintext), "content-type": "application/json", accept: "text/event-stream" }, body });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"content":"Hel"');
    expect(first).toContain('"model":"meta-llama/Llama-3.1-8B-Instruct"');
    expect(upstream.streamsFinished).toBe(finished); // the upstream is still holding the rest
    upstream.release();
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toContain('"content":" world"');
    expect(rest.trim().endsWith("data: [DONE]")).toBe(true);
    expect(upstream.streamsFinished).toBe(finished + 1);
  });

  it("aborts the upstream request when the client goes away mid-stream", async () => {
    upstream.holdStreams = true;
    const aborted = upstream.aborted;
    const body = JSON.stringify({ model: "support-bot", messages: [{ role: "user", content: "hi" }], stream: true });
    const sawAbort = upstream.waitForAbort();
    await new Promise<void>((resolve, reject) => {
      const req = http.request(url(), { method: "POST", headers: { ...auth(key.plaintext), "content-type": "application/json" } }, (res) => {
        res.once("data", () => {
          req.destroy(); // the client hangs up after the first chunk
          resolve();
        });
      });
      req.on("error", () => {});
      req.once("error", reject);
      req.end(body);
    });
    await sawAbort;
    expect(upstream.aborted).toBe(aborted + 1);
    upstream.release();
  });

  it("cuts a stream that stalls mid-answer for longer than the upstream timeout, on both sides", async () => {
    upstream.holdStreams = true;
    const aborted = upstream.aborted;
    const sawAbort = upstream.waitForAbort();
    const body = JSON.stringify({ model: "support-bot", messages: [{ role: "user", content: "hi" }], stream: true });
    const res = await fetch(url(), { method: "POST", headers: { ...auth(key.plaintext), "content-type": "application/json" }, body });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"content":"Hel"');
    const t0 = Date.now();
    // The client must not mistake the cut stream for a whole one: the read fails.
    await expect((async () => { for (;;) if ((await reader.read()).done) return "ended cleanly"; })()).rejects.toThrow();
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(1500);
    await sawAbort;
    expect(upstream.aborted).toBe(aborted + 1);
    upstream.release();
  });

  it("passes upstream 4xx/5xx through with status and body", async () => {
    upstream.mode = { kind: "error", status: 422, body: '{"error":{"message":"context too long"}}' };
    const r = await post(url(), auth(key.plaintext));
    expect(r.status).toBe(422);
    expect(r.text).toBe('{"error":{"message":"context too long"}}');
    upstream.mode = { kind: "error", status: 503, body: "overloaded", contentType: "text/plain" };
    const r2 = await post(url(), auth(key.plaintext));
    expect([r2.status, r2.text, r2.headers.get("content-type")]).toEqual([503, "overloaded", "text/plain"]);
  });

  it("answers 504 upstream_timeout when the upstream sends no headers in time", async () => {
    upstream.mode = { kind: "hang" };
    const t0 = Date.now();
    await expectError(post(url(), auth(key.plaintext)), 504, "upstream_timeout");
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(750);
  });

  it("answers 502 upstream_unavailable when the upstream refuses connections", async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const dead = await seedWorkload(db.prisma, project.id, { slug: "dead", servingUrl: `http://127.0.0.1:${port}/v1`, modelName: "m" });
    const k = await seedKey(db.prisma, project.id, { workloadIds: [dead.id] });
    await expectError(post(url("acme", "dead"), auth(k.plaintext)), 502, "upstream_unavailable");
  });
});

describe("answers before forwarding", () => {
  it("401 for missing, malformed, unknown, wrong-secret, expired, revoked and grace-ended keys", async () => {
    await expectError(post(url(), {}), 401, "missing_token");
    await expectError(post(url(), { authorization: "Bearer " }), 401, "missing_token");
    await expectError(post(url(), auth("ik_live_nothex")), 401, "malformed_token");
    await expectError(post(url(), auth(`ik_live_00000000_${"a".repeat(64)}`)), 401, "invalid_token");
    await expectError(post(url(), auth(`ik_live_${key.publicId}_${"b".repeat(64)}`)), 401, "invalid_token");
    const expired = await seedKey(db.prisma, project.id, { workloadIds: [chat.id], expiresAt: new Date(Date.now() - 1000) });
    await expectError(post(url(), auth(expired.plaintext)), 401, "token_expired");
    const revoked = await seedKey(db.prisma, project.id, { workloadIds: [chat.id], revokedAt: new Date(Date.now() - 1000) });
    await expectError(post(url(), auth(revoked.plaintext)), 401, "token_revoked");
    const rotated = await seedKey(db.prisma, project.id, { workloadIds: [chat.id], graceEndsAt: new Date(Date.now() - 1000) });
    await expectError(post(url(), auth(rotated.plaintext)), 401, "token_revoked");
  });

  it("expiry is checked against the clock on every request, also for a cached key", async () => {
    const soon = await seedKey(db.prisma, project.id, { workloadIds: [chat.id], expiresAt: new Date(Date.now() + 600) });
    expect((await post(url(), auth(soon.plaintext))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    await expectError(post(url(), auth(soon.plaintext)), 401, "token_expired");
  });

  it("403 for an ik_sdk_ token, a key of another project, and a key not granted the workload", async () => {
    const sdk = await seedKey(db.prisma, project.id, { kind: "sdk" });
    await expectError(post(url(), auth(sdk.plaintext)), 403, "wrong_credential_type");
    const foreign = await seedKey(db.prisma, other.id, { allWorkloads: true });
    await expectError(post(url(), auth(foreign.plaintext)), 403, "project_scope_mismatch");
    await expectError(post(url("nosuchproject"), auth(key.plaintext)), 403, "project_scope_mismatch");
    const second = await seedWorkload(db.prisma, project.id, { slug: "second", servingUrl: upstream.baseUrl });
    await expectError(post(url("acme", "second"), auth(key.plaintext)), 403, "scope_insufficient");
    expect(second.id).toBeTruthy();
  });

  it("authenticates the key before looking at project or workload", async () => {
    await expectError(post(url("nosuchproject", "nosuch"), {}), 401, "missing_token");
    await expectError(post(url("acme", "nosuch"), auth(`ik_live_00000000_${"a".repeat(64)}`)), 401, "invalid_token");
    await expectError(post(url("beta", "nosuch"), auth(key.plaintext)), 403, "project_scope_mismatch");
  });

  it("a project-wide key reaches every workload of its project, including one created after it was cached", async () => {
    const wide = await seedKey(db.prisma, project.id, { allWorkloads: true });
    expect((await post(url(), auth(wide.plaintext))).status).toBe(200);
    await seedWorkload(db.prisma, project.id, { slug: "created-later", servingUrl: upstream.baseUrl });
    expect((await post(url("acme", "created-later"), auth(wide.plaintext))).status).toBe(200);
  });

  it("404 for an unknown workload, 503 for a workload without serving URL", async () => {
    const wide = await seedKey(db.prisma, project.id, { allWorkloads: true });
    await expectError(post(url("acme", "nosuch"), auth(wide.plaintext)), 404, "not_found");
    await seedWorkload(db.prisma, project.id, { slug: "not-ready", servingUrl: null });
    await expectError(post(url("acme", "not-ready"), auth(wide.plaintext)), 503, "workload_not_ready");
  });

  it("404 for other paths, 405 for other methods", async () => {
    await expectError(post(url("acme", "support-bot", "completions"), auth(key.plaintext)), 404, "not_found");
    await expectError(post(`${base}/endpoint/acme/support-bot/v2/chat/completions`, auth(key.plaintext)), 404, "not_found");
    await expectError(post(`${base}/endpoint/acme`, auth(key.plaintext)), 404, "not_found");
    const g = await fetch(url(), { headers: auth(key.plaintext) });
    expect([g.status, (await g.json()).error, g.headers.get("allow")]).toEqual([405, "method_not_allowed", "POST"]);
    const d = await fetch(url("acme", "support-bot", "models"), { method: "DELETE", headers: auth(key.plaintext) });
    expect([d.status, (await d.json()).error]).toEqual([405, "method_not_allowed"]);
  });

  it("400 invalid_json for bad JSON or a non-object, 413 payload_too_large past the limit", async () => {
    await expectError(post(url(), auth(key.plaintext), "{nope"), 400, "invalid_json");
    await expectError(post(url(), auth(key.plaintext), "[1,2]"), 400, "invalid_json");
    const big = JSON.stringify({ model: "x", input: ["a".repeat(70 * 1024)] });
    await expectError(post(url("acme", "support-bot", "embeddings"), auth(key.plaintext), big), 413, "payload_too_large");
    // Without a Content-Length the limit stops the read as well.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url(), { method: "POST", headers: { ...auth(key.plaintext), "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      const chunk = "a".repeat(16 * 1024);
      let n = 0;
      const pump = () => {
        while (n < 64 && req.write(chunk)) n++;
        if (n < 64) req.once("drain", pump);
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });
});

describe("the official openai client", () => {
  it("does chat, streamed chat and embeddings through the gateway", async () => {
    const client = new OpenAI({ apiKey: key.plaintext, baseURL: `${base}/endpoint/acme/support-bot/v1`, maxRetries: 0 });
    const c = await client.chat.completions.create({ model: "support-bot", messages: [{ role: "user", content: "Hola" }] });
    expect(c.choices[0].message.content).toBe("echo: Hola");
    const stream = await client.chat.completions.create({ model: "support-bot", messages: [{ role: "user", content: "Hola" }], stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe("Hello world");
    const e = await client.embeddings.create({ model: "support-bot", input: ["abcd"] });
    expect(e.data[0].embedding).toEqual([4, 0.5, -1]);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(["support-bot"]);
    await expect(new OpenAI({ apiKey: "ik_live_bad", baseURL: `${base}/endpoint/acme/support-bot/v1`, maxRetries: 0 }).models.list()).rejects.toMatchObject({ status: 401 });
  });
});

describe("invalidation", () => {
  it("a revoke is obeyed by the very next request, 100 times", async () => {
    for (let i = 0; i < 100; i++) {
      const k = await seedKey(db.prisma, project.id, { workloadIds: [chat.id] });
      expect((await post(url(), auth(k.plaintext))).status).toBe(200);
      expect((await post(url(), auth(k.plaintext))).status).toBe(200); // now served from the cache
      await db.prisma.token.update({ where: { id: k.id }, data: { revokedAt: new Date() } });
      await invalidateTokens([k.publicId]);
      const r = await post(url(), auth(k.plaintext));
      expect([i, r.status, JSON.parse(r.text).error]).toEqual([i, 401, "token_revoked"]);
    }
  });

  it("grant removal, workload edits and project renames take effect at once", async () => {
    const k = await seedKey(db.prisma, project.id, { workloadIds: [chat.id] });
    expect((await post(url(), auth(k.plaintext))).status).toBe(200);
    await db.prisma.tokenWorkload.deleteMany({ where: { tokenId: k.id } });
    await invalidateTokens([k.publicId]);
    await expectError(post(url(), auth(k.plaintext)), 403, "scope_insufficient");

    const second = await startFakeUpstream();
    try {
      const w = await seedWorkload(db.prisma, project.id, { slug: "moving", servingUrl: upstream.baseUrl, modelName: "old" });
      const wk = await seedKey(db.prisma, project.id, { workloadIds: [w.id] });
      expect((await post(url("acme", "moving"), auth(wk.plaintext))).status).toBe(200);
      await db.prisma.workload.update({ where: { id: w.id }, data: { servingUrl: second.baseUrl, modelName: "new" } });
      await invalidateWorkloads([w.id]);
      expect((await post(url("acme", "moving"), auth(wk.plaintext))).status).toBe(200);
      expect(JSON.parse(second.requests[0].body).model).toBe("new");
      await db.prisma.workload.update({ where: { id: w.id }, data: { servingUrl: null } });
      await invalidateWorkloads([w.id]);
      await expectError(post(url("acme", "moving"), auth(wk.plaintext)), 503, "workload_not_ready");

      const p = await seedProject(db.prisma, "renamed-before");
      const pw = await seedWorkload(db.prisma, p.id, { slug: "w", servingUrl: upstream.baseUrl });
      const pk = await seedKey(db.prisma, p.id, { workloadIds: [pw.id] });
      expect((await post(url("renamed-before", "w"), auth(pk.plaintext))).status).toBe(200);
      await db.prisma.project.update({ where: { id: p.id }, data: { slug: "renamed-after" } });
      await invalidateProjects([p.id]);
      await expectError(post(url("renamed-before", "w"), auth(pk.plaintext)), 403, "project_scope_mismatch");
      expect((await post(url("renamed-after", "w"), auth(pk.plaintext))).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe("usage", () => {
  it("counts requests and the last use per key, flushed in one batch", async () => {
    const k = await seedKey(db.prisma, project.id, { workloadIds: [chat.id] });
    await flushUsage(db); // whatever earlier tests recorded
    const t0 = new Date();
    for (let i = 0; i < 3; i++) expect((await post(url(), auth(k.plaintext))).status).toBe(200);
    await expectError(post(url("acme", "nosuch"), auth(k.plaintext)), 404, "not_found"); // not counted: no workload
    await flushUsage(db);
    const row = await db.prisma.token.findUniqueOrThrow({ where: { id: k.id } });
    expect(row.requestCount).toBe(3n);
    expect(row.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(t0.getTime() - 5);
    expect((await post(url(), auth(k.plaintext))).status).toBe(200);
    await flushUsage(db);
    expect((await db.prisma.token.findUniqueOrThrow({ where: { id: k.id } })).requestCount).toBe(4n);
  });

  it("the runtime flushes on its timer and on stop, and keeps usage it could not write", async () => {
    const k = await seedKey(db.prisma, project.id, { workloadIds: [chat.id] });
    drainUsage();
    process.env.IK_USAGE_FLUSH_MS = "50";
    const runtime = await startRuntime(db);
    try {
      recordTokenUse(k.id, new Date("2030-01-01T00:00:00Z"));
      recordTokenUse(k.id, new Date("2029-01-01T00:00:00Z"));
      for (let i = 0; i < 40 && (await db.prisma.token.findUniqueOrThrow({ where: { id: k.id } })).requestCount === 0n; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const row = await db.prisma.token.findUniqueOrThrow({ where: { id: k.id } });
      expect(row.requestCount).toBe(2n);
      expect(row.lastUsedAt!.toISOString()).toBe("2030-01-01T00:00:00.000Z");
      recordTokenUse(k.id, new Date("2028-01-01T00:00:00Z")); // older: last_used_at must not go back
    } finally {
      delete process.env.IK_USAGE_FLUSH_MS;
      await runtime.stop();
    }
    const row = await db.prisma.token.findUniqueOrThrow({ where: { id: k.id } });
    expect(row.requestCount).toBe(3n);
    expect(row.lastUsedAt!.toISOString()).toBe("2030-01-01T00:00:00.000Z");

    recordTokenUse(k.id);
    const broken = { ...db, sql: { ...db.sql, query: () => Promise.reject(new Error("database down")) } } as Db;
    await expect(flushUsage(broken)).rejects.toThrow("database down");
    expect(drainUsage().get(k.id)?.count).toBe(1); // kept for the next flush
  });
});
