// Any /api/ path that no route serves: a JSON 404 like the rest of the API. Without this Next renders
// its HTML 404 page, and a POST with a multipart body to it is parsed as a form server action — a
// malformed body then made a 500.
import { ApiError, errorResponse } from "@/lib/http/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => errorResponse(new ApiError("not_found", "no such API route"));

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
