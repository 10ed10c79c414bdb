// Next treats every multipart POST to a page as a form server action posted without JavaScript, and
// answers a bare 500 when the body is not valid multipart (TypeError: Failed to parse body as
// FormData). The custom server reads such a body first: a bad one gets a typed 400, a good one is
// handed to Next as a fresh request carrying the same bytes.
import { IncomingMessage, type ServerResponse } from "node:http";
import { sendError } from "./send-error";

/** Next's own limit for server action bodies (experimental.serverActions.bodySizeLimit default). */
export const FORM_POST_MAX_BYTES = 1024 * 1024;

/** A POST to a page that Next would parse as a no-JavaScript form action (fetch actions carry
 * next-action; /api/ paths are route handlers, which read their own bodies). */
export function isFormActionPost(req: IncomingMessage): boolean {
  return req.method === "POST" && !req.url?.startsWith("/api/") && !req.headers["next-action"] && !!req.headers["content-type"]?.toLowerCase().startsWith("multipart/form-data");
}

export type FormPostCheck = { ok: true; request: IncomingMessage } | { ok: false; code: "bad_request" | "payload_too_large"; message: string };

export async function checkFormPost(req: IncomingMessage, maxBytes = FORM_POST_MAX_BYTES): Promise<FormPostCheck> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      return { ok: false, code: "payload_too_large", message: `the form body exceeds ${maxBytes} bytes` };
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  try {
    await new Response(body, { headers: { "content-type": req.headers["content-type"]! } }).formData();
  } catch {
    return { ok: false, code: "bad_request", message: "the form body is not valid multipart/form-data" };
  }
  return { ok: true, request: replay(req, body) };
}

/** The same request line, headers and connection, with the body already read. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = { ...req.headers, "content-length": String(body.length) };
  delete copy.headers["transfer-encoding"];
  copy.rawHeaders = req.rawHeaders;
  // Without it, the copy's end would count as an abort and destroy the connection under the answer.
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

export function refuseFormPost(res: ServerResponse, failed: Extract<FormPostCheck, { ok: false }>): void {
  sendError(res, failed.code, failed.message, failed.code === "payload_too_large" ? { connection: "close" } : {});
}
