import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../db";

// Placeholder until the data-plane gateway lands (issue 5).
export function createGatewayHandler(_db: Db) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not_found", message: "the data-plane gateway is not built yet" }));
  };
}
