import { describe, expect, it } from "vitest";
import { canonicalSlug, isCanonicalSlug } from "./slug";

describe("canonicalSlug (SDK canonical_slug, contract §3.4)", () => {
  it.each([
    ["Gemma 4 26B (llama.cpp / GGUF) on R9700", "gemma-4-26b-llama-cpp-gguf-on-r9700"],
    ["  Mixed_Case--Slug  ", "mixed-case-slug"],
    ["support-bot", "support-bot"],
    ["Ünïcode naïve", "n-code-na-ve"],
    ["---", ""],
    ["a\u0000b", "a-b"],
    ["emoji 🚀 rocket", "emoji-rocket"],
  ])("%j → %j", (input, out) => {
    expect(canonicalSlug(input)).toBe(out);
  });
  it("is idempotent", () => {
    for (const s of ["A b", "x__y", "ÀÉ-1"]) expect(canonicalSlug(canonicalSlug(s))).toBe(canonicalSlug(s));
  });
  it("accepts only canonical, non-empty, short slugs", () => {
    expect(isCanonicalSlug("acme")).toBe(true);
    expect(isCanonicalSlug("Acme")).toBe(false);
    expect(isCanonicalSlug("-acme")).toBe(false);
    expect(isCanonicalSlug("")).toBe(false);
    expect(isCanonicalSlug("a".repeat(64))).toBe(false);
  });
});
