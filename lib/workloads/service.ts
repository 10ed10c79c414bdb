// Workload reads and writes for both doors (dashboard server actions and the control API).
import type { PrismaClient, Workload } from "@prisma/client";
import { recordAudit, type Actor } from "../audit";
import { seal } from "../crypto/seal";
import { newId } from "../ids";
import { invalidate } from "../tokens/invalidation";
import type { WorkloadInput, WorkloadPatch } from "./schema";

export type { Workload };

/** Upstream credential change: undefined = keep, null = clear, string = replace. */
export type UpstreamKeyChange = string | null | undefined;

export function listWorkloads(db: PrismaClient, projectId: string): Promise<Workload[]> {
  return db.workload.findMany({ where: { projectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export function getWorkload(db: PrismaClient, id: string): Promise<Workload | null> {
  return db.workload.findUnique({ where: { id } });
}

export function getWorkloadBySlug(db: PrismaClient, projectId: string, slug: string): Promise<Workload | null> {
  return db.workload.findUnique({ where: { projectId_slug: { projectId, slug } } });
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return err?.code === "P2002" || err?.cause?.code === "23505" || /unique constraint/i.test(err?.message ?? "");
}

export type CreateResult = { ok: true; workload: Workload } | { ok: false; code: "slug_taken"; message: string };

export async function createWorkload(
  db: PrismaClient,
  project: { id: string },
  input: WorkloadInput,
  actor: Actor,
  opts: { upstreamKey?: string | null; ip?: string | null } = {},
): Promise<CreateResult> {
  const id = newId("wl");
  try {
    const workload = await db.$transaction(async (tx) => {
      const w = await tx.workload.create({
        data: { id, projectId: project.id, ...input, upstreamKeySealed: opts.upstreamKey ? seal(opts.upstreamKey) : null },
      });
      await recordAudit(tx, {
        projectId: project.id,
        actor,
        action: "workload.create",
        target: { type: "workload", id: w.id, label: w.slug },
        ip: opts.ip,
      });
      return w;
    });
    // A gateway may hold a "no such workload" answer for this slug: drop it.
    await invalidate({ workloads: [workload.id], projects: [project.id] });
    return { ok: true, workload };
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, code: "slug_taken", message: `a workload with slug "${input.slug}" already exists in this project` };
    throw e;
  }
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The upstream key belongs to the model server it was set for: a change that moves the serving URL
 * to another origin (scheme, host, port), sets a first one or removes it, would otherwise send the
 * stored key to a server its owner never chose — and anyone who may edit a workload could do that.
 */
export function movesServingOrigin(workload: Pick<Workload, "servingUrl">, patch: WorkloadPatch): boolean {
  return patch.servingUrl !== undefined && originOf(patch.servingUrl) !== originOf(workload.servingUrl);
}

/** Applies `patch`. A stored upstream key that the change does not set again is cleared when the
 * serving URL moves to another origin (see movesServingOrigin), judged against the row as locked. */
export async function updateWorkload(
  db: PrismaClient,
  workload: Workload,
  patch: WorkloadPatch,
  actor: Actor,
  opts: { upstreamKey?: UpstreamKeyChange; ip?: string | null } = {},
): Promise<Workload> {
  const updated = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM workloads WHERE id = ${workload.id} FOR UPDATE`;
    const current = await tx.workload.findUniqueOrThrow({ where: { id: workload.id } });
    let key = opts.upstreamKey;
    if (key === undefined && current.upstreamKeySealed && movesServingOrigin(current, patch)) key = null;
    const data: Partial<Workload> = { ...patch };
    if (key !== undefined) data.upstreamKeySealed = key ? seal(key) : null;
    const fields = Object.keys(patch).concat(key !== undefined ? ["upstream_key"] : []);
    const w = await tx.workload.update({ where: { id: workload.id }, data });
    await recordAudit(tx, {
      projectId: workload.projectId,
      actor,
      action: "workload.update",
      target: { type: "workload", id: w.id, label: w.slug },
      metadata: key === null && opts.upstreamKey === undefined ? { fields, upstream_key_cleared: "serving URL moved to another origin" } : { fields },
      ip: opts.ip,
    });
    return w;
  });
  await invalidate({ workloads: [workload.id] });
  return updated;
}

export async function deleteWorkload(db: PrismaClient, workload: Workload, actor: Actor, opts: { ip?: string | null } = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.workload.delete({ where: { id: workload.id } });
    await recordAudit(tx, {
      projectId: workload.projectId,
      actor,
      action: "workload.delete",
      target: { type: "workload", id: workload.id, label: workload.slug },
      ip: opts.ip,
    });
  });
  await invalidate({ workloads: [workload.id] });
}

/**
 * Workload JSON for the control API (contract §3.3): string ids and timestamps; `config` and
 * `execution_policy_config` spliced in as the raw text received, so numbers keep their form.
 */
export function serializeWorkload(w: Workload, projectSlug: string): string {
  const base = JSON.stringify({
    id: w.id,
    project_id: w.projectId,
    project_slug: projectSlug,
    name: w.name,
    slug: w.slug,
    workload_slug: w.slug,
    description: w.description,
    task_type: w.taskType,
    backend: w.backend,
    model_name: w.modelName,
    worker_id: w.workerId,
    gpu_resource_id: w.gpuResourceId,
    execution_policy: w.executionPolicy,
    serving_url: w.servingUrl,
    has_upstream_key: w.upstreamKeySealed !== null,
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
  });
  return `${base.slice(0, -1)},"config":${w.configJson ?? "null"},"execution_policy_config":${w.executionPolicyConfigJson ?? "null"}}`;
}

export function serializeWorkloadList(ws: Workload[], projectSlug: string): string {
  return `[${ws.map((w) => serializeWorkload(w, projectSlug)).join(",")}]`;
}
