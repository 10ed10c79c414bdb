import { describe, expect, it } from "vitest";
import { bearer, generateToken, hashesEqual, hashToken, parseToken, tokenHint, TOKEN_PREFIX } from "./format";

const SDK_RE = /^ik_sdk_[0-9a-f]{8}_[0-9a-f]{64}$/;
const LIVE_RE = /^ik_live_[0-9a-f]{8}_[0-9a-f]{64}$/;
const ID = "1a2b3c4d";
const SECRET = "0123456789abcdef".repeat(4);

describe("generateToken", () => {
  it.each([
    ["sdk", SDK_RE],
    ["live", LIVE_RE],
  ] as const)("%s tokens have the documented shape, hash and hint", (kind, re) => {
    const t = generateToken(kind);
    expect(t.plaintext).toMatch(re);
    expect(t.plaintext.startsWith(`${TOKEN_PREFIX[kind]}${t.publicId}_`)).toBe(true);
    expect(t.secretHash).toBe(hashToken(t.plaintext));
    expect(t.hint).toBe(`${TOKEN_PREFIX[kind]}${t.publicId}…`);
    // The hint carries none of the secret part.
    expect(t.plaintext.includes(t.hint.slice(0, -1) + "_")).toBe(true);
    expect(t.hint).not.toContain(t.plaintext.slice(-64, -50));
  });

  it("draws a fresh 256-bit secret every time", () => {
    const secrets = new Set(Array.from({ length: 200 }, () => generateToken("live").plaintext.slice(-64)));
    expect(secrets.size).toBe(200);
  });

  it("uses a given public id", () => {
    expect(generateToken("sdk", ID).plaintext.startsWith(`ik_sdk_${ID}_`)).toBe(true);
  });
});

describe("hashToken", () => {
  it("is SHA-256 of the whole token as lower-case hex (known vectors)", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
  it("hashes the token's UTF-8 text (vectors computed independently with Python hashlib)", () => {
    expect(hashToken("é")).toBe("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    expect(hashToken(`ik_live_${ID}_${SECRET}`)).toBe("9860d18b71e23229519ace191d4953324368a87b3690e5f311614498e8771633");
  });
});

describe("parseToken", () => {
  const sdk = `ik_sdk_${ID}_${SECRET}`;
  const live = `ik_live_${ID}_${SECRET}`;

  it("accepts good tokens of both kinds", () => {
    expect(parseToken(sdk, "sdk")).toEqual({ ok: true, kind: "sdk", publicId: ID, plaintext: sdk });
    expect(parseToken(live, "live")).toEqual({ ok: true, kind: "live", publicId: ID, plaintext: live });
  });

  it("reports the other kind as wrong_kind", () => {
    expect(parseToken(sdk, "live")).toEqual({ ok: false, reason: "wrong_kind", kind: "sdk" });
    expect(parseToken(live, "sdk")).toEqual({ ok: false, reason: "wrong_kind", kind: "live" });
  });

  it.each([null, undefined, ""])("%j is missing", (raw) => {
    expect(parseToken(raw, "live")).toEqual({ ok: false, reason: "missing" });
  });

  it.each([
    ["wrong prefix", `ik_test_${ID}_${SECRET}`],
    ["no prefix", `${ID}_${SECRET}`],
    ["upper-case prefix", `IK_LIVE_${ID}_${SECRET}`],
    ["short public id", `ik_live_1a2b3c_${SECRET}`],
    ["long public id", `ik_live_1a2b3c4d5_${SECRET}`],
    ["short secret", `ik_live_${ID}_${SECRET.slice(1)}`],
    ["long secret", `ik_live_${ID}_${SECRET}0`],
    ["upper-case hex id", `ik_live_1A2B3C4D_${SECRET}`],
    ["upper-case hex secret", `ik_live_${ID}_${SECRET.toUpperCase()}`],
    ["extra underscore", `ik_live_${ID}__${SECRET}`],
    ["trailing underscore", `ik_live_${ID}_${SECRET}_`],
    ["underscore inside secret", `ik_live_${ID}_${SECRET.slice(0, 32)}_${SECRET.slice(33)}`],
    ["non-hex letters", `ik_live_${ID}_${"g".repeat(64)}`],
    ["leading space", ` ik_live_${ID}_${SECRET}`],
    ["trailing newline", `ik_live_${ID}_${SECRET}\n`],
    ["inner space", `ik_live_${ID} ${SECRET}`],
    ["whitespace only", "   "],
    ["10 kB", `ik_live_${ID}_${SECRET}`.padEnd(10_240, "a")],
    ["10 kB of hex", "a".repeat(10_240)],
    ["unicode digits", `ik_live_${"١٢٣٤٥٦٧٨"}_${SECRET}`],
    ["unicode lookalike", `ik_live_${ID}_${SECRET.slice(0, 63)}ａ`],
    ["emoji", `ik_live_${ID}_${SECRET.slice(0, 62)}🚀`],
    ["NUL", `ik_live_${ID}_${SECRET.slice(0, 63)}\u0000`],
  ])("%s is malformed", (_label, raw) => {
    expect(parseToken(raw, "live")).toEqual({ ok: false, reason: "malformed" });
  });

  it("rejects non-strings without throwing", () => {
    expect(parseToken(42 as unknown as string, "live")).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("tokenHint", () => {
  it("shows the prefix and public id only", () => {
    expect(tokenHint("live", ID)).toBe("ik_live_1a2b3c4d…");
    expect(tokenHint("sdk", ID)).toBe("ik_sdk_1a2b3c4d…");
  });
});

describe("bearer", () => {
  it.each([
    [null, null],
    [undefined, null],
    ["", null],
    ["Bearer abc", "abc"],
    ["bearer abc", "abc"],
    ["Bearer \tabc  ", "abc"],
    ["Bearer", ""],
    ["Basic abc", ""],
    ["Bearer a b", ""],
  ])("%j → %j", (header, out) => {
    expect(bearer(header)).toBe(out);
  });
});

describe("hashesEqual", () => {
  const a = hashToken("a");
  it("compares digests", () => {
    expect(hashesEqual(a, hashToken("a"))).toBe(true);
    expect(hashesEqual(a, hashToken("b"))).toBe(false);
  });
  it("refuses anything that is not a 32-byte digest", () => {
    expect(hashesEqual("", "")).toBe(false);
    expect(hashesEqual(a.slice(2), a.slice(2))).toBe(false);
    expect(hashesEqual("zz".repeat(32), "zz".repeat(32))).toBe(false);
  });
});
