// Minting, rotating, revoking and listing tokens. Who may do it is checked here (lib/access.ts), so
// every door gets the same rule. The plaintext exists only in mintToken/rotateToken's return value:
// it is never stored (only format.ts's hash is), logged, or put in an audit event.
import type { Prisma, PrismaClient } from "@prisma/client";
import { can, type Role } from "../access";
import { recordAudit, type Actor } from "../audit";
import { newId } from "../ids";
import { generateToken, tokenHint, type TokenKind } from "./format";
import { invalidateTokens } from "./invalidation";
import {
  GRACE_MS,
  graceSchema,
  mintInputSchema,
  tokenIdSchema,
  expiresAtSchema,
  MAX_LIFETIME_MS,
  tokenViewSchema,
  type GracePeriod,
  type MintInput,
  type TokenView,
} from "./schemas";
import { canRotate, tokenStatus } from "./status";

/** The signed-in member acting on a project's tokens. */
export interface TokenActor {
  userId: string;
  email: string;
  role: Role;
}

export interface ProjectRef {
  id: string;
  slug: string;
}

export type TokenErrorCode = "forbidden" | "not_found" | "validation_failed" | "not_active";

/** A refusal the dashboard shows as-is (messages contain no secrets). */
export class TokenError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

const MANAGE = { sdk: "sdkToken.manage", live: "liveKey.manage" } as const;

export function canManage(role: Role, kind: TokenKind): boolean {
  return can(role, MANAGE[kind]);
}

function assertMayManage(actor: TokenActor, kind: TokenKind): void {
  if (!canManage(actor.role, kind)) {
    throw new TokenError(
      "forbidden",
      kind === "sdk" ? "Only owners and admins can manage control tokens." : "Viewers cannot manage data keys.",
    );
  }
}

const auditActor = (a: TokenActor): Actor => ({ type: "user", id: a.userId, label: a.email });

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return err?.code === "P2002" || err?.cause?.code === "23505" || /unique constraint/i.test(err?.message ?? "");
}

export interface MintDeps {
  /** Token generator (tests replace it to force a public id clash). */
  generate?: typeof generateToken;
}

const MAX_ID_ATTEMPTS = 5;

type Tx = Prisma.TransactionClient;

/** Inserts a token row, retrying with a fresh public id when one is taken. Returns the plaintext once. */
async function insertWithFreshId(
  db: PrismaClient,
  kind: TokenKind,
  deps: MintDeps,
  write: (tx: Tx, id: string, minted: ReturnType<typeof generateToken>) => Promise<void>,
): Promise<{ id: string; plaintext: string }> {
  const generate = deps.generate ?? generateToken;
  for (let attempt = 1; ; attempt++) {
    const minted = generate(kind);
    const id = newId("tok");
    try {
      await db.$transaction((tx) => write(tx, id, minted));
      return { id, plaintext: minted.plaintext };
    } catch (e) {
      // 2^32 public ids: a clash is rare but possible; the unique index decides, and we draw again.
      if (attempt < MAX_ID_ATTEMPTS && isUniqueViolation(e) && !(e instanceof TokenError)) continue;
      throw e;
    }
  }
}

export interface MintRequest {
  project: ProjectRef;
  input: MintInput;
  actor: TokenActor;
  ip?: string | null;
}

export interface Minted {
  token: TokenView;
  /** The whole token. Return it to the person who minted it, once; never store or log it. */
  plaintext: string;
}

async function checkWorkloads(tx: Tx | PrismaClient, projectId: string, ids: string[]): Promise<void> {
  const found = await tx.workload.count({ where: { projectId, id: { in: ids } } });
  if (found !== ids.length) {
    throw new TokenError("validation_failed", "A chosen workload does not exist in this project.", {
      workloadIds: "A chosen workload does not exist in this project",
    });
  }
}

function accessMetadata(kind: TokenKind, scopes: string[], all: boolean, slugs: string[]) {
  return kind === "sdk" ? { scopes } : { access: all ? "project/*" : slugs };
}

