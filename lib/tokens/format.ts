// The only code that knows token crypto: prefixes, the <8hex>_<64hex> shape, randomness, hashing,
// the display hint and constant-time comparison.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export type TokenKind = "sdk" | "live";

export const TOKEN_PREFIX: Record<TokenKind, string> = { sdk: "ik_sdk_", live: "ik_live_" };

const SHAPE = /^ik_(sdk|live)_([0-9a-f]{8})_([0-9a-f]{64})$/;
// Longest valid token is ik_live_ + 8 + _ + 64 = 81 chars; anything much longer is rejected before any regex work.
const MAX_LENGTH = 81;

export interface MintedSecret {
  /** The whole token. Exists only in the response of the action that minted it. */
  plaintext: string;
  publicId: string;
  secretHash: string;
  hint: string;
}

export type ParseResult =
  | { ok: true; kind: TokenKind; publicId: string; plaintext: string }
  | { ok: false; reason: "missing" | "malformed" | "wrong_kind"; kind?: TokenKind };

export function newPublicId(): string {
  return randomBytes(4).toString("hex");
}

/** A fresh token of `kind`: 8-hex public id + 256-bit secret from the OS CSPRNG. */
export function generateToken(kind: TokenKind, publicId = newPublicId()): MintedSecret {
  const plaintext = `${TOKEN_PREFIX[kind]}${publicId}_${randomBytes(32).toString("hex")}`;
  return { plaintext, publicId, secretHash: hashToken(plaintext), hint: tokenHint(kind, publicId) };
}

/** SHA-256 of the whole token, lower-case hex. The only form in which a token is stored. */
export function hashToken(plaintext: string): string {
  return createHash("sha256").update(plaintext, "utf8").digest("hex");
}

/** What lists show: the prefix and public id, never any of the secret. */
export function tokenHint(kind: TokenKind, publicId: string): string {
  return `${TOKEN_PREFIX[kind]}${publicId}…`;
}

/** Parses a token string and checks it is of the expected kind. Never throws. */
export function parseToken(raw: string | null | undefined, expected: TokenKind): ParseResult {
  if (raw === undefined || raw === null || raw === "") return { ok: false, reason: "missing" };
  if (typeof raw !== "string" || raw.length > MAX_LENGTH) return { ok: false, reason: "malformed" };
  const m = SHAPE.exec(raw);
  if (!m) return { ok: false, reason: "malformed" };
  const kind: TokenKind = m[1] === "sdk" ? "sdk" : "live";
  if (kind !== expected) return { ok: false, reason: "wrong_kind", kind };
  return { ok: true, kind, publicId: m[2], plaintext: raw };
}

/** Extracts the bearer credential from an Authorization header value (null when absent). */
export function bearer(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer[ \t]+(\S*)[ \t]*$/i.exec(header);
  return m ? m[1] : "";
}

/** Constant-time comparison of two hex SHA-256 digests. */
export function hashesEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ba.length === 32 && bb.length === 32 && timingSafeEqual(ba, bb);
}
