// Cross-instance invalidation bus (PostgreSQL mode): several console processes share one database,
// each with its own gateway cache (lib/tokens/cache.ts). One channel, three messages, on a dedicated
// LISTEN connection per instance: "inv" (an invalidation), "ack" (an instance applied one), "hb"
// (an instance's heartbeat, echoed back to itself). Live instances are rows in console_instances.
//
// GUARANTEE. Let X be a committed database change (revoke, rotation, grant change, workload edit…)
// and let invalidate(X) be called on any instance after the commit. When invalidate(X) resolves,
// every request that any console instance starts to authenticate from then on observes X (a revoked
// key gets 401). For each other instance I one of these holds:
//  (a) I acknowledged X: it applies X to its caches before it sends the ack;
//  (b) I did not acknowledge within IK_BUS_ACK_TIMEOUT_MS (T, default 3000 ms): invalidate(X) then
//      resolved no earlier than T after X's NOTIFY committed, and logged a warning naming I. An
//      instance serves from its cache only while the newest heartbeat it got back on its LISTEN
//      connection was SENT less than IK_BUS_TRUST_MS (W, default 2500 ms, must be < T) ago; any
//      later request reads the database. PostgreSQL delivers notifications to a listener in commit
//      order, so a heartbeat sent after X's NOTIFY committed reaches I only after X did. Hence after
//      invalidate(X) resolves, I either has applied X or is not trusting its cache;
//  (c) I was not in the registry as live (row not refreshed for IK_BUS_LIVE_MS, default 10 s):
//      I refreshes its row and sends its heartbeat in ONE statement, so it has had no heartbeat
//      echo for longer than W and is not trusting its cache — the same as (b).
// An instance trusts nothing on start and whenever its LISTEN connection is lost or re-established
// it drops every cached entry; cache loads that overlap an invalidation or a lapse of trust are
// never stored (lib/tokens/cache.ts).
// LIMITS. If the invalidating instance cannot send the NOTIFY at all (database unreachable from it),
// invalidate(X) rejects after retrying for T; X is committed, and other instances then observe it
// at their next cache miss, reconnect, lapse of trust, or at the latest after the cache TTL
// (IK_GATEWAY_CACHE_TTL_MS, default 60 s). Requests already past authentication when X arrives (a
// stream in progress) are not cut. W and T are measured by each instance's own monotonic clock,
// assumed to run at the same rate as the others' (the 500 ms between W and T is the margin).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { intFromEnv } from "../config";
import type { Db } from "../db";
import { newId } from "../ids";
import { clearAllCaches, setCacheTrust } from "./cache";
import { addPublisher, applyLocally, type Invalidation } from "./invalidation";

const CHANNEL = "ik_bus";
// NOTIFY payloads must stay under 8000 bytes: large invalidations are sent in parts.
const IDS_PER_MESSAGE = 150;

export interface BusOptions {
  heartbeatMs: number;
  ackTimeoutMs: number;
  trustMs: number;
  liveMs: number;
  reconnectMs: number;
}

export function busOptionsFromEnv(): BusOptions {
  const o = {
    heartbeatMs: intFromEnv("IK_BUS_HEARTBEAT_MS", 1000),
    ackTimeoutMs: intFromEnv("IK_BUS_ACK_TIMEOUT_MS", 3000),
    trustMs: intFromEnv("IK_BUS_TRUST_MS", 2500),
    liveMs: intFromEnv("IK_BUS_LIVE_MS", 10_000),
    reconnectMs: 1000,
  };
  if (o.trustMs >= o.ackTimeoutMs) throw new Error("IK_BUS_TRUST_MS must be smaller than IK_BUS_ACK_TIMEOUT_MS");
  if (o.heartbeatMs >= o.trustMs) throw new Error("IK_BUS_HEARTBEAT_MS must be smaller than IK_BUS_TRUST_MS");
  if (o.liveMs <= o.trustMs) throw new Error("IK_BUS_LIVE_MS must be larger than IK_BUS_TRUST_MS");
  return o;
}

