// The control API's request wrapper: typed ApiErrors become their JSON answer; anything else is a bug,
// logged (method, path and the error only — never bodies or headers, which may carry tokens) as a 500.
import { ApiError, errorResponse } from "../http/errors";

type Handler<C> = (request: Request, ctx: C) => Promise<Response>;

export function handle<C>(fn: Handler<C>): Handler<C> {
  return async (request, ctx) => {
    try {
      return await fn(request, ctx);
    } catch (e) {
      if (e instanceof ApiError) return errorResponse(e);
      const path = safePath(request.url);
      console.error(`control API: unexpected error on ${request.method} ${path}:`, e instanceof Error ? (e.stack ?? e.message) : String(e));
      return errorResponse(new ApiError("internal_error", "the server failed to answer this request"));
    }
  };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "?";
  }
}

/** A handler for the methods a route does not serve: 405 with the Allow header. */
export function methodNotAllowed(allow: string[]): () => Response {
  const allowed = allow.join(", ");
  return () =>
    errorResponse(new ApiError("method_not_allowed", `this route accepts ${allowed}`), { Allow: allowed });
}

/** OPTIONS: says which methods the route serves (no CORS: browsers never call this API). */
export function options(allow: string[]): () => Response {
  const allowed = allow.join(", ");
  return () => new Response(null, { status: 204, headers: { Allow: allowed, "Cache-Control": "no-store" } });
}

/** A JSON answer made from text that is already serialized (raw config echo, contract §3.4). */
export function jsonText(text: string, status = 200): Response {
  return new Response(text, { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}
