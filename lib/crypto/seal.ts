// AES-256-GCM sealing for the few secrets the console must be able to read back (a workload's
// upstream credential). The key comes from IK_ENCRYPTION_KEY, else from NEXTAUTH_SECRET, via HKDF.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

function key(): Buffer {
  const material = process.env.IK_ENCRYPTION_KEY || process.env.NEXTAUTH_SECRET;
  if (!material) throw new Error("IK_ENCRYPTION_KEY or NEXTAUTH_SECRET must be set to store upstream credentials");
  return Buffer.from(hkdfSync("sha256", material, "inferencekey-console", "upstream-credential-v1", 32));
}

/** Returns "v1.<iv>.<tag>.<ciphertext>" (base64url parts). */
export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key(), iv);
  const ct = Buffer.concat([c.update(plaintext, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function unseal(sealed: string): string {
  const [v, iv, tag, ct] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("not a sealed value");
  const d = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8");
}
