// One Node process, three doors: /endpoint/* (the data-plane gateway) is answered here before Next
// sees it — a route handler costs ~1 ms of CPU per request — and everything else goes to Next.
import http from "node:http";
import next from "next";
import { ConfigError, ensureAuthSecret } from "./lib/auth/secret";
import { getDb } from "./lib/db";
import { startRuntime } from "./lib/runtime";
import { createGatewayHandler } from "./lib/gateway/handler";
import { isDecodablePath, refuseUndecodablePath } from "./lib/control/path";
import { readinessSettings } from "./lib/control/readiness-route";
import { intFromEnv } from "./lib/config";
import { resolveClientAddress } from "./lib/http/client-address";
import { checkFormPost, isFormActionPost, refuseFormPost } from "./lib/http/form-post";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "localhost";

async function main() {
  ensureAuthSecret(production);
  process.env.NEXTAUTH_URL ||= `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`;
  const db = await getDb();
  const runtime = await startRuntime(db);
  const app = next({ dev: !production, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const gateway = createGatewayHandler(db);
  const trustedHops = intFromEnv("IK_TRUSTED_PROXY_HOPS", 0);
  readinessSettings(); // a bad IK_READINESS_* / IK_SSE_KEEPALIVE_MS value stops the start, not a request

  const handleFormPost = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let checked;
    try {
      checked = await checkFormPost(req);
    } catch {
      return void res.destroy(); // the client went away while sending
    }
    if (!checked.ok) return refuseFormPost(res, checked);
    await handle(checked.request, res);
  };
  const server = http.createServer((req, res) => {
    // One address, decided here: handlers (audit events) never see a client-written X-Forwarded-For.
    const client = resolveClientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustedHops);
    delete req.headers["x-real-ip"];
    if (client) req.headers["x-forwarded-for"] = client;
    else delete req.headers["x-forwarded-for"];
    if (req.url?.startsWith("/endpoint/")) return void gateway(req, res);
    if (req.url?.startsWith("/api/") && !isDecodablePath(req.url)) return void refuseUndecodablePath(res);
    if (isFormActionPost(req)) return void handleFormPost(req, res);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(`InferenceKey Console on http://${hostname}:${port} (database: ${db.kind})`);
  });

  const stop = async () => {
    server.close();
    await runtime.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    console.error(`Configuration error: ${e.message}`);
  } else {
    console.error("Console failed to start:", e);
  }
  process.exit(1);
});
