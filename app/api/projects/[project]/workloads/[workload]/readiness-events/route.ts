// Control plane: a workload's readiness as server-sent events (contract §3.6).
import { handle, methodNotAllowed, options } from "@/lib/control/handle";
import { readinessRoute } from "@/lib/control/readiness-route";
import { prisma } from "@/lib/db";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ project: string; workload: string }> };
const ALLOW = ["GET"];

export const GET = handle<Ctx>(async (request, { params }) => {
  const { project, workload } = await params;
  return readinessRoute(await prisma(), request, project, workload);
});
export const POST = methodNotAllowed(ALLOW);
export const PUT = methodNotAllowed(ALLOW);
export const PATCH = methodNotAllowed(ALLOW);
export const DELETE = methodNotAllowed(ALLOW);
export const OPTIONS = options(ALLOW);
