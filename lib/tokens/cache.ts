// In-process caches of what the gateway needs per request (token records by public id, workloads by
// project/slug), kept exact by lib/tokens/invalidation.ts. Rules that make them safe:
// - only positive results are cached: an unknown id is looked up again next time, so a token or
//   workload created later is seen at once, and nothing "unknown" can turn into "allowed";
// - a load that overlaps any invalidation is returned to its caller but never inserted (a global
//   generation counter): the row it read may predate the commit that the invalidation announced;
// - the cache is used only while trusted(): the cross-instance bus (lib/tokens/bus.ts) withdraws
//   trust while this instance might be missing invalidations, and then every request reads the
//   database; when trust comes back everything cached before is dropped;
// - entries also expire after IK_GATEWAY_CACHE_TTL_MS (default 60 s) as a last line of defence.
// Expiry, rotation grace and revocation times are stored in the record and checked against the
// clock on every request, so they need no invalidation.
import { intFromEnv } from "../config";
import { onInvalidate, type Invalidation } from "./invalidation";

type Trust = () => boolean;

interface CacheState {
  generation: number;
  trust: Trust;
  wasTrusted: boolean;
  caches: Set<InvalidatingCache<unknown>>;
}

// On globalThis: the custom server and Next's bundles load separate copies of lib/.
const KEY = Symbol.for("inferencekey.gateway-cache");
function state(): CacheState {
  const g = globalThis as { [KEY]?: CacheState };
  if (!g[KEY]) {
    const s: CacheState = { generation: 0, trust: () => true, wasTrusted: true, caches: new Set() };
    g[KEY] = s;
    onInvalidate((inv) => {
      s.generation++;
      for (const c of s.caches) c.drop(inv);
    });
  }
  return g[KEY];
}

/** Who decides whether local caches may be believed (the bus, in PostgreSQL mode). */
export function setCacheTrust(trust: Trust): void {
  const s = state();
  s.trust = trust;
  isTrusted();
}

/** Drops every cached entry in every cache (connection to the bus lost or re-established). */
export function clearAllCaches(): void {
  const s = state();
  s.generation++;
  for (const c of s.caches) c.clear();
}

/** Whether caches may be used right now; a lapse of trust clears them. */
export function isTrusted(): boolean {
  const s = state();
  const now = s.trust();
  if (now !== s.wasTrusted) {
    s.wasTrusted = now;
    clearAllCaches();
  }
  return now;
}

export interface CacheOptions<V> {
  name: string;
  load(key: string): Promise<V | null>;
  /** Whether an invalidation concerns this cached value. */
  affected(value: V, inv: Invalidation): boolean;
  ttlMs?: number;
}

type Entry<V> = { value: V; storedAt: number };

export class InvalidatingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inflight = new Map<string, { generation: number; promise: Promise<V | null> }>();
  private readonly ttlMs: number;

  constructor(private readonly opts: CacheOptions<V>) {
    this.ttlMs = opts.ttlMs ?? intFromEnv("IK_GATEWAY_CACHE_TTL_MS", 60_000);
    state().caches.add(this as InvalidatingCache<unknown>);
  }

  /** The cached value when fresh and trusted, else a database read (shared by concurrent callers). */
  get(key: string): Promise<V | null> | V {
    const s = state();
    const trusted = isTrusted();
    if (trusted) {
      const e = this.entries.get(key);
      if (e) {
        if (performance.now() - e.storedAt < this.ttlMs) return e.value;
        this.entries.delete(key);
      }
    }
    const generation = s.generation;
    const running = this.inflight.get(key);
    if (running && running.generation === generation) return running.promise;
    const promise = this.opts.load(key).then(
      (value) => {
        if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
        // Insert only if nothing was invalidated (and trust never lapsed) while the row was read.
        if (value !== null && trusted && isTrusted() && s.generation === generation) {
          this.entries.set(key, { value, storedAt: performance.now() });
        }
        return value;
      },
      (err) => {
        if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
        throw err;
      },
    );
    this.inflight.set(key, { generation, promise });
    return promise;
  }

  drop(inv: Invalidation): void {
    for (const [key, e] of this.entries) if (this.opts.affected(e.value, inv)) this.entries.delete(key);
    this.inflight.clear();
  }

  clear(): void {
    this.entries.clear();
    this.inflight.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stops following invalidations (tests create many caches). */
  dispose(): void {
    state().caches.delete(this as InvalidatingCache<unknown>);
    this.clear();
  }
}