export async function mintToken(db: PrismaClient, req: MintRequest, deps: MintDeps = {}): Promise<Minted> {
  const parsed = mintInputSchema.safeParse(req.input);
  const kind = (req.input as { kind?: TokenKind })?.kind === "sdk" ? "sdk" : "live";
  assertMayManage(req.actor, kind);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[String(i.path[0] ?? "form")] ??= i.message;
    throw new TokenError("validation_failed", parsed.error.issues[0].message, fieldErrors);
  }
  const input = parsed.data;
  const all = input.kind === "live" && "all" in input.access;
  const workloadIds = input.kind === "live" && "workloadIds" in input.access ? input.access.workloadIds : [];
  const scopes = input.kind === "sdk" ? input.scopes : [];
  if (input.kind === "live" && !all) await checkWorkloads(db, req.project.id, workloadIds);

  const { id, plaintext } = await insertWithFreshId(db, input.kind, deps, async (tx, id, minted) => {
    await tx.token.create({
      data: {
        id,
        publicId: minted.publicId,
        kind: input.kind,
        projectId: req.project.id,
        name: input.name,
        secretHash: minted.secretHash,
        scopes,
        allWorkloads: all,
        createdById: req.actor.userId,
        expiresAt: input.expiresAt,
        grants: workloadIds.length ? { create: workloadIds.map((workloadId) => ({ workloadId })) } : undefined,
      },
    });
    const slugs = workloadIds.length
      ? (await tx.workload.findMany({ where: { id: { in: workloadIds } }, select: { slug: true } })).map((w) => w.slug)
      : [];
    await recordAudit(tx, {
      projectId: req.project.id,
      actor: auditActor(req.actor),
      action: "token.mint",
      target: { type: input.kind === "sdk" ? "sdk_token" : "live_key", id: minted.publicId, label: input.name },
      metadata: { kind: input.kind, ...accessMetadata(input.kind, scopes, all, slugs), expiresAt: input.expiresAt?.toISOString() ?? null },
      ip: req.ip,
    });
  });
  const token = await getTokenView(db, req.project.id, id);
  return { token: token!, plaintext };
}

async function findInProject(db: PrismaClient, projectId: string, tokenId: string) {
  const id = tokenIdSchema.safeParse(tokenId);
  if (!id.success) throw new TokenError("not_found", "No such token in this project.");
  const t = await db.token.findFirst({
    where: { id: id.data, projectId },
    include: { grants: { select: { workloadId: true } } },
  });
  if (!t) throw new TokenError("not_found", "No such token in this project.");
  return t;
}

export interface RotateRequest {
  project: ProjectRef;
  tokenId: string;
  grace: GracePeriod;
  actor: TokenActor;
  ip?: string | null;
}

/**
 * Mints a replacement with the same kind, name, scopes and access, and lets the old token run until
 * the end of the grace period ("none" = it stops now, "until_revoked" = no deadline). A token with an expiry gets a replacement with
 * the same lifetime (at most the 5 years a mint allows), counted from now.
 */
