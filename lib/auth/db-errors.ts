/**
 * A unique-index violation, whichever way it arrives: Prisma's P2002 (pg adapter) or the raw
 * driver error with SQLSTATE 23505 (PGlite adapter, and inside interactive transactions).
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } } | null;
  return err?.code === "P2002" || err?.cause?.code === "23505" || /unique constraint/i.test(err?.message ?? "");
}
