import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, stopTestPostgres, testDbKind } from "../../test/support/db";
import { startPostgres, type TestPostgres } from "../../test/support/postgres";
import { describeSchema } from "./catalog";
import { loadMigrations, migrate, MigrationError } from "./migrate";
import { pgRunner } from "./sql";

const run = promisify(execFile);

/** The SQL that builds prisma/schema.prisma from nothing, straight from the Prisma CLI (WASM engine). */
async function schemaSqlFromCli(): Promise<string> {
  const empty = path.join(mkdtempSync(path.join(tmpdir(), "ik-empty-")), "empty.prisma");
  writeFileSync(empty, 'datasource db {\n  provider = "postgresql"\n  url = "postgresql://placeholder@localhost/placeholder"\n}\n');
  const { stdout } = await run("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", empty, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], { maxBuffer: 10 << 20 });
  return stdout;
}

afterAll(stopTestPostgres);

describe(`migrations on ${testDbKind}`, () => {
  it("applied to an empty database give exactly the schema; a re-run is a no-op", async () => {
    const [migrated, reference, cliSql] = await Promise.all([freshDb(), freshDb(), schemaSqlFromCli()]);
    try {
      // openDb already migrated `migrated`; build `reference` from the schema instead.
      await reference.sql.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await reference.sql.exec(cliSql);
      const want = await describeSchema(reference.sql);
      const got = await describeSchema(migrated.sql);
      expect(got.columns.length).toBeGreaterThan(40);
      expect(got).toEqual(want);

      const all = await loadMigrations();
      expect(await migrate(migrated.sql)).toEqual([]);
      const rows = await migrated.sql.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name');
      expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
      expect(await describeSchema(migrated.sql)).toEqual(got);
    } finally {
      await Promise.all([migrated.close(), reference.close()]);
    }
  }, 120_000);

  it("refuses to start when an applied migration was edited, and rolls back a failing one", async () => {
    const db = await freshDb();
    try {
      const all = await loadMigrations();
      const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
      await expect(migrate(db.sql, edited)).rejects.toBeInstanceOf(MigrationError);
      const broken = [...all, { name: "99999999999999_broken", sql: 'CREATE TABLE "x_ok" (id int); SELECT nope_no_such_fn();', checksum: "b".repeat(64) }];
      await expect(migrate(db.sql, broken)).rejects.toThrow(/99999999999999_broken failed/);
      const t = await db.sql.query("SELECT to_regclass('public.x_ok') AS t");
      expect(t[0]).toEqual({ t: null });
    } finally {
      await db.close();
    }
  }, 60_000);
});

describe("migrations on a real PostgreSQL, instances starting together", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("apply each migration exactly once", async () => {
    const url = await server.freshDatabase("ik_race");
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: url, max: 2 }));
    // Extra migrations make the race window wide: each sleeps while holding its transaction.
    const dir = mkdtempSync(path.join(tmpdir(), "ik-mig-"));
    for (const name of ["20990101000000_slow_a", "20990101000001_slow_b"]) {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, "migration.sql"), `SELECT pg_sleep(0.2); CREATE TABLE "${name.slice(15)}" (id int);`);
    }
    const migrations = [...(await loadMigrations()), ...(await loadMigrations(dir))];
    try {
      const results = await Promise.all(pools.map((p) => migrate(pgRunner(p), migrations)));
      const applied = results.flat();
      expect(applied.sort()).toEqual(migrations.map((m) => m.name).sort());
      const rows = await pools[0].query('SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1');
      expect(rows.rows).toHaveLength(migrations.length);
      for (const r of rows.rows) expect(r.n).toBe(1);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  }, 60_000);
});
