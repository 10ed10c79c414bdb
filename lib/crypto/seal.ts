// Sealing of stored third-party credentials (a workload's upstream key): AES-256-GCM with a key
// derived (HKDF-SHA256) from IK_ENCRYPTION_KEY, or else NEXTAUTH_SECRET. The sealed form is
// "v1.<iv>.<tag>.<ciphertext>" (base64url); the tag makes tampering or a wrong key an error, never garbage.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const INFO = "inferencekey/upstream-key/v1";

export class SealError extends Error {}

let derived: { secret: string; key: Buffer } | null = null;

function sealingKey(): Buffer {
  const secret = process.env.IK_ENCRYPTION_KEY || process.env.NEXTAUTH_SECRET;
  if (!secret) throw new SealError("IK_ENCRYPTION_KEY (or NEXTAUTH_SECRET) must be set to seal or unseal upstream keys");
  if (derived?.secret !== secret) {
    derived = { secret, key: Buffer.from(hkdfSync("sha256", secret, "inferencekey", INFO, 32)) };
  }
  return derived.key;
}

export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(), iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

/** Throws SealError when the value was not sealed by seal() under the current key. */
export function unseal(sealed: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SealError("not a sealed value");
  const [, iv, tag, ct] = parts.map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== 12 || tag.length !== 16) throw new SealError("not a sealed value");
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    throw new SealError("sealed value cannot be opened with the current IK_ENCRYPTION_KEY/NEXTAUTH_SECRET");
  }
}
