import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlRunner, SqlSession } from "./sql";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

// Same shape as the table `prisma migrate` keeps, so the Prisma CLI recognises the history.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {}

async function applied(s: SqlSession) {
  return s.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
}

/**
 * Applies pending migrations in name order, each in its own transaction, recorded in
 * `_prisma_migrations`. On PostgreSQL the whole run holds an advisory lock, so instances starting
 * together apply each migration exactly once. Returns the names it applied.
 */
export async function migrate(runner: SqlRunner, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  return runner.withMigrationLock(async (s) => {
    await s.exec(CREATE_TABLE);
    const done = new Map((await applied(s)).map((r) => [r.migration_name, r.checksum]));
    for (const [name, checksum] of done) {
      const local = all.find((m) => m.name === name);
      if (!local) throw new MigrationError(`database has migration ${name}, which this build does not know: is it an older build?`);
      if (local.checksum !== checksum) throw new MigrationError(`migration ${name} was edited after it was applied (checksum differs)`);
    }
    const ran: string[] = [];
    for (const m of all) {
      if (done.has(m.name)) continue;
      await s.exec("BEGIN");
      try {
        await s.exec(m.sql);
        await s.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await s.exec("COMMIT");
      } catch (e) {
        await s.exec("ROLLBACK");
        throw new MigrationError(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      ran.push(m.name);
    }
    return ran;
  });
}
