import type { Prisma, PrismaClient } from "@prisma/client";
import { newId } from "./ids";

export type Actor =
  | { type: "user"; id: string; label: string }
  | { type: "token"; id: string; label: string } // id = the token's public id, never a secret
  | { type: "system"; id?: undefined; label: string };

export interface AuditInput {
  projectId: string | null;
  actor: Actor;
  action: string; // e.g. token.mint, token.rotate, token.revoke, workload.create, member.add, user.sign_in
  target?: { type: string; id: string; label?: string };
  metadata?: Prisma.InputJsonValue;
  ip?: string | null;
}

type Client = PrismaClient | Prisma.TransactionClient;

/** Records one audit event. Callers pass no secrets: targets are public ids, names and slugs. */
export async function recordAudit(db: Client, e: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      id: newId("evt"),
      projectId: e.projectId,
      actorType: e.actor.type,
      actorId: e.actor.id ?? null,
      actorLabel: e.actor.label,
      action: e.action,
      targetType: e.target?.type ?? null,
      targetId: e.target?.id ?? null,
      targetLabel: e.target?.label ?? null,
      metadata: e.metadata,
      ip: e.ip ?? null,
    },
  });
}
