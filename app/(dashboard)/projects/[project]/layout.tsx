import { ProjectNav } from "@/components/layout/project-nav";
import { Badge } from "@/components/ui/badge";
import { requireUser } from "@/lib/auth/session";
import { getProjectForMember } from "@/lib/projects";

type Props = { children: React.ReactNode; params: Promise<{ project: string }> };

// Each page names itself in its title (the overview names the project); see next.config.ts for why
// metadata is never streamed.
export default async function ProjectLayout({ children, params }: Props) {
  const { project: slug } = await params;
  const user = await requireUser(`/projects/${slug}`);
  const { project, role } = await getProjectForMember(slug, user.id);
  return (
    <div>
      <div className="mb-6 border-b border-slate-200">
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <p className="text-lg font-semibold text-slate-900" data-testid="project-name">
            {project.name}
          </p>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{project.slug}</code>
          <Badge tone={role === "viewer" ? "neutral" : "info"}>
            <span className="sr-only">Your role: </span>
            {role}
          </Badge>
        </div>
        <ProjectNav slug={project.slug} />
      </div>
      {children}
    </div>
  );
}
