import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests stand beside lib/ code; API tests (test/api) run against real console processes.
// IK_TEST_DB=postgres runs the database-touching unit tests on a real PostgreSQL instead of PGlite.
export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["lib/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
