// Applies pending migrations to the configured database (DATABASE_URL, else the embedded PGlite in the
// data folder) and exits. The console also does this itself at start.
import { configuredDbUrl, openDb } from "../lib/db";

const db = await openDb(configuredDbUrl());
const rows = await db.sql.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY 1');
console.log(`${db.kind}: ${rows.length} migration(s) applied: ${rows.map((r) => r.migration_name).join(", ")}`);
await db.close();
