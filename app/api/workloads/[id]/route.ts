// Control plane: change or delete one workload by id (contract §3.1 U and D).
import { handle, methodNotAllowed, options } from "@/lib/control/handle";
import { deleteRoute, updateRoute } from "@/lib/control/operations";
import { prisma } from "@/lib/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };
const ALLOW = ["PATCH", "DELETE"];

export const PATCH = handle<Ctx>(async (request, { params }) => updateRoute(await prisma(), request, (await params).id));
export const DELETE = handle<Ctx>(async (request, { params }) => deleteRoute(await prisma(), request, (await params).id));
export const GET = methodNotAllowed(ALLOW);
export const HEAD = methodNotAllowed(ALLOW);
export const POST = methodNotAllowed(ALLOW);
export const PUT = methodNotAllowed(ALLOW);
export const OPTIONS = options(ALLOW);
