import { describe, expect, it, vi } from "vitest";
import { generateToken, type TokenKind } from "./format";
import { checkLifetime, verifyToken, type TokenRecord } from "./verify";

const NOW = new Date("2026-06-01T12:00:00.000Z");

function stored(kind: TokenKind, over: Partial<TokenRecord> = {}) {
  const minted = generateToken(kind);
  const record: TokenRecord = {
    id: "tok_test",
    publicId: minted.publicId,
    kind,
    projectId: "prj_test",
    secretHash: minted.secretHash,
    scopes: [],
    allWorkloads: false,
    expiresAt: null,
    revokedAt: null,
    graceEndsAt: null,
    ...over,
  };
  return { plaintext: minted.plaintext, record, lookup: vi.fn((id: string) => (id === record.publicId ? record : null)) };
}

describe("verifyToken", () => {
  it("accepts a good token of each kind and returns its record", async () => {
    for (const kind of ["sdk", "live"] as const) {
      const t = stored(kind);
      expect(await verifyToken(t.plaintext, kind, t.lookup, NOW)).toEqual({ ok: true, token: t.record });
      expect(t.lookup).toHaveBeenCalledWith(t.record.publicId);
    }
  });

  it("missing: no token, and no lookup", async () => {
    const t = stored("live");
    for (const raw of [null, undefined, ""]) expect(await verifyToken(raw, "live", t.lookup, NOW)).toEqual({ ok: false, reason: "missing" });
    expect(t.lookup).not.toHaveBeenCalled();
  });

  it("malformed: no lookup", async () => {
    const t = stored("live");
    expect(await verifyToken(t.plaintext.toUpperCase(), "live", t.lookup, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyToken(t.plaintext + " ", "live", t.lookup, NOW)).toEqual({ ok: false, reason: "malformed" });
    expect(t.lookup).not.toHaveBeenCalled();
  });

  it("wrong kind: an ik_sdk_ token where ik_live_ is expected and vice versa", async () => {
    const s = stored("sdk");
    const l = stored("live");
    expect(await verifyToken(s.plaintext, "live", s.lookup, NOW)).toEqual({ ok: false, reason: "wrong_kind" });
    expect(await verifyToken(l.plaintext, "sdk", l.lookup, NOW)).toEqual({ ok: false, reason: "wrong_kind" });
  });

  it("unknown public id", async () => {
    const t = stored("live");
    const other = generateToken("live");
    expect(await verifyToken(other.plaintext, "live", t.lookup, NOW)).toEqual({ ok: false, reason: "unknown" });
  });

  it("hash mismatch with the right public id is unknown", async () => {
    const t = stored("live");
    const forged = t.plaintext.slice(0, -1) + (t.plaintext.endsWith("0") ? "1" : "0");
    expect(await verifyToken(forged, "live", t.lookup, NOW)).toEqual({ ok: false, reason: "unknown" });
  });

  it("a stored record of the other kind under the same public id is unknown", async () => {
    const t = stored("live");
    const record = { ...t.record, kind: "sdk" as const };
    expect(await verifyToken(t.plaintext, "live", () => record, NOW)).toEqual({ ok: false, reason: "unknown" });
  });

  it("revoked", async () => {
    const t = stored("live", { revokedAt: new Date(NOW.getTime() - 1) });
    expect(await verifyToken(t.plaintext, "live", t.lookup, NOW)).toEqual({ ok: false, reason: "revoked" });
  });

  it("revoked beats expired", async () => {
    const t = stored("live", { revokedAt: new Date(0), expiresAt: new Date(0) });
    expect(await verifyToken(t.plaintext, "live", t.lookup, NOW)).toEqual({ ok: false, reason: "revoked" });
  });

  it("expired", async () => {
    const t = stored("sdk", { expiresAt: new Date(NOW.getTime() - 60_000) });
    expect(await verifyToken(t.plaintext, "sdk", t.lookup, NOW)).toEqual({ ok: false, reason: "expired" });
  });

  it("rotation grace ended is refused as revoked; running grace is accepted", async () => {
    const ended = stored("live", { graceEndsAt: new Date(NOW.getTime() - 1) });
    expect(await verifyToken(ended.plaintext, "live", ended.lookup, NOW)).toEqual({ ok: false, reason: "revoked" });
    const running = stored("live", { graceEndsAt: new Date(NOW.getTime() + 3_600_000) });
    expect((await verifyToken(running.plaintext, "live", running.lookup, NOW)).ok).toBe(true);
  });

  it("never throws on hostile input", async () => {
    const t = stored("live");
    for (const raw of ["\u0000", "ik_live_".repeat(2000), "🚀".repeat(100), "ik_live__"]) {
      const r = await verifyToken(raw, "live", t.lookup, NOW);
      expect(r.ok).toBe(false);
    }
  });
});

describe("expiry edges (checkLifetime)", () => {
  const base = stored("live").record;
  it("exactly at expiresAt is expired; 1 ms before is ok", () => {
    expect(checkLifetime({ ...base, expiresAt: NOW }, NOW)).toEqual({ ok: false, reason: "expired" });
    expect(checkLifetime({ ...base, expiresAt: new Date(NOW.getTime() + 1) }, NOW).ok).toBe(true);
    expect(checkLifetime({ ...base, expiresAt: NOW }, new Date(NOW.getTime() - 1)).ok).toBe(true);
  });
  it("exactly at graceEndsAt is refused; 1 ms before is ok", () => {
    expect(checkLifetime({ ...base, graceEndsAt: NOW }, NOW)).toEqual({ ok: false, reason: "revoked" });
    expect(checkLifetime({ ...base, graceEndsAt: NOW }, new Date(NOW.getTime() - 1)).ok).toBe(true);
  });
  it("exactly at revokedAt is revoked; a revocation stamped in the future is not yet", () => {
    expect(checkLifetime({ ...base, revokedAt: NOW }, NOW)).toEqual({ ok: false, reason: "revoked" });
    expect(checkLifetime({ ...base, revokedAt: NOW }, new Date(NOW.getTime() - 1)).ok).toBe(true);
  });
});
