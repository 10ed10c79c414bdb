// Forwarding one request to a workload's model server and relaying the answer as it arrives.
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import https from "node:https";
import { sendError } from "../http/send-error";
import type { GatewayWorkload, Upstream } from "./lookup";

// Keep-alive pools: opening a connection per request would cost more than the rest of the proxy.
const agents = {
  "http:": new http.Agent({ keepAlive: true, scheduling: "lifo", maxFreeSockets: 256 }),
  "https:": new https.Agent({ keepAlive: true, scheduling: "lifo", maxFreeSockets: 256 }),
};

// Hop-by-hop headers (RFC 9110 §7.6.1) plus what the gateway sets itself. `cookie` carries the
// console's session and `authorization` the caller's ik_live_ key: neither may reach a model server.
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];
const DROP_REQUEST = new Set([...HOP_BY_HOP, "host", "content-length", "authorization", "cookie", "accept-encoding"]);
const DROP_RESPONSE = new Set(HOP_BY_HOP);

function connectionListed(headers: IncomingHttpHeaders): Set<string> | null {
  const c = headers.connection;
  if (!c) return null;
  const listed = new Set(c.toLowerCase().split(",").map((s) => s.trim()));
  listed.delete("keep-alive");
  listed.delete("close");
  return listed.size ? listed : null;
}

function requestHeaders(req: IncomingMessage, upstream: Upstream, body: Buffer, authorization: string | null): OutgoingHttpHeaders {
  const listed = connectionListed(req.headers);
  const out: OutgoingHttpHeaders = {};
  for (const name in req.headers) {
    if (DROP_REQUEST.has(name) || listed?.has(name)) continue;
    out[name] = req.headers[name];
  }
  out.host = upstream.host;
  out["content-length"] = body.length;
  // Identity: a compressed event stream could be held back by the upstream's compressor.
  out["accept-encoding"] = "identity";
  if (authorization) out.authorization = authorization;
  return out;
}

function responseHeaders(up: IncomingMessage): OutgoingHttpHeaders {
  const listed = connectionListed(up.headers);
  const out: OutgoingHttpHeaders = {};
  for (const name in up.headers) {
    if (DROP_RESPONSE.has(name) || listed?.has(name)) continue;
    out[name] = up.headers[name];
  }
  return out;
}

export interface ForwardOptions {
  timeoutMs: number;
}

/**
 * Sends `body` to the workload's serving URL + `path` and relays status, headers and body chunk by
 * chunk. Refused/unreachable → 502, no response headers within timeoutMs → 504, upstream errors
 * pass through; a client that goes away aborts the upstream request, and an answer that stalls for
 * timeoutMs between chunks is cut on both sides.
 */
export function forward(
  req: IncomingMessage,
  res: ServerResponse,
  workload: GatewayWorkload,
  path: string,
  body: Buffer,
  opts: ForwardOptions,
): void {
  const upstream = workload.upstream!;
  const headers = requestHeaders(req, upstream, body, workload.upstreamAuthorization);
  const target = upstream.basePath + path;
  let clientGone = false;
  let current: http.ClientRequest | null = null;

  const onClientClose = () => {
    if (res.writableFinished) return;
    clientGone = true;
    current?.destroy();
  };
  res.once("close", onClientClose);

  const send = (retry: boolean) => {
    let timedOut = false;
    let gotResponse = false;
    const up = (upstream.protocol === "https:" ? https : http).request({
      protocol: upstream.protocol,
      hostname: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: target,
      headers,
      agent: agents[upstream.protocol],
    });
    current = up;
    const timer = setTimeout(() => {
      timedOut = true;
      up.destroy();
    }, opts.timeoutMs);

    up.once("response", (ur) => {
      gotResponse = true;
      clearTimeout(timer);
      if (clientGone) {
        ur.destroy();
        return;
      }
      const h = responseHeaders(ur);
      const streaming = h["content-length"] === undefined;
      if (streaming && String(h["content-type"] ?? "").startsWith("text/event-stream")) h["x-accel-buffering"] = "no";
      res.writeHead(ur.statusCode ?? 502, ur.statusMessage, h);
      // A client should see the status before the first token is generated; when the first chunk
      // came with the headers, it goes out in the same write.
      if (streaming) setImmediate(() => res.headersSent || res.destroyed || res.flushHeaders());
      // A model server that stops sending mid-answer for as long as it may take to start one is
      // stalled: cut both sides rather than hold the client (and a pooled connection) forever.
      const idle = setTimeout(() => {
        ur.destroy();
        res.destroy();
      }, opts.timeoutMs);
      ur.once("close", () => clearTimeout(idle));
      ur.on("data", (chunk: Buffer) => {
        idle.refresh();
        if (!res.write(chunk)) {
          ur.pause();
          res.once("drain", () => ur.resume());
        }
      });
      ur.once("end", () => res.end());
      // The upstream died mid-answer: cut the client connection so it cannot mistake it for a whole one.
      ur.once("aborted", () => res.destroy());
      ur.once("error", () => res.destroy());
    });

    up.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (clientGone || gotResponse) {
        if (!clientGone) res.destroy();
        return;
      }
      // A pooled connection the upstream closed while idle: the request never reached it, send again once.
      if (retry && !timedOut && up.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE")) {
        send(false);
        return;
      }
      if (timedOut) {
        sendError(res, "upstream_timeout", `the model server of workload "${workload.slug}" did not answer within ${opts.timeoutMs} ms`);
      } else {
        sendError(res, "upstream_unavailable", `the model server of workload "${workload.slug}" is unreachable (${err.code ?? "connection failed"})`);
      }
    });

    up.end(body);
  };
  send(true);
}
