import { afterEach, describe, expect, it } from "vitest";
import { seal, SealError, unseal } from "./seal";

const saved = { ...process.env };
afterEach(() => {
  process.env.IK_ENCRYPTION_KEY = saved.IK_ENCRYPTION_KEY;
  process.env.NEXTAUTH_SECRET = saved.NEXTAUTH_SECRET;
  if (saved.IK_ENCRYPTION_KEY === undefined) delete process.env.IK_ENCRYPTION_KEY;
  if (saved.NEXTAUTH_SECRET === undefined) delete process.env.NEXTAUTH_SECRET;
});

describe("seal", () => {
  it("round-trips and never contains the plaintext", () => {
    process.env.IK_ENCRYPTION_KEY = "k".repeat(40);
    const s = seal("sk-upstream-secret");
    expect(s).not.toContain("sk-upstream-secret");
    expect(s.startsWith("v1.")).toBe(true);
    expect(unseal(s)).toBe("sk-upstream-secret");
    expect(seal("sk-upstream-secret")).not.toBe(s); // fresh IV each time
  });

  it("falls back to NEXTAUTH_SECRET and rejects a value sealed under another key", () => {
    delete process.env.IK_ENCRYPTION_KEY;
    process.env.NEXTAUTH_SECRET = "a".repeat(40);
    const s = seal("x");
    expect(unseal(s)).toBe("x");
    process.env.NEXTAUTH_SECRET = "b".repeat(40);
    expect(() => unseal(s)).toThrow(SealError);
  });

  it("rejects tampering and garbage", () => {
    process.env.IK_ENCRYPTION_KEY = "k".repeat(40);
    const s = seal("hello");
    const parts = s.split(".");
    parts[3] = Buffer.from("jello").toString("base64url");
    expect(() => unseal(parts.join("."))).toThrow(SealError);
    expect(() => unseal("hello")).toThrow(SealError);
  });

  it("refuses to work without a secret", () => {
    delete process.env.IK_ENCRYPTION_KEY;
    delete process.env.NEXTAUTH_SECRET;
    expect(() => seal("x")).toThrow(SealError);
  });
});
