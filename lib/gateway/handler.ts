// The data-plane gateway: /endpoint/:project/:workload/v1/... behind ik_live_ keys, answered by the
// custom server before Next (lib/gateway is on the hot path: no database unless a cache misses).
// Order of checks: route → key → project → workload → grant → readiness → body.
import type { IncomingMessage, ServerResponse } from "node:http";
import { intFromEnv } from "../config";
import type { Db } from "../db";
import { bearer } from "../tokens/format";
import { recordTokenUse } from "../tokens/usage";
import { verifyToken } from "../tokens/verify";
import { readBody, rewriteModel } from "./body";
import { sendError } from "../http/send-error";
import { AUTH_FAILURE } from "./errors";
import { createLookups, type Lookups } from "./lookup";
import { forward } from "./proxy";

/** Routes under …/v1/ and the one method each accepts. */
const ROUTES: Record<string, "POST" | "GET"> = {
  "chat/completions": "POST",
  embeddings: "POST",
  rerank: "POST",
  models: "GET",
};

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;

export interface GatewayOptions {
  maxBodyBytes?: number;
  upstreamTimeoutMs?: number;
}

export type GatewayHandler = ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & {
  /** Stops following cache invalidations (tests). */
  dispose(): void;
};

export function createGatewayHandler(db: Db, options: GatewayOptions = {}): GatewayHandler {
  const lookups = createLookups(db.prisma);
  const maxBodyBytes = options.maxBodyBytes ?? intFromEnv("IK_GATEWAY_MAX_BODY_BYTES", 1024 * 1024);
  const timeoutMs = options.upstreamTimeoutMs ?? intFromEnv("IK_UPSTREAM_TIMEOUT_MS", 60_000);
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      await handle(req, res, lookups, maxBodyBytes, timeoutMs);
    } catch (e) {
      console.error("gateway: request failed:", e);
      sendError(res, "internal_error", "the gateway failed to handle this request");
    }
  };
  return Object.assign(handler, { dispose: () => lookups.dispose() });
}

async function handle(req: IncomingMessage, res: ServerResponse, lookups: Lookups, maxBodyBytes: number, timeoutMs: number) {
  // /endpoint/<project>/<workload>/v1/<route>[?query]
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const parts = pathname.split("/");
  if (parts.length < 6 || parts[4] !== "v1" || !SLUG.test(parts[2]) || !SLUG.test(parts[3])) {
    return sendError(res, "not_found", "no such route: data-plane routes are /endpoint/<project>/<workload>/v1/…");
  }
  const route = parts.slice(5).join("/");
  const method = ROUTES[route];
  if (!method) return sendError(res, "not_found", `no such route: /v1/${route}`);
  if (req.method !== method) {
    return sendError(res, "method_not_allowed", `/v1/${route} accepts ${method} only`, { allow: method });
  }
  const projectSlug = parts[2];
  const workloadSlug = parts[3];

  const verified = await verifyToken(bearer(req.headers.authorization), "live", lookups.token);
  if (!verified.ok) {
    const [code, message] = AUTH_FAILURE[verified.reason];
    return sendError(res, code, message, code === "wrong_credential_type" ? {} : { "www-authenticate": "Bearer" });
  }
  const token = verified.token;
  if (token.projectSlug !== projectSlug) {
    return sendError(res, "project_scope_mismatch", `this key belongs to another project, not "${projectSlug}"`);
  }
  const found = lookups.workload(token.projectId, workloadSlug);
  const workload = found instanceof Promise ? await found : found;
  if (!workload) return sendError(res, "not_found", `no workload "${workloadSlug}" in project "${projectSlug}"`);
  if (!token.allWorkloads && !token.workloadIds.has(workload.id)) {
    return sendError(res, "scope_insufficient", `this key is not granted workload "${workloadSlug}"`);
  }
  recordTokenUse(token.id);

  if (route === "models") {
    const body = JSON.stringify({ object: "list", data: [{ id: workload.slug, object: "model", owned_by: projectSlug }] });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  if (!workload.upstream) return sendError(res, "workload_not_ready", workload.notReady ?? "workload is not ready");

  const read = await readBody(req, maxBodyBytes);
  if (!read.ok) {
    if (read.reason === "too_large") {
      return sendError(res, "payload_too_large", `request body exceeds ${maxBodyBytes} bytes`, { connection: "close" });
    }
    return; // the client went away while sending
  }
  const rewritten = rewriteModel(read.body, workload.modelName);
  if (!rewritten.ok) return sendError(res, "invalid_json", rewritten.message);
  forward(req, res, workload, `/${route}${q < 0 ? "" : url.slice(q)}`, Buffer.from(rewritten.body, "utf8"), { timeoutMs });
}
