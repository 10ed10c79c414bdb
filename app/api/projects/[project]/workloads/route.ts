// Control plane: list and create a project's workloads (contract §3.1 L and C). [project] = slug.
import { handle, methodNotAllowed, options } from "@/lib/control/handle";
import { createRoute, listRoute } from "@/lib/control/operations";
import { prisma } from "@/lib/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ project: string }> };
const ALLOW = ["GET", "POST"];

export const GET = handle<Ctx>(async (request, { params }) => listRoute(await prisma(), request, (await params).project));
export const POST = handle<Ctx>(async (request, { params }) => createRoute(await prisma(), request, (await params).project));
export const PUT = methodNotAllowed(ALLOW);
export const PATCH = methodNotAllowed(ALLOW);
export const DELETE = methodNotAllowed(ALLOW);
export const OPTIONS = options(ALLOW);
