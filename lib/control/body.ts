// Reads a request body with a hard size limit: the declared Content-Length is checked first, then the
// bytes are counted while reading (a chunked or lying client cannot push more than `limit`).
import { ApiError } from "../http/errors";

export async function readBody(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  try {
    // JSON text must be UTF-8 (RFC 8259); invalid bytes are bad input, not U+FFFD to be stored.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "the body is not valid UTF-8");
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError("payload_too_large", `the body is larger than ${limit} bytes`);
}
