// One readiness probe: GET <serving_url>/models (OpenAI-compatible servers list their models there).
// Redirects are not followed and the body is never read: only the status matters.
import type { ProbeResult } from "./readiness";

export async function probeModels(servingUrl: string, apiKey: string | null, signal: AbortSignal, timeoutMs: number): Promise<ProbeResult> {
  const url = `${servingUrl}/models`;
  try {
    const res = await fetch(url, {
      method: "GET",
      redirect: "manual",
      headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true };
    return { ok: false, kind: "status", status: res.status, detail: `GET /models answered HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, kind: "unreachable", detail: describe(e, timeoutMs) };
  }
}

function describe(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; cause?: { code?: string; name?: string } };
  if (err?.name === "TimeoutError" || err?.cause?.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  if (err?.name === "AbortError") return "probe aborted";
  switch (err?.cause?.code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
      return "connection reset";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host name not found";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "host unreachable";
    default:
      return err?.cause?.code ? `connection failed (${err.cause.code})` : "connection failed";
  }
}
