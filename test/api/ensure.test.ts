// ensure()/delete() replayed exactly as the SDK does them (test/support/sdk-ensure.ts) against a
// production console on PostgreSQL: idempotence, exact JSON echo, drift → PATCH, delete semantics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonEqual, parseJson, ReplayManagementClient, SdkError, type WorkloadSpec } from "../support/sdk-ensure";
import { seedLiveKey, seedProject, seedSdkToken, startSeededConsole, type SeededConsole, type SeedProject, type SeedToken } from "../support/seed";

let env: SeededConsole;
let proj: SeedProject;
let other: SeedProject;
let token: SeedToken;
let readOnly: SeedToken;
let live: SeedToken;
let otherToken: SeedToken;

beforeAll(async () => {
  env = await startSeededConsole();
  proj = await seedProject(env.prisma, { name: "Ensure Project" });
  other = await seedProject(env.prisma, { name: "Other Project" });
  token = await seedSdkToken(env.prisma, proj);
  readOnly = await seedSdkToken(env.prisma, proj, ["workload:read"]);
  live = await seedLiveKey(env.prisma, proj);
  otherToken = await seedSdkToken(env.prisma, other);
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

const client = (t = token) => new ReplayManagementClient(env.url, proj.slug, t.plaintext);

const base: WorkloadSpec = {
  name: "Support Bot",
  slug: "support-bot",
  model: "meta-llama/Llama-3.1-8B-Instruct",
  backend: "vllm",
  command: "vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192",
};

describe("the replay's JSON equality is serde_json's", () => {
  it("5.0 is not 5, key order does not matter", () => {
    expect(jsonEqual(parseJson('{"a":5.0}'), parseJson('{"a":5}'))).toBe(false);
    expect(jsonEqual(parseJson('{"a":5.0,"b":[1,"x"]}'), parseJson('{ "b" : [1, "x"], "a" : 5.00 }'))).toBe(true);
    expect(jsonEqual(parseJson("1e2"), parseJson("100.0"))).toBe(true);
    expect(jsonEqual(parseJson("100"), parseJson("100.0"))).toBe(false);
  });
});

describe("ensure()", () => {
  it("creates once; a second run sends no write", async () => {
    const c = client();
    const ref = await c.ensure(base);
    expect(ref).toEqual({ project_slug: proj.slug, workload_slug: "support-bot" });
    expect(c.writes().map((w) => [w.method, w.status])).toEqual([["POST", 201]]);
    const again = client();
    expect(await again.ensure(base)).toEqual(ref);
    expect(again.calls.map((x) => x.method)).toEqual(["GET"]);
    expect(again.writes()).toEqual([]);
  });

  it("a float-valued execution_policy_config round-trips without drift", async () => {
    const spec: WorkloadSpec = {
      ...base,
      name: "Autoscaled",
      slug: "autoscaled",
      execution_policy: "autoscaling",
      execution_policy_config: '{"max_hourly_cost_usd":5.0,"min_replicas":1,"ratio":0.50,"big":1e3}',
    };
    const c = client();
    await c.ensure(spec);
    const created = c.writes()[0];
    expect(created.body).toContain('"execution_policy_config":{"max_hourly_cost_usd":5.0,');
    expect(created.responseText).toContain('"execution_policy_config":{"max_hourly_cost_usd":5.0,"min_replicas":1,"ratio":0.50,"big":1e3}');
    for (let run = 0; run < 2; run++) {
      const again = client();
      await again.ensure(spec);
      expect(again.writes()).toEqual([]);
    }
    const listed = client();
    await listed.list();
    expect(listed.calls[0].responseText).toContain('{"max_hourly_cost_usd":5.0,"min_replicas":1,"ratio":0.50,"big":1e3}');
    // The same spec with an integer 5 is a different serde Value: that is drift the SDK would patch.
    const asInt = client();
    await asInt.ensure({ ...spec, execution_policy_config: '{"max_hourly_cost_usd":5,"min_replicas":1,"ratio":0.50,"big":1e3}' }, "dry_run");
    const live = (await asInt.list()).find((w) => w.slug === "autoscaled")!;
    expect(ReplayManagementClient.drift({ ...spec, execution_policy_config: '{"max_hourly_cost_usd":5}' }, live).fields).toEqual(["execution_policy_config"]);
  });

  it("a changed command is patched, with only the drifted key", async () => {
    const spec = { ...base, name: "Patched", slug: "patched", vllm_version: "0.9.1" };
    await client().ensure(spec);
    const changed = { ...spec, command: "vllm serve other/model --max-model-len 4096" };
    const c = client();
    const ref = await c.ensure(changed);
    expect(ref.workload_slug).toBe("patched");
    const w = c.writes();
    expect(w.map((x) => [x.method, x.status])).toEqual([["PATCH", 200]]);
    expect(w[0].body).toBe('{"config":{"command":"vllm serve other/model --max-model-len 4096","vllm_version":"0.9.1"}}');
    expect(w[0].path).toMatch(/^\/api\/workloads\/wl_/);
    const again = client();
    await again.ensure(changed);
    expect(again.writes()).toEqual([]);
  });

  it("a policy switch patches execution_policy and its config together", async () => {
    const spec: WorkloadSpec = { ...base, name: "Policy", slug: "policy", execution_policy: "fixed", execution_policy_config: '{"replicas":2}' };
    await client().ensure(spec);
    const switched: WorkloadSpec = { ...spec, execution_policy: "scheduled", execution_policy_config: '{"cron":"0 8 * * 1-5","hours":9.5}' };
    const c = client();
    await c.ensure(switched);
    expect(c.writes()[0].body).toBe('{"execution_policy":"scheduled","execution_policy_config":{"cron":"0 8 * * 1-5","hours":9.5}}');
    const again = client();
    await again.ensure(switched);
    expect(again.writes()).toEqual([]);
  });

  it("canonicalizes the slug like the SDK and keeps names verbatim", async () => {
    const spec: WorkloadSpec = { ...base, name: "  Gemma 4 26B — ünïcode  ", slug: "Gemma 4 26B (llama.cpp / GGUF) on R9700", description: "Tab\tand emoji 🚀", backend: "llamacpp" };
    const c = client();
    const ref = await c.ensure(spec);
    expect(ref.workload_slug).toBe("gemma-4-26b-llama-cpp-gguf-on-r9700");
    const again = client();
    await again.ensure(spec);
    expect(again.writes()).toEqual([]);
  });

  it("on_drift=fail reports the drifted fields without writing", async () => {
    const spec = { ...base, name: "Fails", slug: "fails" };
    await client().ensure(spec);
    const c = client();
    const err = await c.ensure({ ...spec, name: "Fails Renamed", model: "other/model" }, "fail").catch((e) => e);
    expect(err).toBeInstanceOf(SdkError);
    expect(err.message).toBe("workload drifted from spec: name, model_name");
    expect(c.writes()).toEqual([]);
  });

  it("maps refusals to the SDK's errors", async () => {
    const denied = await client(readOnly).ensure({ ...base, slug: "read-only-create" }).catch((e) => e);
    expect(denied.message).toBe("permission denied [scope_insufficient]: scope_insufficient");
    const wrong = await client(live).ensure(base).catch((e) => e);
    expect(wrong.message).toBe("permission denied [wrong_credential_type]: wrong_credential_type");
    const foreign = await client(otherToken).ensure(base).catch((e) => e);
    expect(foreign.message).toBe("permission denied [project_scope_mismatch]: project_scope_mismatch");
    const empty = await client().ensure({ ...base, slug: "empty-model", model: "" }).catch((e) => e);
    expect(empty.message).toBe("bad request: validation_failed");
  });
});

describe("delete()", () => {
  it("an absent slug is a no-op: no DELETE is sent", async () => {
    const c = client();
    expect(await c.delete("never-created")).toBe(false);
    expect(c.calls.map((x) => x.method)).toEqual(["GET"]);
  });

  it("deletes by id, and a second delete finds nothing", async () => {
    await client().ensure({ ...base, name: "Doomed", slug: "doomed" });
    const c = client();
    expect(await c.delete("doomed")).toBe(true);
    expect(c.calls.map((x) => [x.method, x.status, x.responseText])).toEqual([
      ["GET", 200, expect.any(String)],
      ["DELETE", 204, ""],
    ]);
    const again = client();
    expect(await again.delete("doomed")).toBe(false);
    expect(again.writes()).toEqual([]);
    // delete() matches the given slug exactly, not canonicalized.
    await client().ensure({ ...base, name: "Exact", slug: "exact" });
    expect(await client().delete("Exact")).toBe(false);
    expect(await client().delete("exact")).toBe(true);
  });
});
