// The readiness SSE route (contract §3.6) over real HTTP, with tiny local model servers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/console";
import { readReadiness } from "../support/sdk-ensure";
import { seedProject, seedSdkToken, seedWorkload, startSeededConsole, type SeededConsole, type SeedProject, type SeedToken } from "../support/seed";

let env: SeededConsole;
let proj: SeedProject;
let token: SeedToken;
const servers: http.Server[] = [];

/** A model server: GET /v1/models answers `status` (and counts the probes it got). */
async function modelServer(status: () => number, opts: { requireKey?: string } = {}) {
  const hits = { models: 0, auth: [] as (string | undefined)[] };
  const s = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/v1/models") {
      hits.models++;
      hits.auth.push(req.headers.authorization);
      const ok = !opts.requireKey || req.headers.authorization === `Bearer ${opts.requireKey}`;
      res.writeHead(ok ? status() : 401, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [{ id: "m" }] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  servers.push(s);
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1`, hits };
}

beforeAll(async () => {
  env = await startSeededConsole({
    IK_READINESS_POLL_MS: "100",
    IK_SSE_KEEPALIVE_MS: "150",
    IK_READINESS_MAX_FAILURES: "4",
    IK_READINESS_PROBE_TIMEOUT_MS: "1000",
  });
  proj = await seedProject(env.prisma, { name: "Ready Project" });
  token = await seedSdkToken(env.prisma, proj);
}, 180_000);

afterAll(async () => {
  for (const s of servers) s.close();
  await env?.stop();
});

const watch = (slug: string, opts: { stopAfter?: number; signal?: AbortSignal } = {}) => readReadiness(env.url, proj.slug, slug, token.plaintext, opts);

describe("readiness-events", () => {
  it("a workload whose model server answers is ready", async () => {
    const srv = await modelServer(() => 200);
    const w = await seedWorkload(env.prisma, proj, { servingUrl: srv.url });
    const s = await watch(w.slug);
    expect(s.status).toBe(200);
    expect(s.contentType).toMatch(/^text\/event-stream/);
    expect(s.frames).toEqual([{ phase: "ready", message: expect.stringContaining(srv.url), elapsed_ms: expect.any(Number) }]);
    expect(s.terminal).toBe(true);
    expect(srv.hits.models).toBe(1);
  });

  it("a workload whose model server is down ends with error", async () => {
    const url = `http://127.0.0.1:${await freePort()}/v1`;
    const w = await seedWorkload(env.prisma, proj, { servingUrl: url });
    const s = await watch(w.slug);
    expect(s.frames.map((f) => f.phase)).toEqual(["provisioning", "provisioning", "provisioning", "error"]);
    expect(s.frames[3].message).toBe(`model server at ${url} is unreachable: connection refused (4 attempts)`);
  });

  it("a model server that refuses the upstream key ends with error after 3 probes, before the failure limit", async () => {
    const srv = await modelServer(() => 200, { requireKey: "sk-the-right-one" });
    const w = await seedWorkload(env.prisma, proj, { servingUrl: srv.url }, { upstreamKey: "sk-a-wrong-one" });
    const s = await watch(w.slug);
    expect(s.frames.map((f) => f.phase)).toEqual(["bootstrapping", "bootstrapping", "error"]);
    expect(s.frames[2].message).toContain("HTTP 401, 3 times in a row (check the workload's upstream key)");
    expect(srv.hits.models).toBe(3);
  });

  it("a model server that is still loading is bootstrapping, then ready", async () => {
    let n = 0;
    const srv = await modelServer(() => (++n < 2 ? 503 : 200));
    const w = await seedWorkload(env.prisma, proj, { servingUrl: srv.url });
    const s = await watch(w.slug);
    expect(s.frames.map((f) => f.phase)).toEqual(["bootstrapping", "ready"]);
    expect(s.frames[0].message).toContain("HTTP 503");
  });

  it("the upstream key is sent to the model server", async () => {
    const srv = await modelServer(() => 200, { requireKey: "sk-upstream-123" });
    const w = await seedWorkload(env.prisma, proj, { servingUrl: srv.url }, { upstreamKey: "sk-upstream-123" });
    const s = await watch(w.slug);
    expect(s.frames.map((f) => f.phase)).toEqual(["ready"]);
  });

  it("no serving URL: scheduling first, keep-alives, then ready once a URL is set", async () => {
    const w = await seedWorkload(env.prisma, proj);
    const srv = await modelServer(() => 200);
    const pending = watch(w.slug);
    await new Promise((r) => setTimeout(r, 600));
    // Set the URL the way the SDK user would: PATCH over the API.
    const res = await fetch(`${env.url}/api/workloads/${w.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token.plaintext}`, "content-type": "application/json" },
      body: JSON.stringify({ serving_url: srv.url }),
    });
    expect(res.status).toBe(200);
    const s = await pending;
    expect(s.frames.map((f) => f.phase)).toEqual(["scheduling", "ready"]);
    expect(s.frames[0].message).toMatch(/no serving URL yet/);
    expect(s.comments).toBeGreaterThanOrEqual(2);
  });

  it("a reconnect first receives the current phase", async () => {
    const w = await seedWorkload(env.prisma, proj);
    const first = await watch(w.slug, { stopAfter: 1 });
    expect(first.frames.map((f) => f.phase)).toEqual(["scheduling"]);
    const srv = await modelServer(() => 200);
    await env.prisma.workload.update({ where: { id: w.id }, data: { servingUrl: srv.url } });
    const second = await watch(w.slug, { stopAfter: 1 });
    expect(second.frames.map((f) => f.phase)).toEqual(["ready"]);
  });

  it("a workload deleted mid-stream ends with an error event", async () => {
    const w = await seedWorkload(env.prisma, proj);
    const pending = watch(w.slug);
    await new Promise((r) => setTimeout(r, 300));
    await env.prisma.workload.delete({ where: { id: w.id } });
    const s = await pending;
    expect(s.frames.map((f) => [f.phase, f.message])).toEqual([
      ["scheduling", expect.any(String)],
      ["error", "the workload was deleted"],
    ]);
  });

  it("an unknown workload slug is 404 before any stream", async () => {
    const s = await watch("no-such-workload");
    expect(s.status).toBe(404);
    // The slug is matched verbatim, not canonicalized.
    const w = await seedWorkload(env.prisma, proj, { name: "Exact Slug" });
    expect((await watch("Exact Slug".replace(" ", "%20"))).status).toBe(404);
    expect((await watch(w.slug, { stopAfter: 1 })).status).toBe(200);
  });

  it("probing stops when the client disconnects", async () => {
    const srv = await modelServer(() => 503);
    const w = await seedWorkload(env.prisma, proj, { servingUrl: srv.url });
    const ctrl = new AbortController();
    const s = await watch(w.slug, { stopAfter: 1, signal: ctrl.signal });
    expect(s.frames[0].phase).toBe("bootstrapping");
    await new Promise((r) => setTimeout(r, 400));
    const settled = srv.hits.models;
    await new Promise((r) => setTimeout(r, 600));
    expect(srv.hits.models).toBe(settled);
    expect(settled).toBeLessThanOrEqual(3);
  });
});