export async function rotateToken(db: PrismaClient, req: RotateRequest, deps: MintDeps = {}): Promise<Minted & { old: TokenView }> {
  const grace = graceSchema.safeParse(req.grace);
  if (!grace.success) throw new TokenError("validation_failed", "Choose a grace period: until_revoked, none, 1h, 24h or 7d.");
  const old = await findInProject(db, req.project.id, req.tokenId);
  assertMayManage(req.actor, old.kind);
  const now = new Date();
  if (!canRotate(old, now)) throw new TokenError("not_active", "Only active tokens can be rotated.");
  const graceMs = GRACE_MS[grace.data];
  const graceEndsAt = graceMs === null ? null : new Date(now.getTime() + graceMs);
  // An expiry extended after minting can make that lifetime longer than a new token may have.
  const lifetime = old.expiresAt ? Math.min(old.expiresAt.getTime() - old.createdAt.getTime(), MAX_LIFETIME_MS) : null;
  const expiresAt = lifetime === null ? null : new Date(now.getTime() + lifetime);
  const workloadIds = old.grants.map((g) => g.workloadId);

  const { id, plaintext } = await insertWithFreshId(db, old.kind, deps, async (tx, id, minted) => {
    // Conditional: of two rotations (or a rotate racing a revoke) only one wins.
    const claimed = await tx.token.updateMany({
      where: { id: old.id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: now, graceEndsAt },
    });
    if (claimed.count !== 1) throw new TokenError("not_active", "This token was rotated or revoked meanwhile.");
    await tx.token.create({
      data: {
        id,
        publicId: minted.publicId,
        kind: old.kind,
        projectId: old.projectId,
        name: old.name,
        secretHash: minted.secretHash,
        scopes: old.scopes,
        allWorkloads: old.allWorkloads,
        createdById: req.actor.userId,
        expiresAt,
        replacesId: old.id,
        grants: workloadIds.length ? { create: workloadIds.map((workloadId) => ({ workloadId })) } : undefined,
      },
    });
    await recordAudit(tx, {
      projectId: old.projectId,
      actor: auditActor(req.actor),
      action: "token.rotate",
      target: { type: old.kind === "sdk" ? "sdk_token" : "live_key", id: old.publicId, label: old.name },
      metadata: { replacement: minted.publicId, grace: grace.data, graceEndsAt: graceEndsAt?.toISOString() ?? null },
      ip: req.ip,
    });
  });
  // The old token's record now carries a grace end: caches must reload it.
  await invalidateTokens([old.publicId]);
  const [token, oldView] = await Promise.all([getTokenView(db, old.projectId, id), getTokenView(db, old.projectId, old.id)]);
  return { token: token!, plaintext, old: oldView! };
}

export interface RevokeRequest {
  project: ProjectRef;
  tokenId: string;
  actor: TokenActor;
  ip?: string | null;
}

/** Revokes at once. Revoking a revoked token succeeds and changes nothing. */
export async function revokeToken(db: PrismaClient, req: RevokeRequest): Promise<{ token: TokenView; changed: boolean }> {
  const t = await findInProject(db, req.project.id, req.tokenId);
  assertMayManage(req.actor, t.kind);
  const changed = await db.$transaction(async (tx) => {
    const r = await tx.token.updateMany({
      where: { id: t.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: req.actor.userId },
    });
    if (r.count === 0) return false;
    await recordAudit(tx, {
      projectId: t.projectId,
      actor: auditActor(req.actor),
      action: "token.revoke",
      target: { type: t.kind === "sdk" ? "sdk_token" : "live_key", id: t.publicId, label: t.name },
      ip: req.ip,
    });
    return true;
  });
  // After commit, and awaited: every instance drops the token before we report success. Also on a
  // repeat, in case the first revoke's invalidation did not complete.
  await invalidateTokens([t.publicId]);
  return { token: (await getTokenView(db, t.projectId, t.id))!, changed };
}

export interface ExpiryRequest {
  project: ProjectRef;
  tokenId: string;
  expiresAt: Date | null;
  actor: TokenActor;
  ip?: string | null;
}

