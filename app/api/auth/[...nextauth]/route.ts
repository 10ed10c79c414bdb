import NextAuth from "next-auth";
import { buildAuthOptions } from "@/lib/auth/options";
import { clientIp } from "@/lib/auth/request-ip";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so the sign-in audit event records the caller's address.
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, buildAuthOptions({ ip: clientIp(req.headers) }));
}

export { handler as GET, handler as POST };
