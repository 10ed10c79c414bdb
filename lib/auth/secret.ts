import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "../config";

export class ConfigError extends Error {}

/**
 * next-auth signs session JWTs with NEXTAUTH_SECRET. In production a missing secret is a startup
 * error; in development one is created once and kept in the data folder.
 */
export function ensureAuthSecret(production: boolean): void {
  const current = process.env.NEXTAUTH_SECRET;
  if (current) {
    if (current.length < 32) throw new ConfigError("NEXTAUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)");
    return;
  }
  if (production) {
    throw new ConfigError(
      "NEXTAUTH_SECRET is not set. In production the console needs a fixed secret to sign sessions: " +
        "set NEXTAUTH_SECRET (openssl rand -base64 32), or run `npm run dev` for a local console.",
    );
  }
  const file = path.join(dataDir(), "auth-secret");
  let secret: string;
  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir(), { recursive: true });
    secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret + "\n", { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = secret;
}
