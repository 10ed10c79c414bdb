// A fresh, migrated database for a unit test: in-memory PGlite by default, a fresh database on a real
// PostgreSQL when IK_TEST_DB=postgres (one embedded server per test file).
import { openDb, type Db } from "../../lib/db";
import { startPostgres, type TestPostgres } from "./postgres";

let server: TestPostgres | null = null;

export const testDbKind = process.env.IK_TEST_DB === "postgres" ? "postgres" : "pglite";

export async function freshDb(): Promise<Db> {
  if (testDbKind === "postgres") {
    server ??= await startPostgres();
    return openDb(await server.freshDatabase());
  }
  return openDb("memory://");
}

export async function stopTestPostgres(): Promise<void> {
  await server?.stop();
  server = null;
}