export async function updateExpiry(db: PrismaClient, req: ExpiryRequest): Promise<TokenView> {
  const t = await findInProject(db, req.project.id, req.tokenId);
  assertMayManage(req.actor, t.kind);
  const exp = expiresAtSchema.safeParse(req.expiresAt);
  if (!exp.success) throw new TokenError("validation_failed", exp.error.issues[0].message, { expiresAt: exp.error.issues[0].message });
  if (t.revokedAt) throw new TokenError("not_active", "A revoked token's expiry cannot change.");
  // An expired token stays expired: bringing one back would revive a secret people may have stopped
  // guarding. Mint a new one instead.
  if (t.expiresAt && t.expiresAt <= new Date()) throw new TokenError("not_active", "An expired token cannot be renewed; create a new one.");
  await db.$transaction(async (tx) => {
    await tx.token.update({ where: { id: t.id }, data: { expiresAt: exp.data } });
    await recordAudit(tx, {
      projectId: t.projectId,
      actor: auditActor(req.actor),
      action: "token.expiry_change",
      target: { type: t.kind === "sdk" ? "sdk_token" : "live_key", id: t.publicId, label: t.name },
      metadata: { from: t.expiresAt?.toISOString() ?? null, to: exp.data?.toISOString() ?? null },
      ip: req.ip,
    });
  });
  await invalidateTokens([t.publicId]);
  return (await getTokenView(db, t.projectId, t.id))!;
}

// ---- Reads ----

const viewInclude = {
  project: { select: { slug: true } },
  grants: { select: { workload: { select: { id: true, slug: true } } } },
  replaces: { select: { id: true, publicId: true, kind: true } },
  replacedBy: { select: { id: true, publicId: true, kind: true } },
} as const;

type Row = Prisma.TokenGetPayload<{ include: typeof viewInclude }>;

async function toViews(db: PrismaClient, rows: Row[], now = new Date()): Promise<TokenView[]> {
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => !!x))];
  const users = creatorIds.length
    ? await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } })
    : [];
  const email = new Map(users.map((u) => [u.id, u.email]));
  const link = (l: { id: string; publicId: string; kind: TokenKind } | null) =>
    l ? { id: l.id, publicId: l.publicId, hint: tokenHint(l.kind, l.publicId) } : null;
  return rows.map((r) => {
    const workloads = r.grants.map((g) => g.workload).sort((a, b) => a.slug.localeCompare(b.slug));
    const accessLabel = r.kind === "sdk" ? r.scopes.join(", ") : r.allWorkloads ? `${r.project.slug}/*` : workloads.map((w) => w.slug).join(", ");
    // Parsing through the view schema drops every field it does not name (secretHash among them).
    return tokenViewSchema.parse({
      id: r.id,
      publicId: r.publicId,
      kind: r.kind,
      name: r.name,
      hint: tokenHint(r.kind, r.publicId),
      scopes: r.scopes,
      access: { all: r.allWorkloads, workloads },
      accessLabel,
      createdBy: r.createdById ? (email.get(r.createdById) ?? null) : null,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
      requestCount: Number(r.requestCount),
      expiresAt: r.expiresAt,
      revokedAt: r.revokedAt,
      rotatedAt: r.rotatedAt,
      graceEndsAt: r.graceEndsAt,
      status: tokenStatus(r, now),
      replaces: link(r.replaces),
      replacedBy: link(r.replacedBy),
    });
  });
}

/** A project's tokens of one kind, newest first; revoked and rotated ones stay listed. */
export async function listTokens(db: PrismaClient, projectId: string, kind: TokenKind): Promise<TokenView[]> {
  const rows = await db.token.findMany({
    where: { projectId, kind },
    include: viewInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return toViews(db, rows);
}

export async function getTokenView(db: PrismaClient, projectId: string, tokenId: string): Promise<TokenView | null> {
  const row = await db.token.findFirst({ where: { id: tokenId, projectId }, include: viewInclude });
  return row ? (await toViews(db, [row]))[0] : null;
}

/** Every data key that reaches a workload: granted directly, or project-wide (project/*). */
export async function keysForWorkload(db: PrismaClient, workloadId: string): Promise<TokenView[]> {
  const w = await db.workload.findUnique({ where: { id: workloadId }, select: { projectId: true } });
  if (!w) return [];
  const rows = await db.token.findMany({
    where: { projectId: w.projectId, kind: "live", OR: [{ allWorkloads: true }, { grants: { some: { workloadId } } }] },
    include: viewInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return toViews(db, rows);
}
