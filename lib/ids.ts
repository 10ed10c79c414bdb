import { randomBytes } from "node:crypto";
import { z } from "zod";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** Opaque string ids with a type prefix: wl_…, prj_…, usr_…, tok_…, evt_… */
export function newId(prefix: string, length = 20): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}

/** Whether `s` could be an id that newId(prefix) made. Anything else cannot exist, so callers answer
 * "not found" or "invalid" without a query (a NUL byte would even make PostgreSQL fail). */
export function isIdOf(prefix: string, s: unknown): s is string {
  return typeof s === "string" && s.length <= prefix.length + 65 && s.startsWith(`${prefix}_`) && /^[0-9a-z]+$/.test(s.slice(prefix.length + 1));
}

/** A zod schema for an id of newId(prefix). */
export function idSchema(prefix: string, message: string) {
  return z.string().refine((s) => isIdOf(prefix, s), message);
}
