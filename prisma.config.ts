import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

// The CLI runs on its bundled WASM engine with an in-memory PGlite: nothing native is downloaded.
// It is only used for `prisma generate` and `prisma migrate diff` (scripts/make-migration.ts).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaPGlite(new PGlite());
  },
});
