import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { dataDir, intFromEnv, isPostgresUrl } from "../config";
import { migrate } from "./migrate";
import { pgliteRunner, pgRunner, type SqlRunner } from "./sql";

export interface Db {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  sql: SqlRunner;
  /** PostgreSQL connection string (postgres mode only): the invalidation bus opens its own LISTEN connection. */
  url?: string;
  close(): Promise<void>;
}

/** Opens a database and applies pending migrations. `url` = postgres URL, or a PGlite folder ("memory://" for tests). */
export async function openDb(url: string): Promise<Db> {
  if (isPostgresUrl(url)) {
    const { Pool } = await import("pg");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const pool = new Pool({ connectionString: url, max: Math.max(1, intFromEnv("IK_PG_POOL_SIZE", 10)) });
    // An idle connection that PostgreSQL ends (a restart, a failover, an admin's terminate) is an
    // 'error' event on the pool; unhandled it would crash the process. The pool drops that client and
    // opens a new one on the next query, so a log line is all it needs.
    pool.on("error", (e) => console.warn(`database: idle connection closed (${(e as { code?: string }).code ?? e.message})`));
    const sql = pgRunner(pool);
    await migrate(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      kind: "postgres",
      sql,
      url,
      async close() {
        await prisma.$disconnect();
        await pool.end().catch(() => {});
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  if (!url.startsWith("memory://")) mkdirSync(url, { recursive: true });
  const pg = new PGlite(url);
  await pg.waitReady;
  const sql = pgliteRunner(pg);
  await migrate(sql);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pg) });
  return {
    prisma,
    kind: "pglite",
    sql,
    async close() {
      await prisma.$disconnect();
      await pg.close();
    },
  };
}

export function configuredDbUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url && !isPostgresUrl(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (unset = embedded PGlite in ${path.join(dataDir(), "pglite")})`);
  }
  return url || path.join(dataDir(), "pglite");
}

// The custom server (server.ts, run by tsx) and Next's bundles load separate copies of lib/, so the
// one database instance lives on globalThis: PGlite is single-process and must be opened once.
const KEY = Symbol.for("inferencekey.db");
type Holder = { [KEY]?: Promise<Db> };

export function getDb(): Promise<Db> {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    g[KEY] = openDb(configuredDbUrl());
    g[KEY].catch(() => {
      delete g[KEY];
    });
  }
  return g[KEY];
}

export async function prisma(): Promise<PrismaClient> {
  return (await getDb()).prisma;
}
