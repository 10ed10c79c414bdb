// 1,000 random malformed requests against the control API with a VALID token: every one must be
// refused with a 4xx (never a 5xx, never a 2xx), and the database must be unchanged afterwards.
// Every generated request is invalid by construction (one certain defect each), so any 2xx or any
// change in the workloads table is a bug. IK_FUZZ_SEED reproduces a run; IK_FUZZ_COUNT changes its size.
import { randomBytes } from "node:crypto";
import type { Workload } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpWorkloads, seedProject, seedSdkToken, seedWorkload, startSeededConsole, type SeededConsole, type SeedProject, type SeedToken } from "../support/seed";

let env: SeededConsole;
let proj: SeedProject;
let other: SeedProject;
let token: SeedToken;
let existing: Workload[];

beforeAll(async () => {
  env = await startSeededConsole();
  proj = await seedProject(env.prisma, { name: "Fuzz Project" });
  other = await seedProject(env.prisma, { name: "Fuzz Other" });
  token = await seedSdkToken(env.prisma, proj);
  existing = [];
  for (let i = 0; i < 3; i++) existing.push(await seedWorkload(env.prisma, proj, { name: `Fuzz Target ${i}`, configJson: '{"command":"x","n":5.0}' }));
  existing.push(await seedWorkload(env.prisma, other, { name: "Other Target" }));
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

// ---------------------------------------------------------------------------------------------
// A seeded PRNG so a failure can be replayed.
const SEED = Number(process.env.IK_FUZZ_SEED || randomBytes(4).readUInt32LE(0));
let state = SEED >>> 0;
function rnd(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number) => rnd() < p;

/** Random text including odd (but well-formed) unicode. */
function oddText(n: number): string {
  const pool = ["a", "Z", "0", " ", "-", "_", "é", "ß", "漢", "🚀", "\u200b", "\u202e", "\ufeff", "\u0301", "\\", '"', "/", "\n", "\t", "\u2028", "%", "{", "}"];
  let s = "";
  for (let i = 0; i < n; i++) s += pick(pool);
  return s;
}

type Body = string | Uint8Array;
interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  body?: Body;
  headers: Record<string, string>;
}

const CHECKED = ["name", "backend", "model_name", "description", "worker_id", "gpu_resource_id"] as const;

function baseCreate(): Record<string, unknown> {
  const b: Record<string, unknown> = { name: `Fuzz ${oddText(int(1, 12))} ${int(0, 1e9)}`, slug: `fuzz-${int(0, 1e12)}`, task_type: "text2text", backend: "vllm", model_name: "m/x" };
  if (chance(0.5)) b.description = oddText(int(0, 40));
  if (chance(0.5)) b.config = { command: `serve ${oddText(5)}`, vllm_version: "0.9" };
  if (chance(0.3)) b.worker_id = "w1";
  if (chance(0.4)) {
    b.execution_policy = "autoscaling";
    b.execution_policy_config = { max_hourly_cost_usd: 5.5 };
  }
  return b;
}

const basePatch = (): Record<string, unknown> => {
  const b = baseCreate();
  delete b.slug;
  const keys = Object.keys(b);
  const out: Record<string, unknown> = {};
  for (const k of keys) if (chance(0.5)) out[k] = b[k];
  if (Object.keys(out).length === 0) out.description = "d";
  return out;
};

const encoder = new TextEncoder();

/** Splices raw bytes into the JSON text in place of a string field's value (invalid UTF-8). */
function withBadBytes(obj: Record<string, unknown>, field: string): Uint8Array {
  const marker = `__BAD_${int(0, 1e9)}__`;
  const text = JSON.stringify({ ...obj, [field]: marker });
  const [head, tail] = text.split(marker);
  const bad = pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x80, 0x80]]);
  return new Uint8Array([...encoder.encode(head), ...bad, ...encoder.encode(tail)]);
}

/** Replaces a field's JSON value by raw text (for escapes JSON.stringify would never write). */
function withRaw(obj: Record<string, unknown>, field: string, raw: string): string {
  const marker = `"__RAW_${int(0, 1e9)}__"`;
  return JSON.stringify({ ...obj, [field]: JSON.parse(marker) }).replace(marker, raw);
}

const WRONG_TYPES: Record<string, unknown[]> = {
  name: [123, true, null, {}, [], ["a"]],
  backend: [1, false, null, {}, []],
  model_name: [1.5, null, {}, ["m"]],
  task_type: ["chat", "TEXT2TEXT", 1, {}, ""],
  description: [1, true, {}, []],
  config: ["command", 1, [], true, { command: 5 }, { command: "x", vllm_version: 9 }],
  worker_id: [1, {}, [], true],
  gpu_resource_id: [2, {}, false],
  execution_policy: ["sometimes", "FIXED", 1, {}],
  // execution_policy_config takes any JSON (contract §3.2): no wrong type exists for it.
  serving_url: ["ftp://h/x", "http://u:p@h/v1", "nope", "http://h/v1?q=1", "http://h/v1#f", 1, "javascript:alert(1)"],
};

