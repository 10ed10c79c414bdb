import type { SqlSession } from "./sql";

/**
 * A comparable description of the public schema (tables, columns, enums, indexes, constraints),
 * leaving out the migrations bookkeeping table and column order. Used to prove that the committed
 * migrations build exactly the schema in prisma/schema.prisma.
 */
export async function describeSchema(s: SqlSession): Promise<Record<string, unknown[]>> {
  const skip = "'_prisma_migrations'";
  return {
    columns: await s.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> ${skip}
       ORDER BY table_name, column_name`,
    ),
    enums: await s.query(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'
       ORDER BY t.typname, e.enumsortorder`,
    ),
    indexes: await s.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename <> ${skip} ORDER BY tablename, indexname`,
    ),
    constraints: await s.query(
      `SELECT cl.relname AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE n.nspname = 'public' AND cl.relname <> ${skip} ORDER BY cl.relname, c.conname`,
    ),
  };
}
