import { describe, expect, it } from "vitest";
import { canRotate, EXPIRING_SOON_MS, tokenStatus, type TokenTimes } from "./status";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);
const t = (over: Partial<TokenTimes>): TokenTimes => ({ expiresAt: null, revokedAt: null, rotatedAt: null, graceEndsAt: null, ...over });

describe("tokenStatus", () => {
  it("active without expiry", () => {
    expect(tokenStatus(t({}), NOW)).toEqual({ code: "active", usable: true, until: null });
  });
  it("active when expiry is 7 days or more ahead; expiring soon below that", () => {
    expect(tokenStatus(t({ expiresAt: at(EXPIRING_SOON_MS) }), NOW).code).toBe("active");
    expect(tokenStatus(t({ expiresAt: at(EXPIRING_SOON_MS - 1) }), NOW)).toEqual({ code: "expiring_soon", usable: true, until: at(EXPIRING_SOON_MS - 1) });
  });
  it("expired exactly at expiresAt", () => {
    expect(tokenStatus(t({ expiresAt: NOW }), NOW)).toEqual({ code: "expired", usable: false, until: null });
    expect(tokenStatus(t({ expiresAt: at(1) }), NOW).code).toBe("expiring_soon");
  });
  it("revoked wins over everything", () => {
    expect(tokenStatus(t({ revokedAt: at(-1), rotatedAt: at(-10), graceEndsAt: at(1000), expiresAt: at(-5) }), NOW).code).toBe("revoked");
  });
  it("rotated with grace running shows until the grace ends", () => {
    expect(tokenStatus(t({ rotatedAt: at(-10), graceEndsAt: at(3_600_000) }), NOW)).toEqual({ code: "rotated", usable: true, until: at(3_600_000) });
  });
  it("rotated grace ends at the earlier of grace end and expiry", () => {
    expect(tokenStatus(t({ rotatedAt: at(-10), graceEndsAt: at(3_600_000), expiresAt: at(1000) }), NOW).until).toEqual(at(1000));
    expect(tokenStatus(t({ rotatedAt: at(-10), graceEndsAt: at(3_600_000), expiresAt: at(-1) }), NOW).code).toBe("rotated_ended");
  });
  it("rotated with grace ended (or none) is ended", () => {
    expect(tokenStatus(t({ rotatedAt: NOW, graceEndsAt: NOW }), NOW)).toEqual({ code: "rotated_ended", usable: false, until: null });
  });
});

describe("canRotate", () => {
  it("only active or expiring tokens", () => {
    expect(canRotate(t({}), NOW)).toBe(true);
    expect(canRotate(t({ expiresAt: at(1000) }), NOW)).toBe(true);
    expect(canRotate(t({ expiresAt: NOW }), NOW)).toBe(false);
    expect(canRotate(t({ revokedAt: NOW }), NOW)).toBe(false);
    expect(canRotate(t({ rotatedAt: at(-1), graceEndsAt: at(1000) }), NOW)).toBe(false);
  });
});
