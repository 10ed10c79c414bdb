// GET /api/projects/:project/workloads/:workload/readiness-events (contract §3.6).
import type { PrismaClient, Workload } from "@prisma/client";
import { intFromEnv } from "../config";
import { unseal } from "../crypto/seal";
import { ApiError } from "../http/errors";
import { isCanonicalSlug } from "../slug";
import { getWorkload, getWorkloadBySlug } from "../workloads/service";
import { authenticate, requireScope, SCOPES } from "./auth";
import { probeModels } from "./probe";
import { readinessEvents, type WorkloadState } from "./readiness";
import { eventStream } from "./sse";

/** Read on each request (tests change them); server.ts calls it once at start so a bad value stops the console there. */
export function readinessSettings() {
  return {
    keepAliveMs: Math.max(10, intFromEnv("IK_SSE_KEEPALIVE_MS", 15_000)),
    pollMs: Math.max(10, intFromEnv("IK_READINESS_POLL_MS", 2_000)),
    // 300 × 2 s = 10 minutes, the SDK's own default wait: a vLLM server loading a large model does not
    // listen for minutes, and giving up before the caller does would fail a deploy that was fine.
    maxFailures: Math.max(1, intFromEnv("IK_READINESS_MAX_FAILURES", 300)),
    probeTimeoutMs: Math.max(10, intFromEnv("IK_READINESS_PROBE_TIMEOUT_MS", 3_000)),
  };
}

function stateOf(w: Workload | null): WorkloadState | null {
  if (!w) return null;
  let apiKey: string | null = null;
  if (w.upstreamKeySealed) {
    try {
      apiKey = unseal(w.upstreamKeySealed);
    } catch {
      // A key sealed under another secret: probe without it (the probe then reports the 401).
    }
  }
  return { servingUrl: w.servingUrl, since: w.updatedAt, apiKey };
}

export async function readinessRoute(db: PrismaClient, request: Request, projectSlug: string, workloadSlug: string): Promise<Response> {
  const caller = await authenticate(db, request, projectSlug);
  requireScope(caller.token, SCOPES.read, SCOPES.write);
  // The SDK passes the caller's string verbatim (not canonicalized): match it exactly.
  const workload = isCanonicalSlug(workloadSlug) ? await getWorkloadBySlug(db, caller.project.id, workloadSlug) : null;
  if (!workload) throw new ApiError("not_found", "no such workload in this token's project");
  const s = readinessSettings();
  const body = eventStream(
    (signal) =>
      readinessEvents({
        initial: stateOf(workload),
        load: async () => stateOf(await getWorkload(db, workload.id)),
        probe: (url, apiKey, sig) => probeModels(url, apiKey, sig, s.probeTimeoutMs),
        pollMs: s.pollMs,
        maxFailures: s.maxFailures,
        signal,
      }),
    {
      keepAliveMs: s.keepAliveMs,
      signal: request.signal,
      onError: (e) => console.error("control API: readiness stream failed:", e instanceof Error ? e.message : String(e)),
    },
  );
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
