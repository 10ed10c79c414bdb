// The control plane's workload operations (contract §3.1), one function per route: authenticate,
// check scopes, validate with lib/workloads/schema, call the workload service, shape the answer.
import type { PrismaClient, Workload } from "@prisma/client";
import { clientIp } from "../auth/request-ip";
import { ApiError } from "../http/errors";
import { isIdOf } from "../ids";
import { LIMITS, parseCreateBody, parseUpdateBody, setsAssignment, type Parsed } from "../workloads/schema";
import { createWorkload, deleteWorkload, getWorkload, listWorkloads, serializeWorkload, serializeWorkloadList, updateWorkload } from "../workloads/service";
import { authenticate, requireScope, SCOPES, tokenActor, type ControlCaller } from "./auth";
import { readBody } from "./body";
import { jsonText } from "./handle";

/** A row deleted by a concurrent request between our read and our write: answer 404, not 500. */
async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if ((e as { code?: string })?.code === "P2025") throw new ApiError("not_found", "the workload no longer exists");
    throw e;
  }
}

function valueOrThrow<T>(p: Parsed<T>): T {
  if (p.ok) return p.value;
  throw new ApiError(p.code, p.message, undefined, p.issues);
}

function assignmentAllowed(caller: ControlCaller, change: Parameters<typeof setsAssignment>[0], current?: Workload): void {
  if (setsAssignment(change, current)) requireScope(caller.token, SCOPES.assignment);
}

export async function listRoute(db: PrismaClient, request: Request, projectSlug: string): Promise<Response> {
  const caller = await authenticate(db, request, projectSlug);
  requireScope(caller.token, SCOPES.read, SCOPES.write);
  return jsonText(serializeWorkloadList(await listWorkloads(db, caller.project.id), caller.project.slug));
}

export async function createRoute(db: PrismaClient, request: Request, projectSlug: string): Promise<Response> {
  const caller = await authenticate(db, request, projectSlug);
  requireScope(caller.token, SCOPES.write);
  // Any Content-Type (or none) is read as JSON: the SDK always sends application/json, and a body
  // that is not JSON fails as invalid_json anyway. Bearer auth means no browser form can reach here.
  const input = valueOrThrow(parseCreateBody(await readBody(request, LIMITS.body)));
  assignmentAllowed(caller, input);
  const created = await createWorkload(db, caller.project, input, tokenActor(caller.token), { ip: clientIp(request.headers) });
  if (!created.ok) throw new ApiError(created.code, created.message);
  return jsonText(serializeWorkload(created.workload, caller.project.slug), 201);
}

/** The workload `id` when it belongs to the caller's project; another project's is "not found" too. */
async function ownWorkload(db: PrismaClient, caller: ControlCaller, id: string): Promise<Workload> {
  const w = isIdOf("wl", id) ? await getWorkload(db, id) : null;
  if (!w || w.projectId !== caller.project.id) throw new ApiError("not_found", "no such workload in this token's project");
  return w;
}

export async function updateRoute(db: PrismaClient, request: Request, id: string): Promise<Response> {
  const caller = await authenticate(db, request);
  requireScope(caller.token, SCOPES.write);
  const workload = await ownWorkload(db, caller, id);
  const patch = valueOrThrow(parseUpdateBody(await readBody(request, LIMITS.body)));
  assignmentAllowed(caller, patch, workload);
  const updated = await orNotFound(updateWorkload(db, workload, patch, tokenActor(caller.token), { ip: clientIp(request.headers) }));
  return jsonText(serializeWorkload(updated, caller.project.slug));
}

export async function deleteRoute(db: PrismaClient, request: Request, id: string): Promise<Response> {
  const caller = await authenticate(db, request);
  requireScope(caller.token, SCOPES.write);
  const workload = await ownWorkload(db, caller, id);
  await orNotFound(deleteWorkload(db, workload, tokenActor(caller.token), { ip: clientIp(request.headers) }));
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
