// The browser journeys again, with the console on a real PostgreSQL (TEST_DATABASE_URL, or an
// embedded one): a fresh database, `playwright test` against it, then the leak scan of that database
// and the server log while the database server is still up.
//
//   npx tsx scripts/e2e-postgres.ts [playwright args…]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { startPostgres } from "../test/support/postgres";
import { leakScan } from "./leak-scan";

const pg = await startPostgres();
let code = 1;
try {
  const url = await pg.freshDatabase("ik_e2e");
  const runId = `pg-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  const run = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_DATABASE_URL: url,
      E2E_PORT: process.env.E2E_PG_PORT || "3101",
      E2E_RUN_ID: runId,
      E2E_DATA_DIR: path.resolve(".data", `e2e-${runId}`),
      E2E_LOG_FILE: path.resolve("test-results", "server-postgres.log"),
    },
  });
  code = run.status ?? 1;
  if (code === 0) {
    const r = await leakScan();
    if (r.ok) console.log(`leak scan (PostgreSQL): ${r.tokens} minted tokens, ${r.files} files and ${r.rows} database rows scanned, no plaintext found`);
    else {
      console.error(`leak scan (PostgreSQL) FAILED (${r.tokens} tokens):\n  ${r.hits.join("\n  ")}`);
      code = 1;
    }
  }
} finally {
  await pg.stop();
}
process.exit(code);