const LIMIT = { name: 200, backend: 64, model_name: 512, description: 2000, worker_id: 128, gpu_resource_id: 128 } as const;

/** One certain defect applied to a valid body; `patch` = a PATCH body (slug not allowed, no required keys). */
function invalidBody(patch: boolean): { defect: string; body: Body } {
  const obj = patch ? basePatch() : baseCreate();
  const defects = [
    "truncated", "garbage", "bad-utf8", "not-object", "wrong-type", "blank", "too-long", "nul", "raw-control",
    "lone-surrogate", "secret", "oversized", "duplicate-key", "deep-nesting", "big-config",
    ...(patch ? ["empty-patch", "slug-in-patch"] : ["missing-required", "slug-taken", "bad-slug"]),
  ];
  const defect = pick(defects);
  const text = JSON.stringify(obj);
  switch (defect) {
    case "truncated":
      return { defect, body: text.slice(0, int(0, text.length - 1)) };
    case "garbage":
      return { defect, body: pick(["", " ", "null", "undefined", "NaN", "{'a':1}", "{a:1}", "[1,2", "<xml/>", "name=x&backend=y", "\u0000", `x${oddText(int(1, 200))}`]) };
    case "bad-utf8":
      return { defect, body: withBadBytes(obj, pick(["name", "backend", "model_name"])) };
    case "not-object":
      return { defect, body: pick(["[]", "[{}]", JSON.stringify([obj]), "1", "-0.5e3", '"str"', "true", "null"]) };
    case "wrong-type": {
      const field = pick(Object.keys(WRONG_TYPES));
      return { defect: `${defect}:${field}`, body: JSON.stringify({ ...obj, [field]: pick(WRONG_TYPES[field]) }) };
    }
    case "blank":
      return { defect, body: JSON.stringify({ ...obj, [pick(["name", "backend", "model_name"])]: pick(["", " ", "\t\n", "   "]) }) };
    case "too-long": {
      const field = pick(Object.keys(LIMIT) as (keyof typeof LIMIT)[]);
      return { defect: `${defect}:${field}`, body: JSON.stringify({ ...obj, [field]: "x".repeat(LIMIT[field] + int(1, 20_000)) }) };
    }
    case "nul":
      return { defect, body: withRaw(obj, pick(CHECKED), `"a${pick(["\\u0000", "\\u0000\\u0000"])}b"`) };
    case "raw-control":
      // A raw control character inside a JSON string is not JSON.
      return { defect, body: withRaw(obj, pick(CHECKED), `"a${String.fromCharCode(pick([0, 1, 10, 13, 31]))}b"`) };
    case "lone-surrogate":
      return { defect, body: withRaw(obj, pick([...CHECKED, ...(patch ? [] : ["slug"])]), `"x${pick(["\\ud800", "\\udfff", "\\ud83d", "\\ude80\\ud83d"])}y"`) };
    case "secret": {
      const secret = `ik_${pick(["sdk", "live"])}_${randomBytes(4).toString("hex")}_${randomBytes(32).toString("hex")}`;
      const where = pick(["description", "name", "config", "epc-key"]);
      if (where === "config") return { defect, body: JSON.stringify({ ...obj, config: { command: `serve --api-key ${secret}` } }) };
      if (where === "epc-key") return { defect, body: JSON.stringify({ ...obj, execution_policy_config: { [secret]: 1 } }) };
      return { defect, body: JSON.stringify({ ...obj, [where]: `token ${secret}` }) };
    }
    case "oversized":
      return { defect, body: JSON.stringify({ ...obj, description: "y".repeat(64 * 1024 + int(1, 100_000)) }) };
    case "duplicate-key":
      return { defect, body: `${text.slice(0, -1)},"name":${JSON.stringify(pick([5, null, "", []]))}}` };
    case "deep-nesting": {
      const depth = int(1000, 20_000);
      return { defect, body: withRaw(obj, pick(["name", "backend", "description"]), `${"[".repeat(depth)}${"]".repeat(depth)}`) };
    }
    case "big-config":
      return { defect, body: JSON.stringify({ ...obj, config: { command: "c".repeat(16 * 1024 + int(1, 30_000)) } }) };
    case "empty-patch":
      return { defect, body: pick(["{}", " { } ", '{"slug":"x"}']) };
    case "slug-in-patch":
      return { defect, body: JSON.stringify({ ...obj, slug: pick(["new-slug", existing[0].slug, ""]) }) };
    case "missing-required": {
      const o = { ...obj };
      delete o[pick(["name", "backend", "model_name"])];
      return { defect, body: JSON.stringify(o) };
    }
    case "slug-taken":
      return { defect, body: JSON.stringify({ ...obj, slug: pick(existing.slice(0, 3)).slug }) };
    case "bad-slug":
      return { defect, body: JSON.stringify({ ...obj, slug: pick(["", "!!!", "---", "é漢🚀", "a".repeat(64), `${"ab-".repeat(30)}x`, "x".repeat(201)]) }) };
  }
  throw new Error(`unknown defect ${defect}`);
}

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json; charset=utf-16", "application/octet-stream", "*/*"];

function oddPathSegment(): string {
  return pick([
    "%00", "%ED%A0%80", "%FF%FE", "%C3", "..", "%2e%2e%2f", "%2F", "wl_" + "z".repeat(int(1, 3000)), encodeURIComponent(oddText(int(1, 30))),
    "wl_" + randomBytes(8).toString("hex"), "%25", "a%20b", "%F0%9F%9A%80", "%", "%zz", "\u00e9",
  ]);
}

function makeRequest(i: number): FuzzRequest {
  const headers: Record<string, string> = { authorization: `Bearer ${token.plaintext}` };
  if (chance(0.1)) headers["x-fuzz-pad"] = "p".repeat(int(1000, 12_000));
  if (chance(0.05)) headers["x-unicode"] = encodeURIComponent(oddText(20));
  const ct = pick(CONTENT_TYPES);
  const setCt = () => {
    if (ct) headers["content-type"] = ct;
  };
  const list = `/api/projects/${proj.slug}/workloads`;
  const r = rnd();
  if (r < 0.42) {
    const { defect, body } = invalidBody(false);
    setCt();
    return { kind: `create ${defect}`, method: "POST", path: list, body, headers };
  }
  if (r < 0.8) {
    const { defect, body } = invalidBody(true);
    setCt();
    const target = chance(0.9) ? pick(existing).id : oddPathSegment();
    // existing[3] belongs to another project: even a defect-free body must not reach it.
    return { kind: `patch ${defect}`, method: "PATCH", path: `/api/workloads/${target}`, body, headers };
  }
  if (r < 0.86) {
    return { kind: "delete unknown id", method: "DELETE", path: `/api/workloads/${oddPathSegment()}`, headers };
  }
  if (r < 0.88) {
    // The other project's workload, by id: 404, never deleted.
    return { kind: "delete other project's workload", method: "DELETE", path: `/api/workloads/${existing[3].id}`, headers };
  }
  if (r < 0.92) {
    setCt();
    return { kind: "create in another project", method: "POST", path: `/api/projects/${pick([other.slug, oddPathSegment()])}/workloads`, body: JSON.stringify(baseCreate()), headers };
  }
  if (r < 0.97) {
    const [method, path] = pick([
      ["PUT", list], ["DELETE", list], ["PATCH", list],
      ["PUT", `/api/workloads/${existing[0].id}`], ["POST", `/api/workloads/${existing[0].id}`], ["GET", `/api/workloads/${existing[0].id}`],
      ["POST", `/api/projects/${proj.slug}/workloads/${existing[0].slug}/readiness-events`], ["DELETE", `/api/projects/${proj.slug}/workloads/${existing[0].slug}/readiness-events`],
    ] as const);
    const body = method === "GET" ? undefined : JSON.stringify(baseCreate());
    if (body) setCt();
    return { kind: `wrong method ${method}`, method, path, body, headers };
  }
  return { kind: "readiness unknown slug", method: "GET", path: `/api/projects/${proj.slug}/workloads/${oddPathSegment()}/readiness-events`, headers: { ...headers, accept: "text/event-stream" } };
  void i;
}

async function sendOne(req: FuzzRequest): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(env.url + req.path, {
    method: req.method,
    headers: req.headers,
    body: req.body as BodyInit | undefined,
    redirect: "manual",
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get("content-type") ?? "" };
}

describe("control API fuzz", () => {
  it(`${Number(process.env.IK_FUZZ_COUNT || 1000)} malformed requests: no 5xx, no 2xx, database unchanged (seed ${SEED})`, async () => {
    const before = await dumpWorkloads(env.prisma);
    const auditBefore = await env.prisma.auditEvent.count();
    const count = Number(process.env.IK_FUZZ_COUNT || 1000);
    const requests = Array.from({ length: count }, (_, i) => makeRequest(i));
    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const req = requests[next++];
        let res: { status: number; text: string; type: string };
        try {
          res = await sendOne(req);
        } catch (e) {
          failures.push(`${req.kind} ${req.method} ${req.path.slice(0, 80)}: transport error ${(e as Error).message}`);
          continue;
        }
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        if (res.status < 400 || res.status >= 500) {
          failures.push(`${req.kind} ${req.method} ${req.path.slice(0, 80)} → ${res.status} ${res.text.slice(0, 200)}`);
          continue;
        }
        if (res.type.startsWith("application/json")) {
          const body = JSON.parse(res.text) as { error?: unknown; message?: unknown };
          if (typeof body.error !== "string" || typeof body.message !== "string") failures.push(`${req.kind} → ${res.status} with a body without error/message: ${res.text.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(failures, `seed ${SEED}: ${failures.slice(0, 20).join("\n")}`).toEqual([]);
    expect([...byStatus.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await dumpWorkloads(env.prisma)).toBe(before);
    expect(await env.prisma.auditEvent.count()).toBe(auditBefore);
    // The console logged no unexpected error while answering.
    expect(env.console.logs()).not.toMatch(/control API: unexpected error/);
  }, 150_000);
});
