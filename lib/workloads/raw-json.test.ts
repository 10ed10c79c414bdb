import { describe, expect, it } from "vitest";
import { rawMembers } from "./raw-json";

describe("rawMembers", () => {
  it("keeps number representation and spacing of members", () => {
    const text = '{"name":"a","execution_policy_config":{"max_hourly_cost_usd":5.0, "x":[1,2.50,"}"]},"config":{"command":"vllm serve \\"m\\""}}';
    const m = rawMembers(text);
    expect(m.get("execution_policy_config")).toBe('{"max_hourly_cost_usd":5.0, "x":[1,2.50,"}"]}');
    expect(m.get("config")).toBe('{"command":"vllm serve \\"m\\""}');
    expect(m.get("name")).toBe('"a"');
  });
  it("handles whitespace, scalars, null and duplicate keys", () => {
    const m = rawMembers(' {\n "a" : 1e3 ,"b":null,"c":true,"a":\t-0.0 }');
    expect(m.get("a")).toBe("-0.0");
    expect(m.get("b")).toBe("null");
    expect(m.get("c")).toBe("true");
  });
  it("returns nothing for a non-object document", () => {
    expect(rawMembers("[1,2]").size).toBe(0);
  });
  it("agrees with JSON.parse on every member of random documents", () => {
    for (let n = 0; n < 200; n++) {
      const obj: Record<string, unknown> = {};
      for (let k = 0; k < 5; k++) obj[`k${k}\u00e9"\\`] = randomValue(3);
      const text = JSON.stringify(obj, null, n % 2 ? 2 : undefined);
      const m = rawMembers(text);
      for (const [k, v] of Object.entries(obj)) expect(JSON.parse(m.get(k)!)).toEqual(v);
    }
  });
});

function randomValue(depth: number): unknown {
  const r = Math.random();
  if (depth === 0 || r < 0.3) return [1.5, "s\"}]{", null, true, -3, "\u2028"][Math.floor(Math.random() * 6)];
  if (r < 0.65) return Array.from({ length: 3 }, () => randomValue(depth - 1));
  return { a: randomValue(depth - 1), "b}": randomValue(depth - 1) };
}
