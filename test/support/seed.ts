// Seeding for API tests, from the test process on the same database the console uses: users,
// projects, memberships, workloads (through the workload service) and tokens (through the token
// service, so they are minted exactly as the dashboard mints them).
import { randomBytes } from "node:crypto";
import type { PrismaClient, Role, Workload } from "@prisma/client";
import { openDb, type Db } from "../../lib/db";
import { newId } from "../../lib/ids";
import { canonicalSlug } from "../../lib/slug";
import { mintToken, revokeToken, rotateToken, type TokenActor } from "../../lib/tokens/service";
import type { SdkScope } from "../../lib/tokens/schemas";
import { createWorkload } from "../../lib/workloads/service";
import type { WorkloadInput } from "../../lib/workloads/schema";
import { startConsole, TEST_AUTH_SECRET, type RunningConsole } from "./console";
import { startPostgres, type TestPostgres } from "./postgres";

export interface SeedUser {
  id: string;
  email: string;
}

export interface SeedProject {
  id: string;
  slug: string;
  name: string;
  owner: SeedUser;
}

export interface SeedToken {
  /** The whole token: tests are the only place allowed to keep one. */
  plaintext: string;
  /** tok_… id */
  id: string;
  publicId: string;
}

const suffix = () => randomBytes(3).toString("hex");

export async function seedUser(db: PrismaClient, email = `user-${suffix()}@example.test`): Promise<SeedUser> {
  const u = await db.user.create({ data: { id: newId("usr"), email, name: email.split("@")[0] } });
  return { id: u.id, email: u.email };
}

export async function seedMembership(db: PrismaClient, projectId: string, userId: string, role: Role): Promise<void> {
  await db.membership.create({ data: { projectId, userId, role } });
}

/** A project with an owner (created when not given). */
export async function seedProject(db: PrismaClient, opts: { slug?: string; name?: string; owner?: SeedUser } = {}): Promise<SeedProject> {
  const name = opts.name ?? `Project ${suffix()}`;
  const slug = opts.slug ?? canonicalSlug(name);
  const owner = opts.owner ?? (await seedUser(db));
  const p = await db.project.create({ data: { id: newId("prj"), slug, name } });
  await seedMembership(db, p.id, owner.id, "owner");
  return { id: p.id, slug: p.slug, name: p.name, owner };
}

function ownerActor(project: SeedProject): TokenActor {
  return { userId: project.owner.id, email: project.owner.email, role: "owner" };
}

/** An ik_sdk_ control token for the project (default scopes: workload:write + assignment:write). */
export async function seedSdkToken(db: PrismaClient, project: SeedProject, scopes?: SdkScope[]): Promise<SeedToken> {
  const m = await mintToken(db, {
    project,
    input: { kind: "sdk", name: `sdk-${suffix()}`, ...(scopes ? { scopes } : {}), expiresAt: null },
    actor: ownerActor(project),
  });
  return { plaintext: m.plaintext, id: m.token.id, publicId: m.token.publicId };
}

/** An ik_live_ data key reaching every workload of the project. */
export async function seedLiveKey(db: PrismaClient, project: SeedProject): Promise<SeedToken> {
  const m = await mintToken(db, {
    project,
    input: { kind: "live", name: `live-${suffix()}`, access: { all: true }, expiresAt: null },
    actor: ownerActor(project),
  });
  return { plaintext: m.plaintext, id: m.token.id, publicId: m.token.publicId };
}

export async function revokeSeedToken(db: PrismaClient, project: SeedProject, token: SeedToken): Promise<void> {
  await revokeToken(db, { project, tokenId: token.id, actor: ownerActor(project) });
}

/** Rotates with no grace: the old token stops at once (graceEndsAt = now). Returns the replacement. */
export async function rotateSeedToken(db: PrismaClient, project: SeedProject, token: SeedToken): Promise<SeedToken> {
  const r = await rotateToken(db, { project, tokenId: token.id, grace: "none", actor: ownerActor(project) });
  return { plaintext: r.plaintext, id: r.token.id, publicId: r.token.publicId };
}

/** Minting refuses past expiry dates, so an expired token is minted and then backdated. */
export async function expireSeedToken(db: PrismaClient, token: SeedToken): Promise<void> {
  await db.token.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
}

/**
 * A workload made through the workload service. `upstreamKey` is sealed with the test console's
 * secret (NEXTAUTH_SECRET = TEST_AUTH_SECRET) so the console can open it.
 */
export async function seedWorkload(
  db: PrismaClient,
  project: SeedProject,
  input: Partial<WorkloadInput> = {},
  opts: { upstreamKey?: string } = {},
): Promise<Workload> {
  if (opts.upstreamKey && !process.env.IK_ENCRYPTION_KEY) process.env.NEXTAUTH_SECRET ||= TEST_AUTH_SECRET;
  const name = input.name ?? `Workload ${suffix()}`;
  const r = await createWorkload(
    db,
    project,
    {
      name,
      slug: input.slug ?? canonicalSlug(name),
      description: null,
      taskType: "text2text",
      backend: "vllm",
      modelName: "meta-llama/Llama-3.1-8B-Instruct",
      configJson: null,
      workerId: null,
      gpuResourceId: null,
      executionPolicy: null,
      executionPolicyConfigJson: null,
      servingUrl: null,
      ...input,
    },
    { type: "system", label: "test seed" },
    { upstreamKey: opts.upstreamKey },
  );
  if (!r.ok) throw new Error(r.message);
  return r.workload;
}

/** Every workload row as text, in a stable order: compare before/after to prove nothing changed. */
export async function dumpWorkloads(db: PrismaClient): Promise<string> {
  const rows = await db.workload.findMany({ orderBy: { id: "asc" } });
  return JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

export interface SeededConsole {
  /** The test process's own connection to the console's database (migrated before the console starts). */
  db: Db;
  prisma: PrismaClient;
  console: RunningConsole;
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL, a fresh database migrated from the test process, and a production console on it.
 * Needs `npm run build` first. `env` adds console settings (e.g. short readiness intervals).
 */
export async function startSeededConsole(env: Record<string, string> = {}): Promise<SeededConsole> {
  const pg: TestPostgres = await startPostgres();
  const databaseUrl = await pg.freshDatabase();
  const db = await openDb(databaseUrl);
  let con: RunningConsole;
  try {
    con = await startConsole({ databaseUrl, env: { IK_USAGE_FLUSH_MS: "200", ...env } });
  } catch (e) {
    await db.close();
    await pg.stop();
    throw e;
  }
  return {
    db,
    prisma: db.prisma,
    console: con,
    url: con.url,
    async stop() {
      await con.stop();
      await db.close();
      // pg's pool.end() resolves before its sockets are closed; stopping the server first makes a
      // closing client emit an unhandled "terminating connection" error.
      await new Promise((r) => setTimeout(r, 300));
      await pg.stop();
    },
  };
}
