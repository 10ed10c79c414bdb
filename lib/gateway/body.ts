// Request body handling for the gateway: a bounded read, and the one change made to the JSON
// before it goes upstream — `model` (the workload slug, contract §4) becomes the workload's model
// name. Everything else is forwarded byte for byte: re-serializing would rewrite numbers
// (1.0 → 1, large integers lose precision) and reorder nothing useful.
import type { IncomingMessage } from "node:http";

export type BodyResult = { ok: true; body: string } | { ok: false; reason: "too_large" | "aborted" };

/** Reads the whole body as UTF-8, giving up as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) return Promise.resolve({ ok: false, reason: "too_large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        cleanup();
        resolve({ ok: false, reason: "too_large" });
        return;
      }
      chunks.push(c);
    };
    const onEnd = () => {
      cleanup();
      resolve({ ok: true, body: chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks, size).toString("utf8") });
    };
    const onAbort = () => {
      cleanup();
      resolve({ ok: false, reason: "aborted" });
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("aborted", onAbort);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("aborted", onAbort);
  });
}

export type RewriteResult = { ok: true; body: string } | { ok: false; message: string };

/**
 * Validates that `text` is a JSON object and returns it with every top-level "model" value replaced
 * by `model` (inserted first when absent). Only the model value's bytes change.
 */
export function rewriteModel(text: string, model: string): RewriteResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `request body is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: "request body must be a JSON object" };
  }
  const value = JSON.stringify(model);
  const spans = topLevelValueSpans(text, "model");
  if (spans.length === 0) {
    const open = text.indexOf("{");
    const empty = Object.keys(parsed).length === 0;
    return { ok: true, body: `${text.slice(0, open + 1)}"model":${value}${empty ? "" : ","}${text.slice(open + 1)}` };
  }
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + value;
    at = end;
  }
  return { ok: true, body: out + text.slice(at) };
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** End index (exclusive) of the JSON string starting at `i` (text[i] === '"'). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** End index (exclusive) of the JSON value starting at `i`. Input is known to be valid JSON. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return stringEnd(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x22) j = stringEnd(text, j) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || isWs(d)) break;
    j++;
  }
  return j;
}

/** [start, end) of each value whose key (after unescaping) is `key`, in the top-level object. */
function topLevelValueSpans(text: string, key: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = text.indexOf("{") + 1;
  for (;;) {
    while (isWs(text.charCodeAt(i)) || text.charCodeAt(i) === 0x2c) i++;
    if (i >= text.length || text.charCodeAt(i) !== 0x22) return spans;
    const kEnd = stringEnd(text, i);
    const rawKey = text.slice(i + 1, kEnd - 1);
    const name = rawKey.includes("\\") ? (JSON.parse(text.slice(i, kEnd)) as string) : rawKey;
    i = kEnd;
    while (isWs(text.charCodeAt(i)) || text.charCodeAt(i) === 0x3a) i++;
    const vEnd = valueEnd(text, i);
    if (name === key) spans.push([i, vEnd]);
    i = vEnd;
  }
}
