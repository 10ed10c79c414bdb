import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listProjectsForUser } from "@/lib/projects";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const user = await requireUser("/projects");
  const projects = await listProjectsForUser(await prisma(), user.id);
  return (
    <>
      <PageHeader title="Projects" description="Each project has its own workloads, members, control tokens and data keys." actions={<ButtonLink href="/projects/new">New project</ButtonLink>} />
      {projects.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">You are not in any project yet. Create one, or ask a project owner to add you by your email address ({user.email}).</p>
        </Card>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Your projects">
          {projects.map(({ project, role }) => (
            <li key={project.id}>
              <Link
                href={`/projects/${project.slug}`}
                className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="font-medium text-slate-900">{project.name}</span>
                  <Badge tone={role === "owner" ? "info" : "neutral"}>{role}</Badge>
                </span>
                <span className="mt-1 block font-mono text-xs text-slate-600">{project.slug}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
