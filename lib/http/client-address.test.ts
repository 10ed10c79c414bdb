import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it("with no trusted proxy, ignores X-Forwarded-For: the socket peer is the client", () => {
    expect(resolveClientAddress("6.6.6.6", "10.0.0.7", 0)).toBe("10.0.0.7");
    expect(resolveClientAddress(undefined, "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
  });
  it("with one trusted proxy, takes the address that proxy saw, not what the client claimed before it", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the real peer 203.0.113.9.
    expect(resolveClientAddress("6.6.6.6, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    expect(resolveClientAddress(["6.6.6.6", "203.0.113.9"], "10.0.0.2", 1)).toBe("203.0.113.9");
  });
  it("with two trusted proxies, counts two hops from the right", () => {
    expect(resolveClientAddress("6.6.6.6, 198.51.100.4, 10.0.0.3", "10.0.0.2", 2)).toBe("198.51.100.4");
  });
  it("more trusted hops than entries falls back to the leftmost; nothing at all gives undefined", () => {
    expect(resolveClientAddress("198.51.100.4", "10.0.0.2", 5)).toBe("198.51.100.4");
    expect(resolveClientAddress(undefined, undefined, 0)).toBeUndefined();
    expect(resolveClientAddress(" , ", undefined, 1)).toBeUndefined();
  });
  it("bounds the length of what it returns", () => {
    expect(resolveClientAddress("x".repeat(500), undefined, 0)!.length).toBe(64);
  });
});
