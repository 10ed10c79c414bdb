import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { prisma } from "../db";
import { authOptions } from "./options";
import { findUserById } from "./users";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
}

/** The signed-in user, or null. Checks the user still exists, so a JWT outliving its user is refused. */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return findUserById(await prisma(), id);
}

/**
 * For every dashboard page and server action: the signed-in user, or a redirect to the sign-in page.
 * `callbackUrl` (a path on this site) brings the user back after signing in.
 */
export async function requireUser(callbackUrl?: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) {
    const back = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/projects";
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  }
  return user;
}
