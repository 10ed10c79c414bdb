// Database-backed token verification for the doors that do not use the gateway cache
// (control-plane API, and the data plane's uncached path). The crypto stays in format.ts/verify.ts.
import type { PrismaClient } from "@prisma/client";
import type { TokenKind } from "./format";
import { verifyToken, type TokenRecord, type VerifyResult } from "./verify";

export type TokenRecordWithProject = TokenRecord & { projectSlug: string };

/** A data key's record plus the workload ids it is granted (empty when allWorkloads). */
export type DataTokenRecord = TokenRecordWithProject & { workloadIds: string[] };

const recordSelect = {
  id: true,
  publicId: true,
  kind: true,
  projectId: true,
  secretHash: true,
  scopes: true,
  allWorkloads: true,
  expiresAt: true,
  revokedAt: true,
  graceEndsAt: true,
  project: { select: { slug: true } },
  grants: { select: { workloadId: true } },
} as const;

/** Loads what verification needs for a public id, or null when there is no such token. */
export async function loadTokenRecord(db: PrismaClient, publicId: string): Promise<DataTokenRecord | null> {
  // The public id column is char(8): anything else can never match, so skip the query.
  if (!/^[0-9a-f]{8}$/.test(publicId)) return null;
  const row = await db.token.findUnique({ where: { publicId }, select: recordSelect });
  if (!row) return null;
  const { project, grants, ...rest } = row;
  return {
    ...rest,
    kind: rest.kind as TokenKind,
    projectSlug: project.slug,
    workloadIds: grants.map((g) => g.workloadId),
  };
}

/** Verifies a presented ik_sdk_ token against the database (null/empty raw → "missing"). */
export async function verifyControlToken(
  db: PrismaClient,
  raw: string | null,
  now: Date = new Date(),
): Promise<VerifyResult<TokenRecordWithProject>> {
  return verifyToken<DataTokenRecord>(raw, "sdk", (publicId) => loadTokenRecord(db, publicId), now);
}

/** Verifies a presented ik_live_ key against the database, returning its grants too. */
export async function verifyDataTokenFromDb(
  db: PrismaClient,
  raw: string | null,
  now: Date = new Date(),
): Promise<VerifyResult<DataTokenRecord>> {
  return verifyToken<DataTokenRecord>(raw, "live", (publicId) => loadTokenRecord(db, publicId), now);
}
