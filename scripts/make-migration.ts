// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the schema
// as of the last migration (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma, using
// the Prisma CLI's WASM engine (`migrate dev` would need a native engine). Usage: npm run db:diff -- <name>
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <name_in_snake_case>");
  process.exit(2);
}
const snapshot = "prisma/migrations/schema.snapshot.prisma";
const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], { encoding: "utf8" });
if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
  console.log("schema.prisma has no change since the last migration");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join("prisma/migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
copyFileSync("prisma/schema.prisma", snapshot);
console.log(`wrote ${dir}/migration.sql — review it, then commit it with the snapshot`);
