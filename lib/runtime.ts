// Background work of a running console: the usage flusher (both engines) and, with PostgreSQL, the
// cross-instance invalidation bus (lib/tokens/bus.ts). Nothing here is on a request's path.
import { intFromEnv } from "./config";
import type { Db } from "./db";
import { startBus, type Bus } from "./tokens/bus";
import { drainUsage, restoreUsage } from "./tokens/usage";

export interface Runtime {
  bus: Bus | null;
  /** Writes pending usage now (also runs every IK_USAGE_FLUSH_MS). */
  flushUsage(): Promise<void>;
  stop(): Promise<void>;
}

/** Adds recorded request counts and last-used times to the tokens table, in one statement. */
export async function flushUsage(db: Db): Promise<void> {
  const usage = drainUsage();
  if (usage.size === 0) return;
  const ids: string[] = [];
  const counts: number[] = [];
  const times: string[] = [];
  for (const [id, u] of usage) {
    ids.push(id);
    counts.push(u.count);
    times.push(u.lastUsedAt.toISOString());
  }
  try {
    await db.sql.query(
      `UPDATE tokens AS t
          SET request_count = t.request_count + u.n,
              last_used_at = greatest(coalesce(t.last_used_at, u.at), u.at)
         FROM unnest($1::text[], $2::bigint[], $3::timestamptz[]) AS u(id, n, at)
        WHERE t.id = u.id`,
      [ids, counts, times],
    );
  } catch (e) {
    restoreUsage(usage);
    throw e;
  }
}

export async function startRuntime(db: Db): Promise<Runtime> {
  const bus = db.kind === "postgres" && db.url ? await startBus(db) : null;
  const every = intFromEnv("IK_USAGE_FLUSH_MS", 2000);
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    running = running.then(() =>
      flushUsage(db).catch((e) => console.warn(`usage flush failed, will retry: ${(e as Error).message}`)),
    );
    return running;
  };
  const timer = setInterval(() => void flush(), every);
  timer.unref();
  return {
    bus,
    flushUsage: flush,
    async stop() {
      clearInterval(timer);
      await flush();
      await bus?.stop();
    },
  };
}
