import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    ["/projects/acme/tokens", "/projects/acme/tokens"],
    ["/projects/acme/audit?page=2#top", "/projects/acme/audit?page=2#top"],
    [["/projects/a", "/projects/b"], "/projects/a"],
    ["/projects/é", "/projects/%C3%A9"],
  ])("keeps a path on this site: %j", (raw, want) => {
    expect(safeCallbackUrl(raw as string | string[])).toBe(want);
  });

  it.each([
    undefined,
    "",
    "projects",
    "https://evil.example/x",
    "//evil.example/x",
    "/\\evil.example/x",
    "/\t/evil.example/phish",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/\u0000/x",
    "/projects\u007f",
    "javascript:alert(1)",
    "/" + "a".repeat(2048),
  ])("falls back to /projects for %j", (raw) => {
    expect(safeCallbackUrl(raw)).toBe("/projects");
  });

  it("never yields something a browser reads as another origin", () => {
    for (const raw of ["/%2F/evil.example", "/.//evil.example", "/..//evil.example", "/%09/evil.example", "/%5Cevil.example"]) {
      const out = safeCallbackUrl(raw);
      expect(new URL(out, "https://console.example").origin, raw).toBe("https://console.example");
    }
  });
});
