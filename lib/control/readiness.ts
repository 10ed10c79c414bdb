// Readiness of a workload as a sequence of events (contract §3.6), independent of HTTP so it can be
// tested alone. The first event is always a snapshot of the current phase (the SDK reconnects without
// Last-Event-ID); `ready` and `error` are terminal. Phases:
//   scheduling    — no serving URL yet (re-checked every pollMs, an event only when it changes);
//   provisioning  — a serving URL is set but nothing answers there (refused, reset, timeout);
//   bootstrapping — the model server answers, but GET /models is not 2xx yet (model loading);
//   ready         — GET <serving_url>/models answered 2xx;
//   error         — maxFailures probes in a row failed (a server still starting may take minutes, so
//                   the default is patient), or REFUSALS probes in a row got 401/403/404 (a wrong key
//                   or base path: they do not fix themselves), or the workload was deleted.

export type ReadinessPhase = "scheduling" | "provisioning" | "bootstrapping" | "ready" | "error";

export interface ReadinessEvent {
  phase: ReadinessPhase;
  message: string;
  /** Whole milliseconds since the workload was last changed (the SDK rejects fractions). */
  elapsed_ms: number;
}

export type ProbeResult = { ok: true } | { ok: false; kind: "unreachable"; detail: string } | { ok: false; kind: "status"; status: number; detail: string };

/** Answers that mean a wrong upstream key or base URL, not a server that is still starting. */
const REFUSED_STATUSES = new Set([401, 403, 404]);
/** That many of them in a row end the wait (a few, in case a proxy in front was mid-deploy). */
const MAX_REFUSALS = 3;

export interface WorkloadState {
  servingUrl: string | null;
  /** When the workload was last changed: elapsed_ms counts from here. */
  since: Date;
  /** The upstream credential the model server expects, if any. */
  apiKey?: string | null;
}

export interface ReadinessOptions {
  /** The workload now; null once it has been deleted. */
  load(): Promise<WorkloadState | null>;
  probe(servingUrl: string, apiKey: string | null, signal: AbortSignal): Promise<ProbeResult>;
  pollMs: number;
  maxFailures: number;
  signal: AbortSignal;
  /** The state already read when the stream was opened (saves one read). */
  initial?: WorkloadState | null;
  now?: () => number;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

export async function* readinessEvents(o: ReadinessOptions): AsyncGenerator<ReadinessEvent, void, void> {
  const now = o.now ?? Date.now;
  const event = (phase: ReadinessPhase, message: string, w: WorkloadState | null): ReadinessEvent => ({
    phase,
    message,
    elapsed_ms: w ? Math.max(0, Math.floor(now() - w.since.getTime())) : 0,
  });
  let w = o.initial !== undefined ? o.initial : await o.load();
  let failures = 0;
  let refusals = 0;
  let probedUrl: string | null = null;
  let last: ReadinessPhase | null = null;
  while (!o.signal.aborted) {
    if (!w) {
      yield event("error", "the workload was deleted", null);
      return;
    }
    if (!w.servingUrl) {
      failures = refusals = 0;
      probedUrl = null;
      if (last !== "scheduling") yield event("scheduling", "waiting for a model server: the workload has no serving URL yet", w);
      last = "scheduling";
    } else {
      if (w.servingUrl !== probedUrl) {
        failures = refusals = 0;
        probedUrl = w.servingUrl;
      }
      const r = await o.probe(w.servingUrl, w.apiKey ?? null, o.signal);
      if (o.signal.aborted) return;
      if (r.ok) {
        yield event("ready", `the model server at ${w.servingUrl} is answering`, w);
        return;
      }
      failures++;
      refusals = r.kind === "status" && REFUSED_STATUSES.has(r.status) ? refusals + 1 : 0;
      if (refusals >= MAX_REFUSALS) {
        const hint = r.kind === "status" && r.status === 404 ? "check the serving URL's base path" : "check the workload's upstream key";
        yield event("error", `model server at ${w.servingUrl} refuses the probe: ${r.detail}, ${refusals} times in a row (${hint})`, w);
        return;
      }
      if (failures >= o.maxFailures) {
        yield event("error", `model server at ${w.servingUrl} is unreachable: ${r.detail} (${failures} attempts)`, w);
        return;
      }
      last = r.kind === "status" ? "bootstrapping" : "provisioning";
      yield event(last, `waiting for the model server at ${w.servingUrl}: ${r.detail} (attempt ${failures} of ${o.maxFailures})`, w);
    }
    await sleep(o.pollMs, o.signal);
    if (o.signal.aborted) return;
    w = await o.load();
  }
}
