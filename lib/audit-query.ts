// What a project's audit page shows: the project's events plus the sign-ins of its current members
// (sign-ins belong to no project). Output goes through a schema: targets are public ids and slugs only.
import type { PrismaClient, Prisma } from "@prisma/client";
import { z } from "zod";

export const AUDIT_PAGE_SIZE = 50;
/** Deep pages are refused rather than made into ever larger OFFSET scans. */
export const AUDIT_MAX_PAGE = 1000;

export const auditPageSchema = z.coerce.number().int().min(1).max(AUDIT_MAX_PAGE).catch(1);

const metadataValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))]);
// Audit writers only put public facts in metadata; whatever a future writer adds, a string shaped like
// a token secret never reaches a page.
const SECRET_SHAPE = /ik_(sdk|live)_[0-9a-f]{8}_[0-9a-f]{64}|[0-9a-f]{64}/;
const scrubOne = <T,>(x: T): T | "[hidden]" => (typeof x === "string" && SECRET_SHAPE.test(x) ? "[hidden]" : x);
const scrub = (v: z.infer<typeof metadataValue>): z.infer<typeof metadataValue> => (Array.isArray(v) ? v.map(scrubOne) : scrubOne(v));

export const auditEventViewSchema = z.object({
  id: z.string(),
  createdAt: z.date(),
  actorType: z.string(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  ip: z.string().nullable(),
  metadata: z
    .record(z.string(), metadataValue)
    .nullable()
    .catch(null)
    .transform((m) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, scrub(v)])) : null)),
});
export type AuditEventView = z.output<typeof auditEventViewSchema>;

export interface AuditPage {
  events: AuditEventView[];
  page: number;
  pageCount: number;
  total: number;
}

async function projectScope(db: PrismaClient, projectId: string): Promise<Prisma.AuditEventWhereInput> {
  const members = await db.membership.findMany({ where: { projectId }, select: { userId: true } });
  return {
    OR: [
      { projectId },
      { projectId: null, action: "user.sign_in", actorId: { in: members.map((m) => m.userId) } },
    ],
  };
}

/** Newest first, `AUDIT_PAGE_SIZE` per page; `page` is 1-based and clamped to what exists. */
export async function listAuditEvents(db: PrismaClient, projectId: string, page: unknown): Promise<AuditPage> {
  const where = await projectScope(db, projectId);
  const total = await db.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const p = Math.min(auditPageSchema.parse(page), pageCount);
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (p - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  return { events: rows.map((r) => auditEventViewSchema.parse(r)), page: p, pageCount, total };
}
