import { describe, expect, it } from "vitest";
import { clearAllCaches, InvalidatingCache, setCacheTrust } from "./cache";
import { invalidateTokens } from "./invalidation";

type V = { id: string; version: number };

function setup() {
  const db = new Map<string, number>([["a", 1]]);
  let loads = 0;
  let gate: Promise<void> | null = null;
  const cache = new InvalidatingCache<V>({
    name: "test",
    async load(key) {
      loads++;
      const version = db.get(key); // read "before" the gate, like a row read before a commit lands
      if (gate) await gate;
      return version === undefined ? null : { id: key, version };
    },
    affected: (v, inv) => !!inv.tokens?.includes(v.id),
  });
  return {
    cache,
    db,
    loads: () => loads,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

const get = async (c: InvalidatingCache<V>, k: string) => await c.get(k);

describe("InvalidatingCache", () => {
  it("serves hits from memory and drops entries on invalidation", async () => {
    const t = setup();
    expect(await get(t.cache, "a")).toEqual({ id: "a", version: 1 });
    expect(await get(t.cache, "a")).toEqual({ id: "a", version: 1 });
    expect(t.loads()).toBe(1);
    t.db.set("a", 2);
    await invalidateTokens(["a"]);
    expect(await get(t.cache, "a")).toEqual({ id: "a", version: 2 });
    expect(t.loads()).toBe(2);
    t.cache.dispose();
  });

  it("does not cache unknown keys", async () => {
    const t = setup();
    expect(await get(t.cache, "b")).toBeNull();
    t.db.set("b", 1);
    expect(await get(t.cache, "b")).toEqual({ id: "b", version: 1 });
    t.cache.dispose();
  });

  it("never stores a load that overlapped an invalidation (fill race)", async () => {
    const t = setup();
    const release = t.hold();
    const inFlight = get(t.cache, "a"); // reads version 1, then waits
    t.db.set("a", 2);
    await invalidateTokens(["a"]); // arrives while the stale row is in flight
    release();
    expect(await inFlight).toEqual({ id: "a", version: 1 }); // that caller raced the change…
    expect(await get(t.cache, "a")).toEqual({ id: "a", version: 2 }); // …but the stale row was not kept
    t.cache.dispose();
  });

  it("reads the database on every request while untrusted and forgets everything when trust lapses", async () => {
    const t = setup();
    await get(t.cache, "a");
    let trusted = false;
    setCacheTrust(() => trusted);
    t.db.set("a", 2); // a change whose invalidation this instance never heard
    expect(await get(t.cache, "a")).toEqual({ id: "a", version: 2 });
    expect(await get(t.cache, "a")).toEqual({ id: "a", version: 2 });
    expect(t.loads()).toBe(3);
    expect(t.cache.size).toBe(0);
    trusted = true;
    expect(await get(t.cache, "a")).toEqual({ id: "a", version: 2 });
    expect(await get(t.cache, "a")).toEqual({ id: "a", version: 2 });
    expect(t.loads()).toBe(4);
    setCacheTrust(() => true);
    clearAllCaches();
    expect(t.cache.size).toBe(0);
    t.cache.dispose();
  });

  it("expires entries after the TTL", async () => {
    const db = new Map([["a", 1]]);
    const cache = new InvalidatingCache<V>({ name: "ttl", ttlMs: 30, load: async (k) => ({ id: k, version: db.get(k)! }), affected: () => false });
    await cache.get("a");
    db.set("a", 2);
    expect(await cache.get("a")).toEqual({ id: "a", version: 1 });
    await new Promise((r) => setTimeout(r, 40));
    expect(await cache.get("a")).toEqual({ id: "a", version: 2 });
    cache.dispose();
  });
});
