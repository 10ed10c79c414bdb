import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id (v1.3, m=19 MiB, t=2, p=1: the OWASP baseline).
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A fixed hash of a random string: verifying against it costs the same as a real check, so an
// unknown e-mail address is not answered faster than a known one.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$NPlrDd4x/fa3YptmjL8MEg$Nq4O4wmV7B/4aJX6J1YHm4UZtzbbs5KsprMpqMEeA98";

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return ok && !!passwordHash;
  } catch {
    return false;
  }
}
