import { describe, expect, it } from "vitest";
import { accessSchema, mintInputSchema, parseMintForm, sdkScopesSchema, tokenNameSchema, tokenViewSchema } from "./schemas";

describe("tokenNameSchema", () => {
  it("trims and requires a name of at most 64 characters", () => {
    expect(tokenNameSchema.parse("  ci deploy ")).toBe("ci deploy");
    expect(tokenNameSchema.safeParse("").success).toBe(false);
    expect(tokenNameSchema.safeParse("   ").success).toBe(false);
    expect(tokenNameSchema.safeParse("x".repeat(64)).success).toBe(true);
    expect(tokenNameSchema.safeParse("x".repeat(65)).success).toBe(false);
    expect(tokenNameSchema.safeParse("a\u0000b").success).toBe(false);
    expect(tokenNameSchema.safeParse("a\nb").success).toBe(false);
    expect(tokenNameSchema.safeParse("\ud800").success).toBe(false);
    expect(tokenNameSchema.safeParse(42).success).toBe(false);
  });
});

describe("sdkScopesSchema", () => {
  it("accepts write scopes or read alone, in canonical order", () => {
    expect(sdkScopesSchema.parse(["assignment:write", "workload:write", "workload:write"])).toEqual(["workload:write", "assignment:write"]);
    expect(sdkScopesSchema.parse(["workload:read"])).toEqual(["workload:read"]);
    expect(sdkScopesSchema.parse(["workload:write"])).toEqual(["workload:write"]);
  });
  it("refuses none, unknown scopes and read mixed with write", () => {
    expect(sdkScopesSchema.safeParse([]).success).toBe(false);
    expect(sdkScopesSchema.safeParse(["admin"]).success).toBe(false);
    expect(sdkScopesSchema.safeParse(["workload:read", "workload:write"]).success).toBe(false);
  });
});

describe("accessSchema", () => {
  it("project-wide or a non-empty list of workloads", () => {
    expect(accessSchema.parse({ all: true })).toEqual({ all: true });
    expect(accessSchema.parse({ workloadIds: ["wl_a", "wl_a", "wl_b"] })).toEqual({ workloadIds: ["wl_a", "wl_b"] });
    expect(accessSchema.safeParse({ workloadIds: [] }).success).toBe(false);
    expect(accessSchema.safeParse({}).success).toBe(false);
    expect(accessSchema.safeParse({ all: true, workloadIds: ["wl_a"] }).success).toBe(false);
    expect(accessSchema.safeParse({ workloadIds: ["../x"] }).success).toBe(false);
    expect(accessSchema.safeParse({ all: true, extra: 1 }).success).toBe(false);
  });
});

describe("mintInputSchema", () => {
  it("defaults control-token scopes to write + assignment", () => {
    expect(mintInputSchema.parse({ kind: "sdk", name: "ci", expiresAt: null })).toMatchObject({ scopes: ["workload:write", "assignment:write"] });
  });
  it("refuses past expiry and more than 5 years ahead", () => {
    expect(mintInputSchema.safeParse({ kind: "sdk", name: "ci", expiresAt: new Date(Date.now() - 1000) }).success).toBe(false);
    expect(mintInputSchema.safeParse({ kind: "sdk", name: "ci", expiresAt: new Date(Date.now() + 6 * 365 * 86_400_000) }).success).toBe(false);
    expect(mintInputSchema.safeParse({ kind: "sdk", name: "ci", expiresAt: new Date("nope") }).success).toBe(false);
  });
  it("refuses an unknown kind", () => {
    expect(mintInputSchema.safeParse({ kind: "root", name: "x", expiresAt: null }).success).toBe(false);
  });
});

describe("parseMintForm", () => {
  it("control token with days of expiry", () => {
    const before = Date.now();
    const r = parseMintForm("sdk", { name: "deploy", scopes: ["workload:read"], expiry: "30" });
    expect(r.ok).toBe(true);
    if (!r.ok || r.input.kind !== "sdk") throw new Error("unreachable");
    expect(r.input.scopes).toEqual(["workload:read"]);
    expect(r.input.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(r.input.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
  });
  it("data key for the entire project, never expiring", () => {
    expect(parseMintForm("live", { name: "app", access: "all", expiry: "never" })).toEqual({
      ok: true,
      input: { kind: "live", name: "app", access: { all: true }, expiresAt: null },
    });
  });
  it("a date means through the end of that day (UTC)", () => {
    const r = parseMintForm("live", { name: "app", access: "workloads", workloadIds: "wl_a", expiry: "date", expiryDate: "2030-01-02" });
    expect(r).toEqual({ ok: true, input: { kind: "live", name: "app", access: { workloadIds: ["wl_a"] }, expiresAt: new Date("2030-01-02T23:59:59.999Z") } });
  });
  it("reports errors by field", () => {
    const r = parseMintForm("live", { name: "", access: "workloads", expiry: "date", expiryDate: "2020-01-01" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["expiry", "name", "workloadIds"]);
    const bad = parseMintForm("sdk", { name: "x", scopes: [], expiry: "date", expiryDate: "2030-02-30" });
    expect(bad.ok || Object.keys(bad.fieldErrors).sort()).toEqual(["expiryDate", "scopes"]);
    const noExpiry = parseMintForm("sdk", { name: "x", scopes: ["workload:write"] });
    expect(noExpiry.ok || Object.keys(noExpiry.fieldErrors)).toEqual(["expiry"]);
  });
});

describe("tokenViewSchema", () => {
  it("has no secretHash field and strips one if present", () => {
    expect(Object.keys(tokenViewSchema.shape)).not.toContain("secretHash");
    const now = new Date();
    const view = tokenViewSchema.parse({
      id: "tok_x", publicId: "1a2b3c4d", kind: "live", name: "n", hint: "ik_live_1a2b3c4d…", scopes: [],
      access: { all: true, workloads: [] }, accessLabel: "project/*", createdBy: null, createdAt: now, lastUsedAt: null,
      requestCount: 0, expiresAt: null, revokedAt: null, rotatedAt: null, graceEndsAt: null,
      status: { code: "active", usable: true, until: null }, replaces: null, replacedBy: null,
      secretHash: "f".repeat(64),
    });
    expect(view).not.toHaveProperty("secretHash");
    expect(JSON.stringify(view)).not.toContain("f".repeat(64));
  });
});