type Message =
  | { t: "inv"; m: string; f: string; i: Invalidation }
  | { t: "ack"; m: string; f: string; to: string }
  | { t: "hb"; f: string; e: number; s: number };

export interface Bus {
  instanceId: string;
  /** Whether this instance may serve from its cache right now. */
  healthy(): boolean;
  stop(): Promise<void>;
}

type Waiter = { acked: Set<string>; expected: Set<string> | null; done?: () => void };

export async function startBus(db: Db, opts: BusOptions = busOptionsFromEnv()): Promise<Bus> {
  if (db.kind !== "postgres" || !db.url) throw new Error("the invalidation bus needs PostgreSQL");
  const url = db.url;
  const id = newId("ci");
  const waiters = new Map<string, Waiter>();
  let client: pg.Client | null = null;
  let epoch = 0;
  let lastEchoSentAt = -Infinity;
  let beatStartedAt: number | null = null;
  let stopping = false;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let onFirstEcho: (() => void) | null = null;

  const healthy = () => client !== null && performance.now() - lastEchoSentAt < opts.trustMs;
  setCacheTrust(healthy);

  const notify = (c: pg.Client | null, msg: Message) =>
    c ? c.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(msg)]).then(() => undefined) : Promise.resolve();

  const onNotification = (c: pg.Client, n: pg.Notification) => {
    if (n.channel !== CHANNEL || !n.payload) return;
    let msg: Message;
    try {
      msg = JSON.parse(n.payload) as Message;
    } catch {
      return;
    }
    if (msg.t === "hb") {
      if (msg.f === id && msg.e === epoch && c === client && msg.s > lastEchoSentAt) {
        lastEchoSentAt = msg.s;
        onFirstEcho?.();
      }
    } else if (msg.t === "inv") {
      if (msg.f === id) return; // applied locally before it was sent
      applyLocally(msg.i);
      notify(c, { t: "ack", m: msg.m, f: id, to: msg.f }).catch(() => {});
    } else if (msg.t === "ack" && msg.to === id) {
      const w = waiters.get(msg.m);
      if (!w) return;
      w.acked.add(msg.f);
      if (w.expected && [...w.expected].every((x) => w.acked.has(x))) w.done?.();
    }
  };

  const lost = (c: pg.Client, why: string) => {
    if (c !== client) return;
    client = null;
    beatStartedAt = null;
    clearAllCaches();
    c.removeAllListeners("notification");
    c.end().catch(() => {});
    if (!stopping) {
      console.warn(`invalidation bus: LISTEN connection lost (${why}); serving from the database until it is back`);
      scheduleReconnect();
    }
  };

  const scheduleReconnect = () => {
    if (reconnectTimer || stopping) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch((e) => {
        console.warn(`invalidation bus: reconnect failed (${(e as Error).message})`);
        scheduleReconnect();
      });
    }, opts.reconnectMs);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: `ik-bus:${id}`, keepAlive: true, connectionTimeoutMillis: 5000 });
    c.on("error", (e) => lost(c, e.message));
    c.on("end", () => lost(c, "connection ended"));
    c.on("notification", (n) => onNotification(c, n));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      c.end().catch(() => {});
      throw e;
    }
    if (stopping) {
      await c.end().catch(() => {});
      return;
    }
    // Whatever was cached before this LISTEN began may have missed messages.
    epoch++;
    lastEchoSentAt = -Infinity;
    client = c;
    clearAllCaches();
    if (epoch > 1) console.warn("invalidation bus: LISTEN connection re-established; the cache was emptied");
    void beat();
  };

  // Registry row and heartbeat in one statement: a row is fresh only if the echo was sent too.
  const beat = async () => {
    const c = client;
    if (!c) return;
    const now = performance.now();
    if (beatStartedAt !== null) {
      if (now - beatStartedAt > opts.trustMs) lost(c, "heartbeat did not complete");
      return;
    }
    beatStartedAt = now;
    const payload: Message = { t: "hb", f: id, e: epoch, s: now };
    try {
      await c.query(
        `WITH up AS (
           INSERT INTO console_instances (id, started_at, last_seen_at) VALUES ($1, now(), now())
           ON CONFLICT (id) DO UPDATE SET last_seen_at = now() RETURNING id)
         SELECT pg_notify($2, $3) FROM up`,
        [id, CHANNEL, JSON.stringify(payload)],
      );
      if (c === client) beatStartedAt = null;
    } catch (e) {
      lost(c, (e as Error).message);
    }
  };
  const heartbeat = setInterval(() => void beat(), opts.heartbeatMs);
  heartbeat.unref();

  const publishOne = async (inv: Invalidation) => {
    const m = randomUUID();
    const w: Waiter = { acked: new Set(), expected: null };
    waiters.set(m, w);
    try {
      const payload = JSON.stringify({ t: "inv", m, f: id, i: inv } satisfies Message);
      const deadline = performance.now() + opts.ackTimeoutMs;
      for (;;) {
        try {
          await db.sql.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
          break;
        } catch (e) {
          if (performance.now() > deadline) throw new Error(`invalidation could not be sent to other instances: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      const sentAt = performance.now();
      const rows = await db.sql.query<{ id: string }>(
        "SELECT id FROM console_instances WHERE id <> $1 AND last_seen_at > now() - make_interval(secs => $2)",
        [id, opts.liveMs / 1000],
      );
      w.expected = new Set(rows.map((r) => r.id));
      if ([...w.expected].every((x) => w.acked.has(x))) return;
      const all = new Promise<boolean>((resolve) => {
        w.done = () => resolve(true);
        setTimeout(() => resolve(false), Math.max(0, sentAt + opts.ackTimeoutMs - performance.now()));
      });
      if (!(await all)) {
        const missing = [...w.expected].filter((x) => !w.acked.has(x));
        console.warn(
          `invalidation bus: instance(s) ${missing.join(", ")} did not acknowledge within ${opts.ackTimeoutMs} ms; ` +
            `they stop serving from their caches once their heartbeat lapses (${opts.trustMs} ms)`,
        );
      }
    } finally {
      waiters.delete(m);
    }
  };

  const removePublisher = addPublisher(async (inv) => {
    await Promise.all(splitInvalidation(inv).map(publishOne));
  });

  // Rows of instances that died without saying goodbye (they stopped counting as live long ago).
  await db.sql.query("DELETE FROM console_instances WHERE last_seen_at < now() - interval '1 day'");
  await connect();
  // Wait (bounded) for the first echo so a fresh instance starts with a usable cache.
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 5000);
    onFirstEcho = () => {
      clearTimeout(t);
      onFirstEcho = null;
      resolve();
    };
    if (healthy()) onFirstEcho();
  });
  if (!healthy()) console.warn("invalidation bus: no heartbeat echo yet; serving from the database until there is one");
  console.log(`invalidation bus: instance ${id} listening`);

  return {
    instanceId: id,
    healthy,
    async stop() {
      stopping = true;
      clearInterval(heartbeat);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      removePublisher();
      // No longer hearing invalidations: nothing cached here may be believed any more.
      setCacheTrust(() => false);
      const c = client;
      client = null;
      await db.sql.query("DELETE FROM console_instances WHERE id = $1", [id]).catch(() => {});
      if (c) {
        c.removeAllListeners("end");
        c.removeAllListeners("error");
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}

/** Splits an invalidation into parts that each fit in one NOTIFY payload. */
export function splitInvalidation(inv: Invalidation): Invalidation[] {
  const entries: [keyof Invalidation, string][] = [];
  for (const k of ["tokens", "workloads", "projects"] as const) for (const v of inv[k] ?? []) entries.push([k, v]);
  const parts: Invalidation[] = [];
  for (let i = 0; i < entries.length; i += IDS_PER_MESSAGE) {
    const part: Invalidation = {};
    for (const [k, v] of entries.slice(i, i + IDS_PER_MESSAGE)) (part[k] ??= []).push(v);
    parts.push(part);
  }
  return parts;
}
