// The dashboard's own door, driven over HTTP the way a browser drives it: a next-auth credentials
// sign-in (CSRF token, callback, session cookie), then a server action called by its id from the
// production build's manifest. For tests that need a dashboard write to happen inside a particular
// console process (e.g. a revoke through instance A while B serves traffic).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { registerUser } from "../../lib/auth/users";
import type { Role } from "../../lib/access";

/** Creates a user with a password and makes them a member of the project. */
export async function seedMember(prisma: PrismaClient, projectId: string, role: Role, email: string, password = "test password 0123"): Promise<{ id: string; email: string; password: string }> {
  const user = await registerUser(prisma, { email, password });
  await prisma.membership.create({ data: { projectId, userId: user.id, role } });
  return { ...user, password };
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** Signs in with email and password; returns the Cookie header of the session. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return [...jar, session].join("; ");
}

/** The id of a server action in the current production build. */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!hit) throw new Error(`no server action ${exportedName} in ${file}: run npm run build`);
  return hit[0];
}

/** Calls a server action with plain arguments, as the page at `pagePath` would; returns the raw answer. */
export async function callAction(baseUrl: string, cookie: string, pagePath: string, id: string, args: unknown[]): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}${pagePath}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseUrl, cookie },
    body: JSON.stringify(args),
  });
  return { status: res.status, text: await res.text() };
}
