import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

/** The few raw-SQL operations the migration runner and the invalidation bus need, on either engine. */
export interface SqlSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(text: string): Promise<void>;
}

export interface SqlRunner extends SqlSession {
  /** Runs fn on one connection, holding the migration lock on PostgreSQL (PGlite is single-process). */
  withMigrationLock<T>(fn: (s: SqlSession) => Promise<T>): Promise<T>;
}

// Arbitrary constant: the advisory lock key every instance takes while migrating.
const MIGRATION_LOCK_KEY = 72_814_002;

export function pgliteRunner(pg: PGlite): SqlRunner {
  const session: SqlSession = {
    async query<T>(text: string, params?: unknown[]) {
      const r = await pg.query<T>(text, params as never[]);
      return r.rows;
    },
    async exec(text: string) {
      await pg.exec(text);
    },
  };
  return { ...session, withMigrationLock: (fn) => fn(session) };
}

function clientSession(c: Pool | PoolClient): SqlSession {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const r = await c.query(text, params as unknown[]);
      return r.rows as T[];
    },
    async exec(text: string) {
      await c.query(text);
    },
  };
}

export function pgRunner(pool: Pool): SqlRunner {
  return {
    ...clientSession(pool),
    async withMigrationLock(fn) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        try {
          return await fn(clientSession(client));
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
  };
}
