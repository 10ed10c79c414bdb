// Control-plane authentication (contract §5): a bearer ik_sdk_ token, read from the database on every
// request (no cache), so a revoke or rotation-grace end is obeyed by the very next call.
import type { PrismaClient } from "@prisma/client";
import type { Actor } from "../audit";
import { ApiError } from "../http/errors";
import { bearer, tokenHint } from "../tokens/format";
import { verifyControlToken, type TokenRecordWithProject } from "../tokens/lookup";
import { recordTokenUse } from "../tokens/usage";
import type { TokenRecord, VerifyReason } from "../tokens/verify";

export const SCOPES = { read: "workload:read", write: "workload:write", assignment: "assignment:write" } as const;

export interface ControlCaller {
  token: TokenRecordWithProject;
  /** The token's project: the only one it may act in. */
  project: { id: string; slug: string };
}

/** One table from verification reason to the control plane's answer. */
export function controlAuthError(reason: VerifyReason): ApiError {
  switch (reason) {
    case "missing":
      return new ApiError("missing_token", "send the control token as Authorization: Bearer ik_sdk_…");
    case "malformed":
      return new ApiError("malformed_token", "the Authorization header does not hold a well-formed ik_sdk_ token");
    case "wrong_kind":
      return new ApiError("wrong_credential_type", "an ik_live_ data key cannot call the control plane: use an ik_sdk_ token");
    case "unknown":
      return new ApiError("invalid_token", "the token is not valid");
    case "expired":
      return new ApiError("token_expired", "the token has expired");
    case "revoked":
      // The docs promise "control calls start returning 403" after a revoke.
      return new ApiError("token_revoked", "the token has been revoked", 403);
  }
}

/**
 * Verifies the caller's token and, when `projectSlug` is given, that the token belongs to that project.
 * An unknown project slug answers like another project's: nothing reveals which projects exist.
 * Throws ApiError; records one use of the token on success.
 */
export async function authenticate(db: PrismaClient, request: Request, projectSlug?: string): Promise<ControlCaller> {
  const header = request.headers.get("authorization");
  const raw = bearer(header);
  // A header that is present but holds no bearer credential is malformed, not missing.
  if (header !== null && header.trim() !== "" && !raw) throw controlAuthError("malformed");
  const result = await verifyControlToken(db, raw);
  if (!result.ok) throw controlAuthError(result.reason);
  const token = result.token;
  recordTokenUse(token.id);
  if (projectSlug !== undefined && token.projectSlug !== projectSlug) {
    throw new ApiError("project_scope_mismatch", "the token is not scoped to this project");
  }
  return { token, project: { id: token.projectId, slug: token.projectSlug } };
}

/** Throws 403 scope_insufficient unless the token holds one of `anyOf`. */
export function requireScope(token: TokenRecord, ...anyOf: string[]): void {
  if (!anyOf.some((s) => token.scopes.includes(s))) {
    throw new ApiError("scope_insufficient", `the token needs the ${anyOf.join(" or ")} scope`);
  }
}

/** Audit actor for writes made with a control token: its public id and hint, never any secret. */
export function tokenActor(token: TokenRecord): Actor {
  return { type: "token", id: token.publicId, label: tokenHint("sdk", token.publicId) };
}
